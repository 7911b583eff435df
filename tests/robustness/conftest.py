import pytest


@pytest.fixture(scope="session")
def scorer():
    """The bundled models, loaded once for all robustness tests (about 2 s)."""
    from framing.api import Scorer

    return Scorer()
