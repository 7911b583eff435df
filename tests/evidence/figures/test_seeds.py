"""Figures on the seed articles (read from ../shared/seeds at run time; properties only)."""
import json

from typer.testing import CliRunner

from framing.cli.app import app
from framing.evidence.figures import extract, merge
from framing.text.document import parse

from tests.conftest import shared_path

runner = CliRunner()


def merged(text):
    return merge(extract(parse(text)), text)


def test_6000_sq_km_and_2317_square_miles_in_001_are_one_figure(seeds):
    areas = [f for f in merged(seeds["001"]) if f.dimension == "area"]
    assert len(areas) == 1
    (f,) = areas
    written = [f.text, *(t for _s, _e, t in f.restated)]
    assert any("6,000 sq km" in t for t in written) and any("2,317 square miles" in t for t in written)
    assert round(f.low) == 6000 and f.bound == ">"


def test_32km_20_mile_is_one_figure_and_miles_in_words_are_found(seeds):
    figs = merged(seeds["004"])
    front = [f for f in figs if f.text == "32km"]
    assert len(front) == 1 and [t for _s, _e, t in front[0].restated] == ["20 mile"]
    texts = {f.text for f in figs}
    assert "two miles" in texts and "around six miles" in texts and "five miles" in texts


def _seed_report(tmp_path, fmt="json"):
    seeds = shared_path("seeds")
    out = tmp_path / f"seeds.{'json' if fmt == 'json' else 'md'}"
    r = runner.invoke(app, ["compare", *sorted(map(str, seeds.glob("*.txt"))), "-o", str(out), "--format", fmt,
                            "--timestamp", "t"])
    assert r.exit_code == 0, r.output
    return out.read_text(encoding="utf-8")


def test_the_two_areas_are_one_group_with_their_claimants_and_no_contradiction(tmp_path):
    data = json.loads(_seed_report(tmp_path))
    (group,) = [g for g in data["figures"] if g["dimension"] == "area"]
    by_outlet = {f["outlet"]: f for f in group["figures"]}
    assert set(by_outlet) == {"000", "001"}
    assert by_outlet["000"]["display"] == "about 1,158 km²" and by_outlet["001"]["display"] == "more than 6,000 km²"
    assert "defence ministry" in by_outlet["000"]["claimant"].lower()
    assert "zelensk" in by_outlet["001"]["claimant"].lower()
    assert not group["disagreement"] and group["conflicts"] == []


def test_seed_report_has_titles_readable_outlets_and_no_caption_evidence(tmp_path):
    data = json.loads(_seed_report(tmp_path))
    arts = {a["outlet"]: a for a in data["articles"]}
    assert list(arts) == ["000", "001", "004"]
    assert arts["004"]["title"].startswith("Russia is pushed back from Kharkiv")
    assert data["title"] == arts["004"]["title"]
    assert any("Handout" in c for c in arts["000"]["captions"])
    md = _seed_report(tmp_path, "markdown")
    assert md.startswith("# Russia is pushed back from Kharkiv")
    assert "**Handout**" not in md and "Photo captions and credits" in md
    for outlet in data["loaded_sentences"].values():
        assert not any("Handout" in s["text"] for s in outlet)


def test_handout_is_not_loaded_evidence_in_the_scored_record(tmp_path):
    seeds = shared_path("seeds")
    r = runner.invoke(app, ["score", str(next(seeds.glob("000_*.txt"))), "--format", "jsonl"])
    rec = json.loads(r.stdout)
    terms = [e["text"] for s in rec["sentences"] for e in s["evidence"]]
    assert "Handout" not in terms
    assert rec["sentences"][0]["caption"] and rec["sentences"][1]["caption"]
