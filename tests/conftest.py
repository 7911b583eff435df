import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
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
