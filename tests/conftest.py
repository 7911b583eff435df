import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "data" / "examples"


def shared_path(*parts: str) -> Path:
    """A path under ../shared; skips the test when it is missing, but fails under CI."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{p} is missing under CI: ../shared must sit beside the checkout")
        pytest.skip(f"{p} not found (../shared is not beside this checkout)")
    return p


@pytest.fixture
def seeds() -> dict[str, str]:
    """Seed articles keyed by file-name prefix ('000', '001', '004'), read at run time."""
    d = shared_path("seeds")
    return {f.name[:3]: f.read_text(encoding="utf-8") for f in sorted(d.glob("*.txt"))}


@pytest.fixture(autouse=True)
def _private_trust_store(tmp_path_factory, monkeypatch):
    """Each test gets its own FRAMING_HOME, so trust records never touch the user's data dir."""
    monkeypatch.setenv("FRAMING_HOME", str(tmp_path_factory.mktemp("framing-home")))


TINY = [
    ("Officials said the bridge would reopen on Monday after repairs.", 0),
    ("The council published its budget for the coming year.", 0),
    ("The minister met farmers in the northern region on Tuesday.", 0),
    ("Rainfall totals were close to the seasonal average.", 0),
    ("The company reported quarterly revenue of 3 million euros.", 0),
    ("Police closed the road while crews cleared the debris.", 0),
    ("The court will hear the case again in June.", 0),
    ("Voters in the district elected a new mayor.", 0),
    ("The disgraceful, shameful cover-up exposed the regime's despicable lies.", 1),
    ("Hapless bureaucrats scrambled to hide their shocking incompetence.", 1),
    ("The warring dictator was humiliated in a stunning rout.", 1),
    ("This outrageous scheme is a disaster for hardworking families.", 1),
    ("The radical mob unleashed chaos in a frenzy of hate.", 1),
    ("Clueless elites pushed their absurd agenda yet again.", 1),
    ("The vile thugs terrorised terrified residents.", 1),
    ("A pathetic, laughable stunt from a desperate, embattled leader.", 1),
]


@pytest.fixture
def tiny_csv(tmp_path):
    import csv

    p = tmp_path / "tiny.csv"
    with open(p, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["text", "label"])
        w.writerows(TINY)
    return p
