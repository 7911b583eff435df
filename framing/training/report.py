"""What training writes for people to read: the evaluation's metrics as Markdown, and a model's card."""
from __future__ import annotations

from framing.training.metrics import markdown_table


def metrics_markdown(result: dict, generated: str) -> str:
    task = result["task"]
    L = [f"# framing evaluate --task {task}", "", f"_Generated {generated}. Every number is on held-out data._", ""]
    for name, m in result["metrics"].items():
        L += [f"## {name}", "", m.get("protocol", ""), ""]
        L.append(markdown_table([{k: v for k, v in m.items() if k != "protocol"}]))
        L.append("")
    if result.get("reliability"):
        L += ["## Reliability (calibration)", "",
              "Predicted probability bins vs the observed positive rate, on the first held-out set above.", "",
              markdown_table(result["reliability"], ["bin", "n", "mean_prob", "observed"]), ""]
    if result.get("per_topic"):
        L += ["## Per held-out topic", "", markdown_table(result["per_topic"]), ""]
    return "\n".join(L)


def model_card(meta: dict) -> str:
    task = meta["task"]
    td = meta["training_data"]
    L = [f"# Model card: {meta['name']} ({task})", "",
         "| field | value |", "|---|---|",
         f"| task | {task}: " + ("P(sentence uses loaded, emotive, opinionated or one-sided language)" if task == "framing"
                                 else "P(sentence attributes content to a source)") + " |",
         f"| estimator | {meta.get('estimator', '')} |",
         f"| training data | {td.get('dataset') or td.get('recipe')} — {td.get('rows')} sentences, sha256 {td.get('sha256', '')[:16]}… |",
         f"| labels | {td.get('labels', 'user labels (0/1)')} |",
         f"| created | {meta.get('created')} |",
         "| versions | " + ", ".join(f"{k} {v}" for k, v in meta.get("versions", {}).items()) + " |",
         f"| model file | model.joblib, {meta.get('size_bytes', 0) / 1e6:.1f} MB, sha256 {meta.get('sha256', '')[:16]}… |",
         f"| training time | {meta.get('train_seconds')} s |",
         f"| features | {len(meta.get('feature_names', []))} named features (see meta.json) |",
         f"| lexicons | sha256 {meta.get('lexicon_sha256', '')[:16]}… |", ""]
    L += ["## Held-out metrics", ""]
    for name, m in meta.get("metrics", {}).items():
        row = {k: v for k, v in m.items() if k != "protocol"}
        L += [f"**{name}** — {m.get('protocol', '')}", "", markdown_table([row]), ""]
    if not meta.get("metrics"):
        note = meta.get("metrics_note") or "no held-out metrics"
        L += [note[0].upper() + note[1:] + ".", ""]
    L += ["## Intended use and limits", "",
          "Sentence probabilities feed framing's article scores (see the README for the formulas). "
          "Trained on US political news from 2016–2020; expect weaker results on other countries, topics and "
          "genres, and read the evidence behind a score rather than the score alone.", "",
          "joblib files run code when loaded: load only models from a source you trust.", "",
          "## Data and licences", "",
          "- BABE: Spinde et al., \"Neural Media Bias Detection Using Distant Supervision With BABE\", Findings of EMNLP 2021; AGPL-3.0.",
          "- PolNeAR: Newell, Margolin & Ruths, \"An Attribution Relations Corpus for Political News\", LREC 2018; academic use.",
          "- Wikipedia NPOV statements: Hube & Fetahu, \"Neural Based Statement Classification for Biased Language\", WSDM 2019 (evaluation only).",
          "- PTC: Da San Martino et al., \"Fine-Grained Analysis of Propaganda in News Articles\", EMNLP 2019; research use (evaluation, and the news head's training data: the head keeps 257 weights, no text).",
          *([f"- News head: {h['dataset']}, {h['articles']} articles (sha256 of the article files {h['articles_sha256'][:16]}…), "
             f"C = {h['C']:g} chosen by article-grouped CV; {h['labels']}. Its PTC figures above come from article-grouped "
             f"cross-validation: no PTC line or article is scored by a head fitted on it. Caveat: the article formula "
             f"(the head's mean in place of the sentence model's mean and share, README 'The scores') was revised after "
             f"seeing PTC figures; its constants were not tuned on PTC, but ptc_articles is not a blind figure."]
            if (h := meta.get("news_head")) else []),
          *([f"- Static vectors ({v['file']} beside model.joblib, which holds only their sha256; {v['size_bytes'] / 1e6:.1f} MB): {v['tokens']:,} WordPiece "
             f"tokens x {v['dims']} dims distilled from {v['encoder']} as packaged in {v['package']} (weights sha256 "
             f"{v['weights_sha256'][:16]}…) by {v['method']}; licence {v['licence']}."] if (v := meta.get("static_vectors")) else []),
          "The model file holds learned weights and vocabulary statistics, not the corpus text.", ""]
    return "\n".join(L)
