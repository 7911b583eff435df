"""Refresh the README's excerpt of the demo report from reports/example.md (run after `make demo`).

    .venv/bin/python scripts/readme_excerpt.py

The excerpt is the report's Summary, the first rows of 'Who is cited', 'Figures and claims' and
the first outlet's most loaded sentences, as the report has them; tests/test_readme.py checks
that the README holds exactly this, so the README never shows output the tool does not give.
"""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- example-excerpt:start -->", "<!-- example-excerpt:end -->"


def _sections(report: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    name = None
    for line in report.splitlines():
        if line.startswith("## "):
            name = line[3:].strip()
            out[name] = []
        if name:
            out[name].append(line)
    return out


def excerpt(report: str) -> str:
    s = _sections(report)
    who = s["Who is cited"]
    rows = [i for i, line in enumerate(who) if line.startswith("|")]
    who = who[:rows[0] + 5] + (["..."] if rows[-1] > rows[0] + 4 else []) + [""]
    loaded = s["The most loaded sentences"]
    second = [i for i, line in enumerate(loaded) if re.fullmatch(r"\*\*.+\*\*", line)][1]
    lines = s["Summary"] + who + s["Figures and claims"] + loaded[:second]
    return "```markdown\n" + "\n".join(lines).rstrip() + "\n```"


def refreshed(readme: str, report: str) -> str:
    head, _, rest = readme.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{excerpt(report)}\n{END}{tail}"


if __name__ == "__main__":
    readme = ROOT / "README.md"
    readme.write_text(refreshed(readme.read_text("utf-8"), (ROOT / "reports" / "example.md").read_text("utf-8")), "utf-8")
    print("README excerpt refreshed from reports/example.md")
