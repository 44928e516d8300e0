"""The frame the clustering family's maps share: the kern outlines and names under the
layer, the view fitted to the kernen, and the scale bar, north arrow, attribution and
internal footer around it."""

from __future__ import annotations

from ._publication import is_internal


def kern_polygons(result):
    """The result's kernen that have a polygon (buitengebied has none)."""
    kernen = result.kernen()
    return kernen[~kernen.geometry.is_empty & kernen.geometry.notna()]


def label_kernen(ax, kernen, *, offset=(0, 0), color="black", fontsize=8):
    """Each kern's name at a point inside it, with a white halo."""
    import matplotlib.patheffects as patheffects

    halo = [patheffects.withStroke(linewidth=3, foreground="white")]
    for point, label in zip(kernen.geometry.representative_point(), kernen["kern_name"]):
        ax.annotate(label, (point.x, point.y), ha="center", va="center", fontsize=fontsize, color=color,
                    path_effects=halo, zorder=5, xytext=offset, textcoords="offset points")


def fit_to_kernen(ax, kernen, pad=0.05):
    """The view on the kernen with a margin, equal scales, no axes."""
    bounds = kernen.total_bounds
    margin = pad * max(bounds[2] - bounds[0], bounds[3] - bounds[1])
    ax.set_xlim(bounds[0] - margin, bounds[2] + margin)
    ax.set_ylim(bounds[1] - margin, bounds[3] + margin)
    ax.set_aspect("equal")
    ax.set_axis_off()


def finish_map(ax, result, attribution=None, *, attribution_y=-0.02):
    """Scale bar, north arrow, the data's attribution under the map, and the footer
    "INTERN — niet publiceren" for an internal result."""
    from . import maps

    maps.add_scale_bar(ax)
    maps.add_north_arrow(ax)
    attribution = maps.attribution_for(result) if attribution is None else attribution
    if attribution:
        ax.text(0.0, attribution_y, attribution, transform=ax.transAxes, ha="left", va="top", fontsize=6.5,
                color="0.35", wrap=True)
    if is_internal(result):
        maps.mark_internal(ax)
