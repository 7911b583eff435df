"""The README shows what the tool really prints."""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_readme_excerpt_is_the_demo_report():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import readme_excerpt
    finally:
        sys.path.pop(0)
    readme = (ROOT / "README.md").read_text("utf-8")
    report = (ROOT / "reports" / "example.md").read_text("utf-8")
    assert readme_excerpt.refreshed(readme, report) == readme, "run: python scripts/readme_excerpt.py"


def test_the_readme_python_example_runs(monkeypatch):
    """The Python API section's code block runs as written, from the repository root."""
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## Python API", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(ROOT)
    printed, names = [], {}
    names["print"] = lambda *a: printed.append(a)
    exec(compile(code, "README.md", "exec"), names)
    assert len(printed) == 3 and all(isinstance(a[1], float) and isinstance(a[2], float) for a in printed)
    assert names["markdown"].startswith("# ") and "Meridian" in names["markdown"]


def test_every_file_the_docs_name_exists():
    """Paths of modules, tests and scripts named in the README, the lexicon README and data/eval's README."""
    import re

    docs = [ROOT / "README.md", ROOT / "framing" / "lexicons" / "README.md", ROOT / "data" / "eval" / "README.md"]
    named = {m for d in docs for m in re.findall(r"\b(?:framing|tests|scripts|bench)/[\w/]+(?:\.py|/)", d.read_text("utf-8"))}
    assert len(named) > 20
    assert not sorted(p for p in named if not (ROOT / p).exists())
