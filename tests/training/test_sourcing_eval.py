from framing.evidence.analysis import analyze
from framing.training.datasets import Attribution as GoldAttribution
from framing.training.datasets import PolnearArticle
import pytest

from framing.training.sourcing_eval import (SECOND_LABELS, TYPED_SAMPLES, gold_attributions, mention_metrics, one_to_one, prf,
                                   type_agreement, typed_sample)
from framing.types import Article


def test_one_to_one_takes_the_largest_overlap_once():
    assert one_to_one([(0, 10), (5, 12)], [(4, 12)]) == [(1, 0)]
    assert one_to_one([(0, 3)], [(5, 9)]) == []


def test_a_boundary_match_needs_half_the_union():
    # "Trump" inside "however, Trump spoke to a gathering of leaders": overlaps, but is no boundary match
    assert one_to_one([(0, 45)], [(9, 14)]) == [(0, 0)]
    assert one_to_one([(0, 45)], [(9, 14)], min_iou=0.5) == []
    assert one_to_one([(5, 14)], [(9, 14)], min_iou=0.5) == [(0, 0)]  # "Mr. Trump" for "Trump": 5 of 9


def test_prf():
    assert prf(8, 10, 16) == {"precision": 0.8, "recall": 0.5, "f1": 0.6154, "predicted": 10, "gold": 16, "matched": 8}


def test_mentions_are_matched_per_article():
    art = PolnearArticle("a", "The minister said no.", (GoldAttribution(((0, 12),), ((13, 17),), ()),))
    rec = {"attributions": [{"source": [4, 12]}, {"source": [4, 12]}, {"source": None}]}
    assert mention_metrics([art], [rec])["f1"] == 1.0


def test_gold_evidence_is_typed_like_the_extractors():
    text = "The ministry said the dam held. He said so."
    art = PolnearArticle("a", text, (GoldAttribution(((0, 12),), ((13, 17),), ((18, 30),)),
                                     GoldAttribution(((32, 34),), ((35, 39),), ())))
    atts = gold_attributions(analyze(Article("a", text)), art)
    assert [(a.source_text, a.kind, a.sentence) for a in atts] == [("The ministry", "official", 0), ("He", "pronoun", 1)]


def test_typed_samples_hold_offsets_and_labels_only():
    for path in [*TYPED_SAMPLES.values(), *SECOND_LABELS.values()]:
        rows = typed_sample(path)
        assert len(rows) >= 290
        assert set(rows[0]) == {"article", "annotator", "start", "end", "type", "referent_type", "named", "note",
                                "effective"}
        assert {r["effective"] for r in rows} <= {"person", "official", "media", "expert", "document", "social_media",
                                                 "anonymous", "pronoun"}
        assert all(len(r["note"].split()) <= 12 for r in rows)


def test_speech_only_mentions_keep_speech_and_report_cues_on_both_sides():
    from framing.training.sourcing_eval import speech_cue

    assert speech_cue("said") and speech_cue("according to") and not speech_cue("believes")
    text = "The minister said no. Voters believe it."
    art = PolnearArticle("a", text, (GoldAttribution(((0, 12),), ((13, 17),), ()),
                                     GoldAttribution(((22, 28),), ((29, 36),), ())))
    rec = {"attributions": [{"source": [4, 12], "cue_text": "said"}]}
    assert mention_metrics([art], [rec])["recall"] == 0.5
    assert mention_metrics([art], [rec], speech_only=True)["f1"] == 1.0


def test_span_metrics_judge_one_attribution_sentences_and_pronouns_as_written():
    from framing.training.sourcing_eval import span_metrics

    text = "The ministry said the dam held. He said so."
    art = PolnearArticle("a", text, (GoldAttribution(((0, 12),), ((13, 17),), ()),
                                     GoldAttribution(((32, 34),), ((35, 39),), ())))
    rec = {"attributions": [{"sentence": 0, "source": [4, 12], "resolved_from": ""},
                            {"sentence": 1, "source": [0, 12], "resolved_from": "He"}]}
    got = span_metrics([art], [analyze(Article("a", text))], [rec])
    assert (got["sentences"], got["predicted"]) == (2, 2)
    assert got["exact_f1"] == 0.5 and got["overlap_f1"] == 1.0  # "ministry" overlaps; "He" is exact
    assert got["mean_char_f1"] == round((2 * 8 / 20 + 1.0) / 2, 4)


def test_type_agreement_counts_referent_types_and_refuses_different_spans():
    first = typed_sample(TYPED_SAMPLES["heldoutC"])
    second = [dict(r) for r in first]
    second[0]["effective"] = "anonymous" if second[0]["effective"] != "anonymous" else "person"
    got = type_agreement(first, second)
    assert got["type_agreement"] == round((len(first) - 1) / len(first), 4) and got["named_agreement"] == 1.0
    with pytest.raises(ValueError):
        type_agreement(first, second[1:] + second[:1])
    assert type_agreement(first, typed_sample(SECOND_LABELS["heldoutC"]))["spans"] == len(first)
