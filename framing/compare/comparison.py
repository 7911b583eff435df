"""Several scored articles on one event -> a comparison: scores side by side, distinctive wording,
who each outlet cites, the figures each reports (aligned, disagreements flagged), what each
says that the others don't, and the most loaded sentences. Returns plain data; report.py renders it.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from framing.compare.figures import align as align_figures
from framing.evidence.lexicon import Lexicon, load_lexicon, normalise, word_keys
from framing.text.document import parse
from framing.compare.words import fightin_words, term_counts

Z_THRESHOLD = 1.96


class CompareError(ValueError):
    pass


SIDECAR = "outlets.tsv"  # beside articles: "file name<TAB>outlet" a line, for plain text without metadata
_HASH = re.compile(r"(?=[^_\s-]*\d)(?=[^_\s-]*[a-f])[0-9a-f]{8,}", re.IGNORECASE)


def default_outlet(rid: str) -> str:
    """The outlet a record without one is shown as: its file stem, less any hash-like part
    ("000_3943de72d034b9cf" -> "000")."""
    stem = Path(str(rid)).stem
    parts = [p for p in re.split(r"[_\s]+", stem) if p and not _HASH.fullmatch(p)]
    return " ".join(parts) or stem or str(rid)


def outlet_names(records: list[dict]) -> list[str]:
    """Outlet per record (record/front matter/HTML site, else file name), made unique."""
    names = []
    for r in records:
        name = (r.get("outlet") or "").strip() or default_outlet(r["id"])
        names.append(name)
    counts = Counter(names)
    seen: Counter = Counter()
    out = []
    for r, n in zip(records, names):
        if counts[n] > 1:
            seen[n] += 1
            n = f"{n} ({Path(str(r['id'])).name or seen[n]})"
            if n in out:
                n = f"{n} #{seen[n.split(' (')[0]]}"
        out.append(n)
    return out


def _reading(r: dict, ranks: dict) -> str:
    """A one-line plain-language reading of an article's row."""
    f = r["framing_score"]
    comps = r["sourcing"]["components"]
    parts = []
    if ranks["framing_max"]:
        parts.append("most loaded language in its own voice")
    elif ranks["framing_min"]:
        parts.append("the most neutral own voice")
    elif f >= 40:
        parts.append("noticeably loaded own voice")
    else:
        parts.append("mostly neutral own voice")
    if r["framing"]["quoted_framing"]["loaded_terms"] and r["framing"]["quoted_framing"]["loaded_terms"] >= \
            r["framing"]["authorial_loaded_terms"]:
        parts.append("its loaded words are mostly in quotations")
    anon = 1 - comps["on_record_share"] if r["attributions"] else 0
    if comps["attributed_share"] < 0.35:
        parts.append("most claims carry no source")
    elif ranks["sourcing_max"]:
        parts.append("the best-sourced account")
    if anon >= 0.4:
        parts.append("relies on unnamed or vague sources")
    if comps["unsourced_hedge_share"] >= 0.1:
        parts.append("hedged claims without a source ('reportedly', 'if confirmed')")
    voices = [c.get("voiced_by", "outlet") for c in r["sourcing"]["verification_caveats"]]
    if "outlet" in voices:
        parts.append("says what it could not verify")
    elif voices:  # "The BBC said it had not been able to verify ...": the caveat is the source's
        parts.append(f"reports {voices[0]}'s caveat on what could not be verified")
    if comps["direct_quote_share"] >= 0.5 and ranks["sourcing_max"]:
        parts.append("quotes its sources directly")
    return "; ".join(parts) + "."


def _is_loaded_term(term: str, lexicon: Lexicon) -> bool:
    keys = {k for w in term.split() for k in word_keys(w)}
    for e in lexicon.by_category("loaded"):
        if len(e.keys) == 1 and e.keys[0] in keys:
            return True
        if " ".join(e.keys) in " ".join(word_keys(w)[1] for w in term.split()):
            return True
    return False


# Not wording choices: a byline ("By Nadia Ferrow"), a dateline ("KYIV, Ukraine (AP) —",
# "MARROW COUNTY —") at the start of a paragraph, and photo captions and credits.
_BYLINE = re.compile(r"(?:By|BY|From)\s+[A-Z][\w.’'-]+(?:\s+(?:[A-Z][\w.’'-]+|and|in|de|van|von)){0,5}(?:,.{0,60})?")
_DATELINE = re.compile(r"[A-Z][A-Z.’' -]{1,40}(?:,\s*[A-Z][\w.’' -]{1,30})?\s*(?:\([^()]{1,30}\))?\s*[—–-]{1,2}\s")


def _not_wording(doc) -> list[tuple[int, int]]:
    """Spans of ``doc`` that are not the outlet's wording: bylines, datelines, captions."""
    spans, para = [], -1
    for s in doc.sentences:
        if s.is_caption or (s.is_headline and _BYLINE.fullmatch(s.text)):
            spans.append((s.start, s.end))
        elif s.paragraph != para:
            m = _DATELINE.match(s.text)
            if m:
                spans.append((s.start, s.start + m.end()))
        para = s.paragraph
    return spans


def _name_words(names) -> frozenset[str]:
    from framing.text.stopwords import stopwords

    return frozenset(w for n in names if n for w in re.findall(r"[a-z0-9’'-]+", n.lower())
                     if len(w) > 1 and w not in stopwords())


def distinctive_terms(records: list[dict], texts: list[str], lexicon: Lexicon, top: int = 10,
                      outlets: list[str] | None = None, docs: list | None = None) -> list[list[dict]]:
    """Per outlet, the terms it uses markedly more than the others. The outlets' own names and
    their authors' names are not wording choices ("Fox News" in Fox News), nor are bylines,
    datelines and captions."""
    names = _name_words([*(outlets or []), *(r.get("outlet") for r in records), *(r.get("author") for r in records)])
    counts = []
    for doc in docs or [parse(t) for t in texts]:
        skip = _not_wording(doc)
        # a left-out word becomes a stop word, so that no bigram is made across it
        toks = ["the" if any(a <= t.start < b for a, b in skip) or normalise(t.text) in names else t.text
                for t in doc.tokens]
        counts.append(term_counts(toks))
    result = []
    for rows in fightin_words(counts, prior_strength=0.1):
        keep = [d for d in rows if d.z >= Z_THRESHOLD][:top] or [d for d in rows if d.z > 0][:min(top, 5)]
        result.append([{"term": d.term, "z": round(d.z, 2), "count": d.count, "others": d.others,
                        "significant": d.z >= Z_THRESHOLD, "loaded": _is_loaded_term(d.term, lexicon)}
                       for d in keep])
    return result


def source_counts(record: dict) -> tuple[int, int]:
    """(named, unnamed) sources of a scored record: the one count the report and the terminal
    table both show."""
    srcs = record["sourcing"]["sources"]
    named = sum(1 for s in srcs if s["named"])
    return named, len(srcs) - named


def source_keys(records: list[dict]) -> dict[str, str]:
    """Attribution group -> the key it is grouped under across articles ("zelensky" and
    "volodymyr zelensky" are one)."""
    from framing.evidence.attribution import merge_short_keys

    return merge_short_keys({a["group"] for r in records for a in r["attributions"] if a["source_text"]})


def source_matrix(records: list[dict], outlets: list[str], remap: dict[str, str] | None = None) -> list[dict]:
    """Sources grouped across articles by their canonical key, with each outlet's citations."""
    remap = source_keys(records) if remap is None else remap
    rows: dict[str, dict] = {}
    for r, outlet in zip(records, outlets):
        for a in r["attributions"]:
            if not a["source_text"]:
                continue
            key = row_key(a, outlet, remap)
            row = rows.setdefault(key, {"key": key, "name": None, "kind": a["kind"], "named": a["named"],
                                        "by_outlet": {}})
            cell = row["by_outlet"].setdefault(outlet, {"claims": 0, "direct": 0, "indirect": 0})
            cell["claims"] += 1
            cell["direct" if a["direct"] else "indirect"] += 1
        for s in r["sourcing"]["sources"]:
            key = next((row_key(a, outlet, remap) for a in r["attributions"]
                        if a["source_text"] in s["mentions"]), None)
            if key in rows:
                rows[key].setdefault("names", Counter())[s["name"]] += s["claims"]
                rows[key]["kind"] = s["kind"]
    out = [dict(r, name=_best_name(r.get("names")) or r["key"].split(":", 1)[1].split("@")[0]) for r in rows.values()]
    for r in out:
        r.pop("names", None)
    out.sort(key=lambda r: (-len(r["by_outlet"]), -sum(c["claims"] for c in r["by_outlet"].values()), r["name"]))
    return out


def sources_and_figures(records: list[dict], docs: list, outlets: list[str]) -> tuple[list[dict], list[dict]]:
    """The source table and the figure groups, whose claimants are named and grouped as in that
    table; one wiring for the report and the figures evaluation."""
    remap = source_keys(records)
    sources = source_matrix(records, outlets, remap)
    return sources, align_figures(records, docs, outlets, {s["key"]: s["name"] for s in sources}, remap)


def row_key(a: dict, outlet: str, remap: dict[str, str]) -> str:
    """Named sources are one row across outlets; unnamed ones ("a law enforcement source") are
    each outlet's own, since nothing says two outlets heard the same person, and so is each
    outlet's writer ("I")."""
    key = remap.get(a["group"], a["group"])
    return key if a["named"] and not key.startswith("author:") else f"{key}@{outlet}"


def _best_name(names: Counter | None) -> str | None:
    """The most proper-name-like, then most used, then longest of a source's names."""
    if not names:
        return None
    caps = lambda n: sum(1 for w in n.split() if w[:1].isupper())  # noqa: E731
    return max(names, key=lambda n: (min(caps(n), 2), names[n], len(n)))


def unique_claims(records: list[dict], outlets: list[str], top: int = 3) -> list[list[dict]]:
    """Per outlet, the claim sentences least like anything the other outlets wrote (TF-IDF cosine)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    sents = [[s for s in r["sentences"] if not s["headline"] and len(s["text"].split()) >= 8] for r in records]
    flat = [s["text"] for ss in sents for s in ss]
    if len(flat) < 2:
        return [[] for _ in records]
    try:
        vec = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit(flat)
    except ValueError:  # nothing but stop words ("The The The ..."): no claim stands out
        return [[] for _ in records]
    mats = [vec.transform([s["text"] for s in ss]) if ss else None for ss in sents]
    out = []
    for i, ss in enumerate(sents):
        others = [m for j, m in enumerate(mats) if j != i and m is not None]
        if not ss or not others:
            out.append([])
            continue
        from scipy.sparse import vstack

        sim = cosine_similarity(mats[i], vstack(others)).max(axis=1)
        order = sorted(range(len(ss)), key=lambda k: (sim[k], ss[k]["index"]))[:top]
        out.append([{"index": ss[k]["index"], "text": ss[k]["text"], "max_similarity": round(float(sim[k]), 3)}
                    for k in sorted(order)])
    return out


def loaded_sentences(r: dict, top: int = 3, skip: set[int] = frozenset()) -> list[dict]:
    """The sentences with the highest loaded-language probability, with their evidence spans;
    the sentences in ``skip`` (photo captions: not the outlet's wording) left out."""
    ranked = sorted((s for s in r["sentences"] if s["index"] not in skip),
                    key=lambda s: (-s["loaded_prob"], s["index"]))[:top]
    return [{"index": s["index"], "text": s["text"], "start": s["start"], "loaded_prob": s["loaded_prob"],
             "authorial_loaded_prob": s["authorial_loaded_prob"], "quoted_share": s["quoted_share"],
             "evidence": [e for e in s["evidence"] if e["category"] in ("loaded", "hedge", "intensifier")]}
            for s in sorted(ranked, key=lambda s: -s["loaded_prob"])]


def compare(records: list[dict], texts: list[str], lexicon: Lexicon | None = None,
            failed: list[dict] | None = None, model_info: dict | None = None) -> dict:
    """Build the comparison of scored ``records`` (contract records) whose article texts are ``texts``."""
    if len(records) < 2:
        left_out = "".join(f"\n  {f['id']}: {f['error']}" for f in failed or [])
        raise CompareError(f"compare needs at least two readable articles, got {len(records)}"
                           + (f"; left out:{left_out}" if left_out else ""))
    lexicon = lexicon or load_lexicon()
    outlets = outlet_names(records)
    fr = [r["framing_score"] for r in records]
    sr = [r["sourcing_score"] for r in records]
    docs = [parse(t) for t in texts]
    # captions from the text itself, so they hold whatever the record carries
    captions = [[s for s in d.sentences if s.is_caption] for d in docs]
    rows = []
    for r, outlet, caps in zip(records, outlets, captions):
        ranks = {"framing_max": r["framing_score"] == max(fr) and fr.count(max(fr)) == 1,
                 "framing_min": r["framing_score"] == min(fr) and fr.count(min(fr)) == 1,
                 "sourcing_max": r["sourcing_score"] == max(sr) and sr.count(max(sr)) == 1}
        atts = r["attributions"]
        named, unnamed = source_counts(r)
        rows.append({
            "id": r["id"], "outlet": outlet, "title": r.get("title") or "", "date": r.get("date") or "",
            "words": r["words"], "sentences": len(r["sentences"]),
            "framing_score": r["framing_score"], "sourcing_score": r["sourcing_score"],
            "loaded_per_1000_words": r["framing"]["authorial_loaded_per_1000_words"],
            "quoted_loaded_terms": r["framing"]["quoted_framing"]["loaded_terms"],
            "hedges": sum(1 for s in r["sentences"] for e in s["evidence"]
                          if e["category"] == "hedge" and not e["in_quote"]),
            "attributions": len(atts),
            "named_sources": named,
            "unnamed_sources": unnamed,
            "captions": [s.text for s in caps],
            "direct_quote_share": r["sourcing"]["components"]["direct_quote_share"],
            "reading": _reading(r, ranks),
        })
    sources, figures = sources_and_figures(records, docs, outlets)
    return {
        "articles": rows,
        "failed": failed or [],
        "distinctive": dict(zip(outlets, distinctive_terms(records, texts, lexicon, outlets=outlets, docs=docs))),
        "sources": sources,
        "figures": figures,
        "unique_claims": dict(zip(outlets, unique_claims(records, outlets))),
        "loaded_sentences": {o: loaded_sentences(r, skip={s.index for s in caps})
                             for r, o, caps in zip(records, outlets, captions)},
        "models": model_info or {},
    }


def sidecar_outlets(folder: Path, cache: dict) -> dict[str, str]:
    """The ``outlets.tsv`` map of a folder (file name -> outlet), read once; {} if there is none."""
    if folder not in cache:
        path = folder / SIDECAR
        cache[folder] = {}
        if path.is_file():
            for n, line in enumerate(path.read_text("utf-8-sig").splitlines(), 1):
                if not line.strip() or line.startswith("#"):
                    continue
                name, sep, outlet = line.partition("\t")
                if not sep or not name.strip() or not outlet.strip():
                    raise CompareError(f"{path}:{n}: expected 'file name<TAB>outlet', got {line!r}")
                cache[folder][name.strip()] = outlet.strip()
    return cache[folder]


def compare_paths(scorer, paths, max_chars: int | None = None, outlets: list[str] | None = None) -> dict:
    """Read, score and compare articles; unreadable ones are listed in ``failed`` and left out.
    ``outlets`` names the articles' outlets in input order (before any ``outlets.tsv`` beside
    them, the record's own outlet and the file name)."""
    records, texts, failed = score_paths(scorer, paths, max_chars, outlets)
    return compare(records, texts, scorer.lexicon, failed, scorer.model_info())


def score_paths(scorer, paths, max_chars: int | None = None,
                outlets: list[str] | None = None) -> tuple[list[dict], list[str], list[dict]]:
    """The scored records of the articles to compare, their texts, and the inputs left out (see
    ``compare_paths``); the HTML view shows the records beside their comparison."""
    from framing.read.article import DEFAULT_MAX_CHARS
    from framing.read.inputs import read_inputs
    from framing.types import ReadError

    records, texts, failed, sidecars = [], [], [], {}
    given, seen = list(outlets or []), 0
    for n, rec in enumerate(read_inputs(paths, max_chars=max_chars or DEFAULT_MAX_CHARS)):
        seen = n + 1
        if n < len(given):
            outlet = given[n]
        elif isinstance(rec, ReadError) or not rec.source:
            outlet = None
        else:
            outlet = sidecar_outlets(Path(rec.source).parent, sidecars).get(Path(rec.source).name)
        if isinstance(rec, ReadError):
            failed.append({"id": rec.id, "error": rec.error})
            continue
        result = next(scorer.score([rec]))
        if "error" in result or "unscored" in result:
            failed.append({"id": rec.id, "error": result.get("error") or
                           f"not scored: {result['language']['reason']} (--force compares it)"})
            continue
        records.append(result if outlet is None else {**result, "outlet": outlet})
        texts.append(rec.text)
    if len(given) > seen:
        raise CompareError(f"{len(given)} outlet names (--outlet) for {seen} articles")
    return records, texts, failed
