"""Training and evaluation data: the bundled recipes' datasets in ../shared/data, and the
user's own labelled CSV/JSONL files. Nothing here is committed text: it is read at run time.
"""
from __future__ import annotations

import ast
import csv
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from framing.text.document import parse


class DataError(ValueError):
    """Training data that cannot be used; the message names the file and line."""


def shared_data_dir() -> Path:
    """``../shared/data`` beside the repository, or $FRAMING_DATA."""
    if os.environ.get("FRAMING_DATA"):
        return Path(os.environ["FRAMING_DATA"])
    return Path(__file__).resolve().parents[3] / "shared" / "data"


def _require(path: Path, what: str) -> Path:
    if not path.exists():
        raise DataError(f"{what} not found at {path}; set FRAMING_DATA to the folder holding babe/, polnear/ and wikinpov/, "
                        f"or pass your own labelled file with --data")
    return path


# --- BABE ----------------------------------------------------------------------------------

# Topic names BABE spells in more than one way; merged so leave-one-topic-out holds out a whole topic.
TOPIC_ALIASES = {
    "vaccines": "vaccine", "black lives matter": "blm", "gun-control": "gun control",
    "gun control ": "gun control", "coronavirus": "coronavirus", "covid": "coronavirus",
    "covid-19": "coronavirus", "elections": "election", "abortion rights": "abortion",
    "immigration ": "immigration", "white nationalism": "white-nationalism",
    "middle class": "middle-class", "student debt": "student-debt", "trump presidency": "trump-presidency",
}


@dataclass(frozen=True, slots=True)
class LabelledSentence:
    text: str
    label: int
    group: str = ""              # topic (BABE), article (PolNeAR): for grouped evaluation
    words: tuple[str, ...] = ()  # word-level supervision where the data has it (BABE biased_words)
    # span-level supervision where the data has it (PolNeAR): per attribution whose cue is in the
    # sentence, (cue spans, source spans) relative to the sentence start
    atts: tuple = ()


def normalise_topic(topic: str) -> str:
    t = re.sub(r"\s+", " ", topic.strip().lower())
    return TOPIC_ALIASES.get(t, t)


def load_babe(path: str | Path | None = None, dedupe_threshold: float = 0.7) -> list[LabelledSentence]:
    """BABE SG2 sentences labelled Biased (1) / Non-biased (0); others ('No agreement') dropped.

    Near-duplicate sentences (character 3-5-gram TF-IDF cosine >= ``dedupe_threshold``, joined
    into connected groups) are kept once, and groups whose copies disagree on the label are
    dropped, so no sentence can sit on both sides of a cross-validation split.
    """
    from scipy.sparse.csgraph import connected_components
    from sklearn.feature_extraction.text import TfidfVectorizer

    path = _require(Path(path) if path else shared_data_dir() / "babe" / "final_labels_SG2.csv", "BABE")
    rows = []
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f, delimiter=";"):
            label = {"Biased": 1, "Non-biased": 0}.get((row.get("label_bias") or "").strip())
            text = (row.get("text") or "").strip()
            if label is None or not text:
                continue
            try:
                words = tuple(str(w) for w in ast.literal_eval(row.get("biased_words") or "[]"))
            except (ValueError, SyntaxError):
                words = ()
            rows.append(LabelledSentence(text, label, normalise_topic(row.get("topic") or ""), words))
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5)).fit_transform([r.text for r in rows])
    sim = vec @ vec.T
    sim.data[sim.data < dedupe_threshold] = 0
    sim.eliminate_zeros()
    _, group = connected_components(sim, directed=False)
    members: dict[int, list[int]] = {}
    for i, g in enumerate(group):
        members.setdefault(g, []).append(i)
    keep = sorted(idx[0] for idx in members.values() if len({rows[i].label for i in idx}) == 1)
    return [rows[i] for i in keep]


def load_wikinpov(path: str | Path | None = None) -> list[LabelledSentence]:
    """Wikipedia NPOV statements: biased (1) vs type-balanced neutral (0)."""
    base = _require(Path(path) if path else shared_data_dir() / "wikinpov", "Wikipedia NPOV statements")
    out = []
    for name, label in (("statements_biased.txt", 1), ("statements_neutral_type_balanced.txt", 0)):
        for line in (base / name).read_text("utf-8").splitlines():
            if line.strip():
                out.append(LabelledSentence(line.strip(), label, name))
    return out


# --- PolNeAR -------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Attribution:
    source: tuple[tuple[int, int], ...]
    cue: tuple[tuple[int, int], ...]
    content: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class PolnearArticle:
    name: str
    text: str
    attributions: tuple[Attribution, ...]


def _spans(field: str) -> tuple[tuple[int, int], ...]:
    out = []
    for part in field.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return tuple(out)


def parse_brat(ann: str) -> tuple[Attribution, ...]:
    """Attributions from brat standoff: T lines give spans, E lines link Source/Cue/Content."""
    spans: dict[str, tuple[tuple[int, int], ...]] = {}
    events = []
    for line in ann.splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            kind, _, rest = cols[1].partition(" ")
            try:
                spans[cols[0]] = _spans(rest)
            except ValueError:
                continue
        elif line.startswith("E") and len(cols) >= 2:
            events.append(dict(arg.split(":", 1) for arg in cols[1].split() if ":" in arg))
    out = []
    for ev in events:
        get = lambda role: spans.get(ev.get(role, ""), ())  # noqa: E731
        if get("Cue"):
            out.append(Attribution(get("Source"), get("Cue"), get("Content")))
    return tuple(out)


def load_polnear(split: str, path: str | Path | None = None) -> list[PolnearArticle]:
    """PolNeAR articles of ``split`` ('train' or 'dev') with one annotator's attributions each.

    Several annotators annotated some articles; the file whose annotator id sorts first is
    used, so each article counts once and the choice is reproducible.
    """
    base = _require(Path(path) if path else shared_data_dir() / "polnear" / split, f"PolNeAR {split}")
    anns: dict[str, Path] = {}
    for f in sorted((base / "attributions").glob("*.ann")):
        name = f.stem.rsplit("_", 1)[0]
        anns.setdefault(name, f)
    out = []
    for name, f in sorted(anns.items()):
        txt = base / "text" / f"{name}.txt"
        if txt.exists():
            out.append(PolnearArticle(name, txt.read_text("utf-8"), parse_brat(f.read_text("utf-8"))))
    return out


def polnear_sentences(articles: list[PolnearArticle]) -> list[LabelledSentence]:
    """Sentences split as framing splits them; positive when an attribution's cue overlaps them.
    Each keeps its cue and source spans relative to the sentence, clipped to it."""
    out = []
    for art in articles:
        for s in parse(art.text).sentences:
            def rel(spans):
                return tuple((max(a, s.start) - s.start, min(b, s.end) - s.start)
                             for a, b in spans if a < s.end and b > s.start)
            atts = tuple((rel(a.cue), rel(a.source)) for a in art.attributions
                         if any(cs < s.end and ce > s.start for cs, ce in a.cue))
            out.append(LabelledSentence(s.text, int(bool(atts)), art.name, atts=atts))
    return out


# --- the user's own labelled files ------------------------------------------------------

_TRUE = {"1", "true", "yes", "biased", "loaded", "attributed", "positive"}
_FALSE = {"0", "false", "no", "non-biased", "neutral", "unattributed", "negative"}


def _label(value, where: str) -> int:
    v = str(value).strip().lower()
    if v in _TRUE:
        return 1
    if v in _FALSE:
        return 0
    raise DataError(f"{where}: label {value!r} is not 0/1 (or true/false, biased/neutral)")


def _csv_rows(reader: csv.DictReader, path: Path) -> list[LabelledSentence]:
    fields = [f.strip().lower() for f in reader.fieldnames or []]
    if "text" not in fields or "label" not in fields:
        raise DataError(f"{path}:1: header must name 'text' and 'label' columns (found {reader.fieldnames})")
    reader.fieldnames = fields
    out = []
    for n, row in enumerate(reader, 2):
        where = f"{path}:{n}"
        if None in row or row.get("text") is None or row.get("label") is None:
            raise DataError(f"{where}: wrong number of columns")
        if not row["text"].strip():
            raise DataError(f"{where}: empty text")
        out.append(LabelledSentence(row["text"], _label(row["label"], where), row.get("group") or ""))
    return out


def load_labelled(path: str | Path) -> list[LabelledSentence]:
    """A user CSV (comma, semicolon or tab separated) or JSONL with ``text`` and ``label``
    (and optionally ``group``), validated line by line."""
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: {'not a regular file' if path.exists() else 'no such file'}")
    try:
        raw = path.read_text("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror or exc}") from None
    out = []
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        for n, line in enumerate(raw.splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path}:{n}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataError(f"{where}: malformed JSON: {exc.msg}") from None
            except RecursionError:
                raise DataError(f"{where}: malformed JSON: nested too deeply") from None
            except ValueError:  # int() refused the digits
                raise DataError(f"{where}: malformed JSON: a number with more than "
                                f"{sys.get_int_max_str_digits():,} digits") from None
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or "label" not in obj:
                raise DataError(f'{where}: expected an object with a string "text" and a "label"')
            if not obj["text"].strip():
                raise DataError(f"{where}: empty text")
            out.append(LabelledSentence(obj["text"], _label(obj["label"], where), str(obj.get("group", ""))))
    else:
        try:
            dialect = csv.Sniffer().sniff(raw[:4096], delimiters=",;\t") if raw.strip() else csv.excel
        except csv.Error:
            raise DataError(f"{path}:1: no column separator found: a CSV file needs 'text' and 'label' columns "
                            "separated by commas, semicolons or tabs") from None
        reader = csv.DictReader(raw.splitlines(), dialect=dialect)
        try:
            out = _csv_rows(reader, path)
        except csv.Error as exc:  # a field over csv's size limit, say
            raise DataError(f"{path}:{reader.line_num}: {exc}") from None
    if not out:
        raise DataError(f"{path}: no labelled rows")
    if len({s.label for s in out}) < 2:
        raise DataError(f"{path}: every row has label {out[0].label}; training needs both classes")
    return out


# --- PTC (Propaganda Techniques Corpus) ----------------------------------------------------

PTC_LOADED = ("Loaded_Language", "Name_Calling,Labeling")


@dataclass(frozen=True, slots=True)
class PtcArticle:
    name: str
    text: str
    spans: tuple[tuple[str, int, int], ...]  # (technique, start, end) character offsets into text

    def lines(self) -> list[tuple[int, int]]:
        """(start, end) of each non-blank line: PTC's unit, one sentence or paragraph."""
        out, pos = [], 0
        for line in self.text.split("\n"):
            if line.strip():
                out.append((pos, pos + len(line)))
            pos += len(line) + 1
        return out

    def loaded_spans(self) -> list[tuple[int, int]]:
        return [(a, b) for t, a, b in self.spans if t in PTC_LOADED]


def load_ptc(path: str | Path | None = None) -> list[PtcArticle]:
    """PTC articles (Da San Martino et al., EMNLP 2019) with their technique spans, sorted by name.
    Offsets count characters of the text as written (newlines kept as they are)."""
    base = _require(Path(path) if path else shared_data_dir() / "ptc", "PTC")
    out = []
    for f in sorted((base / "articles").glob("article*.txt")):
        art_id = f.stem[len("article"):]
        text = f.read_bytes().decode("utf-8")
        spans = []
        lab = base / "labels" / f"article{art_id}.task2-TC.labels"
        if lab.exists():
            for n, line in enumerate(lab.read_text("utf-8").splitlines(), 1):
                cols = line.split("\t")
                if not line.strip():
                    continue
                if len(cols) != 4 or not cols[2].isdigit() or not cols[3].isdigit():
                    raise DataError(f"{lab}:{n}: expected 'id, technique, start, end' separated by tabs")
                spans.append((cols[1], int(cols[2]), int(cols[3])))
        out.append(PtcArticle(art_id, text, tuple(spans)))
    if not out:
        raise DataError(f"{base}: no article*.txt files in articles/")
    return out


def ptc_sentences(articles: list[PtcArticle]) -> list[LabelledSentence]:
    """PTC lines labelled 1 where a Loaded_Language or Name_Calling,Labeling span overlaps them, grouped by
    article; ``words`` holds the loaded spans' text inside the line (word-level supervision like BABE's)."""
    out = []
    for art in articles:
        loaded = art.loaded_spans()
        for s, e in art.lines():
            hits = [(max(a, s), min(b, e)) for a, b in loaded if a < e and b > s]
            out.append(LabelledSentence(art.text[s:e], int(bool(hits)), art.name,
                                        words=tuple(art.text[a:b] for a, b in hits)))
    return out
