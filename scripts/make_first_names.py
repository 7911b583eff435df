"""Write framing/resources/first_names.txt, the first names the attribution step reads, from the
US Census 1990 name-frequency lists packaged by `names` (MIT; the lists are US government data).

    pip install 'framing[resources]' && python scripts/make_first_names.py

A first name makes a capitalised phrase a person ("Melanie said" is named; "Mark Dunn" is not
"she"). The list is the project's hand-written names (scripts/first_names_hand.txt) plus the most
common census first names of each gender; a name that is also a common English word ("will",
"may", "hope") is left out, since a capitalised sentence-initial word would read as a person.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "framing" / "resources" / "first_names.txt"
HAND = Path(__file__).resolve().parent / "first_names_hand.txt"
TOP = {"f": 1200, "m": 800}  # by frequency: ~85-90% of each gender's census population
# common words that are also census first names
WORDS = {"will", "may", "june", "april", "august", "hope", "faith", "joy", "grace", "rose", "dawn", "mark", "bill",
         "grant", "guy", "ray", "art", "van", "sue", "pat", "don", "jack", "frank", "earl", "miles", "chase", "chance",
         "sterling", "royal", "king", "major", "price", "young", "long", "love", "page", "wood", "bob", "jean", "gay",
         "sunny", "ivy", "lily", "iris", "violet", "pearl", "ruby", "crystal", "amber", "summer", "autumn", "star",
         "brook", "river", "rich", "norman", "christian", "cliff", "dean", "drew", "duke", "early", "forest", "gale",
         "glen", "hunter", "lane", "lee", "mason", "penny", "reed", "rocky", "rod", "russell", "sandy", "stone", "wade",
         "an", "in", "le", "so", "ma", "la", "son", "tommie", "harmony", "heaven", "destiny", "precious", "charity",
         "honor", "angel", "cherry", "ginger", "holly", "liberty", "misty", "patience", "trinity", "else", "carol",
         "marshall", "august", "roman", "colt", "cole", "gray", "grey", "ward", "young", "bishop", "booker", "carter",
         "fletcher", "porter", "parker", "taylor", "tanner", "fisher", "baker", "warren", "walker", "palmer"}


def census(name: str) -> list[str]:
    import names

    path = Path(names.__file__).parent / name
    return [line.split()[0].lower() for line in path.read_text("ascii").splitlines() if line.strip()]


def rows() -> list[tuple[str, str]]:
    out: dict[str, str] = {}
    for line in HAND.read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            g, name = line.split()
            out[name] = g
    ranks = {g: {n: k for k, n in enumerate(census(f"dist.{'female' if g == 'f' else 'male'}.first"))} for g in TOP}
    for g in TOP:
        for name, k in ranks[g].items():
            if k < TOP[g] and name not in out and name not in WORDS and len(name) > 2:
                other = "m" if g == "f" else "f"
                if ranks[other].get(name, 10 ** 6) > k:  # the gender the name is more common for
                    out[name] = g
    return sorted(out.items(), key=lambda x: (x[1], x[0]))


def render() -> str:
    head = ("# Common first names by usual gender, for the attribution step (evidence/attribution/): a first name makes\n"
            "# a person, and \"she\" is not \"Mark Dunn\". Made by scripts/make_first_names.py from the project's own\n"
            "# list (scripts/first_names_hand.txt) and the US Census 1990 first-name lists packaged by `names`;\n"
            "# do not edit by hand. columns: f|m <space> name (lower case)\n")
    return head + "".join(f"{g} {name}\n" for name, g in rows())


if __name__ == "__main__":
    OUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUT} ({len(rows()):,} names)", file=sys.stderr)
