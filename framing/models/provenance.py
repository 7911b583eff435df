"""What made a model: the code (framing's version and git commit) and the libraries' versions, as a
model's meta.json records them and loading compares them."""
from __future__ import annotations

import platform
from pathlib import Path


def versions() -> dict:
    import joblib
    import numpy
    import sklearn

    from framing import __version__

    code = {"framing": __version__} | ({"commit": commit} if (commit := _git_commit()) else {})
    return code | {"scikit-learn": sklearn.__version__, "numpy": numpy.__version__,
                   "joblib": joblib.__version__, "python": platform.python_version()}


def _git_commit() -> str | None:
    """The commit of the code that trains a model, when it runs from a git checkout ("+changes" when
    the package's code differs from it; models and reports being written are not code), so a model
    card names the code that made it."""
    import subprocess

    root = Path(__file__).resolve().parents[2]
    if not (root / ".git").exists():
        return None
    try:
        head = subprocess.run(["git", "-C", str(root), "rev-parse", "--short=12", "HEAD"], capture_output=True,
                              text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no", "--",
                                "framing", "pyproject.toml"],
                               capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return head + ("+changes" if dirty else "") if head else None


def _sklearn_version() -> str:
    """The installed scikit-learn's version, from its package metadata: importing it takes ~1.2 s."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("scikit-learn")
    except PackageNotFoundError:  # installed without metadata
        import sklearn

        return sklearn.__version__
