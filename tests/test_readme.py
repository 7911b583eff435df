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
