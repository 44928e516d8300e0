/*
 * kernkompas.h — the stable C API of kernkompas, the vestigingsklimaat engine.
 *
 * This is the one header GIS tools, scripting languages (ctypes, cffi, FFI) and other
 * programs include to call kernkompas. It is plain C11 and usable from C++ (extern "C"). It
 * includes only <stddef.h> and <stdint.h>; no C++ type and no third-party type appears.
 *
 * Conventions (see docs/c-api.md for a walk-through with an example):
 *
 *  - Names: prefix kk_, functions kk_<object>_<verb>; every type is an opaque struct used
 *    through a pointer. Units appear in names where not obvious (_m, _km2, _bytes).
 *  - Status codes: every fallible function returns a kk_status and writes its results
 *    through out-parameters. KK_OK (0) is success. kk_status_string() gives fixed text for a
 *    code; kk_context_last_error() gives the detailed message (file, record, problem).
 *  - Contexts and threads: every function that can fail takes a kk_context first. A context
 *    holds only the last error message, so it must be used by ONE THREAD AT A TIME: create
 *    one context per thread. Other handles are not tied to the context that created them.
 *    A kk_project or kk_result may be read (every function taking it as const) from several
 *    threads at once, each thread with its own context; functions that change a handle
 *    (kk_project_set_*, kk_options_set_*, *_destroy) must not run concurrently with any
 *    other use of that handle.
 *  - Errors: on failure the function returns a non-zero kk_status, stores a message in the
 *    context, and sets handle out-parameters to NULL, count out-parameters to 0 and string
 *    out-parameters to NULL. Every call that takes a context clears the context's message
 *    first, so after a success kk_context_last_error() returns "". A NULL context, a NULL
 *    handle, or any other NULL required argument gives KK_E_API_MISUSE. No C++ exception
 *    ever crosses this interface.
 *  - Ownership: what the library allocates the library frees. Each handle has a _destroy
 *    function (NULL is accepted and ignored). Strings returned as `const char*` are owned by
 *    the handle they came from and stay valid until that handle is destroyed (or, for a
 *    kk_project, until it is next changed); the caller never frees them. Arrays handed to
 *    the library are copied before the call returns. Functions that copy into a caller
 *    buffer take the buffer's capacity in elements; the matching count function tells the
 *    size needed.
 *  - Arrays in: pointer + stride (in bytes; 0 means tightly packed) + count, as in PROJ's
 *    proj_trans_generic, so x and y may come from one array of structs.
 *  - Missing values: KK_NULL_INTEGER in integer columns, NaN in real columns, "" in text
 *    columns.
 *  - Coordinates are in metres of the project's working CRS (default EPSG:28992, RD New)
 *    unless a function takes a CRS argument.
 *
 * Versioning: symbols marked \since 0.1 exist in every 0.x release with this SONAME
 * (libkernkompas.so.0). New functions and options are added; existing ones keep their
 * signatures. Optional parameters live in kk_options so that new ones never break the ABI.
 */
#ifndef KERNKOMPAS_H
#define KERNKOMPAS_H

#include <stddef.h>
#include <stdint.h>

#define KK_VERSION_MAJOR 0
#define KK_VERSION_MINOR 2
#define KK_VERSION_PATCH 0
/* Compile-time version as one number: 10000 * major + 100 * minor + patch. */
#define KK_VERSION_NUMBER (KK_VERSION_MAJOR * 10000 + KK_VERSION_MINOR * 100 + KK_VERSION_PATCH)

#if defined(_WIN32)
#if defined(KK_BUILDING_LIBRARY)
#define KK_API __declspec(dllexport)
#else
#define KK_API __declspec(dllimport)
#endif
#elif defined(__GNUC__)
#define KK_API __attribute__((visibility("default")))
#else
#define KK_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------------------ */
/* Status codes                                                                          */
/* ------------------------------------------------------------------------------------ */

/*
 * Result of every fallible function. The numbers equal the engine's kk::ErrorCode and are
 * grouped by range so a caller can test the family: 1xx argument, 2xx data/IO, 3xx
 * geometry, 4xx CRS, 9xx internal.
 */
typedef enum kk_status {
  KK_OK = 0,
  KK_E_INVALID_ARGUMENT = 100,    /* a value out of range, an unknown table/column/field name */
  KK_E_API_MISUSE = 101,          /* NULL handle or argument, calls in the wrong order */
  KK_E_CANCELLED = 102,           /* the progress callback returned 0 */
  KK_E_IO = 200,                  /* file missing, unreadable, unwritable */
  KK_E_UNKNOWN_FORMAT = 201,      /* no driver recognises the file */
  KK_E_MISSING_FIELD = 202,       /* a mapped field is not in the layer */
  KK_E_BAD_VALUE = 203,           /* a value that cannot be parsed (bad date, malformed WKB) */
  KK_E_DUPLICATE_ID = 204,
  KK_E_EMPTY_LAYER = 205,
  KK_E_WRONG_GEOMETRY_TYPE = 206, /* e.g. points where polygons are expected */
  KK_E_CONFIG = 207,              /* the configuration file itself is wrong */
  KK_E_INVALID_GEOMETRY = 300,
  KK_E_EMPTY_GEOMETRY = 301,
  KK_E_CRS_MISSING = 400,
  KK_E_CRS_IMPLAUSIBLE = 401,     /* coordinates outside the CRS's area of use */
  KK_E_CRS_TRANSFORM = 402,       /* CRS not understood, or transformation failed */
  KK_E_INTERNAL = 900             /* a bug, or out of memory (the message says which) */
} kk_status;

/*
 * Version of the library actually loaded, "MAJOR.MINOR.PATCH" (e.g. "0.1.0"); compare with
 * the KK_VERSION_* macros to detect a header/library mismatch.
 * Returns a static string: never NULL, never freed by the caller.
 * \since 0.1
 */
KK_API const char* kk_version(void);

/*
 * Fixed English text for a status code, e.g. "input/output error" for KK_E_IO, and
 * "unknown status" for numbers that are no kk_status. For the detailed message of a failed
 * call use kk_context_last_error().
 * Returns a static string: never NULL, never freed by the caller.
 * \since 0.1
 */
KK_API const char* kk_status_string(kk_status status);

/* ------------------------------------------------------------------------------------ */
/* Context                                                                               */
/* ------------------------------------------------------------------------------------ */

/* Holds the last error message. One context per thread; see the conventions above. */
typedef struct kk_context kk_context;

/*
 * Creates a context and stores it in *out.
 * Returns KK_E_API_MISUSE if out is NULL, KK_E_INTERNAL if memory is exhausted (*out NULL).
 * The caller frees the context with kk_context_destroy().
 * \since 0.1
 */
KK_API kk_status kk_context_create(kk_context** out);

/*
 * Frees a context. Handles created with it stay valid (they are not tied to it).
 * NULL is accepted and ignored.
 * \since 0.1
 */
KK_API void kk_context_destroy(kk_context* ctx);

/*
 * The detailed message of the last failed call made with this context, naming the function,
 * and where it applies the file, the record and the problem; "" if the last call succeeded.
 * Returns a string owned by the context, valid until the next call that takes ctx; never
 * NULL (for a NULL ctx it returns a static message saying so). Does not clear the message.
 * \since 0.1
 */
KK_API const char* kk_context_last_error(const kk_context* ctx);

/* ------------------------------------------------------------------------------------ */
/* Options                                                                               */
/* ------------------------------------------------------------------------------------ */

/* Settings for reading a project and running an analysis; every setting has a default. */
typedef struct kk_options kk_options;

/*
 * Progress callback: called on the calling thread with the name of the current step (a
 * short English phrase, valid only during the call) and the fraction of that step done, in
 * [0, 1]. Return non-zero to continue, 0 to cancel: the running function then stops and
 * returns KK_E_CANCELLED. `user` is the pointer given to kk_options_set_progress(). The
 * callback must not call kk_ functions with the same context.
 */
typedef int (*kk_progress_fn)(const char* step, double fraction, void* user);

/*
 * Creates options with the defaults: 1 thread, no progress callback, and every indicator
 * option as the project's configuration says (else the engine's default). Passing NULL
 * instead of options to a function means the same. The caller frees them with
 * kk_options_destroy().
 * \since 0.1
 */
KK_API kk_status kk_options_create(kk_context* ctx, kk_options** out);

/*
 * Frees options. Handles and results made with them do not depend on them afterwards.
 * NULL is accepted and ignored.
 * \since 0.1
 */
KK_API void kk_options_destroy(kk_options* options);

/*
 * Worker threads for the analysis: the same as kk_options_set_integer(ctx, options,
 * "execution.threads", threads). DEFAULT: 1. REQUIRES: 1 <= threads <= 1024 (else
 * KK_E_INVALID_ARGUMENT). Results do not depend on the thread count.
 * \since 0.1
 */
KK_API kk_status kk_options_set_threads(kk_context* ctx, kk_options* options, unsigned threads);

/*
 * Sets (or, with fn NULL, removes) the progress-and-cancel callback used by
 * kk_project_open_default(), kk_project_open_config() and kk_analysis_run(). `user` is
 * passed back unchanged; the library never dereferences or frees it. DEFAULT: none.
 * \since 0.1
 */
KK_API kk_status kk_options_set_progress(kk_context* ctx, kk_options* options, kk_progress_fn fn,
                                         void* user);

/*
 * Internal (non-zero) or published (0) output: the same as
 * kk_options_set_boolean(ctx, options, "disclosure.internal", internal). Published tables
 * follow disclosure control: a row or cell (kern x sector, kern x function, hot-spot grid
 * cell) built on fewer than k units (option "disclosure.k", default 5) is suppressed: its
 * values are missing and its `suppressed` column is 1. Internal output skips suppression and
 * must not be published; kk_result_is_internal() tells which a result is.
 * DEFAULT: the project's configuration ([disclosure] internal = true/false), else 0.
 * \since 0.1
 */
KK_API kk_status kk_options_set_internal(kk_context* ctx, kk_options* options, int internal);

/*
 * Seed of every random stream (permutations, simulations): the same as setting the option
 * "execution.seed", but over its whole range 0 ... 2^64 - 1 (kk_options_set_integer()
 * takes an int64_t and so reaches only 2^63 - 1). Results depend only on the seed, never on
 * the thread count. DEFAULT: the project's configuration ([execution] seed), else 12345.
 * \since 0.3
 */
KK_API kk_status kk_options_set_seed(kk_context* ctx, kk_options* options, uint64_t seed);

/*
 * Options by name, so new indicator families add options without new functions. Names are
 * "<section>.<key>", exactly as in the project configuration (TOML): the shared sections
 * "execution" (threads, seed) and "disclosure" (k, min_units, internal), then one section
 * per indicator family. kk_option_count() and friends list every option with its type,
 * default, allowed values and meaning; `kernkompas options` prints the same list. An older
 * name (e.g. "vacancy.seed" for "execution.seed") is still accepted.
 * A value set here overrides the configuration's for the runs made with these options;
 * setting a name again replaces the value. Errors, all KK_E_INVALID_ARGUMENT and checked
 * here, before any run: an unknown name (the message lists the known names), a setter of
 * the wrong type (the message names the right one), a value out of range (the message says
 * the allowed values).
 * kk_options_set_integer: options of type KK_OPTION_INTEGER.
 * \since 0.1
 */
KK_API kk_status kk_options_set_integer(kk_context* ctx, kk_options* options, const char* name,
                                        int64_t value);

/*
 * Options of type KK_OPTION_REAL by name (see kk_options_set_integer()); NaN means "none"
 * where the option allows it (kk_option_allowed() says "(or none)").
 * \since 0.1
 */
KK_API kk_status kk_options_set_real(kk_context* ctx, kk_options* options, const char* name,
                                     double value);

/*
 * Options of type KK_OPTION_TEXT or KK_OPTION_DATE ("YYYY-MM-DD"; "" = none where allowed)
 * by name (see kk_options_set_integer()); `value` is copied.
 * \since 0.1
 */
KK_API kk_status kk_options_set_text(kk_context* ctx, kk_options* options, const char* name,
                                     const char* value);

/*
 * Options of type KK_OPTION_BOOLEAN by name (see kk_options_set_integer()): non-zero = true.
 * \since 0.2
 */
KK_API kk_status kk_options_set_boolean(kk_context* ctx, kk_options* options, const char* name,
                                        int value);

/* The type of an option (kk_option_type_of()), and the setter that takes it. */
typedef enum kk_option_type {
  KK_OPTION_INTEGER = 0, /* kk_options_set_integer */
  KK_OPTION_REAL = 1,    /* kk_options_set_real */
  KK_OPTION_BOOLEAN = 2, /* kk_options_set_boolean */
  KK_OPTION_TEXT = 3,    /* kk_options_set_text; kk_option_choice() lists fixed choices */
  KK_OPTION_DATE = 4     /* kk_options_set_text with "YYYY-MM-DD" */
} kk_option_type;

/*
 * The option list, for a GIS tool to build its own dialog (as GDAL drivers publish their
 * option lists): options are numbered 0 .. count-1 in a fixed order (section by section).
 * Every string handed out by kk_option_* is owned by the library and valid for the life of
 * the process. An index out of range gives KK_E_INVALID_ARGUMENT.
 * \since 0.2
 */
KK_API kk_status kk_option_count(kk_context* ctx, size_t* out);
/* Qualified name of option `index` ("hotspots.cell_size_m") in *out. \since 0.2 */
KK_API kk_status kk_option_name(kk_context* ctx, size_t index, const char** out);
/* Type of option `index` in *out. \since 0.2 */
KK_API kk_status kk_option_type_of(kk_context* ctx, size_t index, kk_option_type* out);
/* Default of option `index` as text ("250", "rate", "none", "false", "" for no date). \since 0.2 */
KK_API kk_status kk_option_default(kk_context* ctx, size_t index, const char** out);
/* The allowed values in words ("a number > 0", "one of: rate, count"). \since 0.2 */
KK_API kk_status kk_option_allowed(kk_context* ctx, size_t index, const char** out);
/*
 * Numeric bounds of option `index` in *min and *max (-INFINITY / INFINITY when unbounded,
 * and for options that are not numbers). kk_option_allowed() says whether they are
 * inclusive. \since 0.2
 */
KK_API kk_status kk_option_range(kk_context* ctx, size_t index, double* min, double* max);
/* Number of fixed choices of a text option (0: free text, or not a text option). \since 0.2 */
KK_API kk_status kk_option_choice_count(kk_context* ctx, size_t index, size_t* out);
/* Choice `choice` of option `index` in *out. \since 0.2 */
KK_API kk_status kk_option_choice(kk_context* ctx, size_t index, size_t choice, const char** out);
/* Unit of option `index` ("m", "fraction", "" when none). \since 0.2 */
KK_API kk_status kk_option_unit(kk_context* ctx, size_t index, const char** out);
/* One-line meaning of option `index` (English). \since 0.2 */
KK_API kk_status kk_option_doc(kk_context* ctx, size_t index, const char** out);

/* ------------------------------------------------------------------------------------ */
/* Project: the input layers of one analysis                                            */
/* ------------------------------------------------------------------------------------ */

/* Kernen (village cores, polygons) and locations (business establishments, points) of one
 * area, in memory, in the working CRS. */
typedef struct kk_project kk_project;

/* Occupancy codes for the location field "status" (kk_project_set_location_integer). */
#define KK_OCCUPANCY_UNKNOWN 0
#define KK_OCCUPANCY_OCCUPIED 1
#define KK_OCCUPANCY_VACANT 2

/*
 * Opens the embedded Wijdemeren data: $KERNKOMPAS_DATA/wijdemeren/kernkompas.toml if that
 * variable is set, else the installed share/kernkompas/datasets, else the source tree's.
 * `options` may be NULL (defaults); its progress callback sees the reading steps.
 * Errors: KK_E_IO when the data is not found (the message lists the places tried), and
 * those of kk_project_open_config(). The caller frees *out with kk_project_destroy().
 * \since 0.1
 */
KK_API kk_status kk_project_open_default(kk_context* ctx, const kk_options* options,
                                         kk_project** out);

/*
 * Reads the project configuration (TOML; see docs/configuration.md) at `config_path`
 * (UTF-8, relative to the current directory) and every layer it names, transformed into the
 * configured working CRS. Invalid kern polygons are repaired (see kk_project_note()).
 * `options` may be NULL (defaults); its progress callback sees the reading steps.
 * Errors: KK_E_IO (no such file), KK_E_CONFIG (bad TOML, unknown or missing keys),
 * KK_E_MISSING_FIELD (a mapped column is not in the file), KK_E_BAD_VALUE,
 * KK_E_DUPLICATE_ID, KK_E_CRS_* ...; the message names the file, the key or record, and
 * the problem. The caller frees *out with kk_project_destroy().
 * \since 0.1
 */
KK_API kk_status kk_project_open_config(kk_context* ctx, const char* config_path,
                                        const kk_options* options, kk_project** out);

/*
 * Creates an empty project for data the caller holds in memory (a GIS tool's layers).
 * Add kernen with kk_project_set_kernen_wkb() and locations with
 * kk_project_set_locations_xy() before kk_analysis_run().
 * `area_name`: shown in outputs, e.g. "Wijdemeren"; NULL means "".
 * `working_crs`: the metric CRS every computation runs in (anything PROJ understands,
 * e.g. "EPSG:28992"); NULL means "EPSG:28992". KK_E_CRS_TRANSFORM if not understood, or
 * if it is not a projected CRS in metres (a geographic CRS such as EPSG:4326 is refused).
 * The caller frees *out with kk_project_destroy().
 * \since 0.1
 */
KK_API kk_status kk_project_create(kk_context* ctx, const char* area_name,
                                   const char* working_crs, kk_project** out);

/*
 * Sets the project's kernen from `count` polygons in WKB (ISO or extended WKB, either
 * byte order, Polygon or MultiPolygon, Z/M values ignored), e.g. from GDAL's
 * OGR_G_ExportToWkb, GEOS's WKB writer or shapely.to_wkb. Kern i has geometry
 * wkb[i] (wkb_size_bytes[i] bytes), name names[i] (required, non-empty) and code codes[i]
 * (codes may be NULL, or an element NULL or "", to use the name; codes must be unique).
 * `crs`: CRS of the coordinates, NULL meaning the working CRS; they are checked against the
 * CRS's area of use and transformed to the working CRS. Invalid polygons are repaired with
 * GEOS MakeValid and listed as notes. Replaces earlier kernen and their fields.
 * Errors: KK_E_BAD_VALUE (malformed WKB, NaN coordinates, empty name; the message names the
 * kern and the byte offset), KK_E_WRONG_GEOMETRY_TYPE, KK_E_EMPTY_GEOMETRY,
 * KK_E_DUPLICATE_ID, KK_E_INVALID_GEOMETRY, KK_E_CRS_*. On failure the project is unchanged.
 * \since 0.1
 */
KK_API kk_status kk_project_set_kernen_wkb(kk_context* ctx, kk_project* project, size_t count,
                                           const unsigned char* const* wkb,
                                           const size_t* wkb_size_bytes, const char* const* names,
                                           const char* const* codes, const char* crs);

/*
 * Sets a numeric field of the kernen: value of kern i at (const char*)values + i*stride_bytes
 * (stride_bytes 0: packed doubles). NaN = unknown. `count` must equal the number of kernen.
 * Fields: "population" (inhabitants).
 * Errors: KK_E_API_MISUSE (no kernen yet), KK_E_INVALID_ARGUMENT (unknown field, count
 * differs), KK_E_BAD_VALUE (negative population).
 * \since 0.1
 */
KK_API kk_status kk_project_set_kern_real(kk_context* ctx, kk_project* project, const char* field,
                                          const double* values, size_t stride_bytes, size_t count);

/*
 * Sets a text field of the kernen (UTF-8; a NULL element means ""). `count` must equal the
 * number of kernen. Fields: "aliases" (other spellings of the name, separated by ';').
 * Errors: as kk_project_set_kern_real().
 * \since 0.1
 */
KK_API kk_status kk_project_set_kern_text(kk_context* ctx, kk_project* project, const char* field,
                                          const char* const* values, size_t count);

/*
 * Sets the project's locations to `count` points: location i at x = *(const double*)((const
 * char*)x + i*x_stride_bytes), y likewise (strides 0: packed doubles). `crs`: CRS of the
 * coordinates, NULL meaning the working CRS; for a geographic CRS x is the longitude and y
 * the latitude, whatever the CRS's official axis order. The points are checked against the
 * CRS's area of use and transformed to the working CRS. Ids are "1", "2", ... until
 * kk_project_set_location_text(..., "id", ...) sets them. Replaces earlier locations and
 * all their fields (the snapshot date stays). Count 0 is allowed (an area without
 * establishments).
 * Errors: KK_E_BAD_VALUE (NaN or infinite coordinate; the message names the index),
 * KK_E_CRS_IMPLAUSIBLE, KK_E_CRS_TRANSFORM. On failure the project is unchanged.
 * \since 0.1
 */
KK_API kk_status kk_project_set_locations_xy(kk_context* ctx, kk_project* project, size_t count,
                                             const double* x, size_t x_stride_bytes,
                                             const double* y, size_t y_stride_bytes,
                                             const char* crs);

/*
 * Sets a numeric field of the locations (layout as kk_project_set_kern_real(); NaN =
 * unknown). `count` must equal the number of locations.
 * Fields: "floor_area_m2" (m², >= 0), "employees" (>= 0).
 * Errors: KK_E_API_MISUSE (no locations yet), KK_E_INVALID_ARGUMENT (unknown field, count
 * differs), KK_E_BAD_VALUE (negative value; the message names the index).
 * \since 0.1
 */
KK_API kk_status kk_project_set_location_real(kk_context* ctx, kk_project* project,
                                              const char* field, const double* values,
                                              size_t stride_bytes, size_t count);

/*
 * Sets an integer field of the locations: value i at (const char*)values + i*stride_bytes
 * (stride_bytes 0: packed int32_t). `count` must equal the number of locations.
 * Fields: "status" (KK_OCCUPANCY_UNKNOWN, _OCCUPIED or _VACANT).
 * Errors: as kk_project_set_location_real(); KK_E_BAD_VALUE for an unknown status code.
 * \since 0.1
 */
KK_API kk_status kk_project_set_location_integer(kk_context* ctx, kk_project* project,
                                                 const char* field, const int32_t* values,
                                                 size_t stride_bytes, size_t count);

/*
 * Sets a text field of the locations (UTF-8; a NULL element means ""). `count` must equal
 * the number of locations. Fields: "id" (unique, non-empty), "name", "sbi" (SBI 2008 code
 * such as "47.11"), "function" (usage class, e.g. BAG gebruiksdoel), "vacant_since"
 * (date "YYYY-MM-DD", "" = unknown).
 * Errors: as kk_project_set_location_real(); KK_E_DUPLICATE_ID for a repeated id,
 * KK_E_BAD_VALUE for an empty id or a bad date.
 * \since 0.1
 */
KK_API kk_status kk_project_set_location_text(kk_context* ctx, kk_project* project,
                                              const char* field, const char* const* values,
                                              size_t count);

/*
 * Sets the reference date of the locations register ("YYYY-MM-DD"; NULL or "" clears it),
 * used by indicators that measure durations up to the register's date.
 * Errors: KK_E_BAD_VALUE for a bad date.
 * \since 0.1
 */
KK_API kk_status kk_project_set_snapshot_date(kk_context* ctx, kk_project* project,
                                              const char* iso_date);

/*
 * Number of kernen (without buitengebied) in *out.
 * \since 0.1
 */
KK_API kk_status kk_project_kern_count(kk_context* ctx, const kk_project* project, size_t* out);

/*
 * Number of locations in *out.
 * \since 0.1
 */
KK_API kk_status kk_project_location_count(kk_context* ctx, const kk_project* project,
                                           size_t* out);

/*
 * The area's name (e.g. "Wijdemeren") in *out; owned by the project.
 * \since 0.1
 */
KK_API kk_status kk_project_area_name(kk_context* ctx, const kk_project* project,
                                      const char** out);

/*
 * The working CRS as given in the config or to kk_project_create() (e.g. "EPSG:28992") in
 * *out; owned by the project.
 * \since 0.1
 */
KK_API kk_status kk_project_working_crs(kk_context* ctx, const kk_project* project,
                                        const char** out);

/*
 * Number of notes in *out: things worth telling the user that are not errors (a repaired
 * polygon, a missing id column).
 * \since 0.1
 */
KK_API kk_status kk_project_note_count(kk_context* ctx, const kk_project* project, size_t* out);

/*
 * Note `index` (0 <= index < kk_project_note_count()) in *out; owned by the project.
 * KK_E_INVALID_ARGUMENT when index is out of range.
 * \since 0.1
 */
KK_API kk_status kk_project_note(kk_context* ctx, const kk_project* project, size_t index,
                                 const char** out);

/*
 * Frees a project. Results computed from it stay valid (they keep what they need).
 * NULL is accepted and ignored.
 * \since 0.1
 */
KK_API void kk_project_destroy(kk_project* project);

/* ------------------------------------------------------------------------------------ */
/* Analysis and its result                                                              */
/* ------------------------------------------------------------------------------------ */

/* Every indicator table of one analysis plus the per-location kern assignment. */
typedef struct kk_result kk_result;

/* Type of a result column. */
typedef enum kk_column_type {
  KK_COLUMN_INTEGER = 0, /* int64_t; KK_NULL_INTEGER = missing */
  KK_COLUMN_REAL = 1,    /* double; NaN = missing */
  KK_COLUMN_TEXT = 2     /* UTF-8 string; "" = missing */
} kk_column_type;

/* Missing value in integer columns. */
#define KK_NULL_INTEGER INT64_MIN

/* Kern index of a location outside every kern (in buitengebied). */
#define KK_BUITENGEBIED (-1)

/*
 * Runs every indicator on the project: assigns each location to the kern whose polygon
 * covers it (a point on a boundary two kernen share goes to the kern that comes first),
 * then computes the indicator tables. `options` may be NULL (defaults).
 * Errors: KK_E_API_MISUSE (project without kernen or locations), KK_E_CANCELLED (the
 * progress callback returned 0), KK_E_INVALID_ARGUMENT. The project is not changed and may
 * be destroyed before the result. The caller frees *out with kk_result_destroy().
 * \since 0.1
 */
KK_API kk_status kk_analysis_run(kk_context* ctx, const kk_project* project,
                                 const kk_options* options, kk_result** out);

/*
 * Frees a result and every string and array it handed out. NULL is accepted and ignored.
 * \since 0.1
 */
KK_API void kk_result_destroy(kk_result* result);

/*
 * Number of locations analysed in *out (the length of the per-location arrays). The
 * per-location calls below give the caller premise-level data in memory, for analysis;
 * they are not output for publication, and kk_result_write() writes them to a file only
 * for an internal result.
 * \since 0.1
 */
KK_API kk_status kk_result_location_count(kk_context* ctx, const kk_result* result, size_t* out);

/*
 * Identifier of location `index` (0 <= index < location count) in *out; owned by the
 * result. KK_E_INVALID_ARGUMENT when index is out of range.
 * \since 0.1
 */
KK_API kk_status kk_result_location_id(kk_context* ctx, const kk_result* result, size_t index,
                                       const char** out);

/*
 * Number of kernen in *out, without buitengebied. Table "kern" has this many rows plus one.
 * \since 0.1
 */
KK_API kk_status kk_result_kern_count(kk_context* ctx, const kk_result* result, size_t* out);

/*
 * Name of kern `kern` in *out; kern == kern count gives "buitengebied", matching the rows
 * of table "kern". Owned by the result. KK_E_INVALID_ARGUMENT when kern is out of range.
 * \since 0.1
 */
KK_API kk_status kk_result_kern_name(kk_context* ctx, const kk_result* result, size_t kern,
                                     const char** out);

/*
 * Code of kern `kern` in *out; as kk_result_kern_name().
 * \since 0.1
 */
KK_API kk_status kk_result_kern_code(kk_context* ctx, const kk_result* result, size_t kern,
                                     const char** out);

/*
 * Copies the kern index of every location into out[0 .. location count): the kern's
 * position (as in kk_result_kern_name()) or KK_BUITENGEBIED (-1).
 * `capacity`: elements available at out; must be >= the location count (else
 * KK_E_INVALID_ARGUMENT and nothing is written). The caller owns out.
 * \since 0.1
 */
KK_API kk_status kk_result_location_kern_index(kk_context* ctx, const kk_result* result,
                                               int32_t* out, size_t capacity);

/*
 * Zero-copy form of kk_result_location_kern_index(): *out points at the result's own array
 * of *count values, valid until kk_result_destroy(); the caller must not free or change it.
 * *out may be NULL when *count is 0.
 * \since 0.1
 */
KK_API kk_status kk_result_location_kern_index_data(kk_context* ctx, const kk_result* result,
                                                    const int32_t** out, size_t* count);

/*
 * Number of result tables in *out. Table 0 is always "kern" (one row per kern, then
 * buitengebied); further tables (e.g. "kern_sector") appear as the engine grows.
 * \since 0.1
 */
KK_API kk_status kk_result_table_count(kk_context* ctx, const kk_result* result, size_t* out);

/*
 * Name of table `index` in *out; owned by the result. KK_E_INVALID_ARGUMENT when out of
 * range. The tables are addressed by these names below.
 * \since 0.1
 */
KK_API kk_status kk_result_table_name(kk_context* ctx, const kk_result* result, size_t index,
                                      const char** out);

/*
 * Number of rows of table `table` in *out.
 * KK_E_INVALID_ARGUMENT for an unknown table name (the message lists the tables).
 * \since 0.1
 */
KK_API kk_status kk_result_row_count(kk_context* ctx, const kk_result* result, const char* table,
                                     size_t* out);

/*
 * Number of columns of table `table` in *out.
 * \since 0.1
 */
KK_API kk_status kk_result_column_count(kk_context* ctx, const kk_result* result,
                                        const char* table, size_t* out);

/*
 * Name of column `index` of table `table` in *out (e.g. "n_locations",
 * "density_per_km2"); owned by the result. KK_E_INVALID_ARGUMENT when out of range.
 * \since 0.1
 */
KK_API kk_status kk_result_column_name(kk_context* ctx, const kk_result* result,
                                       const char* table, size_t index, const char** out);

/*
 * Type of column `column` of table `table` in *out.
 * KK_E_INVALID_ARGUMENT for an unknown table or column name (the message names it).
 * \since 0.1
 */
KK_API kk_status kk_result_column_type(kk_context* ctx, const kk_result* result,
                                       const char* table, const char* column,
                                       kk_column_type* out);

/*
 * Unit of a column in *out, e.g. "km2", "per_km2", "inhabitants"; "" for counts and
 * dimensionless values. Owned by the result.
 * \since 0.1
 */
KK_API kk_status kk_result_column_unit(kk_context* ctx, const kk_result* result,
                                       const char* table, const char* column, const char** out);

/*
 * One-line description of a column in *out (English). Owned by the result.
 * \since 0.1
 */
KK_API kk_status kk_result_column_description(kk_context* ctx, const kk_result* result,
                                              const char* table, const char* column,
                                              const char** out);

/*
 * Copies a real or integer column into out[0 .. row count): integers are converted
 * (KK_NULL_INTEGER becomes NaN; exact up to 2^53). NaN = missing.
 * `capacity`: elements available at out; must be >= the row count (else
 * KK_E_INVALID_ARGUMENT and nothing is written). The caller owns out.
 * KK_E_INVALID_ARGUMENT for an unknown table or column, or a text column.
 * \since 0.1
 */
KK_API kk_status kk_result_real_column(kk_context* ctx, const kk_result* result,
                                       const char* table, const char* column, double* out,
                                       size_t capacity);

/*
 * Copies an integer column into out[0 .. row count); KK_NULL_INTEGER = missing.
 * `capacity` as in kk_result_real_column(). KK_E_INVALID_ARGUMENT for an unknown table or
 * column, or a column that is not of type KK_COLUMN_INTEGER.
 * \since 0.1
 */
KK_API kk_status kk_result_integer_column(kk_context* ctx, const kk_result* result,
                                          const char* table, const char* column, int64_t* out,
                                          size_t capacity);

/*
 * Zero-copy access to a KK_COLUMN_REAL column: *out points at the result's own array of
 * *count values, valid until kk_result_destroy(); the caller must not free or change it.
 * KK_E_INVALID_ARGUMENT for a column of another type (use kk_result_real_column() to
 * convert integers).
 * \since 0.1
 */
KK_API kk_status kk_result_real_column_data(kk_context* ctx, const kk_result* result,
                                            const char* table, const char* column,
                                            const double** out, size_t* count);

/*
 * Zero-copy access to a KK_COLUMN_INTEGER column; as kk_result_real_column_data().
 * \since 0.1
 */
KK_API kk_status kk_result_integer_column_data(kk_context* ctx, const kk_result* result,
                                               const char* table, const char* column,
                                               const int64_t** out, size_t* count);

/*
 * Cell `row` of a KK_COLUMN_TEXT column in *out (UTF-8, "" = missing), owned by the result.
 * KK_E_INVALID_ARGUMENT for an unknown table or column, a column of another type, or a row
 * out of range.
 * \since 0.1
 */
KK_API kk_status kk_result_text_cell(kk_context* ctx, const kk_result* result, const char* table,
                                     const char* column, size_t row, const char** out);

/*
 * Whether the result is internal (1: disclosure control was off, never publish it) or
 * published (0), in *out. See kk_options_set_internal().
 * \since 0.1
 */
KK_API kk_status kk_result_is_internal(kk_context* ctx, const kk_result* result, int* out);

/*
 * The grain of table `table` in *out: what one row stands for — "kern", "area" (one row for
 * the whole area), "kern_sector", "kern_function", "period_kern", "grid_cell", "location",
 * "cluster", ... A later step finds an indicator by grain and column name. Owned by the
 * result. KK_E_INVALID_ARGUMENT for an unknown table.
 * \since 0.2
 */
KK_API kk_status kk_result_table_grain(kk_context* ctx, const kk_result* result, const char* table,
                                       const char** out);

/* Number of key columns of table `table` (0 for "area"), in *out. \since 0.2 */
KK_API kk_status kk_result_table_key_count(kk_context* ctx, const kk_result* result,
                                           const char* table, size_t* out);

/*
 * Name of key column `index` of table `table` in *out (e.g. "kern_code", then "sbi_section"
 * for "kern_sector"); together the key columns identify a row. Owned by the result.
 * \since 0.2
 */
KK_API kk_status kk_result_table_key(kk_context* ctx, const kk_result* result, const char* table,
                                     size_t index, const char** out);

/* Number of raster results (e.g. kernel density surfaces), in *out. \since 0.2 */
KK_API kk_status kk_result_raster_count(kk_context* ctx, const kk_result* result, size_t* out);

/* Name of raster `index` in *out (also its file name, <name>.tif). \since 0.2 */
KK_API kk_status kk_result_raster_name(kk_context* ctx, const kk_result* result, size_t index,
                                       const char** out);

/*
 * Size of raster `raster` (by name): *columns and *rows. KK_E_INVALID_ARGUMENT for an
 * unknown raster. \since 0.2
 */
KK_API kk_status kk_result_raster_size(kk_context* ctx, const kk_result* result, const char* raster,
                                       size_t* columns, size_t* rows);

/*
 * GDAL geotransform of raster `raster` into out[0..6) (caller's array of 6): x of a cell
 * corner = out[0] + column * out[1], y = out[3] + row * out[5] (north up, out[5] < 0), in the
 * working CRS. \since 0.2
 */
KK_API kk_status kk_result_raster_geotransform(kk_context* ctx, const kk_result* result,
                                               const char* raster, double* out);

/*
 * Zero-copy access to the values of raster `raster`: *out points at rows x columns doubles,
 * row-major, northern row first, NaN = no data; *count is rows x columns. Valid until
 * kk_result_destroy(); the caller must not free or change it. \since 0.2
 */
KK_API kk_status kk_result_raster_data(kk_context* ctx, const kk_result* result, const char* raster,
                                       const double** out, size_t* count);

/*
 * Whether table `table` has a polygon per row (1) or none (0), in *out: "kern" has the kern
 * polygons (buitengebied's row is empty), "vacancy_hotspot" the grid cells; plain tables
 * have none. KK_E_INVALID_ARGUMENT for an unknown table.
 * \since 0.1
 */
KK_API kk_status kk_result_table_has_geometry(kk_context* ctx, const kk_result* result,
                                              const char* table, int* out);

/*
 * Size in bytes, in *out, of the WKB kk_result_geometry_wkb() writes for row `row`.
 * KK_E_INVALID_ARGUMENT for an unknown table, a table without geometry, or a row out of
 * range.
 * \since 0.1
 */
KK_API kk_status kk_result_geometry_wkb_size(kk_context* ctx, const kk_result* result,
                                             const char* table, size_t row, size_t* out);

/*
 * Writes the polygon of row `row` of table `table` into out[0 .. size) as little-endian ISO
 * WKB MultiPolygon (MULTIPOLYGON EMPTY, 9 bytes, for a row without polygon such as
 * buitengebied), in the working CRS; ready for OGR_G_CreateFromWkb, GEOS or shapely.
 * `capacity_bytes`: bytes available at out, at least kk_result_geometry_wkb_size() (else
 * KK_E_INVALID_ARGUMENT and nothing is written). The caller owns out.
 * \since 0.1
 */
KK_API kk_status kk_result_geometry_wkb(kk_context* ctx, const kk_result* result,
                                        const char* table, size_t row, unsigned char* out,
                                        size_t capacity_bytes);

/*
 * Writes the same outputs as the command line's `kernkompas run`: out_dir/kernkompas.gpkg
 * (a layer per result table, "kern" first with the kern polygons; an internal result, see
 * kk_result_is_internal(), also gets "location" with each location and its kern), a CSV per table (kern_indicators.csv for "kern", <table>.csv for
 * the others), a GeoTIFF per raster (<name>.tif), in the working CRS, and the manifest
 * kernkompas-run.json (every file with its SHA-256, the mode, the version). Creates out_dir
 * if needed. out_dir must be absent, empty or written by an earlier run (its manifest lists
 * every file in it with a matching checksum); otherwise nothing is written. The new set is
 * staged beside out_dir and switched in whole: files of the previous run that this run does
 * not produce are removed. Threads or processes writing the same out_dir wait for each
 * other (a lock file `<out_dir>.kk-lock`, up to 10 s). Text cells starting with = + - @ tab
 * or CR get a leading ' in the CSVs. A published result (the default) writes no
 * premise-level data: no "location" layer, no location ids, names or points. The
 * GeoPackage records the mode in its metadata (a gpkg_metadata row
 * "kernkompas_mode=published" or "kernkompas_mode=internal"). See docs/output.md.
 * Errors: KK_E_IO (the message names the path and the reason: a file kernkompas did not
 * write, a file changed since, another writer holding the lock, a write failure).
 * \since 0.1
 */
KK_API kk_status kk_result_write(kk_context* ctx, const kk_result* result, const char* out_dir);

/*
 * Writes one result table as CSV to `path` (comma-separated, RFC 4180 quoting, an empty
 * cell for a missing value, '.' as decimal separator, header row of column names). Text
 * cells starting with = + - @ tab or CR get a leading ' (CSV injection); numbers never do.
 * Errors: KK_E_INVALID_ARGUMENT (unknown table), KK_E_IO.
 * \since 0.1
 */
KK_API kk_status kk_result_write_table_csv(kk_context* ctx, const kk_result* result,
                                           const char* table, const char* path);

/* ------------------------------------------------------------------------------------ */
/* Statistics on plain arrays                                                           */
/* ------------------------------------------------------------------------------------ */

/*
 * The engine's spatial statistics on any layer, without a project: spatial weights, local
 * Getis-Ord Gi* with analytical and permutation inference, Benjamini-Hochberg false
 * discovery rate and Wilson score intervals. Values come in as pointer + stride + count and
 * results go into caller buffers of `capacity` elements; nothing here keeps a pointer to a
 * caller's array after the call returns.
 */

/*
 * Spatial weights of n observations in compressed sparse row form: for each observation i
 * its neighbours j != i with weights w_ij. The observation itself is never a neighbour;
 * statistics that include it (Gi*) take its weight as an option. Immutable once built, so a
 * kk_weights may be used by several threads at once (each with its own context).
 */
typedef struct kk_weights kk_weights;

/*
 * Binary distance-band weights on `count` points: j is a neighbour of i (j != i), with weight
 * 1, when the Euclidean distance between them is <= threshold_m, the rule of
 * libpysal.weights.DistanceBand(binary=True). Point i is at x = *(const double*)((const
 * char*)x + i*x_stride_bytes), y likewise (strides 0: packed doubles). Coordinates and
 * threshold in metres of a projected CRS (e.g. EPSG:28992); longitude/latitude are not
 * supported (no great-circle distances). Count 0 gives empty weights.
 * Errors: KK_E_INVALID_ARGUMENT (threshold negative or not finite, a NaN or infinite
 * coordinate; the message names the index). The caller frees *out with kk_weights_destroy().
 * \since 0.2
 */
KK_API kk_status kk_weights_from_distance_band(kk_context* ctx, size_t count, const double* x,
                                               size_t x_stride_bytes, const double* y,
                                               size_t y_stride_bytes, double threshold_m,
                                               kk_weights** out);

/*
 * Weights from CSR arrays (as scipy.sparse's indptr / indices / data, or libpysal's
 * W.sparse): the neighbours of observation i are neighbours[offsets[i] .. offsets[i+1]), with
 * weights weights[offsets[i] .. offsets[i+1]). `offsets` has count + 1 elements, starting at 0,
 * non-decreasing, ending at `nonzero_count`; `neighbours` and `weights` have nonzero_count
 * elements each. `weights` may be NULL: every weight is 1 (binary weights). The arrays are
 * packed (no stride), as every CSR producer writes them; they are copied.
 * Errors: KK_E_INVALID_ARGUMENT (offsets inconsistent, a neighbour index >= count, i listed
 * in its own row, a neighbour listed twice in one row, a non-finite weight; the message
 * names the row). The caller frees *out with kk_weights_destroy().
 * \since 0.2
 */
KK_API kk_status kk_weights_from_csr(kk_context* ctx, size_t count, const uint64_t* offsets,
                                     const uint32_t* neighbours, const double* weights,
                                     size_t nonzero_count, kk_weights** out);

/*
 * Number of observations (n) of the weights in *out.
 * \since 0.2
 */
KK_API kk_status kk_weights_size(kk_context* ctx, const kk_weights* weights, size_t* out);

/*
 * Number of stored neighbour pairs (i, j), i != j, in *out: the CSR arrays' length.
 * \since 0.2
 */
KK_API kk_status kk_weights_nonzero_count(kk_context* ctx, const kk_weights* weights,
                                          size_t* out);

/*
 * Frees weights. NULL is accepted and ignored.
 * \since 0.2
 */
KK_API void kk_weights_destroy(kk_weights* weights);

/* Optional settings of kk_stats_gi_star(); every setting has a default. */
typedef struct kk_gi_star_options kk_gi_star_options;

/*
 * Creates Gi* options with the defaults: self weight 1, 999 permutations, seed 12345,
 * 1 thread, FDR level 0.05, no progress callback. Passing NULL instead of options to
 * kk_stats_gi_star() means the same. The caller frees them with kk_gi_star_options_destroy().
 * \since 0.2
 */
KK_API kk_status kk_gi_star_options_create(kk_context* ctx, kk_gi_star_options** out);

/*
 * Frees Gi* options. NULL is accepted and ignored.
 * \since 0.2
 */
KK_API void kk_gi_star_options_destroy(kk_gi_star_options* options);

/*
 * Weight of each observation in its own neighbourhood, w_ii. DEFAULT: 1 (binary Gi*, as
 * esda.G_Local(star=True, transform="B")). REQUIRES: finite (else KK_E_INVALID_ARGUMENT).
 * \since 0.2
 */
KK_API kk_status kk_gi_star_options_set_self_weight(kk_context* ctx, kk_gi_star_options* options,
                                                    double self_weight);

/*
 * Number of conditional permutations R for the pseudo p-values; 0 = no permutation
 * inference (p_sim all NaN, the FDR flags then use p_norm). DEFAULT: 999.
 * \since 0.2
 */
KK_API kk_status kk_gi_star_options_set_permutations(kk_context* ctx,
                                                     kk_gi_star_options* options,
                                                     uint32_t permutations);

/*
 * Seed of the permutations. Observation i draws from a random stream derived from (seed, i),
 * so results depend only on the seed, never on the thread count. DEFAULT: 12345.
 * \since 0.2
 */
KK_API kk_status kk_gi_star_options_set_seed(kk_context* ctx, kk_gi_star_options* options,
                                             uint64_t seed);

/*
 * Worker threads for the permutations, the calling thread included. DEFAULT: 1.
 * REQUIRES: threads >= 1 (else KK_E_INVALID_ARGUMENT).
 * \since 0.2
 */
KK_API kk_status kk_gi_star_options_set_threads(kk_context* ctx, kk_gi_star_options* options,
                                                unsigned threads);

/*
 * Benjamini-Hochberg level of the fdr_significant flags. DEFAULT: 0.05.
 * REQUIRES: 0 < alpha < 1 (else KK_E_INVALID_ARGUMENT).
 * \since 0.2
 */
KK_API kk_status kk_gi_star_options_set_fdr_alpha(kk_context* ctx, kk_gi_star_options* options,
                                                  double alpha);

/*
 * Sets (or, with fn NULL, removes) the progress-and-cancel callback of the permutations
 * (step "permutations"), called on the calling thread; returning 0 cancels and
 * kk_stats_gi_star() returns KK_E_CANCELLED. `user` is passed back unchanged. DEFAULT: none.
 * \since 0.2
 */
KK_API kk_status kk_gi_star_options_set_progress(kk_context* ctx, kk_gi_star_options* options,
                                                 kk_progress_fn fn, void* user);

/*
 * Local Getis-Ord Gi* (Ord & Getis 1995) of `count` values under `weights`, with the self
 * weight w_ii of the options added to every neighbourhood:
 *   W_i = sum_j w_ij, S1_i = sum_j w_ij^2 (j over i's neighbours and i itself),
 *   xbar = sum x / n, S = sqrt(sum x^2 / n - xbar^2),
 *   z_i = (sum_j w_ij x_j - xbar W_i) / (S sqrt((n S1_i - W_i^2) / (n - 1))).
 * With binary weights and self weight 1 this is esda.G_Local(star=True, transform="B").Zs.
 * Value i is at (const char*)values + i*stride_bytes (stride_bytes 0: packed doubles);
 * `count` must equal kk_weights_size(). `options` may be NULL (defaults).
 * Results, one element per observation, into caller arrays of `capacity` elements each (each
 * may be NULL when not wanted):
 *   z               the Gi* z-score; NaN when n < 2, all values are equal, or i's
 *                   neighbourhood is every observation;
 *   p_norm          two-sided normal p-value of z, P(|Z| >= |z|) (twice esda's one-sided
 *                   p_norm); NaN where z is NaN;
 *   p_sim           folded pseudo p-value (M + 1) / (R + 1) of a conditional permutation of
 *                   the neighbours' values, M the simulations at least as extreme in the
 *                   observed tail (ties count in both tails); NaN for observations without
 *                   neighbours, for constant values, or with 0 permutations;
 *   fdr_significant 1 where Benjamini-Hochberg at the options' FDR level rejects, applied to
 *                   p_sim (to p_norm with 0 permutations); 0 elsewhere, including NaN p.
 * The caller owns the arrays. Errors: KK_E_INVALID_ARGUMENT (count differs from the weights'
 * size, a NaN or infinite value, capacity < count; nothing is written), KK_E_CANCELLED.
 * \since 0.2
 */
KK_API kk_status kk_stats_gi_star(kk_context* ctx, const kk_weights* weights,
                                  const double* values, size_t stride_bytes, size_t count,
                                  const kk_gi_star_options* options, double* z, double* p_norm,
                                  double* p_sim, uint8_t* fdr_significant, size_t capacity);

/*
 * Benjamini-Hochberg (1995) false discovery rate control of `count` p-values: with the m
 * non-NaN p-values sorted, p(1) <= ... <= p(m), finds the largest k with p(k) <= k alpha / m
 * and writes 1 into out[i] for every p_i <= p(k), 0 elsewhere. NaN p-values are no tests:
 * they get 0 and do not count in m. p-value i is at (const char*)p_values + i*stride_bytes
 * (stride_bytes 0: packed doubles). `capacity`: elements available at out, >= count.
 * Errors: KK_E_INVALID_ARGUMENT (alpha not in (0, 1), capacity < count; nothing is
 * written). The caller owns out.
 * \since 0.2
 */
KK_API kk_status kk_stats_fdr(kk_context* ctx, const double* p_values, size_t stride_bytes,
                              size_t count, double alpha, uint8_t* out, size_t capacity);

/*
 * Wilson score interval (Wilson 1927) of the proportion successes / trials at the given
 * confidence level (0.95 for a 95 % interval), into *low and *high, both fractions in
 * [0, 1]:
 *   p = x/n, z = the standard normal quantile of 1 - (1 - confidence)/2,
 *   centre = (p + z^2/(2n)) / (1 + z^2/n), half = z/(1 + z^2/n) sqrt(p(1-p)/n + z^2/(4n^2)).
 * x = 0 gives low = 0 exactly, x = n high = 1 exactly; trials = 0 gives NaN, NaN.
 * Errors: KK_E_INVALID_ARGUMENT (not 0 <= successes <= trials, confidence not in (0, 1));
 * *low and *high are then NaN.
 * \since 0.2
 */
KK_API kk_status kk_stats_wilson_interval(kk_context* ctx, int64_t successes, int64_t trials,
                                          double confidence, double* low, double* high);

/*
 * kk_stats_wilson_interval() for `count` pairs: successes i at (const char*)successes +
 * i*successes_stride_bytes, trials likewise (strides 0: packed int64_t); interval i into
 * low[i] and high[i]. `capacity`: elements available at low and at high, >= count.
 * Errors: as kk_stats_wilson_interval() (the message names the index), capacity < count;
 * nothing is written then. The caller owns low and high.
 * \since 0.2
 */
KK_API kk_status kk_stats_wilson_intervals(kk_context* ctx, size_t count,
                                           const int64_t* successes,
                                           size_t successes_stride_bytes, const int64_t* trials,
                                           size_t trials_stride_bytes, double confidence,
                                           double* low, double* high, size_t capacity);

/*
 * Kernel density of `count` points (x[i], y[i], packed doubles) with optional weights (NULL:
 * 1 each; a negative or NaN weight is KK_E_INVALID_ARGUMENT), on a north-up grid of
 * `columns` x `rows` square cells of `cell_size` whose lower-left corner is
 * (origin_x, origin_y), evaluated at cell centres:
 *   f(c) = sum_i w_i K(|c - x_i| / h) / h^2, per km^2 (x 10^6 of the per-m^2 value),
 * h = bandwidth, K = "quartic" (3/pi)(1 - u^2)^2, "epanechnikov" (2/pi)(1 - u^2), both for
 * u <= 1, or "gaussian" exp(-u^2/2)/(2 pi) cut off at u = 4. Away from the grid's edges the
 * surface integrates to the total weight.
 * Disclosure control: disclosure_k = 0 masks nothing (internal use only); disclosure_k = k >= 1
 * writes NaN (no data) into every cell whose reach (h, or 4h for gaussian) holds 1 ... k - 1
 * points, and, with weights, into cells with fewer than 3 contributing points or one point
 * contributing more than 85 % of the value (the table rules of docs/disclosure.md).
 * Results, row-major, northern row first, into `density` and (if not NULL) `units_in_reach`
 * (points within reach of each cell), each of `capacity` >= columns*rows elements. The result
 * does not depend on `threads` (>= 1). Points with a NaN coordinate are left out.
 * Errors: KK_E_INVALID_ARGUMENT (unknown kernel, bandwidth or cell_size not > 0, an empty
 * grid, capacity too small, a bad weight; nothing is written).
 * \since 0.3
 */
KK_API kk_status kk_stats_kernel_density(kk_context* ctx, size_t count, const double* x,
                                         const double* y, const double* weights,
                                         const char* kernel, double bandwidth, double origin_x,
                                         double origin_y, double cell_size, size_t columns,
                                         size_t rows, int64_t disclosure_k, unsigned threads,
                                         double* density, int64_t* units_in_reach,
                                         size_t capacity);
/* ------------------------------------------------------------------------------------ */
/* Point patterns on plain arrays: nearest neighbours, Clark-Evans, DBSCAN  (\since 0.3) */
/* ------------------------------------------------------------------------------------ */

/*
 * Point-pattern statistics on `count` points of any layer, without a project. Point i is at
 * x = *(const double*)((const char*)x + i*x_stride_bytes), y likewise (strides 0: packed
 * doubles), in metres of a projected CRS. Every coordinate must be finite (else
 * KK_E_INVALID_ARGUMENT naming the index). `threads` (>= 1) runs the neighbour queries in
 * parallel; results never depend on it. Definitions: docs/indicators.md.
 */

/*
 * The nearest other point of each point: distance[i] (0 for a coincident point) and
 * neighbour[i] (the lowest index among equally near points). With fewer than two points:
 * NaN and UINT32_MAX. Either output may be NULL; `capacity`: elements available at each
 * non-NULL output, >= count.
 * Errors: KK_E_INVALID_ARGUMENT (a coordinate not finite, threads 0, capacity < count, count
 * >= 2^32 - 1); nothing is written then.
 * \since 0.3
 */
KK_API kk_status kk_stats_nearest_neighbours(kk_context* ctx, size_t count, const double* x,
                                             size_t x_stride_bytes, const double* y,
                                             size_t y_stride_bytes, unsigned threads,
                                             double* distance, uint32_t* neighbour,
                                             size_t capacity);

/* One Clark-Evans test: the observed mean nearest-neighbour distance against its expectation
 * under complete spatial randomness. \since 0.3 */
typedef struct kk_clark_evans_test {
  double expected;       /* E */
  double standard_error; /* SE */
  double r;              /* R = mean distance / E: < 1 clustered, 1 random, > 1 regular */
  double z;              /* (mean distance - E) / SE */
  double p;              /* two-sided normal p of z */
} kk_clark_evans_test;

/*
 * Clark-Evans R of the points in a window (the kern) of area `area` (> 0) and perimeter
 * `perimeter` (>= 0), with d the mean nearest-neighbour distance and n = count:
 *   plain (Clark & Evans 1954): E = 0.5 sqrt(A/n), SE = 0.26136 / sqrt(n^2/A);
 *   donnelly (Donnelly 1978 edge correction): E = 0.5 sqrt(A/n) + (0.0514 + 0.041/sqrt(n)) P/n,
 *   SE^2 = 0.0703 A/n^2 + 0.037 P sqrt(A/n^5).
 * *mean_distance, *plain and *donnelly may each be NULL. With fewer than two points every
 * figure is NaN.
 * Errors: KK_E_INVALID_ARGUMENT (area or perimeter out of range or not finite, a coordinate
 * not finite, threads 0); the outputs are then NaN.
 * \since 0.3
 */
KK_API kk_status kk_stats_clark_evans(kk_context* ctx, size_t count, const double* x,
                                      size_t x_stride_bytes, const double* y,
                                      size_t y_stride_bytes, double area, double perimeter,
                                      unsigned threads, double* mean_distance,
                                      kk_clark_evans_test* plain, kk_clark_evans_test* donnelly);

/*
 * DBSCAN (Ester et al. 1996) with the numbering of scikit-learn's sklearn.cluster.DBSCAN:
 * q is a neighbour of p when their distance is <= eps (>= 0); p is a core point when at
 * least min_samples (>= 1) points, p itself included, are its neighbours. Clusters are the
 * connected components of core points, numbered 0, 1, ... by their smallest core-point
 * index; a non-core point within eps of core points joins the lowest-numbered of their
 * clusters (border point), else it is noise (-1).
 * labels[i] gets point i's cluster or -1, core[i] 1 for a core point else 0 (core may be
 * NULL), *cluster_count (may be NULL) the number of clusters. `capacity`: elements available
 * at labels and at core, >= count.
 * Errors: KK_E_INVALID_ARGUMENT (eps negative or not finite, min_samples 0, threads 0, a
 * coordinate not finite, capacity < count, count >= 2^31 - 1); nothing is written then.
 * \since 0.3
 */
KK_API kk_status kk_stats_dbscan(kk_context* ctx, size_t count, const double* x,
                                 size_t x_stride_bytes, const double* y, size_t y_stride_bytes,
                                 double eps, uint32_t min_samples, unsigned threads,
                                 int32_t* labels, uint8_t* core, size_t capacity,
                                 int32_t* cluster_count);
/* ------------------------------------------------------------------------------------ */
/* Point patterns and sector concentration on plain arrays                              */
/* ------------------------------------------------------------------------------------ */

/*
 * Ripley's K, L and H with edge correction and envelopes, location quotients, Shannon
 * diversity and HHI, and the colocation quotient, on any points and any table of counts,
 * without a project. Conventions as in the statistics above: arrays in as pointer + stride
 * + count, results into caller buffers of `capacity` elements, every output optional
 * (NULL: not wanted) unless said otherwise. Coordinates and distances in metres of a
 * projected CRS (e.g. EPSG:28992).
 */

/* Optional settings of kk_stats_ripley(); every setting has a default. */
typedef struct kk_ripley_options kk_ripley_options;

/*
 * Creates Ripley options with the defaults: 99 simulations, envelope rank 1 (min and max),
 * seed 12345, 1 thread, no progress callback. Passing NULL instead of options to
 * kk_stats_ripley() means the same. The caller frees them with kk_ripley_options_destroy().
 * \since 0.3
 */
KK_API kk_status kk_ripley_options_create(kk_context* ctx, kk_ripley_options** out);

/* Frees Ripley options. NULL is accepted and ignored. \since 0.3 */
KK_API void kk_ripley_options_destroy(kk_ripley_options* options);

/*
 * Number of uniform patterns simulated in the window for the envelopes; 0 = none (l_lo and
 * l_hi NaN). DEFAULT: 99.
 * \since 0.3
 */
KK_API kk_status kk_ripley_options_set_simulations(kk_context* ctx, kk_ripley_options* options,
                                                   uint32_t simulations);

/*
 * The envelope is the rank-th smallest and rank-th largest simulated L at each distance.
 * DEFAULT: 1 (pointwise min and max). REQUIRES: rank >= 1 here (else KK_E_INVALID_ARGUMENT)
 * and rank <= simulations / 2 when kk_stats_ripley() runs.
 * \since 0.3
 */
KK_API kk_status kk_ripley_options_set_envelope_rank(kk_context* ctx, kk_ripley_options* options,
                                                     uint32_t rank);

/*
 * Seed of the simulations: simulation s draws from a random stream derived from (seed, s),
 * so results depend only on the seed, never on the thread count. DEFAULT: 12345.
 * \since 0.3
 */
KK_API kk_status kk_ripley_options_set_seed(kk_context* ctx, kk_ripley_options* options,
                                            uint64_t seed);

/*
 * Worker threads, the calling thread included. DEFAULT: 1. REQUIRES: threads >= 1 (else
 * KK_E_INVALID_ARGUMENT).
 * \since 0.3
 */
KK_API kk_status kk_ripley_options_set_threads(kk_context* ctx, kk_ripley_options* options,
                                               unsigned threads);

/*
 * Sets (or, with fn NULL, removes) the progress-and-cancel callback (step "ripley"), called
 * on the calling thread; returning 0 cancels and kk_stats_ripley() returns KK_E_CANCELLED.
 * \since 0.3
 */
KK_API kk_status kk_ripley_options_set_progress(kk_context* ctx, kk_ripley_options* options,
                                                kk_progress_fn fn, void* user);

/*
 * Ripley's K of `count` points in a window polygon, at `distance_count` distances:
 *   K(r) = A / (n (n - 1)) sum_i sum_{j != i} w_ij 1(d_ij <= r),
 * with Ripley's isotropic edge weight w_ij = 1 / (share of the circumference of the circle
 * around point i through point j that lies inside the window), computed exactly by
 * intersecting the circle with the window's edges (holes and several parts allowed);
 * weights are not capped. L(r) = sqrt(K(r) / pi), H(r) = L(r) - r; under complete spatial
 * randomness K = pi r^2, L = r, H = 0. Envelopes: the options' number of patterns of n
 * uniform points in the window (rejection sampling), each with the same estimator.
 * Point i is at x = *(const double*)((const char*)x + i*x_stride_bytes), y likewise
 * (strides 0: packed doubles); every point must lie in the window (its boundary included).
 * The window is a Polygon or MultiPolygon in WKB (ISO or EWKB, either byte order; Z and M
 * dropped) of `window_wkb_size` bytes; A is its area. `distances_m`: packed, finite, >= 0,
 * strictly ascending. `options` may be NULL (defaults).
 * Results, one element per distance, into caller arrays of `capacity` (>= distance_count)
 * elements: k, l, h (edge-corrected), k_uncorrected (every weight 1), l_lo and l_hi (the
 * envelope of the simulated L). With fewer than 2 points every value is NaN.
 * Errors: KK_E_INVALID_ARGUMENT (a point outside the window or not finite, the message
 * naming its index; bad distances; an envelope rank above simulations / 2; capacity too
 * small), KK_E_BAD_VALUE / KK_E_WRONG_GEOMETRY_TYPE / KK_E_EMPTY_GEOMETRY (the window's
 * WKB), KK_E_CANCELLED. Nothing is written on error. The caller owns the arrays.
 * \since 0.3
 */
KK_API kk_status kk_stats_ripley(kk_context* ctx, size_t count, const double* x,
                                 size_t x_stride_bytes, const double* y, size_t y_stride_bytes,
                                 const unsigned char* window_wkb, size_t window_wkb_size,
                                 const double* distances_m, size_t distance_count,
                                 const kk_ripley_options* options, double* k, double* l,
                                 double* h, double* k_uncorrected, double* l_lo, double* l_hi,
                                 size_t capacity);

/*
 * Location quotients LQ(a, s) = (e_as / e_a) / (E_s / E) of a table of counts with
 * `area_count` rows (areas, e.g. kernen) and `category_count` columns (categories, e.g. the
 * 21 SBI sections), packed row-major: counts[a * category_count + s]. The reference shares
 * E_s / E are the table's column totals over its grand total when `reference` is NULL
 * (include every unit, e.g. buitengebied, as a row), else reference[0 .. category_count)
 * divided by its sum (counts or shares). Writes LQ row-major into out[0 .. area_count *
 * category_count) (`capacity` elements, required); NaN for an area without units or a
 * category with reference share 0.
 * Errors: KK_E_INVALID_ARGUMENT (a count or reference value negative or not finite, the
 * message naming its area and category; a reference summing to 0; capacity too small).
 * \since 0.3
 */
KK_API kk_status kk_stats_location_quotients(kk_context* ctx, const double* counts,
                                             size_t area_count, size_t category_count,
                                             const double* reference, double* out,
                                             size_t capacity);

/*
 * Diversity per row of a table of counts laid out as in kk_stats_location_quotients(),
 * from the shares p_s = e_as / e_a, into caller arrays of `capacity` (>= area_count):
 *   shannon             H = -sum p_s ln p_s (natural logarithm);
 *   evenness            H / ln S, S the categories present; NaN when S < 2;
 *   evenness_all        H / ln C, C = category_count (H / ln 21 for the SBI sections);
 *   hhi                 the Herfindahl-Hirschman index sum p_s^2, in (0, 1];
 *   categories_present  S.
 * A row without units gets NaN everywhere and S = 0.
 * Errors: KK_E_INVALID_ARGUMENT (a negative or non-finite count, capacity too small).
 * \since 0.3
 */
KK_API kk_status kk_stats_diversity(kk_context* ctx, const double* counts, size_t area_count,
                                    size_t category_count, double* shannon, double* evenness,
                                    double* evenness_all, double* hhi,
                                    uint32_t* categories_present, size_t capacity);

/* Optional settings of kk_stats_colocation_quotient(); every setting has a default. */
typedef struct kk_colocation_options kk_colocation_options;

/*
 * Creates colocation options with the defaults: 999 permutations, seed 12345, 1 thread, no
 * progress callback (NULL options mean the same). Free with kk_colocation_options_destroy().
 * \since 0.3
 */
KK_API kk_status kk_colocation_options_create(kk_context* ctx, kk_colocation_options** out);

/* Frees colocation options. NULL is accepted and ignored. \since 0.3 */
KK_API void kk_colocation_options_destroy(kk_colocation_options* options);

/* Random relabellings for the pseudo p-value; 0 = none (p_sim NaN). DEFAULT: 999. \since 0.3 */
KK_API kk_status kk_colocation_options_set_permutations(kk_context* ctx,
                                                        kk_colocation_options* options,
                                                        uint32_t permutations);

/* Seed of the relabellings (relabelling r draws from (seed, r)). DEFAULT: 12345. \since 0.3 */
KK_API kk_status kk_colocation_options_set_seed(kk_context* ctx, kk_colocation_options* options,
                                                uint64_t seed);

/* Worker threads; DEFAULT: 1; REQUIRES: >= 1 (else KK_E_INVALID_ARGUMENT). \since 0.3 */
KK_API kk_status kk_colocation_options_set_threads(kk_context* ctx,
                                                   kk_colocation_options* options,
                                                   unsigned threads);

/* Progress-and-cancel callback (step "colocation"), as kk_ripley_options_set_progress(). \since 0.3 */
KK_API kk_status kk_colocation_options_set_progress(kk_context* ctx,
                                                    kk_colocation_options* options,
                                                    kk_progress_fn fn, void* user);

/*
 * Colocation quotient (Leslie & Kronenfeld 2011) of category a towards category b among
 * `count` points with integer categories (category i at (const char*)category +
 * i*category_stride_bytes; x, y as in kk_stats_ripley()):
 *   CLQ(A -> B) = (C(A -> B) / N_A) / ((N_B - [A = B]) / (N - 1)),
 * C(A -> B) = sum over the A points of the share of their nearest neighbours (the point
 * itself excluded) that are B; several neighbours at exactly the same smallest distance
 * share the point's vote equally, as in the paper. CLQ > 1: B is the nearest neighbour of A
 * more often than B's share of the other points predicts.
 * *clq (required), *count_ab = C(A -> B) and *p_sim, the folded pseudo p-value
 * (M + 1) / (R + 1) of R random relabellings of the fixed locations (ties count in both
 * tails). *clq and *p_sim are NaN when N < 2, N_A = 0 or N_B - [A = B] = 0.
 * Errors: KK_E_INVALID_ARGUMENT (a non-finite coordinate, the message naming its index),
 * KK_E_CANCELLED; the outputs are then NaN.
 * \since 0.3
 */
KK_API kk_status kk_stats_colocation_quotient(kk_context* ctx, size_t count, const double* x,
                                              size_t x_stride_bytes, const double* y,
                                              size_t y_stride_bytes, const int32_t* category,
                                              size_t category_stride_bytes, int32_t a, int32_t b,
                                              const kk_colocation_options* options, double* clq,
                                              double* count_ab, double* p_sim);
/* ------------------------------------------------------------------------------------ */
/* Spatial autocorrelation on plain arrays: weights builders, Moran's I, local Moran     */
/* ------------------------------------------------------------------------------------ */

/* Kind of polygon contiguity (kk_weights_from_contiguity()). \since 0.3 */
typedef enum kk_contiguity {
  KK_CONTIGUITY_QUEEN = 0, /* a common vertex makes neighbours */
  KK_CONTIGUITY_ROOK = 1   /* a common edge (two consecutive vertices) makes neighbours */
} kk_contiguity;

/*
 * Binary contiguity weights of `count` polygons given as WKB (ISO WKB or EWKB, Polygon or
 * MultiPolygon; polygon i is wkb[i], wkb_size_bytes[i] bytes), exactly on coordinates as
 * libpysal.weights.Queen / Rook.from_dataframe: queen neighbours share a vertex (x and y
 * equal as doubles), rook neighbours an edge, i.e. the same two consecutive vertices of a
 * ring in either direction. Holes and every part count. Polygons that touch without a
 * common vertex (a T-junction) are not neighbours; polygons without neighbours are islands
 * (kk_weights_island_count()). `kind` is a kk_contiguity value, passed as int so that any
 * number a caller sends is checked, not undefined behaviour in the library.
 * Errors: KK_E_INVALID_ARGUMENT (an unknown kind), the WKB errors of
 * kk_project_set_kernen_wkb() (the message names the polygon). The caller frees *out with
 * kk_weights_destroy().
 * \since 0.3
 */
KK_API kk_status kk_weights_from_contiguity(kk_context* ctx, size_t count,
                                            const unsigned char* const* wkb,
                                            const size_t* wkb_size_bytes, int kind,
                                            kk_weights** out);

/*
 * k-nearest-neighbour weights on `count` points (coordinates as in
 * kk_weights_from_distance_band()): the k points nearest to each point, itself excluded,
 * weight 1; equal distances are broken by the lower index (libpysal.weights.KNN leaves that
 * order to scipy's KDTree, so the two can differ only when the k-th and (k+1)-th distances
 * are equal). With fewer than k + 1 points every other point is a neighbour. The weights
 * are not symmetric.
 * Errors: KK_E_INVALID_ARGUMENT (k = 0, a NaN or infinite coordinate). The caller frees
 * *out with kk_weights_destroy().
 * \since 0.3
 */
KK_API kk_status kk_weights_from_knn(kk_context* ctx, size_t count, const double* x,
                                     size_t x_stride_bytes, const double* y,
                                     size_t y_stride_bytes, uint32_t k, kk_weights** out);

/*
 * Inverse-distance weights inside a distance band: neighbours as
 * kk_weights_from_distance_band(), weight d_ij^power (power < 0; -1 as
 * libpysal.weights.DistanceBand(binary=False)).
 * Errors: KK_E_INVALID_ARGUMENT (power >= 0 or not finite, threshold negative, a NaN
 * coordinate, two points at the same position within the band). The caller frees *out with
 * kk_weights_destroy().
 * \since 0.3
 */
KK_API kk_status kk_weights_from_inverse_distance_band(kk_context* ctx, size_t count,
                                                       const double* x, size_t x_stride_bytes,
                                                       const double* y, size_t y_stride_bytes,
                                                       double threshold_m, double power,
                                                       kk_weights** out);

/*
 * A row-standardised copy of `weights` in *out: each row divided by its sum, so it sums to
 * 1 (libpysal's transform "r"); rows without neighbours stay empty. The caller frees *out
 * with kk_weights_destroy().
 * \since 0.3
 */
KK_API kk_status kk_weights_row_standardised(kk_context* ctx, const kk_weights* weights,
                                             kk_weights** out);

/* Number of observations without neighbours (islands) in *out. \since 0.3 */
KK_API kk_status kk_weights_island_count(kk_context* ctx, const kk_weights* weights,
                                         size_t* out);

/*
 * The neighbours of observation `index` in ascending order into neighbours[0 .. *count) and
 * their weights into values[0 .. *count) (either may be NULL). `capacity`: elements
 * available at each, at least the number of neighbours (else KK_E_INVALID_ARGUMENT, nothing
 * written; *count is 0). KK_E_INVALID_ARGUMENT when index is out of range.
 * \since 0.3
 */
KK_API kk_status kk_weights_neighbours(kk_context* ctx, const kk_weights* weights, size_t index,
                                       uint32_t* neighbours, double* values, size_t capacity,
                                       size_t* count);

/* Optional settings of kk_stats_moran() and kk_stats_local_moran(). \since 0.3 */
typedef struct kk_moran_options kk_moran_options;

/*
 * Creates Moran options with the defaults: 999 permutations, seed 12345, 1 thread, FDR level
 * 0.05, no progress callback; NULL options mean the same. The caller frees them with
 * kk_moran_options_destroy().
 * \since 0.3
 */
KK_API kk_status kk_moran_options_create(kk_context* ctx, kk_moran_options** out);

/* Frees Moran options. NULL is accepted and ignored. \since 0.3 */
KK_API void kk_moran_options_destroy(kk_moran_options* options);

/* Number of permutations R; 0 = none (the permutation results are NaN). DEFAULT: 999. \since 0.3 */
KK_API kk_status kk_moran_options_set_permutations(kk_context* ctx, kk_moran_options* options,
                                                   uint32_t permutations);

/*
 * Seed of the permutations; results depend only on it, never on the thread count.
 * DEFAULT: 12345. \since 0.3
 */
KK_API kk_status kk_moran_options_set_seed(kk_context* ctx, kk_moran_options* options,
                                           uint64_t seed);

/* Worker threads, the calling thread included; >= 1. DEFAULT: 1. \since 0.3 */
KK_API kk_status kk_moran_options_set_threads(kk_context* ctx, kk_moran_options* options,
                                              unsigned threads);

/* Benjamini-Hochberg level of the local fdr_significant flags; 0 < alpha < 1. DEFAULT: 0.05. \since 0.3 */
KK_API kk_status kk_moran_options_set_fdr_alpha(kk_context* ctx, kk_moran_options* options,
                                                double alpha);

/*
 * Progress-and-cancel callback of the permutations (step "permutations"), as
 * kk_gi_star_options_set_progress(). \since 0.3
 */
KK_API kk_status kk_moran_options_set_progress(kk_context* ctx, kk_moran_options* options,
                                               kk_progress_fn fn, void* user);

/* Global Moran's I and its inference (kk_stats_moran()); the names follow esda.Moran. \since 0.3 */
typedef struct kk_moran_result {
  double i;            /* Moran's I */
  double expected;     /* E[I] = -1 / (n - 1) (esda EI) */
  double variance_normal;      /* Var[I] under normality (esda VI_norm) */
  double variance_randomised;  /* Var[I] under randomisation (esda VI_rand) */
  double z_normal;     /* (I - E[I]) / sqrt(variance_normal) */
  double p_normal;     /* two-sided normal p of z_normal (esda p_norm, two_tailed=True) */
  double z_randomised; /* (I - E[I]) / sqrt(variance_randomised) */
  double p_randomised; /* two-sided (esda p_rand) */
  double p_sim;        /* folded permutation pseudo p (M + 1) / (R + 1) (esda p_sim) */
  double mean_sim;     /* mean of the simulated I (esda EI_sim) */
  double sd_sim;       /* their standard deviation (esda seI_sim) */
  double z_sim;        /* (I - mean_sim) / sd_sim */
  double p_z_sim;      /* one-sided normal p of |z_sim| (esda p_z_sim) */
  double s0, s1, s2;   /* the weights' sums S0, S1, S2 (Cliff & Ord) */
} kk_moran_result;

/*
 * Global Moran's I of `count` values under `weights` as given (row-standardise first with
 * kk_weights_row_standardised() for esda's default transformation="r"):
 *   z = x - xbar, S0 = sum_ij w_ij, I = (n / S0) sum_i z_i sum_j w_ij z_j / sum_i z_i^2,
 * with E[I], the variances under normality and randomisation, z and two-sided p as
 * esda.Moran, and a permutation pseudo p over R random permutations of all values.
 * Values as in kk_stats_gi_star(); `options` may be NULL. Fields are NaN when undefined
 * (n < 2, S0 = 0, constant values; the randomisation variance also for n < 4; the *_sim
 * fields with 0 permutations).
 * Errors: KK_E_INVALID_ARGUMENT (count differs from the weights' size, a NaN or infinite
 * value), KK_E_CANCELLED.
 * \since 0.3
 */
KK_API kk_status kk_stats_moran(kk_context* ctx, const kk_weights* weights, const double* values,
                                size_t stride_bytes, size_t count,
                                const kk_moran_options* options, kk_moran_result* out);

/*
 * Local Moran (LISA) in the PySAL / GeoDa scaling, under `weights` as given:
 *   I_i = (n - 1) z_i sum_j w_ij z_j / sum_k z_k^2   (Anselin 1995 divides by sum z^2 / n).
 * Results, one element per observation, into caller arrays of `capacity` elements (each may
 * be NULL):
 *   local_i          I_i (esda Moran_Local.Is); NaN for constant values;
 *   quadrant         1 HH (z_i > 0, lag > 0), 2 LH, 3 LL, 4 HL, as esda's q; 0 undefined;
 *   p_sim            folded pseudo p of a conditional permutation (i fixed), ties counting
 *                    in both tails; 1 where z_i = 0; NaN for islands and with 0 permutations;
 *   fdr_significant  Benjamini-Hochberg at the options' FDR level on p_sim.
 * Errors: as kk_stats_moran(), and capacity < count (nothing written).
 * \since 0.3
 */
KK_API kk_status kk_stats_local_moran(kk_context* ctx, const kk_weights* weights,
                                      const double* values, size_t stride_bytes, size_t count,
                                      const kk_moran_options* options, double* local_i,
                                      uint8_t* quadrant, double* p_sim, uint8_t* fdr_significant,
                                      size_t capacity);

/* ------------------------------------------------------------------------------------ */
/* Road networks: accessibility on plain arrays                                          */
/* ------------------------------------------------------------------------------------ */

/*
 * A directed road graph (compact CSR) with an R-tree over its links, built from polylines in
 * a projected CRS (metres). Line ends that meet are one node; a link is the stretch of a line
 * between two nodes; a two-way link gives two arcs, a one-way link one. Disconnected parts
 * are kept. Immutable once built, so a kk_network may be used by several threads at once
 * (each with its own context). See docs/accessibility.md.
 * \since 0.3
 */
typedef struct kk_network kk_network;

/* Optional settings of kk_network_create(). \since 0.3 */
typedef struct kk_network_options kk_network_options;

/* Direction of travel of a line relative to the order of its vertices. \since 0.3 */
typedef enum kk_direction {
  KK_DIRECTION_BOTH = 0,     /* two-way */
  KK_DIRECTION_FORWARD = 1,  /* first vertex to last (OSM oneway=yes, NWB RIJRICHTNG H) */
  KK_DIRECTION_BACKWARD = 2  /* last vertex to first (OSM oneway=-1, NWB RIJRICHTNG T) */
} kk_direction;

/* What a search minimises; the other metric is reported along the chosen path. The functions
 * take it as an int `metric` holding one of these values: any other int is refused with
 * KK_E_INVALID_ARGUMENT, which an enum parameter could not promise C++ implementations.
 * \since 0.3 */
typedef enum kk_network_metric {
  KK_METRIC_DISTANCE = 0, /* metres */
  KK_METRIC_TIME = 1      /* seconds, from the speed of each link's road class */
} kk_network_metric;

/*
 * Creates network options with the defaults: one road class at 50 km/h, node tolerance 0
 * (only exactly equal line ends meet), no split at shared interior vertices; NULL options
 * mean the same. The caller frees them with kk_network_options_destroy().
 * \since 0.3
 */
KK_API kk_status kk_network_options_create(kk_context* ctx, kk_network_options** out);

/* Frees network options. NULL is accepted and ignored. \since 0.3 */
KK_API void kk_network_options_destroy(kk_network_options* options);

/*
 * Speed per road class in km/h: class c travels at speeds_kmh[c]; count >= 1, every speed
 * finite and > 0 (checked by kk_network_create()). The array is copied. DEFAULT: {50}.
 * \since 0.3
 */
KK_API kk_status kk_network_options_set_speeds(kk_context* ctx, kk_network_options* options,
                                               const double* speeds_kmh, size_t count);

/*
 * Line ends in the same cell of a square grid of this size (metres, anchored at 0,0) are one
 * node; 0 = only exactly equal coordinates. Finite, >= 0. DEFAULT: 0.
 * \since 0.3
 */
KK_API kk_status kk_network_options_set_node_tolerance_m(kk_context* ctx, kk_network_options* options,
                                                         double node_tolerance_m);

/*
 * Non-zero: every vertex that occurs more than once among all lines is a node too (OSM ways
 * meet mid-way); 0: a crossing at a shared interior vertex is a bridge. DEFAULT: 0.
 * \since 0.3
 */
KK_API kk_status kk_network_options_set_split_at_shared_vertices(kk_context* ctx,
                                                                 kk_network_options* options,
                                                                 int split);

/*
 * Builds a network from `line_count` polylines in shapely's ragged layout: line i has the
 * vertices offsets[i] .. offsets[i+1] - 1 (offsets has line_count + 1 elements, starting at 0,
 * ending at the number of vertices). Vertex v is at x = *(const double*)((const char*)x +
 * v*x_stride_bytes), y likewise (strides 0: packed doubles). road_class[i] indexes the
 * options' speeds (NULL: class 0 everywhere); direction[i] is a kk_direction (NULL: two-way
 * everywhere). Consecutive repeated vertices are dropped; a line without length is left out.
 * The arrays are copied. The caller frees *out with kk_network_destroy().
 * Errors: KK_E_BAD_VALUE (a line of one vertex, a non-finite coordinate, a class without a
 * speed: the message names the line), KK_E_INVALID_ARGUMENT (offsets inconsistent, a
 * direction > 2, bad options).
 * \since 0.3
 */
KK_API kk_status kk_network_create(kk_context* ctx, size_t line_count, const uint64_t* offsets,
                                   const double* x, size_t x_stride_bytes, const double* y,
                                   size_t y_stride_bytes, const uint16_t* road_class,
                                   const uint8_t* direction, const kk_network_options* options,
                                   kk_network** out);

/* Frees a network. NULL is accepted and ignored. \since 0.3 */
KK_API void kk_network_destroy(kk_network* network);

/* Number of nodes in *out. \since 0.3 */
KK_API kk_status kk_network_node_count(kk_context* ctx, const kk_network* network, size_t* out);
/* Number of links in *out. \since 0.3 */
KK_API kk_status kk_network_link_count(kk_context* ctx, const kk_network* network, size_t* out);
/* Number of arcs (two per two-way link, one per one-way link) in *out. \since 0.3 */
KK_API kk_status kk_network_arc_count(kk_context* ctx, const kk_network* network, size_t* out);
/* Number of weakly connected components in *out. \since 0.3 */
KK_API kk_status kk_network_component_count(kk_context* ctx, const kk_network* network,
                                            size_t* out);
/* Bytes held by the graph and its link index (the index's part estimated) in *out. \since 0.3 */
KK_API kk_status kk_network_memory_bytes(kk_context* ctx, const kk_network* network, size_t* out);

/*
 * Snaps `count` points (strided as in kk_network_create()) to their nearest link: link[i]
 * (UINT32_MAX for a NaN point or an empty network), offset_m[i] along the link from its first
 * node, distance_m[i] from the point to the link (NaN without a link). Equal distances go to
 * the lower link id. Any output may be NULL; `capacity`: elements available at each, >= count.
 * Errors: KK_E_INVALID_ARGUMENT (capacity < count); nothing is written then.
 * \since 0.3
 */
KK_API kk_status kk_network_snap(kk_context* ctx, const kk_network* network, size_t count,
                                 const double* x, size_t x_stride_bytes, const double* y,
                                 size_t y_stride_bytes, uint32_t* link, double* offset_m,
                                 double* distance_m, size_t capacity);

/*
 * Network distance and travel time from every origin to its nearest facility, by one
 * multi-source Dijkstra from the facilities over the reversed graph (one-way streets honoured
 * for the trip origin -> facility). Both sides are snapped to their nearest link; with
 * add_snap_distance non-zero the snap distances are added to the path, travelled at the
 * speed of the link snapped to. `metric` is minimised; ties go to the other metric, then to
 * the lower facility index. Per origin i: facility[i] (index into the facilities;
 * UINT32_MAX when none is reachable), distance_m[i] and time_s[i] (NaN when unreachable).
 * Any output may be NULL; `capacity`: elements available at each, >= origin_count.
 * Errors: KK_E_INVALID_ARGUMENT (capacity, a metric other than KK_METRIC_*); nothing is
 * written then.
 * \since 0.3
 */
KK_API kk_status kk_network_nearest_facility(kk_context* ctx, const kk_network* network,
                                             size_t origin_count, const double* origin_x,
                                             size_t origin_x_stride_bytes, const double* origin_y,
                                             size_t origin_y_stride_bytes, size_t facility_count,
                                             const double* facility_x,
                                             size_t facility_x_stride_bytes,
                                             const double* facility_y,
                                             size_t facility_y_stride_bytes,
                                             int metric, int add_snap_distance,
                                             uint32_t* facility, double* distance_m,
                                             double* time_s, size_t capacity);

/*
 * The number of facilities within each of `threshold_count` thresholds (ascending, finite,
 * >= 0; metres for KK_METRIC_DISTANCE, seconds for KK_METRIC_TIME) of every origin, path
 * costs as in kk_network_nearest_facility(). counts[i * threshold_count + k] is the count of
 * origin i within thresholds[k]; NaN for an origin without a link. `capacity`: elements
 * available at counts, >= origin_count * threshold_count.
 * Errors: KK_E_INVALID_ARGUMENT (thresholds empty, not ascending, negative or not finite;
 * capacity; metric); nothing is written then.
 * \since 0.3
 */
KK_API kk_status kk_network_count_within(kk_context* ctx, const kk_network* network,
                                         size_t origin_count, const double* origin_x,
                                         size_t origin_x_stride_bytes, const double* origin_y,
                                         size_t origin_y_stride_bytes, size_t facility_count,
                                         const double* facility_x, size_t facility_x_stride_bytes,
                                         const double* facility_y, size_t facility_y_stride_bytes,
                                         const double* thresholds, size_t threshold_count,
                                         int metric, int add_snap_distance,
                                         double* counts, size_t capacity);

/*
 * Service areas (isochrones) around origins, built by kk_network_service_areas(): one row per
 * (origin, limit), origin-major, limits ascending. Immutable; free with
 * kk_service_areas_destroy(). \since 0.3
 */
typedef struct kk_service_areas kk_service_areas;

/*
 * The part of the network reachable from each of `origin_count` origins (strided as in
 * kk_network_create(), snapped to their nearest link) within each of `limit_count` limits
 * (metres for KK_METRIC_DISTANCE, seconds for KK_METRIC_TIME; finite, > 0, strictly
 * ascending), as a polygon: the union of bands of half-width `band_m` (finite, > 0; round
 * caps and joins) around every reachable piece of road, travelled forward from the origin
 * (one-way streets honoured), the snap distance counted at the speed of the origin's link.
 * Row r is origin r / limit_count and limits[r % limit_count]. An origin without a link or
 * out of reach of every road within a limit gets an empty polygon for that limit.
 * Cost: one bounded Dijkstra per origin plus one buffer per row.
 * The caller frees *out with kk_service_areas_destroy(); *out is NULL on error.
 * Errors: KK_E_INVALID_ARGUMENT (limits empty, not ascending, <= 0 or not finite; band_m;
 * a metric other than KK_METRIC_*).
 * \since 0.3
 */
KK_API kk_status kk_network_service_areas(kk_context* ctx, const kk_network* network,
                                          size_t origin_count, const double* origin_x,
                                          size_t origin_x_stride_bytes, const double* origin_y,
                                          size_t origin_y_stride_bytes, const double* limits,
                                          size_t limit_count, int metric, double band_m,
                                          kk_service_areas** out);

/* Frees service areas; NULL is a no-op. \since 0.3 */
KK_API void kk_service_areas_destroy(kk_service_areas* areas);

/* Number of rows (origin_count * limit_count) in *out. \since 0.3 */
KK_API kk_status kk_service_areas_count(kk_context* ctx, const kk_service_areas* areas,
                                        size_t* out);

/*
 * The origin index and the limit of `row` in *origin and *limit (either may be NULL).
 * Errors: KK_E_INVALID_ARGUMENT (row out of range). \since 0.3
 */
KK_API kk_status kk_service_areas_row(kk_context* ctx, const kk_service_areas* areas, size_t row,
                                      size_t* origin, double* limit);

/*
 * Size in bytes of the polygon of `row` as little-endian ISO WKB MultiPolygon (as written by
 * kk_service_areas_wkb()) in *out. Errors: KK_E_INVALID_ARGUMENT (row out of range).
 * \since 0.3
 */
KK_API kk_status kk_service_areas_wkb_size(kk_context* ctx, const kk_service_areas* areas,
                                           size_t row, size_t* out);

/*
 * Writes the polygon of `row` as little-endian ISO WKB MultiPolygon (MULTIPOLYGON EMPTY when
 * nothing is reachable) to `out`, in the network's coordinates. Errors: KK_E_INVALID_ARGUMENT
 * (row out of range, capacity_bytes smaller than kk_service_areas_wkb_size()); nothing is
 * written then. \since 0.3
 */
KK_API kk_status kk_service_areas_wkb(kk_context* ctx, const kk_service_areas* areas, size_t row,
                                      unsigned char* out, size_t capacity_bytes);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* KERNKOMPAS_H */
