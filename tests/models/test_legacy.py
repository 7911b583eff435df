"""Models saved before the modules were grouped by stage name their classes by the old flat modules."""
import pickle

import pytest

from framing.evidence.source_typer import SourceTyper
from framing.models import legacy


def _old_pickle(obj, new: bytes, old: bytes) -> bytes:
    data = pickle.dumps(obj, protocol=0)  # protocol 0 writes each class as "c<module>\n<name>\n"
    assert b"c" + new + b"\n" in data
    return data.replace(b"c" + new + b"\n", b"c" + old + b"\n")


@pytest.fixture(scope="module")
def typer():
    rows = [["w=mayor"], ["w=police"], ["w=mayor", "t=title"], ["w=police", "t=org"]] * 3
    return SourceTyper().fit(rows, ["person", "official", "person", "official"] * 3)


def test_an_old_class_path_is_found_in_the_package_it_moved_to(typer):
    old = _old_pickle(typer, b"framing.evidence.source_typer", b"framing.source_typer")
    with pytest.raises(ModuleNotFoundError):
        pickle.loads(old)
    back = legacy.loads(old)
    assert type(back) is SourceTyper and back.predict([["w=mayor"]]) == typer.predict([["w=mayor"]])


def test_joblibs_own_unpickler_finds_them_while_the_old_modules_are_shimmed(typer):
    old = _old_pickle(typer, b"framing.evidence.source_typer", b"framing.source_typer")
    with legacy.old_modules():
        assert type(pickle.loads(old)) is SourceTyper
    with pytest.raises(ModuleNotFoundError):  # the shims are gone afterwards
        pickle.loads(old)


def test_a_class_no_package_holds_is_a_clear_error():
    with pytest.raises(AttributeError, match="no class Nothing"):
        legacy.find("framing.framing_model", "Nothing")
