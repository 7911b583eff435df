"""Document + evidence -> attributions: who says what, typed and grouped into a source ledger.

A rule-based extractor in the spirit of PARC/PolNeAR attribution relations (source, cue, content;
Pareti 2016, Newell et al. 2018) with no POS tagger: phrases are found from capitalisation, function
words and punctuation; `framing evaluate --task sourcing` measures the spans on PolNeAR.
One module a step, each importing only modules listed before it: vocabulary (shared word lists),
records (Attribution, Source), resources (first names, places, research orgs, outlets), names (name
phrases, surnames), kinds (source types: kind_of), keys (grouping keys), spans (a cue's source
phrase), pronouns (their resolution), filters (which spans can be sources), build (one attribution),
ledger (mentions linked, the ledger of sources), pipeline (extract: the steps in order).
"""
from framing.evidence.attribution.build import build_from_spans
from framing.evidence.attribution.keys import merge_short_keys, org_key, source_key
from framing.evidence.attribution.kinds import IDENTIFIABLE, KINDS, kind_of
from framing.evidence.attribution.filters import lone_word
from framing.evidence.attribution.ledger import ledger, link_roles, one_per_cue
from framing.evidence.attribution.names import _words_before_name, has_name, split_name_role
from framing.evidence.attribution.pipeline import extract
from framing.evidence.attribution.pronouns import _lower_words, gender_of
from framing.evidence.attribution.records import Attribution, Source
from framing.evidence.attribution.resources import is_place, known_first_name, listed, place_kind

__all__ = ["IDENTIFIABLE", "KINDS", "Attribution", "Source", "_lower_words", "_words_before_name",
           "build_from_spans", "extract", "gender_of", "has_name", "is_place", "kind_of", "known_first_name",
           "ledger", "link_roles", "listed", "lone_word", "merge_short_keys", "one_per_cue", "org_key",
           "place_kind", "source_key", "split_name_role"]
