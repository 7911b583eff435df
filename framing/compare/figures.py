"""Figures of several outlets aligned by what they measure, each with who gives it, and
disagreements flagged only where they are disagreements (the rules: figure_groups.py)."""
from __future__ import annotations

from collections import Counter

from framing.compare.figure_groups import GENERIC, comparable, conflicts, group, head_class, same_thing
from framing.compare.figure_placing import Placed, _lower, place
from framing.compare.figure_values import compatible, display_value
from framing.evidence.figures.units import CANONICAL, canonical_symbol

DIMENSION_NAMES = {"length": "distance", "count": "number"}


def label(placed: list[Placed], members: list[int]) -> str:
    """What a group measures: its dimension and the thing its figures count or measure."""
    figs = [placed[i] for i in members]
    dim = figs[0].figure.dimension
    name = "money" if dim.startswith("money") else DIMENSION_NAMES.get(dim, dim)
    things = Counter(_lower(p.figure.thing) for p in figs if p.figure.thing)
    anchors = Counter(p.anchor for p in figs if p.anchor)
    kinds = {p.figure.kind for p in figs}
    if things:
        top = max(things, key=lambda t: (things[t], -len(t), t))
        if dim == "count":  # "people (dead)", "residents (evacuated)": the noun alone does not say
            (kind,) = kinds if len(kinds) == 1 else ("",)
            return f"{top} ({kind})" if kind and figs[0].figure.head in GENERIC else top
        return f"{name} ({top})"
    if anchors:
        return f"{name} ({max(anchors, key=lambda t: (anchors[t], t))})"
    return name


def figure_dict(p: Placed) -> dict:
    f = p.figure
    converted = f.unit and f.unit != CANONICAL.get(f.dimension, ("",))[0] and f.dimension in CANONICAL \
        and f.dimension != "duration"
    return {"outlet": p.outlet, "text": f.text, "display": display_value(f),
            "as_written": f.text if converted else "",
            "value": f.value, "value_high": f.value_high, "unit": f.unit, "dimension": f.dimension,
            "canonical": [round(f.low, 4), round(f.high, 4)], "canonical_unit": canonical_symbol(f.dimension),
            "bound": f.bound, "qualifier": f.qualifier, "thing": f.thing, "head": f.head, "kind": f.kind,
            "anchor": p.anchor, "era": sorted(p.era),
            "claimant": p.claimant, "claimant_kind": p.claimant_kind, "times": sorted(p.times),
            "sentence": p.sentence, "sentence_index": f.sentence, "start": f.start, "end": f.end,
            "restated": [t for _s, _e, t in f.restated]}


def align(records: list[dict], docs: list, outlets: list[str], names: dict[str, str] | None = None,
          remap: dict[str, str] | None = None) -> list[dict]:
    """Figure groups across articles (``docs``: their parsed texts): label, figures (value,
    claimant, outlet), the outlets, and the pairs of figures that disagree. Groups seen in
    several outlets come first; ``names`` and ``remap`` name and group claimants as the
    report's source table does."""
    placed = place(records, docs, outlets, names or {}, remap or {})
    out = []
    for members in group(placed):
        members.sort(key=lambda i: (placed[i].article, placed[i].figure.start))
        bad = conflicts(placed, members)
        differ = [(placed[i], placed[j]) for n, i in enumerate(members) for j in members[n + 1:]
                  if placed[i].article != placed[j].article and not compatible(placed[i].figure, placed[j].figure)]
        pos = {i: n for n, i in enumerate(members)}
        out.append({"label": label(placed, members), "dimension": placed[members[0]].figure.dimension,
                    "head": head_class(next((placed[i].figure.head for i in members if placed[i].figure.head), "")),
                    "outlets": sorted({placed[i].outlet for i in members}, key=outlets.index),
                    "disagreement": bool(bad), "conflicts": [[pos[i], pos[j]] for i, j in bad],
                    # values that cannot all be true, but from different sources or days, or maybe not of
                    # one thing: no contradiction shown
                    "values_differ": bool(differ),
                    "unflagged": sorted({"sources or days" if not comparable(a, b) else "thing"
                                         for a, b in differ if not (comparable(a, b) and same_thing(a, b))}),
                    "figures": [figure_dict(placed[i]) for i in members]})
    out.sort(key=lambda g: (not g["disagreement"], -len(g["outlets"]), g["label"]))
    return out
