"""ctypes access to the kernkompas C API (``libkernkompas.so.0``) for tools that only have ctypes.

A GIS tool's Python (QGIS, ArcGIS Pro, FME) usually cannot load the compiled ``kernkompas``
package, but it always has ``ctypes``. This module needs nothing else: it loads the shared
library and declares every ``kk_`` function of ``kernkompas.h`` with its argument and
result types, so calls are type-checked and no tool writes its own declarations.

The declarations below are generated from the header (``python capi.py --regenerate
kernkompas.h``); ``tests/python/test_capi_wrapper.py`` regenerates them from the header of
the source tree and fails when they differ, so they cannot drift.

This file imports nothing from the rest of the package, so it can be copied alone (the
QGIS plugin carries a copy).

Example::

    from kernkompas import capi
    kk = capi.load()
    with capi.Context(kk) as ctx:
        project = capi.handle("kk_project")
        ctx.check(kk.kk_project_open_default(ctx.pointer, None, ctypes.byref(project)))
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import sys
from pathlib import Path

__all__ = ["load", "find_library", "Context", "KernkompasCError", "PROGRESS", "handle",
           "ctype_of", "parse_header", "render_declarations", "FUNCTIONS", "STRUCTS",
           "CONSTANTS", "LIBRARY_NAME"]

LIBRARY_NAME = "libkernkompas.so.0"

# --- generated from kernkompas.h: begin (python capi.py --regenerate kernkompas.h) ---
# fmt: off
FUNCTIONS = {
    'kk_version': ('const char*', []),
    'kk_status_string': ('const char*', [('kk_status', 'status')]),
    'kk_context_create': ('kk_status', [('kk_context**', 'out')]),
    'kk_context_destroy': ('void', [('kk_context*', 'ctx')]),
    'kk_context_last_error': ('const char*', [('const kk_context*', 'ctx')]),
    'kk_options_create': ('kk_status', [('kk_context*', 'ctx'), ('kk_options**', 'out')]),
    'kk_options_destroy': ('void', [('kk_options*', 'options')]),
    'kk_options_set_threads': ('kk_status', [('kk_context*', 'ctx'), ('kk_options*', 'options'), ('unsigned', 'threads')]),
    'kk_options_set_progress': ('kk_status', [('kk_context*', 'ctx'), ('kk_options*', 'options'), ('kk_progress_fn', 'fn'), ('void*', 'user')]),
    'kk_options_set_internal': ('kk_status', [('kk_context*', 'ctx'), ('kk_options*', 'options'), ('int', 'internal')]),
    'kk_options_set_seed': ('kk_status', [('kk_context*', 'ctx'), ('kk_options*', 'options'), ('uint64_t', 'seed')]),
    'kk_options_set_integer': ('kk_status', [('kk_context*', 'ctx'), ('kk_options*', 'options'), ('const char*', 'name'), ('int64_t', 'value')]),
    'kk_options_set_real': ('kk_status', [('kk_context*', 'ctx'), ('kk_options*', 'options'), ('const char*', 'name'), ('double', 'value')]),
    'kk_options_set_text': ('kk_status', [('kk_context*', 'ctx'), ('kk_options*', 'options'), ('const char*', 'name'), ('const char*', 'value')]),
    'kk_options_set_boolean': ('kk_status', [('kk_context*', 'ctx'), ('kk_options*', 'options'), ('const char*', 'name'), ('int', 'value')]),
    'kk_option_count': ('kk_status', [('kk_context*', 'ctx'), ('size_t*', 'out')]),
    'kk_option_name': ('kk_status', [('kk_context*', 'ctx'), ('size_t', 'index'), ('const char**', 'out')]),
    'kk_option_type_of': ('kk_status', [('kk_context*', 'ctx'), ('size_t', 'index'), ('kk_option_type*', 'out')]),
    'kk_option_default': ('kk_status', [('kk_context*', 'ctx'), ('size_t', 'index'), ('const char**', 'out')]),
    'kk_option_allowed': ('kk_status', [('kk_context*', 'ctx'), ('size_t', 'index'), ('const char**', 'out')]),
    'kk_option_range': ('kk_status', [('kk_context*', 'ctx'), ('size_t', 'index'), ('double*', 'min'), ('double*', 'max')]),
    'kk_option_choice_count': ('kk_status', [('kk_context*', 'ctx'), ('size_t', 'index'), ('size_t*', 'out')]),
    'kk_option_choice': ('kk_status', [('kk_context*', 'ctx'), ('size_t', 'index'), ('size_t', 'choice'), ('const char**', 'out')]),
    'kk_option_unit': ('kk_status', [('kk_context*', 'ctx'), ('size_t', 'index'), ('const char**', 'out')]),
    'kk_option_doc': ('kk_status', [('kk_context*', 'ctx'), ('size_t', 'index'), ('const char**', 'out')]),
    'kk_project_open_default': ('kk_status', [('kk_context*', 'ctx'), ('const kk_options*', 'options'), ('kk_project**', 'out')]),
    'kk_project_open_config': ('kk_status', [('kk_context*', 'ctx'), ('const char*', 'config_path'), ('const kk_options*', 'options'), ('kk_project**', 'out')]),
    'kk_project_create': ('kk_status', [('kk_context*', 'ctx'), ('const char*', 'area_name'), ('const char*', 'working_crs'), ('kk_project**', 'out')]),
    'kk_project_set_kernen_wkb': ('kk_status', [('kk_context*', 'ctx'), ('kk_project*', 'project'), ('size_t', 'count'), ('const unsigned char* const*', 'wkb'), ('const size_t*', 'wkb_size_bytes'), ('const char* const*', 'names'), ('const char* const*', 'codes'), ('const char*', 'crs')]),
    'kk_project_set_kern_real': ('kk_status', [('kk_context*', 'ctx'), ('kk_project*', 'project'), ('const char*', 'field'), ('const double*', 'values'), ('size_t', 'stride_bytes'), ('size_t', 'count')]),
    'kk_project_set_kern_text': ('kk_status', [('kk_context*', 'ctx'), ('kk_project*', 'project'), ('const char*', 'field'), ('const char* const*', 'values'), ('size_t', 'count')]),
    'kk_project_set_locations_xy': ('kk_status', [('kk_context*', 'ctx'), ('kk_project*', 'project'), ('size_t', 'count'), ('const double*', 'x'), ('size_t', 'x_stride_bytes'), ('const double*', 'y'), ('size_t', 'y_stride_bytes'), ('const char*', 'crs')]),
    'kk_project_set_location_real': ('kk_status', [('kk_context*', 'ctx'), ('kk_project*', 'project'), ('const char*', 'field'), ('const double*', 'values'), ('size_t', 'stride_bytes'), ('size_t', 'count')]),
    'kk_project_set_location_integer': ('kk_status', [('kk_context*', 'ctx'), ('kk_project*', 'project'), ('const char*', 'field'), ('const int32_t*', 'values'), ('size_t', 'stride_bytes'), ('size_t', 'count')]),
    'kk_project_set_location_text': ('kk_status', [('kk_context*', 'ctx'), ('kk_project*', 'project'), ('const char*', 'field'), ('const char* const*', 'values'), ('size_t', 'count')]),
    'kk_project_set_snapshot_date': ('kk_status', [('kk_context*', 'ctx'), ('kk_project*', 'project'), ('const char*', 'iso_date')]),
    'kk_project_kern_count': ('kk_status', [('kk_context*', 'ctx'), ('const kk_project*', 'project'), ('size_t*', 'out')]),
    'kk_project_location_count': ('kk_status', [('kk_context*', 'ctx'), ('const kk_project*', 'project'), ('size_t*', 'out')]),
    'kk_project_area_name': ('kk_status', [('kk_context*', 'ctx'), ('const kk_project*', 'project'), ('const char**', 'out')]),
    'kk_project_working_crs': ('kk_status', [('kk_context*', 'ctx'), ('const kk_project*', 'project'), ('const char**', 'out')]),
    'kk_project_note_count': ('kk_status', [('kk_context*', 'ctx'), ('const kk_project*', 'project'), ('size_t*', 'out')]),
    'kk_project_note': ('kk_status', [('kk_context*', 'ctx'), ('const kk_project*', 'project'), ('size_t', 'index'), ('const char**', 'out')]),
    'kk_project_destroy': ('void', [('kk_project*', 'project')]),
    'kk_analysis_run': ('kk_status', [('kk_context*', 'ctx'), ('const kk_project*', 'project'), ('const kk_options*', 'options'), ('kk_result**', 'out')]),
    'kk_result_destroy': ('void', [('kk_result*', 'result')]),
    'kk_result_location_count': ('kk_status', [('kk_context*', 'ctx'), ('const kk_result*', 'result'), ('size_t*', 'out')]),
    'kk_result_location_id': ('kk_status', [('kk_context*', 'ctx'), ('const kk_result*', 'result'), ('size_t', 'index'), ('const char**', 'out')]),
    'kk_result_kern_count': ('kk_status', [('kk_context*', 'ctx'), ('const kk_result*', 'result'), ('size_t*', 'out')]),
    'kk_result_kern_name': ('kk_status', [('kk_context*', 'ctx'), ('const kk_result*', 'result'), ('size_t', 'kern'), ('const char**', 'out')]),
    'kk_result_kern_code': ('kk_status', [('kk_context*', 'ctx'), ('const kk_result*', 'result'), ('size_t', 'kern'), ('const char**', 'out')]),
    'kk_result_location_kern_index': ('kk_status', [('kk_context*', 'ctx'), ('const kk_result*', 'result'), ('int32_t*', 'out'), ('size_t', 'capacity')]),
    'kk_result_location_kern_index_data': ('kk_status', [('kk_context*', 'ctx'), ('const kk_result*', 'result'), ('const int32_t**', 'out'), ('size_t*', 'count')]),
    'kk_result_table_count': ('kk_status', [('kk_context*', 'ctx'), ('const kk_result*', 'result'), ('size_t*', 'out')]),
    'kk_result_table_name': ('kk_status', [('kk_context*', 'ctx'), ('const kk_result*', 'result'), ('size_t', 'index'), ('const char**', 'out')]),
    'kk_result_row_count': ('kk_status', [('kk_context*', 'ctx'), ('const kk_result*', 'result'), ('const char*', 'table'), ('size_t*', 'out')]),
    'kk_result_column_count': ('kk_status', [('kk_context*', 'ctx'), ('const kk_result*', 'result'), ('const char*', 'table'), ('size_t*', 'out')]),
    'kk_result_column_name': ('kk_status', [('kk_context*', 'ctx'), ('const kk_result*', 'result'), ('const char*', 'table'), ('size_t', 'index'), ('const char**', 'out')]),
    'kk_result_column_type': ('kk_status', [('kk_context*', 'ctx'), ('const kk_result*', 'result'), ('const char*', 'table'), ('const char*', 'column'), ('kk_column_type*', 'out')]),
    'kk_result_column_unit': ('kk_status', [('kk_context*', 'ctx'), ('const kk_result*', 'result'), ('const char*', 'table'), ('const char*', 'column'), ('const char**', 'out')]),
    'kk_result_column_description': ('kk_status', [('kk_context*', 'ctx'), ('const kk_result*', 'result'), ('const char*', 'table'), ('const char*', 'column'), ('const char**', 'out')]),
    'kk_result_real_column': ('kk_status', [('kk_context*', 'ctx'), ('const kk_result*', 'result'), ('const char*', 'table'), ('const char*', 'column'), ('double*', 'out'), ('size_t', 'capacity')]),
    'kk_result_integer_column': ('kk_status', [('kk_context*', 'ctx'), ('const kk_result*', 'result'), ('const char*', 'table'), ('const char*', 'column'), ('int64_t*', 'out'), ('size_t', 'capacity')]),
    'kk_result_real_column_data': ('kk_status', [('kk_context*', 'ctx'), ('const kk_result*', 'result'), ('const char*', 'table'), ('const char*', 'column'), ('const double**', 'out'), ('size_t*', 'count')]),
    'kk_result_integer_column_data': ('kk_status', [('kk_context*', 'ctx'), ('const kk_result*', 'result'), ('const char*', 'table'), ('const char*', 'column'), ('const int64_t**', 'out'), ('size_t*', 'count')]),
    'kk_result_text_cell': ('kk_status', [('kk_context*', 'ctx'), ('const kk_result*', 'result'), ('const char*', 'table'), ('const char*', 'column'), ('size_t', 'row'), ('const char**', 'out')]),
    'kk_result_is_internal': ('kk_status', [('kk_context*', 'ctx'), ('const kk_result*', 'result'), ('int*', 'out')]),
    'kk_result_table_grain': ('kk_status', [('kk_context*', 'ctx'), ('const kk_result*', 'result'), ('const char*', 'table'), ('const char**', 'out')]),
    'kk_result_table_key_count': ('kk_status', [('kk_context*', 'ctx'), ('const kk_result*', 'result'), ('const char*', 'table'), ('size_t*', 'out')]),
    'kk_result_table_key': ('kk_status', [('kk_context*', 'ctx'), ('const kk_result*', 'result'), ('const char*', 'table'), ('size_t', 'index'), ('const char**', 'out')]),
    'kk_result_raster_count': ('kk_status', [('kk_context*', 'ctx'), ('const kk_result*', 'result'), ('size_t*', 'out')]),
    'kk_result_raster_name': ('kk_status', [('kk_context*', 'ctx'), ('const kk_result*', 'result'), ('size_t', 'index'), ('const char**', 'out')]),
    'kk_result_raster_size': ('kk_status', [('kk_context*', 'ctx'), ('const kk_result*', 'result'), ('const char*', 'raster'), ('size_t*', 'columns'), ('size_t*', 'rows')]),
    'kk_result_raster_geotransform': ('kk_status', [('kk_context*', 'ctx'), ('const kk_result*', 'result'), ('const char*', 'raster'), ('double*', 'out')]),
    'kk_result_raster_data': ('kk_status', [('kk_context*', 'ctx'), ('const kk_result*', 'result'), ('const char*', 'raster'), ('const double**', 'out'), ('size_t*', 'count')]),
    'kk_result_table_has_geometry': ('kk_status', [('kk_context*', 'ctx'), ('const kk_result*', 'result'), ('const char*', 'table'), ('int*', 'out')]),
    'kk_result_geometry_wkb_size': ('kk_status', [('kk_context*', 'ctx'), ('const kk_result*', 'result'), ('const char*', 'table'), ('size_t', 'row'), ('size_t*', 'out')]),
    'kk_result_geometry_wkb': ('kk_status', [('kk_context*', 'ctx'), ('const kk_result*', 'result'), ('const char*', 'table'), ('size_t', 'row'), ('unsigned char*', 'out'), ('size_t', 'capacity_bytes')]),
    'kk_result_write': ('kk_status', [('kk_context*', 'ctx'), ('const kk_result*', 'result'), ('const char*', 'out_dir')]),
    'kk_result_write_table_csv': ('kk_status', [('kk_context*', 'ctx'), ('const kk_result*', 'result'), ('const char*', 'table'), ('const char*', 'path')]),
    'kk_weights_from_distance_band': ('kk_status', [('kk_context*', 'ctx'), ('size_t', 'count'), ('const double*', 'x'), ('size_t', 'x_stride_bytes'), ('const double*', 'y'), ('size_t', 'y_stride_bytes'), ('double', 'threshold_m'), ('kk_weights**', 'out')]),
    'kk_weights_from_csr': ('kk_status', [('kk_context*', 'ctx'), ('size_t', 'count'), ('const uint64_t*', 'offsets'), ('const uint32_t*', 'neighbours'), ('const double*', 'weights'), ('size_t', 'nonzero_count'), ('kk_weights**', 'out')]),
    'kk_weights_size': ('kk_status', [('kk_context*', 'ctx'), ('const kk_weights*', 'weights'), ('size_t*', 'out')]),
    'kk_weights_nonzero_count': ('kk_status', [('kk_context*', 'ctx'), ('const kk_weights*', 'weights'), ('size_t*', 'out')]),
    'kk_weights_destroy': ('void', [('kk_weights*', 'weights')]),
    'kk_gi_star_options_create': ('kk_status', [('kk_context*', 'ctx'), ('kk_gi_star_options**', 'out')]),
    'kk_gi_star_options_destroy': ('void', [('kk_gi_star_options*', 'options')]),
    'kk_gi_star_options_set_self_weight': ('kk_status', [('kk_context*', 'ctx'), ('kk_gi_star_options*', 'options'), ('double', 'self_weight')]),
    'kk_gi_star_options_set_permutations': ('kk_status', [('kk_context*', 'ctx'), ('kk_gi_star_options*', 'options'), ('uint32_t', 'permutations')]),
    'kk_gi_star_options_set_seed': ('kk_status', [('kk_context*', 'ctx'), ('kk_gi_star_options*', 'options'), ('uint64_t', 'seed')]),
    'kk_gi_star_options_set_threads': ('kk_status', [('kk_context*', 'ctx'), ('kk_gi_star_options*', 'options'), ('unsigned', 'threads')]),
    'kk_gi_star_options_set_fdr_alpha': ('kk_status', [('kk_context*', 'ctx'), ('kk_gi_star_options*', 'options'), ('double', 'alpha')]),
    'kk_gi_star_options_set_progress': ('kk_status', [('kk_context*', 'ctx'), ('kk_gi_star_options*', 'options'), ('kk_progress_fn', 'fn'), ('void*', 'user')]),
    'kk_stats_gi_star': ('kk_status', [('kk_context*', 'ctx'), ('const kk_weights*', 'weights'), ('const double*', 'values'), ('size_t', 'stride_bytes'), ('size_t', 'count'), ('const kk_gi_star_options*', 'options'), ('double*', 'z'), ('double*', 'p_norm'), ('double*', 'p_sim'), ('uint8_t*', 'fdr_significant'), ('size_t', 'capacity')]),
    'kk_stats_fdr': ('kk_status', [('kk_context*', 'ctx'), ('const double*', 'p_values'), ('size_t', 'stride_bytes'), ('size_t', 'count'), ('double', 'alpha'), ('uint8_t*', 'out'), ('size_t', 'capacity')]),
    'kk_stats_wilson_interval': ('kk_status', [('kk_context*', 'ctx'), ('int64_t', 'successes'), ('int64_t', 'trials'), ('double', 'confidence'), ('double*', 'low'), ('double*', 'high')]),
    'kk_stats_wilson_intervals': ('kk_status', [('kk_context*', 'ctx'), ('size_t', 'count'), ('const int64_t*', 'successes'), ('size_t', 'successes_stride_bytes'), ('const int64_t*', 'trials'), ('size_t', 'trials_stride_bytes'), ('double', 'confidence'), ('double*', 'low'), ('double*', 'high'), ('size_t', 'capacity')]),
    'kk_stats_kernel_density': ('kk_status', [('kk_context*', 'ctx'), ('size_t', 'count'), ('const double*', 'x'), ('const double*', 'y'), ('const double*', 'weights'), ('const char*', 'kernel'), ('double', 'bandwidth'), ('double', 'origin_x'), ('double', 'origin_y'), ('double', 'cell_size'), ('size_t', 'columns'), ('size_t', 'rows'), ('int64_t', 'disclosure_k'), ('unsigned', 'threads'), ('double*', 'density'), ('int64_t*', 'units_in_reach'), ('size_t', 'capacity')]),
    'kk_stats_nearest_neighbours': ('kk_status', [('kk_context*', 'ctx'), ('size_t', 'count'), ('const double*', 'x'), ('size_t', 'x_stride_bytes'), ('const double*', 'y'), ('size_t', 'y_stride_bytes'), ('unsigned', 'threads'), ('double*', 'distance'), ('uint32_t*', 'neighbour'), ('size_t', 'capacity')]),
    'kk_stats_clark_evans': ('kk_status', [('kk_context*', 'ctx'), ('size_t', 'count'), ('const double*', 'x'), ('size_t', 'x_stride_bytes'), ('const double*', 'y'), ('size_t', 'y_stride_bytes'), ('double', 'area'), ('double', 'perimeter'), ('unsigned', 'threads'), ('double*', 'mean_distance'), ('kk_clark_evans_test*', 'plain'), ('kk_clark_evans_test*', 'donnelly')]),
    'kk_stats_dbscan': ('kk_status', [('kk_context*', 'ctx'), ('size_t', 'count'), ('const double*', 'x'), ('size_t', 'x_stride_bytes'), ('const double*', 'y'), ('size_t', 'y_stride_bytes'), ('double', 'eps'), ('uint32_t', 'min_samples'), ('unsigned', 'threads'), ('int32_t*', 'labels'), ('uint8_t*', 'core'), ('size_t', 'capacity'), ('int32_t*', 'cluster_count')]),
    'kk_ripley_options_create': ('kk_status', [('kk_context*', 'ctx'), ('kk_ripley_options**', 'out')]),
    'kk_ripley_options_destroy': ('void', [('kk_ripley_options*', 'options')]),
    'kk_ripley_options_set_simulations': ('kk_status', [('kk_context*', 'ctx'), ('kk_ripley_options*', 'options'), ('uint32_t', 'simulations')]),
    'kk_ripley_options_set_envelope_rank': ('kk_status', [('kk_context*', 'ctx'), ('kk_ripley_options*', 'options'), ('uint32_t', 'rank')]),
    'kk_ripley_options_set_seed': ('kk_status', [('kk_context*', 'ctx'), ('kk_ripley_options*', 'options'), ('uint64_t', 'seed')]),
    'kk_ripley_options_set_threads': ('kk_status', [('kk_context*', 'ctx'), ('kk_ripley_options*', 'options'), ('unsigned', 'threads')]),
    'kk_ripley_options_set_progress': ('kk_status', [('kk_context*', 'ctx'), ('kk_ripley_options*', 'options'), ('kk_progress_fn', 'fn'), ('void*', 'user')]),
    'kk_stats_ripley': ('kk_status', [('kk_context*', 'ctx'), ('size_t', 'count'), ('const double*', 'x'), ('size_t', 'x_stride_bytes'), ('const double*', 'y'), ('size_t', 'y_stride_bytes'), ('const unsigned char*', 'window_wkb'), ('size_t', 'window_wkb_size'), ('const double*', 'distances_m'), ('size_t', 'distance_count'), ('const kk_ripley_options*', 'options'), ('double*', 'k'), ('double*', 'l'), ('double*', 'h'), ('double*', 'k_uncorrected'), ('double*', 'l_lo'), ('double*', 'l_hi'), ('size_t', 'capacity')]),
    'kk_stats_location_quotients': ('kk_status', [('kk_context*', 'ctx'), ('const double*', 'counts'), ('size_t', 'area_count'), ('size_t', 'category_count'), ('const double*', 'reference'), ('double*', 'out'), ('size_t', 'capacity')]),
    'kk_stats_diversity': ('kk_status', [('kk_context*', 'ctx'), ('const double*', 'counts'), ('size_t', 'area_count'), ('size_t', 'category_count'), ('double*', 'shannon'), ('double*', 'evenness'), ('double*', 'evenness_all'), ('double*', 'hhi'), ('uint32_t*', 'categories_present'), ('size_t', 'capacity')]),
    'kk_colocation_options_create': ('kk_status', [('kk_context*', 'ctx'), ('kk_colocation_options**', 'out')]),
    'kk_colocation_options_destroy': ('void', [('kk_colocation_options*', 'options')]),
    'kk_colocation_options_set_permutations': ('kk_status', [('kk_context*', 'ctx'), ('kk_colocation_options*', 'options'), ('uint32_t', 'permutations')]),
    'kk_colocation_options_set_seed': ('kk_status', [('kk_context*', 'ctx'), ('kk_colocation_options*', 'options'), ('uint64_t', 'seed')]),
    'kk_colocation_options_set_threads': ('kk_status', [('kk_context*', 'ctx'), ('kk_colocation_options*', 'options'), ('unsigned', 'threads')]),
    'kk_colocation_options_set_progress': ('kk_status', [('kk_context*', 'ctx'), ('kk_colocation_options*', 'options'), ('kk_progress_fn', 'fn'), ('void*', 'user')]),
    'kk_stats_colocation_quotient': ('kk_status', [('kk_context*', 'ctx'), ('size_t', 'count'), ('const double*', 'x'), ('size_t', 'x_stride_bytes'), ('const double*', 'y'), ('size_t', 'y_stride_bytes'), ('const int32_t*', 'category'), ('size_t', 'category_stride_bytes'), ('int32_t', 'a'), ('int32_t', 'b'), ('const kk_colocation_options*', 'options'), ('double*', 'clq'), ('double*', 'count_ab'), ('double*', 'p_sim')]),
    'kk_weights_from_contiguity': ('kk_status', [('kk_context*', 'ctx'), ('size_t', 'count'), ('const unsigned char* const*', 'wkb'), ('const size_t*', 'wkb_size_bytes'), ('int', 'kind'), ('kk_weights**', 'out')]),
    'kk_weights_from_knn': ('kk_status', [('kk_context*', 'ctx'), ('size_t', 'count'), ('const double*', 'x'), ('size_t', 'x_stride_bytes'), ('const double*', 'y'), ('size_t', 'y_stride_bytes'), ('uint32_t', 'k'), ('kk_weights**', 'out')]),
    'kk_weights_from_inverse_distance_band': ('kk_status', [('kk_context*', 'ctx'), ('size_t', 'count'), ('const double*', 'x'), ('size_t', 'x_stride_bytes'), ('const double*', 'y'), ('size_t', 'y_stride_bytes'), ('double', 'threshold_m'), ('double', 'power'), ('kk_weights**', 'out')]),
    'kk_weights_row_standardised': ('kk_status', [('kk_context*', 'ctx'), ('const kk_weights*', 'weights'), ('kk_weights**', 'out')]),
    'kk_weights_island_count': ('kk_status', [('kk_context*', 'ctx'), ('const kk_weights*', 'weights'), ('size_t*', 'out')]),
    'kk_weights_neighbours': ('kk_status', [('kk_context*', 'ctx'), ('const kk_weights*', 'weights'), ('size_t', 'index'), ('uint32_t*', 'neighbours'), ('double*', 'values'), ('size_t', 'capacity'), ('size_t*', 'count')]),
    'kk_moran_options_create': ('kk_status', [('kk_context*', 'ctx'), ('kk_moran_options**', 'out')]),
    'kk_moran_options_destroy': ('void', [('kk_moran_options*', 'options')]),
    'kk_moran_options_set_permutations': ('kk_status', [('kk_context*', 'ctx'), ('kk_moran_options*', 'options'), ('uint32_t', 'permutations')]),
    'kk_moran_options_set_seed': ('kk_status', [('kk_context*', 'ctx'), ('kk_moran_options*', 'options'), ('uint64_t', 'seed')]),
    'kk_moran_options_set_threads': ('kk_status', [('kk_context*', 'ctx'), ('kk_moran_options*', 'options'), ('unsigned', 'threads')]),
    'kk_moran_options_set_fdr_alpha': ('kk_status', [('kk_context*', 'ctx'), ('kk_moran_options*', 'options'), ('double', 'alpha')]),
    'kk_moran_options_set_progress': ('kk_status', [('kk_context*', 'ctx'), ('kk_moran_options*', 'options'), ('kk_progress_fn', 'fn'), ('void*', 'user')]),
    'kk_stats_moran': ('kk_status', [('kk_context*', 'ctx'), ('const kk_weights*', 'weights'), ('const double*', 'values'), ('size_t', 'stride_bytes'), ('size_t', 'count'), ('const kk_moran_options*', 'options'), ('kk_moran_result*', 'out')]),
    'kk_stats_local_moran': ('kk_status', [('kk_context*', 'ctx'), ('const kk_weights*', 'weights'), ('const double*', 'values'), ('size_t', 'stride_bytes'), ('size_t', 'count'), ('const kk_moran_options*', 'options'), ('double*', 'local_i'), ('uint8_t*', 'quadrant'), ('double*', 'p_sim'), ('uint8_t*', 'fdr_significant'), ('size_t', 'capacity')]),
    'kk_network_options_create': ('kk_status', [('kk_context*', 'ctx'), ('kk_network_options**', 'out')]),
    'kk_network_options_destroy': ('void', [('kk_network_options*', 'options')]),
    'kk_network_options_set_speeds': ('kk_status', [('kk_context*', 'ctx'), ('kk_network_options*', 'options'), ('const double*', 'speeds_kmh'), ('size_t', 'count')]),
    'kk_network_options_set_node_tolerance_m': ('kk_status', [('kk_context*', 'ctx'), ('kk_network_options*', 'options'), ('double', 'node_tolerance_m')]),
    'kk_network_options_set_split_at_shared_vertices': ('kk_status', [('kk_context*', 'ctx'), ('kk_network_options*', 'options'), ('int', 'split')]),
    'kk_network_create': ('kk_status', [('kk_context*', 'ctx'), ('size_t', 'line_count'), ('const uint64_t*', 'offsets'), ('const double*', 'x'), ('size_t', 'x_stride_bytes'), ('const double*', 'y'), ('size_t', 'y_stride_bytes'), ('const uint16_t*', 'road_class'), ('const uint8_t*', 'direction'), ('const kk_network_options*', 'options'), ('kk_network**', 'out')]),
    'kk_network_destroy': ('void', [('kk_network*', 'network')]),
    'kk_network_node_count': ('kk_status', [('kk_context*', 'ctx'), ('const kk_network*', 'network'), ('size_t*', 'out')]),
    'kk_network_link_count': ('kk_status', [('kk_context*', 'ctx'), ('const kk_network*', 'network'), ('size_t*', 'out')]),
    'kk_network_arc_count': ('kk_status', [('kk_context*', 'ctx'), ('const kk_network*', 'network'), ('size_t*', 'out')]),
    'kk_network_component_count': ('kk_status', [('kk_context*', 'ctx'), ('const kk_network*', 'network'), ('size_t*', 'out')]),
    'kk_network_memory_bytes': ('kk_status', [('kk_context*', 'ctx'), ('const kk_network*', 'network'), ('size_t*', 'out')]),
    'kk_network_snap': ('kk_status', [('kk_context*', 'ctx'), ('const kk_network*', 'network'), ('size_t', 'count'), ('const double*', 'x'), ('size_t', 'x_stride_bytes'), ('const double*', 'y'), ('size_t', 'y_stride_bytes'), ('uint32_t*', 'link'), ('double*', 'offset_m'), ('double*', 'distance_m'), ('size_t', 'capacity')]),
    'kk_network_nearest_facility': ('kk_status', [('kk_context*', 'ctx'), ('const kk_network*', 'network'), ('size_t', 'origin_count'), ('const double*', 'origin_x'), ('size_t', 'origin_x_stride_bytes'), ('const double*', 'origin_y'), ('size_t', 'origin_y_stride_bytes'), ('size_t', 'facility_count'), ('const double*', 'facility_x'), ('size_t', 'facility_x_stride_bytes'), ('const double*', 'facility_y'), ('size_t', 'facility_y_stride_bytes'), ('int', 'metric'), ('int', 'add_snap_distance'), ('uint32_t*', 'facility'), ('double*', 'distance_m'), ('double*', 'time_s'), ('size_t', 'capacity')]),
    'kk_network_count_within': ('kk_status', [('kk_context*', 'ctx'), ('const kk_network*', 'network'), ('size_t', 'origin_count'), ('const double*', 'origin_x'), ('size_t', 'origin_x_stride_bytes'), ('const double*', 'origin_y'), ('size_t', 'origin_y_stride_bytes'), ('size_t', 'facility_count'), ('const double*', 'facility_x'), ('size_t', 'facility_x_stride_bytes'), ('const double*', 'facility_y'), ('size_t', 'facility_y_stride_bytes'), ('const double*', 'thresholds'), ('size_t', 'threshold_count'), ('int', 'metric'), ('int', 'add_snap_distance'), ('double*', 'counts'), ('size_t', 'capacity')]),
    'kk_network_service_areas': ('kk_status', [('kk_context*', 'ctx'), ('const kk_network*', 'network'), ('size_t', 'origin_count'), ('const double*', 'origin_x'), ('size_t', 'origin_x_stride_bytes'), ('const double*', 'origin_y'), ('size_t', 'origin_y_stride_bytes'), ('const double*', 'limits'), ('size_t', 'limit_count'), ('int', 'metric'), ('double', 'band_m'), ('kk_service_areas**', 'out')]),
    'kk_service_areas_destroy': ('void', [('kk_service_areas*', 'areas')]),
    'kk_service_areas_count': ('kk_status', [('kk_context*', 'ctx'), ('const kk_service_areas*', 'areas'), ('size_t*', 'out')]),
    'kk_service_areas_row': ('kk_status', [('kk_context*', 'ctx'), ('const kk_service_areas*', 'areas'), ('size_t', 'row'), ('size_t*', 'origin'), ('double*', 'limit')]),
    'kk_service_areas_wkb_size': ('kk_status', [('kk_context*', 'ctx'), ('const kk_service_areas*', 'areas'), ('size_t', 'row'), ('size_t*', 'out')]),
    'kk_service_areas_wkb': ('kk_status', [('kk_context*', 'ctx'), ('const kk_service_areas*', 'areas'), ('size_t', 'row'), ('unsigned char*', 'out'), ('size_t', 'capacity_bytes')]),
}
STRUCTS = {
    'kk_clark_evans_test': [('double', 'expected'), ('double', 'standard_error'), ('double', 'r'), ('double', 'z'), ('double', 'p')],
    'kk_moran_result': [('double', 'i'), ('double', 'expected'), ('double', 'variance_normal'), ('double', 'variance_randomised'), ('double', 'z_normal'), ('double', 'p_normal'), ('double', 'z_randomised'), ('double', 'p_randomised'), ('double', 'p_sim'), ('double', 'mean_sim'), ('double', 'sd_sim'), ('double', 'z_sim'), ('double', 'p_z_sim'), ('double', 's0'), ('double', 's1'), ('double', 's2')],
}
CONSTANTS = {
    'KK_VERSION_MAJOR': 0,
    'KK_VERSION_MINOR': 2,
    'KK_VERSION_PATCH': 0,
    'KK_OCCUPANCY_UNKNOWN': 0,
    'KK_OCCUPANCY_OCCUPIED': 1,
    'KK_OCCUPANCY_VACANT': 2,
    'KK_BUITENGEBIED': -1,
    'KK_NULL_INTEGER': -9223372036854775808,
    'KK_OK': 0,
    'KK_E_INVALID_ARGUMENT': 100,
    'KK_E_API_MISUSE': 101,
    'KK_E_CANCELLED': 102,
    'KK_E_IO': 200,
    'KK_E_UNKNOWN_FORMAT': 201,
    'KK_E_MISSING_FIELD': 202,
    'KK_E_BAD_VALUE': 203,
    'KK_E_DUPLICATE_ID': 204,
    'KK_E_EMPTY_LAYER': 205,
    'KK_E_WRONG_GEOMETRY_TYPE': 206,
    'KK_E_CONFIG': 207,
    'KK_E_INVALID_GEOMETRY': 300,
    'KK_E_EMPTY_GEOMETRY': 301,
    'KK_E_CRS_MISSING': 400,
    'KK_E_CRS_IMPLAUSIBLE': 401,
    'KK_E_CRS_TRANSFORM': 402,
    'KK_E_INTERNAL': 900,
    'KK_OPTION_INTEGER': 0,
    'KK_OPTION_REAL': 1,
    'KK_OPTION_BOOLEAN': 2,
    'KK_OPTION_TEXT': 3,
    'KK_OPTION_DATE': 4,
    'KK_COLUMN_INTEGER': 0,
    'KK_COLUMN_REAL': 1,
    'KK_COLUMN_TEXT': 2,
    'KK_CONTIGUITY_QUEEN': 0,
    'KK_CONTIGUITY_ROOK': 1,
    'KK_DIRECTION_BOTH': 0,
    'KK_DIRECTION_FORWARD': 1,
    'KK_DIRECTION_BACKWARD': 2,
    'KK_METRIC_DISTANCE': 0,
    'KK_METRIC_TIME': 1,
}
OPAQUE = ('kk_context', 'kk_options', 'kk_project', 'kk_result', 'kk_weights', 'kk_gi_star_options', 'kk_ripley_options', 'kk_colocation_options', 'kk_moran_options', 'kk_network', 'kk_network_options', 'kk_service_areas')
ENUMS = ('kk_status', 'kk_option_type', 'kk_column_type', 'kk_contiguity', 'kk_direction', 'kk_network_metric')
# fmt: on
# --- generated from kernkompas.h: end ---


# ---------------------------------------------------------------------------------------
# The header parser (used to generate the block above, and by the test that checks it)
# ---------------------------------------------------------------------------------------

def _strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def _normalise_type(text):
    """A C type in one canonical spelling: 'const char* const*', 'kk_context**'."""
    text = re.sub(r"\s+", " ", text.strip())
    text = re.sub(r"\s*\*\s*", "*", text)
    text = re.sub(r"\*(?=[A-Za-z_])", "* ", text)
    return text


def _split_declarator(param):
    """'const double* x' -> ('const double*', 'x'); unnamed parameters get ''."""
    param = re.sub(r"\s+", " ", param.strip())
    match = re.match(r"^(.*?)([A-Za-z_][A-Za-z0-9_]*)$", param)
    if match and match.group(1).strip() and match.group(1).strip() != "const":
        return _normalise_type(match.group(1)), match.group(2)
    return _normalise_type(param), ""


def parse_header(text):
    """Functions, structs, constants, opaque handles and enums declared in ``kernkompas.h``.

    Returns a dict with ``functions`` (name -> (result type, [(parameter type, name)])),
    ``structs`` (name -> [(field type, field name)]), ``constants`` (name -> int),
    ``opaque`` (handle type names) and ``enums`` (enum type names), in header order.
    """
    body = _strip_comments(text)
    constants = {}
    for name, value in re.findall(r"^\s*#define\s+(KK_[A-Z0-9_]+)\s+\(?(-?\d+)\)?\s*$", body, re.M):
        constants[name] = int(value)
    if re.search(r"#define\s+KK_NULL_INTEGER\s+INT64_MIN", body):
        constants["KK_NULL_INTEGER"] = -(2**63)
    enums = []
    for members, name in re.findall(r"typedef\s+enum\s+\w+\s*\{(.*?)\}\s*(\w+)\s*;", body, re.S):
        enums.append(name)
        for member, value in re.findall(r"(KK_[A-Z0-9_]+)\s*=\s*(-?\d+)", members):
            constants[member] = int(value)
    structs = {}
    for fields, name in re.findall(r"typedef\s+struct\s+\w+\s*\{(.*?)\}\s*(\w+)\s*;", body, re.S):
        declared = []
        for declaration in fields.split(";"):
            declaration = declaration.strip()
            if not declaration:
                continue
            first, *more = [part.strip() for part in declaration.split(",")]
            field_type, field_name = _split_declarator(first)
            declared.append((field_type, field_name))
            declared += [(field_type, extra) for extra in more]
        structs[name] = declared
    opaque = [name for tag, name in re.findall(r"typedef\s+struct\s+(\w+)\s+(\w+)\s*;", body)
              if tag == name]
    functions = {}
    for result, name, params in re.findall(
            r"KK_API\s+([^;()]*?)\b(kk_\w+)\s*\(([^;]*?)\)\s*;", body, re.S):
        params = params.strip()
        parsed = [] if params in ("", "void") else [_split_declarator(p) for p in params.split(",")]
        functions[name] = (_normalise_type(result), parsed)
    return {"functions": functions, "structs": structs, "constants": constants,
            "opaque": opaque, "enums": enums}


def render_declarations(parsed):
    """The generated block of this file for a parsed header (see parse_header())."""
    lines = ["# fmt: off", "FUNCTIONS = {"]
    for name, (result, params) in parsed["functions"].items():
        rendered = ", ".join(f"({ctype!r}, {pname!r})" for ctype, pname in params)
        lines.append(f"    {name!r}: ({result!r}, [{rendered}]),")
    lines.append("}")
    lines.append("STRUCTS = {")
    for name, fields in parsed["structs"].items():
        rendered = ", ".join(f"({ctype!r}, {fname!r})" for ctype, fname in fields)
        lines.append(f"    {name!r}: [{rendered}],")
    lines.append("}")
    lines.append("CONSTANTS = {")
    for name, value in parsed["constants"].items():
        lines.append(f"    {name!r}: {value},")
    lines.append("}")
    lines.append(f"OPAQUE = {tuple(parsed['opaque'])!r}")
    lines.append(f"ENUMS = {tuple(parsed['enums'])!r}")
    lines.append("# fmt: on")
    return "\n".join(lines)


_BEGIN = "# --- generated from kernkompas.h: begin (python capi.py --regenerate kernkompas.h) ---"
_END = "# --- generated from kernkompas.h: end ---"


def generated_block(source_text):
    """The text between the generated-block markers of a copy of this file."""
    start = source_text.index(_BEGIN) + len(_BEGIN) + 1
    return source_text[start:source_text.index(_END)].rstrip("\n")


# ---------------------------------------------------------------------------------------
# C types to ctypes
# ---------------------------------------------------------------------------------------

kk_status = ctypes.c_int
PROGRESS = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_char_p, ctypes.c_double, ctypes.c_void_p)
"""kk_progress_fn: ``@capi.PROGRESS def f(step, fraction, user): return 1`` (0 cancels)."""

_SCALARS = {
    "void": None, "char": ctypes.c_char, "int": ctypes.c_int, "unsigned": ctypes.c_uint,
    "unsigned int": ctypes.c_uint, "unsigned char": ctypes.c_ubyte, "double": ctypes.c_double,
    "size_t": ctypes.c_size_t, "int32_t": ctypes.c_int32, "int64_t": ctypes.c_int64,
    "uint8_t": ctypes.c_uint8, "uint16_t": ctypes.c_uint16, "uint32_t": ctypes.c_uint32,
    "uint64_t": ctypes.c_uint64,
    "kk_progress_fn": PROGRESS,
}
_OPAQUE_TYPES = {name: type(name, (ctypes.Structure,), {}) for name in OPAQUE}
_STRUCT_TYPES = {}


def ctype_of(c_type):
    """The ctypes type of a C type spelt as in FUNCTIONS ('const double*', 'kk_context**')."""
    spelling = _normalise_type(c_type)
    depth = spelling.count("*")
    base = re.sub(r"\bconst\b", " ", spelling.replace("*", " "))
    base = re.sub(r"\s+", " ", base).strip()
    if base == "char" and depth >= 1:
        result, depth = ctypes.c_char_p, depth - 1
    elif base == "void" and depth >= 1:
        result, depth = ctypes.c_void_p, depth - 1
    elif base in _SCALARS:
        result = _SCALARS[base]
    elif base in ENUMS:
        result = ctypes.c_int  # enums are passed as int by every C ABI kernkompas supports
    elif base in _OPAQUE_TYPES:
        result = _OPAQUE_TYPES[base]
    elif base in STRUCTS:
        result = _struct_type(base)
    else:
        raise TypeError(f"kernkompas.capi: no ctypes type for C type '{c_type}'")
    for _ in range(depth):
        result = ctypes.POINTER(result)
    return result


def _struct_type(name):
    if name not in _STRUCT_TYPES:
        _STRUCT_TYPES[name] = type(name, (ctypes.Structure,), {
            "_fields_": [(field, ctype_of(ctype)) for ctype, field in STRUCTS[name]]})
    return _STRUCT_TYPES[name]


def handle(type_name):
    """A NULL handle of an opaque type to pass by reference, e.g. handle('kk_result')."""
    return ctypes.POINTER(_OPAQUE_TYPES[type_name])()


def struct(type_name):
    """A zeroed instance of a struct of the header, e.g. struct('kk_moran_result')."""
    return _struct_type(type_name)()


# Structs and constants as attributes: capi.kk_moran_result, capi.KK_OK, ...
globals().update(CONSTANTS)
for _name in STRUCTS:
    globals()[_name] = _struct_type(_name)
globals().update(_OPAQUE_TYPES)


# ---------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------

def find_library():
    """Where libkernkompas.so.0 is: ``$KK_CAPI_LIB``, the copy in the Python package
    (``kernkompas/capi/``), a CMake build tree around this file, else the bare name for the
    system loader (an install prefix on the library path). The first that exists wins."""
    here = Path(__file__).resolve().parent
    candidates = []
    if os.environ.get("KK_CAPI_LIB"):
        candidates.append(Path(os.environ["KK_CAPI_LIB"]))
    candidates += [here / "capi" / LIBRARY_NAME,
                   # <build>/bindings/python/kernkompas -> <build>/bindings/c
                   here.parent.parent / "c" / LIBRARY_NAME,
                   # the source tree: bindings/python/kernkompas -> build/bindings/c
                   here.parent.parent.parent / "build" / "bindings" / "c" / LIBRARY_NAME]
    for candidate in candidates:
        if candidate.is_file():
            return str(candidate)
    return ctypes.util.find_library("kernkompas") or LIBRARY_NAME


def load(path=None):
    """Loads the C API (``path``, else find_library()) and declares every kk_ function.

    Returns the ctypes.CDLL; its functions check argument types. A function the header
    declares but the loaded library lacks (an older library) is left undeclared; calling it
    raises AttributeError naming it.
    """
    library = ctypes.CDLL(str(path or find_library()))
    for name, (result, params) in FUNCTIONS.items():
        try:
            function = getattr(library, name)
        except AttributeError:
            continue
        function.restype = ctype_of(result)
        function.argtypes = [ctype_of(ctype) for ctype, _ in params]
    return library


class KernkompasCError(RuntimeError):
    """A failed kk_ call: ``status`` (the kk_status number) and the context's one-line message."""

    def __init__(self, status, message):
        self.status = status
        self.message = message
        super().__init__(message)


class Context:
    """A kk_context with check(): raises KernkompasCError with the library's message.

    One per thread. Use as a context manager, or call close().
    """

    def __init__(self, library):
        self.library = library
        self.pointer = handle("kk_context")
        status = library.kk_context_create(ctypes.byref(self.pointer))
        if status != CONSTANTS["KK_OK"]:
            raise KernkompasCError(status, library.kk_status_string(status).decode())

    def check(self, status):
        """Returns None for KK_OK, else raises KernkompasCError."""
        if status != CONSTANTS["KK_OK"]:
            message = self.library.kk_context_last_error(self.pointer).decode("utf-8", "replace")
            if not message:
                message = self.library.kk_status_string(status).decode()
            raise KernkompasCError(status, message)

    def close(self):
        if self.pointer:
            self.library.kk_context_destroy(self.pointer)
            self.pointer = handle("kk_context")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _regenerate(header_path):
    parsed = parse_header(Path(header_path).read_text(encoding="utf-8"))
    source_path = Path(__file__)
    source = source_path.read_text(encoding="utf-8")
    old = generated_block(source)
    source_path.write_text(source.replace(old, render_declarations(parsed), 1), encoding="utf-8")
    print(f"{source_path}: {len(parsed['functions'])} functions from {header_path}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--regenerate":
        _regenerate(sys.argv[2])
    else:
        print("usage: python capi.py --regenerate path/to/kernkompas.h", file=sys.stderr)
        sys.exit(2)
