"""Document + evidence -> attributions: who says what, typed and grouped into a source ledger.

A rule-based extractor in the spirit of PARC/PolNeAR attribution relations (source, cue,
content; Pareti 2016, Newell et al. 2018): each attribution cue in the outlet's own voice is
tied to the noun phrase that voices it — before the cue ("the MoD said"), after it
("..., said James Rushton, a British defence analyst") or after "according to" — and to its
content, a direct quote when one stands next to the cue. Pronouns are resolved to the
nearest earlier source or name that fits; a quote-only sentence that follows a quote is
credited to the same speaker. Sources are typed (person, official, media, expert, document,
social media, anonymous/vague, unresolved pronoun) and grouped ("Zelensky", "Zelenskyy",
"the Ukrainian president"). No POS tagger is used, so phrases are found from capitalisation,
function words and punctuation; `framing evaluate --task sourcing` measures the spans on PolNeAR.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace, field
from functools import lru_cache
from itertools import groupby, islice
from operator import itemgetter

from framing.text.document import truecased
from framing.types import Document, Evidence, Token

KINDS = ("person", "official", "expert", "media", "document", "social_media", "anonymous", "pronoun")
IDENTIFIABLE = {"person", "official", "expert", "media", "document"}

_PRONOUNS = {"he", "she", "it", "they", "we", "i", "him", "her", "them", "who", "which"}
_SKIP_BETWEEN = {
    "has", "have", "had", "was", "were", "is", "are", "also", "later", "earlier", "previously", "yesterday",
    "today", "tonight", "then", "again", "repeatedly", "publicly", "recently", "would", "will", "may", "might",
    "could", "did", "does", "not", "never", "once", "even", "himself", "herself", "itself", "themselves",
    "had", "been", "already", "first", "initially", "subsequently", "separately", "privately", "openly",
    "there", "here", "now", "still", "too", "themselves",
    "reportedly", "allegedly", "apparently", "purportedly", "supposedly",  # "Officials reportedly admitted"
    "isn't", "aren't", "wasn't", "weren't", "hasn't", "haven't", "hadn't", "doesn't", "don't", "didn't", "won't",
    "wouldn't", "couldn't", "can't", "shouldn't",  # "Donald Trump isn't saying"
}
# Days and months (not those that are also names or verbs: May, March, April, June, August) end a
# source phrase even capitalised: "said President Emmanuel Macron on Tuesday".
_TIME = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
         "january", "february", "september", "october", "november", "december"}
_STOP = {
    "that", "and", "but", "while", "as", "which", "who", "whom", "whose", "when", "where", "because", "after",
    "before", "if", "so", "than", "since", "although", "though", "to", "by", "into", "over", "under", "about",
    "what", "how", "why", "whether", "this", "these", "those", "there", "not", "amid", "despite", "during", "until",
    "unless",
    "or", "nor", "yet", "said", "says", "say", "told", "tell", "claimed", "added", "believe", "believes", "week", "month", "year", "day", "morning", "night", "evening",
    "weekend", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}
_BE = {"was", "were", "been", "be", "being", "is", "are"}
_PARTICIPLE = re.compile(r"(?:ing|ed)$")
_ADVERB = re.compile(r"[a-z]+ly|often|always|never|long|since|just|quickly|soon")  # "Trump has often cited"
# -ly words that are nouns, not adverbs: "attorneys for the family said", "the weekly reported"
_ARTICLES = {"the", "a", "an", "his", "her", "its", "their", "our", "my", "your"}
_LY_NOUNS = {"family", "ally", "assembly", "rally", "daily", "weekly", "monthly", "quarterly", "bully", "monopoly",
             "supply", "anomaly"}


def _is_adverb(toks, j: int) -> bool:
    w = toks[j].text
    return bool(_ADVERB.fullmatch(w)) and w not in _LY_NOUNS and not (
        j > 0 and (_word(toks[j - 1]) in _ARTICLES or toks[j - 1].text in ("’s", "'s")))


# Cues that are nouns: their source is a possessor or a name before them ("Trump's remarks",
# "a Donald Trump tweet"), never the clause that precedes them ("Clinton ignored disparaging remarks").
_NOMINAL_CUES = {"claim", "claims", "remark", "remarks", "comment", "comments", "tweet", "tweets", "ad", "ads",
                 "statement", "statements", "post", "posts", "allegation", "allegations", "assertion", "assertions",
                 "warning", "warnings", "interview", "speech", "letter", "questions", "question"}
# Singular role nouns: "the Republican nominee", "the Indiana governor" name one identified person.
_PERSON_ROLES = {"nominee", "candidate", "governor", "president", "senator", "congressman", "congresswoman",
                 "commissioner", "secretary", "spokesman", "spokeswoman", "spokesperson", "minister", "mayor",
                 "chairman", "chairwoman", "chair", "director", "ceo", "founder", "host", "speaker", "leader",
                 "chancellor", "ambassador", "attorney", "lawyer", "prosecutor", "judge", "general", "commander",
                 "woman", "man", "mother", "father", "wife", "husband", "pollster", "strategist", "adviser", "advisor",
                 "aide", "official", "reporter", "author", "frontrunner", "front-runner", "incumbent", "challenger",
                 "businessman", "businesswoman", "billionaire", "star", "actor", "actress", "singer"}
_PREPS = {"of", "for", "in", "at", "from", "on", "with"}  # inside a phrase only before a capitalised word
_DETS = {"the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "these", "those", "some", "several",
         "many", "other", "another", "one", "two", "three", "even"}
_MAX_PHRASE = 12

# Words that type a source, checked in this order (the first kind that matches wins).
_KIND_WORDS: list[tuple[str, set[str]]] = [
    ("social_media", {"social", "telegram", "twitter", "tweet", "tweeted", "facebook", "instagram", "tiktok", "youtube",
                      "blogger", "bloggers", "channel", "channels", "posts", "post", "users", "influencer",
                      "influencers", "x.com", "weibo", "vk", "reddit", "online"}),
    ("media", {"bbc", "cnn", "reuters", "ap", "afp", "bloomberg", "tass", "ria", "interfax", "newspaper", "paper",
               "times", "post", "guardian", "telegraph", "herald", "journal", "tribune", "gazette", "wire",
               "television", "tv", "broadcaster", "radio", "outlet", "magazine", "associated", "agency's",
               "politifact", "factcheck", "fact-checker", "fact-checkers", "snopes", "editorial", "columnist",
               "fox", "msnbc", "nbc", "abc", "cbs", "npr", "pbs", "politico", "axios", "breitbart", "news"}),
    ("expert", {"analyst", "analysts", "expert", "experts", "professor", "prof", "researcher", "researchers",
                "scientist", "scientists", "economist", "economists", "academic", "institute", "think", "tank",
                "university", "hydrologist", "historian", "specialist", "scholar", "fellow", "consultancy",
                "pollster", "study", "centre", "center"}),
    ("official", {"ministry", "mod", "minister", "government", "department", "police", "army", "military",
                  "authority", "authorities", "council", "commission", "kremlin", "pentagon", "whitehouse", "white",
                  "spokesman", "spokeswoman", "spokesperson", "governor", "mayor", "president", "prime", "chancellor",
                  "senator", "sen", "rep", "congressman", "congresswoman", "secretary", "ambassador", "official",
                  "officials", "office", "service", "commander", "commanders", "general", "gen", "staff", "embassy",
                  "court", "judge", "prosecutor", "prosecutors", "agency", "administration", "campaign", "party",
                  "committee", "parliament", "congress", "senate", "cabinet", "company", "operator", "head", "chief",
                  "director", "board", "regulator", "inc", "ltd", "corp", "plc", "group", "bank", "union", "nato",
                  "un", "eu", "fbi", "cia", "fda", "cdc", "who", "imf", "gazprom", "engineer", "engineers",
                  "supplier", "firm", "producer", "maker", "giant", "corporation", "utility", "airline",
                  "foundation", "association", "coalition", "federation", "alliance", "league", "society",
                  "team", "camp", "fund", "bureau", "assembly"}),
    ("document", {"report", "reports", "document", "documents", "data", "figures", "statistics", "survey", "surveys",
                  "poll", "polls", "filing", "records", "memo", "letter", "assessment", "update", "statement", "census", "study",
                  "analysis", "paper", "review", "audit", "inspection", "court papers", "indictment", "ad", "ads",
                  "clip", "video", "spot", "commercial", "transcript", "complaint", "lawsuit", "suit", "book", "op-ed",
                  "polling", "average", "averages"}),
]
_VAGUE = {"sources", "source", "officials", "official", "insiders", "insider", "people", "reports", "analysts",
          "experts", "observers", "critics", "witnesses", "residents", "locals", "soldiers", "troops", "some",
          "many", "others", "cities", "users", "bloggers", "diplomats", "aides", "allies", "activists"}
# Heads of "few in the valley", "people in the area": who speaks, where ("the valley" alone is no one)
_WHO_IN = {"few", "many", "some", "most", "those", "several", "others", "all", "people", "residents", "officials"}
# Heads of phrases that name places or things, not agents: "Several Ukrainian cities reported ..."
# is no source (nor is a pronoun that refers back to them).
_NON_AGENT_HEADS = {"city", "cities", "town", "towns", "village", "villages", "region", "regions", "area", "areas",
                    "street", "streets", "district", "districts", "province", "provinces", "garden", "building",
                    "buildings", "hubs", "hub", "stations", "station", "outages", "lines", "line"}
# Platforms whose name alone, as a speaker, is the company ("Twitter said"), not its users.
_PLATFORMS = {"twitter", "facebook", "instagram", "tiktok", "youtube", "reddit", "weibo", "vk", "telegram", "meta"}
# Modifiers that leave a plural of officials vague: "Republican officials", "White House aides".
_VAGUE_MODIFIERS = {"senior", "western", "us", "government", "republican", "republicans", "democratic", "democrat",
                    "democrats", "gop", "conservative", "liberal", "administration", "white", "house", "campaign",
                    "party", "state", "federal", "local", "intelligence", "military", "defence", "defense", "police",
                    "former", "current", "top", "other", "independent", "security", "law", "enforcement"}
# Capitalised words that make a name an outlet's ("The Washington Post", "the New York Times").
_OUTLET_WORDS = {"post", "times", "journal", "herald", "tribune", "gazette", "telegraph", "guardian", "news",
                 "observer", "independent", "mail", "express", "mirror", "economist", "atlantic", "politico",
                 "axios", "reuters", "bloomberg", "bbc", "cnn", "msnbc", "nbc", "abc", "cbs", "npr", "pbs", "fox",
                 "ap", "afp", "tass", "interfax", "ria", "hill", "wire", "radio", "television", "tv", "magazine",
                 # newspaper nameplates ("the Columbus Dispatch", "the Cincinnati Enquirer")
                 "dispatch", "enquirer", "inquirer", "examiner", "chronicle", "courier", "sentinel"}
# A country or capital named as a speaker stands for its government ("..., says Ukraine").
_STATES = {"ukraine", "russia", "china", "britain", "uk", "us", "u.s.", "america", "france", "germany", "israel",
           "iran", "india", "japan", "turkey", "poland", "moscow", "kyiv", "kiev", "washington", "beijing", "london",
           "paris", "berlin", "brussels", "tehran", "jerusalem", "nato", "eu"}
_TITLES = {"mr", "mrs", "ms", "dr", "prof", "professor", "president", "minister", "governor", "mayor", "senator",
           "sen", "rep", "gen", "general", "lt", "col", "colonel", "captain", "capt", "sir", "lord", "lady",
           "judge", "chancellor", "secretary", "spokesman", "spokeswoman", "commander", "chief", "ambassador",
           "king", "queen", "prince", "pope", "director", "head", "rev", "reverend", "fr", "rabbi", "imam"}
_NATIONALITY = {"ukrainian": "ukraine", "ukraine": "ukraine", "russian": "russia", "russia": "russia",
                "british": "uk", "uk": "uk", "britain": "uk", "american": "us", "us": "us", "u.s.": "us",
                "u.s": "us", "french": "france", "german": "germany", "chinese": "china", "israeli": "israel",
                "palestinian": "palestine", "iranian": "iran", "european": "eu", "eu": "eu"}
_ORG_SYNONYMS = [(r"\bmod\b", "ministry of defence"), (r"\bdefen[cs]e ministry\b", "ministry of defence"),
                 (r"\bministry of defen[cs]e\b", "ministry of defence"), (r"\bdefense\b", "defence"),
                 (r"\bisw\b", "institute for the study of war")]


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution relation. Offsets index the article text; ``source`` is None when the
    cue names no source ("it is understood"); ``cue`` is None for a continued quote."""

    sentence: int
    source: tuple[int, int] | None
    source_text: str
    cue: tuple[int, int] | None
    cue_text: str
    content: tuple[int, int] | None
    kind: str
    named: bool
    direct: bool
    role: str = ""
    resolved_from: str = ""   # the pronoun a resolved source was written as
    group: str = ""           # key of the source this mention belongs to


@dataclass
class Source:
    """A distinct source in an article: all its mentions grouped."""

    key: str
    name: str
    kind: str
    named: bool
    roles: list[str] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)
    claims: int = 0
    direct: int = 0
    indirect: int = 0
    sentences: list[int] = field(default_factory=list)


# --- phrase finding --------------------------------------------------------------------

def _word(t: Token) -> str:
    return _word_of(t.text)


@lru_cache(maxsize=65536)  # ~200 calls an article on the same few hundred words
def _word_of(text: str) -> str:
    return text.lower().replace("’", "'").removesuffix("'s")


def _is_cap(t: Token) -> bool:
    return t.text[:1].isupper()


def _is_wordlike(t: Token) -> bool:
    return t.text[:1].isalnum()


def _joins(left: Token, hyphen: Token, right: Token) -> bool:
    """A hyphen inside a word ("Ki-moon"), not a dash between clauses ("congressman -- meddling")."""
    return left.end == hyphen.start and hyphen.end == right.start


def _skip_back(toks: list[Token], j: int, words: set[str] = _SKIP_BETWEEN) -> int:
    """The index of the last token at or before toks[j] that is neither one of ``words``
    (auxiliaries, "also", "reportedly") nor an adverb: where a cue's subject ends."""
    while j >= 0 and (_word(toks[j]) in words or _is_adverb(toks, j)) and not _surname_after(toks, j, 0):
        j -= 1
    return j


def _phrase_before(toks: list[Token], i: int) -> tuple[int, int] | None:
    """Token index range [a, b) of the noun phrase ending just before toks[i], or None."""
    j = _skip_back(toks, i - 1)
    if j < 0:
        return None
    if toks[j].text == ")":  # "Sen. Claire McCaskill (D-Mo.) said": the party and state go with the name
        k = next((k for k in range(j - 1, max(j - 8, -1), -1) if toks[k].text == "("), None)
        head = _collect_back(toks, k - 1) if k else None
        return (head[0], j + 1) if head else None
    if toks[j].text == ",":  # "Sergei Lavrov, the Russian foreign minister, said"
        k = j - 1
        while k >= 0 and toks[k].text != "," and j - k <= _MAX_PHRASE and _is_wordlike(toks[k]):
            k -= 1
        if k >= 0 and toks[k].text == ",":
            head = _collect_back(toks, k - 1)  # the name phrase ends just before the first comma
            if head and (_PARTICIPLE.search(toks[k + 1].text) and toks[k + 1].text.islower()
                         or _word(toks[k + 1]) in _RELATIVES):
                return head  # "Trump, speaking to veterans, said", "Mr. Obama, who ..., told": a clause, not a role
            if head:
                return head[0], j
        return None
    return _collect_back(toks, j)


def _surname_after(toks: list[Token], j: int, lo: int) -> bool:
    """toks[j] is a capitalised word right after a known first name: part of the name ("Theresa May"),
    not a date or an adverb to skip."""
    return j > lo and _is_cap(toks[j]) and known_first_name(toks[j - 1].text)


def _collect_back(toks: list[Token], j: int) -> tuple[int, int] | None:
    end = j + 1
    if j >= 0 and _word(toks[j]) in _PRONOUNS and _word(toks[j]) not in _STOP:
        return j, end  # a personal pronoun is the whole phrase: "at 86 she still says" is "she"
    a = end
    while j >= 0 and end - j <= _MAX_PHRASE:
        t = toks[j]
        w = _word(t)
        if (t.text in ("-", "–") and j > 0 and a < end and _joins(toks[j - 1], t, toks[a])) or (
                t.text == "." and j > 0 and a < end and (
                _word(toks[j - 1]) in _TITLES or re.fullmatch(r"[A-Z]", toks[j - 1].text))):  # "Elijah E. Cummings"
            j -= 1
            continue
        if not _is_wordlike(t) or w in _TIME and not (a == end and _surname_after(toks, j, 0)):
            break
        if w in _STOP and not _is_cap(t):
            break
        if w in _PREPS and w != "of" and not (a < end and _is_cap(toks[a])) and not (
                w == "for" and j > 0 and (_word(toks[j - 1]).rstrip("s") in _PERSON_ROLES or _is_cap(toks[j - 1]))
        ) and not (w == "in" and j > 0 and _word(toks[j - 1]) in _WHO_IN):
            break  # ... but "attorneys for the family", "the Committee for a Responsible Budget", "few in the valley"
        a = j
        j -= 1
    while a < end and (_word(toks[a]) in _PREPS):
        a += 1
    return (a, end) if a < end else None


def _nominal_source(toks: list[Token], i: int) -> tuple[int, int] | None:
    """The source of a noun cue at toks[i]: a possessor ("Trump's remarks", "the campaign's
    statement") or a run of capitalised words before it ("a Donald Trump tweet"), else None."""
    j = i - 1
    if j >= 0 and toks[j].text in ("’s", "'s"):
        j -= 1
    if j < 0:
        return None
    a = j
    while a >= 0 and _is_cap(toks[a]) and _word(toks[a]) not in _DETS:
        a -= 1
    if a == j:
        return None
    possessive = toks[j].text.endswith(("’s", "'s")) or (j + 1 < i and toks[j + 1].text in ("’s", "'s"))
    if possessive and a >= 0 and _word(toks[a]) == "the":
        a -= 1  # "the Pentagon's statement"
    return (a + 1, j + 1) if possessive or has_name(" ".join(t.text for t in toks[a + 1:j + 1])) else None


def _phrase_after(toks: list[Token], i: int, appositive: bool = True) -> tuple[int, int] | None:
    """Noun phrase starting at toks[i] (for 'said X' and 'according to X'), with an appositive role."""
    j = i
    while j < len(toks) and j - i < _MAX_PHRASE:
        t = toks[j]
        w = _word(t)
        if (t.text in ("-", "–") and j > i and j + 1 < len(toks) and _joins(toks[j - 1], t, toks[j + 1])) or (
                t.text == "." and j > i and (_word(toks[j - 1]) in _TITLES or re.fullmatch(r"[A-Z]", toks[j - 1].text))
                and j + 1 < len(toks) and _is_cap(toks[j + 1])):
            j += 1  # "said Mr. Newsom", "said John D. Podesta": the full stop is inside the name
            continue
        if (not _is_wordlike(t) or w in _TIME and not _surname_after(toks, j, i) or (w in _STOP and not _is_cap(t))
                or (w in _PREPS and not (j + 1 < len(toks) and (_is_cap(toks[j + 1]) or _word(toks[j + 1]) in _DETS)
                                         and _word(toks[j + 1]) not in _TIME))):
            break
        j += 1
    if j == i:
        return None
    if appositive and j < len(toks) - 1 and toks[j].text == ",":
        k = j + 1
        while k < len(toks) and toks[k].text not in (",", ".", ";", ":", "“", "”", '"') and k - j <= _MAX_PHRASE:
            k += 1
        if k > j + 1 and (k >= len(toks) or toks[k].text in (".", ",", ";")):
            return i, k
    return i, j


# --- typing and grouping -----------------------------------------------------------------

_WORD_RUN = re.compile(r"[\w.'’-]+")


@lru_cache(maxsize=65536)  # called ~140 times an article, mostly on the same few phrases
def _word_tuple(text: str) -> tuple[str, ...]:
    return tuple(w.removesuffix("'s") for w in _WORD_RUN.findall(text.lower().replace("’", "'")))


def _words(text: str) -> list[str]:
    return list(_word_tuple(text))


def _capitalised(text: str) -> set[str]:
    """The phrase's capitalised words, lower-cased, without a possessive 's."""
    return {w.lower().removesuffix("'s").removesuffix("’s") for w in re.findall(r"\b[A-Z][\w'’]*", text)}


_PARTY_AFFIX = re.compile(r",?\s*\(?\b[RDI]-[A-Z][A-Za-z.]*\)?,?\s*$")  # "Mitch McConnell, R-Ky.,"


@lru_cache(maxsize=65536)  # pure and called for every mention; sources recur
def kind_of(text: str, cue: str = "") -> str:
    """The type of a source phrase (see KINDS)."""
    text = _PARTY_AFFIX.sub("", text)
    rel = _RELATIVE_CLAUSE.search(text)
    if rel and rel.start() > 0:
        return kind_of(text[:rel.start()], cue)  # "Joseph, who has four children": the head says who
    words = _words(text)
    wset = set(words)
    if "who" in wset and "WHO" not in text:
        wset.discard("who")  # the pronoun, not the World Health Organization
    if not words:
        return "anonymous"
    if len(words) == 1 and words[0] in _PRONOUNS:
        return "pronoun"
    if place_kind(text) in ("country", "capital"):  # place_kind knows _STATES too
        return "official"  # a country or capital named as a speaker stands for its government
    if wset <= _VAGUE | _DETS | {"media", "local", "unconfirmed", "news", "press", "overnight", "recent", "earlier"}:
        return "anonymous"  # "reports say", "media reports", "some analysts"
    if _group_plural(_words(text.partition(",")[0])):
        return "anonymous"  # "Republicans on the committee", "one of Mr. Obama's advisers", "Black Lawmakers"
    head = words[-1] if "," not in text else _words(text.partition(",")[0])[-1:] or [""]
    head = head[0] if isinstance(head, list) else head
    if head in _KIND_WORDS[-1][1] and not (wset & _KIND_WORDS[0][1]):  # "the authority's inspection report"
        return "document"
    if _research_org(text.partition(",")[0]):
        return "expert"  # "the Tax Foundation", "Brookings": a think tank or pollster, whatever its "Foundation"
    if _named_outlet(text.partition(",")[0]):
        return "media"  # "The Daily Beast", "RT": an outlet, though its name reads like a person's
    if "," in text:  # "Name, role" or "role, Name": the role says what kind of source the name is
        first, _, second = text.partition(",")
        if has_name(second) and not has_name(first) and not (_article_led(second) and _person_name(first)):
            role_kind = kind_of(first, cue)
            return "expert" if role_kind == "expert" else "person"
        if place_kind(first) in ("country", "capital"):
            return "official"  # "China, Pyongyang's only ally, said"
        if _titled_person(first) and (k := kind_of(first, cue)) in ("expert", "media"):
            return k  # "the economist Jared Bernstein, a former adviser in the Obama White House"
        role_kind = kind_of(second, cue)
        if role_kind in ("expert", "media") and _person_name(first):
            return role_kind  # "Daryl Kimball, executive director of the Arms Control Association"
        if _person_described(first, second):  # "Clinton, the former secretary of State"
            return "person"
        if role_kind in ("official", "expert", "media") and not has_name(text.partition(",")[0]):
            return role_kind
        if role_kind == "official" and set(_words(text.partition(",")[2])) & _ORG_WORDS:
            return "official"
    toks = text.split()
    if (len(toks) >= 3 and "," not in text and toks[-1][:1].isupper() and toks[-2][:1].isupper()
            and toks[-3].islower() and toks[-3] not in _DETS | _PREPS and not wset & _KIND_WORDS[0][1]):
        # a name after a role word: "White House press secretary Josh Earnest", "defence analyst Jane Ode"
        return _titled_name_kind(wset)
    m = _ENDS_IN_NAME.search(text.strip())
    if (m and m.start() > 0 and "," not in text and known_first_name(m.group(1))
            and words[-1] not in _ORG_WORDS | _OUTLET_WORDS and not any(words[-1] in vocab for _, vocab in _KIND_WORDS)):
        # a person's full name after a title or role: "Tulsa police Chief Chuck Jordan",
        # "Secretary of State John F. Kerry"
        return _titled_name_kind(wset)
    if words[0] in ("a", "an") and head in _PERSON_ROLES and "of" not in wset and "for" not in wset:
        return "anonymous"  # "a Homeland Security Department official": one unnamed person
    if _definite_role(words) and words[-1] not in _ORG_WORDS:
        return "person"  # "the Republican nominee", "the Indiana governor": one identified person
    caps = _capitalised(text)
    if caps & _OUTLET_WORDS and (has_name(text) or len(caps) == 1) and not wset & {"minister", "ministry", "senator"}:
        return "media"  # "The Washington Post", "the BBC": before "post" can read as social media
    if cue.lower() in ("tweeted", "posted") and not (wset & {"ministry", "mod", "government"}):
        # the account holder tweets: a person when the phrase is a name ("Trump tweeted")
        return "person" if has_name(text) or text.strip()[:1].isupper() and len(words) == 1 else "social_media"
    if head in ("company", "giant", "firm") or wset & _PLATFORMS and wset <= _PLATFORMS | _DETS:
        return "official"  # "Twitter said", "the social media company": the company speaks, not its users
    for kind, vocab in _KIND_WORDS:
        if wset & vocab:
            if kind == "official" and has_name(text) and not (wset & _ORG_WORDS):
                return "person"
            if kind == "expert" and wset <= _VAGUE | _DETS | {"western", "military", "independent", "defence"}:
                return "anonymous"
            if (kind == "official" and head in _VAGUE
                    and wset <= _VAGUE | _DETS | _VAGUE_MODIFIERS | set(_NATIONALITY)):
                return "anonymous"  # "Republican officials", "senior administration officials"
            return kind
    if wset & _VAGUE:
        return "anonymous"
    if _INITIALISM.fullmatch(text.strip()):
        return "official"  # "the EPA", "The S.E.C.": an organisation's initials
    if has_name(text) or (len(words) == 1 and text.strip()[:1].isupper() and words[0] not in _DETS):
        return "person"
    return "anonymous"


_ONE_NAME = re.compile(r"[A-Z][\w'’&-]+")
_RELATIVE_CLAUSE = re.compile(r",\s+(?:who|which|whose|whom)\b")
_ENDS_IN_NAME = re.compile(r"\b([A-Z][a-z]+)(?:\s+[A-Z]\.)?\s+[A-Z][\w'’-]+$")
# Plural nouns for people in general: a phrase headed by one names no one ("Lawmakers", "Republicans on
# the committee", "some Republicans, including ..."), as the project's labelling guide has it.
_GROUP_PLURALS = (_VAGUE - _KIND_WORDS[0][1]) | {  # bloggers and users stay social media
    "republicans", "democrats", "conservatives", "liberals", "progressives", "lawmakers", "legislators", "members",
    "voters", "readers", "scholars", "supporters", "opponents", "protesters", "advisers", "advisors", "donors",
    "leaders", "historians", "economists", "scientists", "researchers", "developers", "investors", "parents",
    "families", "doctors", "teachers", "students", "workers", "employees", "executives", "americans", "citizens",
    "proponents", "advocates", "skeptics", "detractors", "fans", "viewers", "participants", "respondents",
    "commanders", "officers", "generals", "staffers", "strategists", "operatives"}
_QUANTIFIED = {"a", "an", "number", "group", "handful", "couple", "majority", "few", "several", "some", "many", "most",
               "one", "two", "three", "of", "other", "all", "both", "none", "dozens", "hundreds", "the"}


def _group_plural(words: list[str]) -> bool:
    """The phrase's head, before any preposition or comma, is a plural of people in general."""
    head = words[:next((k for k, w in enumerate(words) if w in _ROLE_END - {"of"}), len(words))]
    while head and head[0] in _QUANTIFIED:
        head = head[1:]
    head = head[:next((k for k, w in enumerate(head) if w == "of"), len(head))]
    return bool(head) and head[-1] in _GROUP_PLURALS


_JOURNALISTS = {"moderator", "host", "anchor", "reporter", "correspondent", "editor", "columnist", "journalist",
                "writer", "commentator"}


def _titled_name_kind(wset: set[str]) -> str:
    """A person named after a role: an outlet's journalist ("NBC News moderator Matt Lauer") speaks
    for the outlet, an analyst is an expert, anyone else a person."""
    if wset & _JOURNALISTS and wset & _KIND_WORDS[1][1]:
        return "media"
    return "expert" if wset & _KIND_WORDS[2][1] else "person"


_ROLE_END = {"of", "for", "at", "on", "in", "with", "from", "who", "which", "whose", "and", "to"}


def _person_described(name: str, role: str) -> bool:
    """"Name, a/the <role>" where the role's head noun is one person ("the former secretary of
    State", "a top Trump surrogate", "the top Democrat on the committee"), not an organisation
    ("Gazprom, the energy giant") and the name is no place or set of initials."""
    rw = _words(role)
    one_of = rw[:2] == ["one", "of"]  # "Benjamin Rhodes, one of the president's closest aides"
    rw = rw[2:] if one_of else rw
    head = next((k for k, w in enumerate(rw) if w in _ROLE_END), len(rw)) - 1
    if not rw or rw[0] not in ("a", "an", "the") or head < 1:
        return False
    noun = rw[head]
    if noun in _ORG_WORDS or noun.endswith("s") and noun not in _PERSON_ROLES and not one_of or any(
            noun in vocab for kind, vocab in _KIND_WORDS if kind not in ("official", "expert", "media")):
        return False
    return _person_name(name)


def _person_name(name: str) -> bool:
    """Up to four capitalised words that are no organisation, outlet, place or initials."""
    name = name.strip()
    caps = name.split()
    return (bool(caps) and len(caps) <= 4 and all(w[:1].isupper() for w in caps)
            and not _INITIALISM.fullmatch(name) and not set(_words(name)) & (_ORG_WORDS | _OUTLET_WORDS)
            and not place_kind(name))


_INITIALISM = re.compile(r"(?:[Tt]he\s+[A-Z]{2,6}|(?:[Tt]he\s+)?(?:[A-Z]\.){2,5})(?:['’]s)?")
_ORG_WORDS = {"ministry", "mod", "government", "department", "authority", "police", "kremlin", "council",
              "commission", "office", "supplier", "company", "firm", "operator", "producer", "maker", "giant",
              "corporation", "utility", "airline", "agency", "bank", "party", "group", "court", "congress", "senate",
              "committee", "embassy", "administration", "campaign", "cabinet", "parliament", "board", "army",
              "service", "pentagon", "nato", "fbi", "cia", "un", "eu", "house", "foundation", "association",
              "coalition", "federation", "alliance", "league", "society", "team", "camp", "fund", "bureau", "union",
              "assembly"}


def _definite_role(words: list[str]) -> bool:
    """"the Republican nominee", "Connecticut's tax commissioner": one identified person by role
    (``words`` from ``_words``, which drops the possessive 's)."""
    return (len(words) >= 2 and words[-1] in _PERSON_ROLES and "of" not in words
            and (words[0] == "the" or words[0] in set(_NATIONALITY) or is_place(words[0])))


@lru_cache(maxsize=65536)  # pure and called for every mention; sources recur
def has_name(text: str) -> bool:
    """Two or more capitalised words in a row, or a title followed by one: a proper name."""
    toks = re.findall(r"[\w.'’-]+|[^\w\s]", text)  # punctuation breaks a run of capitals
    caps = 0
    for k, t in enumerate(toks):
        if t[:1].isupper() and t.lower().rstrip(".") not in _DETS:
            caps += 1
            if caps >= 2 or (k > 0 and toks[k - 1].lower().rstrip(".") in _TITLES):
                return True
        else:
            caps = 0
    return False


_AFFILIATED = re.compile(r"((?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’-]*)\s+((?:of|from|at)\s+.+)")


def _article_led(text: str) -> bool:
    """A phrase after a comma that opens with an article is a description, not a name, whatever
    capitals it holds ("Doyle, a professor at Vanderbilt University in Nashville")."""
    return text.lstrip().partition(" ")[0] in ("a", "an", "the")


@lru_cache(maxsize=65536)  # pure and called for every mention; sources recur
def split_name_role(text: str) -> tuple[str, str]:
    """('Sergei Lavrov', 'the Russian foreign minister') from 'Sergei Lavrov, the Russian foreign minister';
    ('Volodymyr Zelensky', 'Ukrainian president') from 'Ukrainian president Volodymyr Zelensky';
    ('Peter Morgan', 'of the Sierra Club') from 'Peter Morgan of the Sierra Club'."""
    if "," in text:
        name, _, role = text.partition(",")
        if not _article_led(role) and (has_name(role) and not has_name(name)
                                       or _person_name(role) and not _person_name(name) and has_name(role)):
            # "the authority's chief engineer, Tomas Rehak", "Another RT America host, Abby Martin"
            name, role = role, name
        name, role = name.strip(), role.strip()
        if m := _affiliated(name):  # "Jane Roe of Springfield, Va."
            return m[0], f"{m[1]}, {role}".strip(", ")
        return name, role
    if m := _affiliated(text):
        return m
    toks = text.split()
    # trailing run of capitalised words is the name; what precedes it is the role
    k = len(toks)
    while k > 0 and toks[k - 1][:1].isupper() and toks[k - 1].lower().rstrip(".") not in _TITLES:
        k -= 1
    # "House Speaker Paul Ryan": a known first name in the run starts the name
    k = next((j for j in range(k, len(toks) - 1) if known_first_name(toks[j])), k)
    if 0 < k < len(toks) and len(toks) - k >= 1:
        return " ".join(toks[k:]), " ".join(toks[:k])
    return text, ""


def _affiliated(text: str) -> tuple[str, str] | None:
    """(name, role) of a name followed by where the person is from or works ("Mr. Morgan of the Sierra
    Club"), None for a title or body that has an "of" in it ("Secretary of State John Kerry", "Bank of
    America")."""
    m = _AFFILIATED.fullmatch(text)
    if not m or not has_name(m.group(1)):
        return None
    name, role = split_name_role(m.group(1))
    role = "" if role.lower().rstrip(".") in _COURTESY else role
    return name, f"{role} {m.group(2)}".strip()


_COURTESY = {"mr", "mrs", "ms", "dr", "miss"}


def _surname(name: str) -> str:
    toks = [t for t in re.findall(r"[\w'’-]+", name) if t[:1].isupper()]
    if not toks:
        return ""
    s = toks[-1].lower().replace("’", "'").removesuffix("'s")
    return re.sub(r"(.)\1$", r"\1", s)  # Zelenskyy ~ Zelensky


def org_key(text: str) -> str:
    """A canonical key for an organisation phrase: 'the MoD' ~ 'the Ministry of Defence'."""
    t = text.lower().replace("’", "'")
    t = re.sub(r"'s\b", "", t)
    for pat, rep in _ORG_SYNONYMS:
        t = re.sub(pat, rep, t)
    words = [w for w in re.findall(r"[\w.-]+", t) if w not in _DETS and w not in ("us-based", "uk-based")]
    nat = sorted({_NATIONALITY[w] for w in words if w in _NATIONALITY})
    core = [_singular(w) for w in words if w not in _NATIONALITY]
    return " ".join(nat + core)


def _singular(w: str) -> str:
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def _anon_key(text: str) -> str:
    words = []
    for w in _words(text):
        if w in _PREPS:  # "soldiers in Kharkiv": the head is before the preposition
            break
        if w not in _DETS:
            words.append(w)
    return " ".join(words[-2:]) if words else "unattributed"


_COUNTRY_MENTION = re.compile(r"\b(" + "|".join(sorted((k for k in _NATIONALITY if k.isalpha()), key=len, reverse=True))
                              + r")\b", re.IGNORECASE)


def _possessor(text: str, before: int) -> str:
    """For 'its defence ministry': the nearest country or nationality named before ``before``."""
    found = list(_COUNTRY_MENTION.finditer(text, max(0, before - 400), before))
    return found[-1].group(1) if found else ""


def _titled_person(text: str) -> bool:
    """A person's name after a lower-case role: "NBC host Lester Holt", "pollster Pat Caddell" (not
    "the centrist Tax Policy Center")."""
    name, role = split_name_role(text)
    words = _words(name)
    return (bool(role) and role.split()[-1].islower() and _word_of(role.split()[-1]) not in _DETS
            and _person_name(name) and len(words) >= 2 and not _research_org(name)
            and (known_first_name(name.split()[0]) or len(words) == 2 and not any(
                set(words) & vocab for _, vocab in _KIND_WORDS)))


_FIRST_PERSON = {"i": "i", "me": "i", "my": "i", "we": "we", "us": "we", "our": "we"}


@lru_cache(maxsize=65536)  # pure and called for every attribution; sources recur
def source_key(text: str, kind: str) -> str:
    text = _PARTY_AFFIX.sub("", text)  # "Mike Pence (R-IN)" is Pence
    if (who := _FIRST_PERSON.get(text.strip().lower())) is not None:
        return f"author:{who}"  # "I" in the outlet's voice is the writer, whatever type each mention got
    if kind == "person" and _definite_role(_words(text)) and not has_name(text):
        return f"role:{_role_key(text)}"  # "the Ukrainian president": linked to the named holder in link_roles
    if kind == "person" or (kind in ("expert", "official") and has_name(text) and "," in text):
        name, _ = split_name_role(text)
        s = _surname(name)
        if s:
            return f"person:{s}"
    if kind in ("expert", "media") and "," not in text and _titled_person(text):
        return f"person:{_surname(text)}"  # "longtime Democratic pollster Pat Caddell" is Caddell
    if kind in ("official", "media", "expert", "document", "social_media"):
        return f"{kind}:{org_key(text)}"
    return f"{kind}:{_anon_key(text)}"


# --- extraction --------------------------------------------------------------------------

_ADJUNCT_CUES = {"in a statement", "in an interview", "press conference", "told reporters", "intelligence update",
                 "quoted as saying"}
# Each starts with a lookahead on its possible first letters, so the engine skips every other
# position without trying the alternatives (4x faster; same matches).
_ORG_MENTION = re.compile(
    r"(?=[tA-Z])(?:the\s+)?(?:[A-Z][\w'’-]*\s+){0,4}(?:Institute|Ministry|Department|Agency|Office|Council|Commission|"
    r"Authority|Foundation|Centre|Center|University|Bank|Party|Committee|Kremlin|Pentagon|MoD|BBC|Reuters|"
    r"Service|Police|Army|Government|Court)(?:\s+(?:for|of|on)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:of\s+)?[A-Z][\w'’-]*)*)?")
_PERSON_MENTION = re.compile(
    # a period only after an abbreviation: "governor. Through a spokesman" is two sentences
    # and a run of capitals is a name only whole: "The Wall Street" of "The Wall Street Journal" is none
    r"(?=[A-Zpmgs])(?:(?:(?:[Pp]resident|[Mm]inister|[Gg]overnor|[Ss]ecretary|[Ss]enator)\s+|(?:Mr|Mrs|Ms|Dr|Gen|Lt Gen)\.?\s+)"
    r"(?:[A-Z][\w'’-]+\s?){1,3}|(?<![.!?]\s)(?<!^)(?<![-‐])\b{w}\s+{w}(?:\s+{w})?\b(?!\s+[A-Z][a-z]))".replace(
        "{w}", r"[A-Z][a-z'’-]+(?:[A-Z][a-z'’-]+)?"))  # a word may have a second capital: "McGovern", "DeSantis"


@lru_cache(maxsize=8)
def _mentions(text: str, organisations: bool) -> list[tuple[int, int, str, str]]:
    """(start, end, text, kind) of every organisation or person mention in ``text``, found once
    per article rather than once per pronoun."""
    pattern = _ORG_MENTION if organisations else _PERSON_MENTION
    return [(m.start(), m.end(), m.group(0).strip(), kind_of(m.group(0))) for m in pattern.finditer(text)
            if not place_kind(m.group(0).strip()) in ("city", "state")]  # "she" is not "New Jersey"


_FEMALE_WORDS = {"mrs", "ms", "miss", "madam", "dame", "lady", "queen", "princess", "duchess", "chairwoman",
                 "spokeswoman", "congresswoman", "businesswoman", "councilwoman", "woman", "mother", "wife",
                 "daughter", "sister", "grandmother"}
_MALE_WORDS = {"mr", "sir", "lord", "king", "prince", "duke", "spokesman", "congressman", "businessman",
               "councilman", "man", "father", "husband", "son", "brother", "grandfather"}
_PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}


@lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    from importlib import resources

    text = resources.files("framing.resources").joinpath("first_names.txt").read_text("utf-8")
    return {name: g for g, name in (line.split() for line in text.splitlines() if line and not line.startswith("#"))}


def known_first_name(word: str) -> bool:
    return word.lower() in _first_names()


@lru_cache(maxsize=1)
def _places() -> dict[str, str]:
    """Lower-cased place name -> 'country', 'capital', 'state' or 'city' (resources/places.tsv,
    made from GeoNames by scripts/make_places.py)."""
    from importlib import resources

    text = resources.files("framing.resources").joinpath("places.tsv").read_text("utf-8")
    return {name.lower(): kind for name, kind in (line.split("\t") for line in text.splitlines()
                                                    if line and not line.startswith("#"))}


@lru_cache(maxsize=4)
def _name_list_re(resource: str) -> re.Pattern:
    """One pattern for the names of a resources/ list (one a line, longest first, case-sensitive)."""
    from importlib import resources

    text = resources.files("framing.resources").joinpath(resource).read_text("utf-8")
    names = sorted((ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")), key=len,
                   reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")


def _research_org(text: str) -> bool:
    """The phrase names a think tank, research institute or pollster of resources/research_orgs.txt."""
    return bool(_name_list_re("research_orgs.txt").search(text))


def listed(text: str) -> bool:
    """The phrase's head (before a comma) is a country or capital, or names a research organisation
    or news outlet of the project's lists, or holds a newspaper's word ("Observer", "Post"): its type
    comes from a gazetteer or a name, not from the words around it."""
    head = text.partition(",")[0]
    return place_kind(head) in ("country", "capital") or _research_org(head) or _outlet_name(head)


def _outlet_name(text: str) -> bool:
    """A news outlet of resources/media_outlets.txt, or a name holding a newspaper's word ("The
    Charlotte Observer", "the Columbus Dispatch")."""
    return _named_outlet(text) or bool(_capitalised(text) & _OUTLET_WORDS)


def _named_outlet(text: str) -> bool:
    """The phrase is the name of a news outlet of resources/media_outlets.txt, and no more ("The
    Daily Beast", "RT"; not "RT's host", whose journalist the other rules type)."""
    name, outlets = re.sub(r"^[Tt]he\s+(?=[A-Z])", "", text.strip()), _name_list_re("media_outlets.txt")
    return bool(outlets.fullmatch(name) or outlets.fullmatch("The " + name))


@lru_cache(maxsize=65536)
def place_kind(text: str) -> str:
    """'country', 'capital', 'state', 'city' when the phrase is only a place name ("Kharkiv",
    "the United States", "North Carolina"), else ''."""
    t = re.sub(r"^(?:the|in|of)\s+", "", text.strip().replace("’", "'"), flags=re.IGNORECASE).removesuffix("'s")
    return _places().get(t.lower(), "") or ("country" if t.lower() in _STATES else "")


def is_place(text: str) -> bool:
    return bool(place_kind(text))


@lru_cache(maxsize=65536)
def gender_of(text: str) -> str | None:
    """'f', 'm' or None (not known) for a source phrase: from a title or gendered role word
    ("Mrs", "spokeswoman"), else from the first known first name ("Health Minister Sarah Collins")."""
    words = set(_words(text))
    if words & _FEMALE_WORDS and not words & _MALE_WORDS:
        return "f"
    if words & _MALE_WORDS and not words & _FEMALE_WORDS:
        return "m"
    names = _first_names()
    return next((names[w.lower()] for w in re.findall(r"\b[A-Z]\w+", text) if w.lower() in names), None)


PRONOUN_REACH = 1500     # characters back from a pronoun in which a name is looked for
PRONOUN_LOOKBACK = 200   # earlier attributions looked through for its source (bounds the work on huge texts)


def _resolve_pronoun(pronoun: str, before: int, doc: Document,
                     earlier: tuple[list[Attribution], ...]) -> tuple[str, str] | None:
    """(text, kind) of the nearest fitting earlier source or name for a pronoun, else None.
    ``earlier``: the attributions found so far, as lists in text order."""
    p = pronoun.lower()
    latest = islice((a for part in reversed(earlier) for a in reversed(part)), PRONOUN_LOOKBACK)
    if p in ("we", "i", "they", "them"):
        for a in latest if p in ("they", "them") else ():
            # a plural agent with a source phrase ("few people", "World leaders"), not a headline's
            if a.source_text and not doc.sentences[a.sentence].is_headline and (
                    a.kind in ("anonymous", "social_media") or _plural_phrase(a.source_text)):
                return a.source_text, a.kind
        return None
    things = ("official", "expert", "media", "document", "social_media")
    want = {"it": things, "which": things}.get(p, ("person", "expert"))
    g = _PRONOUN_GENDER.get(p)
    agrees = (lambda text: True) if g is None else (lambda text: gender_of(text) in (None, g))  # noqa: E731
    best = None  # the fitting source that starts last (the first such in text order on a tie)
    for a in latest:
        # a source lies in its sentence or an earlier one: nothing before can start later than ``best``
        if best is not None and doc.sentences[a.sentence].end <= best[0]:
            break
        if (a.source and a.kind in want and a.source[0] < before and agrees(a.source_text)
                and (p in ("it", "which") or a.named and not _definite_role(_words(a.source_text)))):
            if best is None or a.source[0] >= best[0]:
                best = (a.source[0], a.source_text, a.kind)
    lo = bisect.bisect_left(mentions := _mentions(doc.text, p in ("it", "which")), (max(0, before - PRONOUN_REACH),))
    hi = bisect.bisect_left(mentions, (before,), lo)
    for start, end, text, k in reversed(mentions[lo:hi]):  # names within reach before the pronoun, nearest first
        if best is not None and start <= best[0]:
            break  # the fitting source starts later (or at the same place): it wins
        # a name in the text, not a source: "he"/"she" only a person's ("she" is not "Seton Hall University")
        if end <= before and (k == "person" and _person_like(doc.text, text) if p not in ("it", "which")
                              else k in want) and agrees(text):
            return text, k
    return best[1:] if best is not None else None


@lru_cache(maxsize=4096)  # pure, and an article's pronouns weigh the same names
def _person_like(text: str, name: str) -> bool:
    """A capitalised run that can stand for "he" or "she": it holds a known first name or a title, the
    article gives its last word a first name or title somewhere ("Jeb Bush"), or its words are no
    calendar or common words: the article never writes the last word in lower case ("Wolf Blitzer";
    not "Super Tuesday", "On Sunday", "Islamic State" beside "the state", "Wall Street" beside "street")."""
    words = name.replace(".", " ").split()
    if not words:
        return False
    if any(known_first_name(w) or w.lower() in _TITLES for w in words):
        return True
    last = words[-1].removesuffix("’s").removesuffix("'s")
    low = last.lower()
    written_low = (low in _lower_words(text) if low.isalpha() and low.isascii()
                   else bool(re.search(r"\b" + re.escape(low) + r"\b", text)))
    common = written_low or bool({w.lower() for w in words} & (_TIME | _STOP | _PREPS | {"day", "eve"}))
    return not common or _given_a_first_name(text, last)  # last: it scans the article


@lru_cache(maxsize=8)
def _lower_words(text: str) -> frozenset[str]:
    """The article's words written in lower case (once per article, not once per name)."""
    return frozenset(re.findall(r"\b[a-z]+\b", text))


def _plural_phrase(text: str) -> bool:
    """A phrase for several agents: "Sens. Roe and Doe", "the senators" (not "Sen. Roberts")."""
    words = text.split()
    return " and " in text or (words[-1].islower() and words[-1].rstrip(".,").endswith("s"))


def _span_text(doc: Document, span: tuple[int, int]) -> str:
    return doc.text[span[0]:span[1]]


def _content(doc: Document, toks: list[Token], cue_i: int, cue_end_i: int, src: tuple[int, int] | None,
             s_start: int, s_end: int) -> tuple[tuple[int, int] | None, bool]:
    """The content of an attribution: an adjacent quote (direct) or the clause after/before the cue."""
    if cue_i < len(toks) and cue_end_i > cue_i:
        cue_start, cue_end = toks[cue_i].start, toks[cue_end_i - 1].end
    else:  # no cue token: measure from the end of the source, or of the sentence
        cue_start = cue_end = toks[min(cue_i, len(toks)) - 1].end if toks else s_end
    near = doc.quote_index.overlapping(s_start, s_end)
    if near:
        # the quote closest to the cue
        q = min(near, key=lambda q: min(abs(q.start - cue_end), abs(cue_start - q.end)))
        return (max(q.start, s_start), min(q.end, s_end)), True
    j = cue_end_i
    if j < len(toks) and _word(toks[j]) == "that":
        j += 1
    if j < len(toks) and (src is None or src[0] < toks[j].start):
        end = toks[-1].end if toks[-1].text not in (".", "!", "?") else toks[-1].start
        if end > toks[j].start:
            return (toks[j].start, end), False
    if src and src[0] > toks[0].start:
        end = src[0]
        while end > s_start and not doc.text[end - 1].isalnum():
            end -= 1
        if end > toks[0].start:
            return (toks[0].start, end), False
    return None, False


def _build(doc: Document, s, toks: list[Token], src: tuple[int, int] | None, cue: tuple[int, int] | None,
           cue_text: str, ci: int, ce: int, earlier: tuple[list[Attribution], ...]) -> Attribution:
    """One attribution from a source span and a cue (token range ci:ce): typed, resolved, keyed.
    ``earlier``: the attributions found before it, as lists in text order (not copied into one)."""
    src_text = _span_text(doc, src) if src else ""
    kind = kind_of(src_text, cue_text) if src else "anonymous"
    resolved_from = ""
    if kind == "pronoun":
        res = _resolve_pronoun(src_text, src[0], doc, earlier)
        if res:
            resolved_from, (src_text, kind) = src_text, res
    elif (kind == "person" and not s.is_headline and _ONE_NAME.fullmatch(src_text.strip())
          and not _introduced(doc, src_text) and not _ever_a_surname(doc.text, src_text.strip())):
        kind = "official"  # "Peabody said", "AROS said": a name the article never gives a person's first name or title
    elif (kind == "official" and _ONE_NAME.fullmatch(src_text.strip())
          and _given_a_first_name(doc.text, src_text.strip())):
        kind = "person"  # "Jordan said" after "Rep. Jim Jordan": the congressman, not the country
    named = _named(doc, src_text, kind)
    content, direct = _content(doc, toks, ci, ce, src, s.start, s.end)
    role = _role(src_text, kind)
    key_text = src_text
    if src and kind in ("official", "media", "expert") and _words(src_text)[:1] in (["its"], ["their"]):
        key_text = f"{_possessor(doc.text, src[0])} {src_text}"
    return Attribution(s.index, src, src_text, cue, cue_text, content, kind, named, direct, role, resolved_from,
                       source_key(key_text, kind) if src_text else "anonymous:unattributed")


def _named(doc: Document, text: str, kind: str) -> bool:
    """Whether a reader can identify the source ``text`` of type ``kind``: a name, an organisation,
    outlet or document that is not vague, a surname introduced elsewhere, a definite role, an account."""
    return (kind in IDENTIFIABLE and (has_name(text) or kind in ("official", "media", "document")
                                      and not set(_words(text)) <= _VAGUE | _DETS)
            or kind == "person" and bool(text) and (_introduced(doc, text.partition(",")[0])
                                                    or _definite_role(_words(text)))
            or kind == "social_media" and (has_name(text) or "@" in text))


def _role(text: str, kind: str) -> str:
    """The role in "Name, role" or "role Name" of a person (or of a named expert or official)."""
    if kind == "person" or (kind in ("expert", "official") and has_name(text) and "," in text):
        return split_name_role(text)[1]
    return ""


def build_from_spans(doc: Document, s, src: tuple[int, int] | None, cue: tuple[int, int],
                     earlier: list[Attribution]) -> Attribution:
    """An attribution from given source and cue spans (an annotator's), typed, resolved and keyed
    as the extractor's own are."""
    toks = [t for t in doc.tokens if t.sentence == s.index]
    ci = next((k for k, t in enumerate(toks) if t.end > cue[0]), len(toks))
    ce = next((k for k, t in enumerate(toks) if t.start >= cue[1]), len(toks))
    return _build(doc, s, toks, src, cue, doc.text[cue[0]:cue[1]], ci, max(ce, ci), (earlier,))


_CUELESS_ANONYMOUS = {"it is understood", "it is believed", "it was reported", "it is reported", "reports suggest",
                      "reports say", "reports overnight", "according to reports", "rumour has it", "it is said",
                      "unconfirmed reports", "it is thought", "is thought to", "are thought to", "is believed to",
                      "are believed to", "is said to", "are said to", "is understood to", "is reported to",
                      "are reported to"}


_ADJECTIVE_END = re.compile(r"(?:ed|ing|ful|ous|ive|less|able|ible|ish)$")


def _sentence_initial_modifier(toks: list[Token], span: tuple[int, int]) -> bool:
    """A tagged one-word span that opens the sentence, looks like an adjective or participle and is
    followed by a lower-case word ("Terrified families fled ..."): with no cue in the sentence, not a
    source. (A name in the same place, "Sanders wrote ...", is: PolNeAR has many.)"""
    first = toks[0]
    return (span[0] <= first.start and span[1] <= first.end and len(toks) > 1 and toks[1].text[:1].islower()
            and _is_wordlike(toks[1]) and bool(_ADJECTIVE_END.search(first.text.lower())))


# What may stand between the start of a _words_before_name match and its name: the words before
# it are [A-Z][a-z]+ or an initial, with full stops and white space.
_NAME_RUN = re.compile(r"[A-Za-z.\s]*")
_CAPITAL = re.compile(r"[A-Z]")


@lru_cache(maxsize=4096)
def _words_before_name(text: str, word: str) -> tuple[tuple[str, str], ...]:
    """Every capitalised word the article puts right before ``word`` ("John" in "John F. Kerry",
    "Mr" in "Mr. Steele"; Zelenskyy ~ Zelensky), lower-cased, with the word before it ("gen" in
    "Gen. Norman Ham") or ""."""
    name = re.sub(r"(.)\1$", r"\1", word)
    stem = re.sub(r"['’]", "['’]", re.escape(name))  # O'Neill ~ O’Neill
    pattern = re.compile(r"(?:\b([A-Z][a-z]+)\.?\s+)?\b([A-Z][a-z]+)\.?\s+(?:[A-Z]\.\s+)?" + stem + r"\w?\b")
    # The matches of ``pattern.finditer(text)``, found by trying the pattern only just before each
    # place the name stands (a scan of the whole text tried it at every capital: 3x slower). A
    # match ends at an occurrence of the name, and what precedes that occurrence in it is _NAME_RUN
    # characters starting with a capital; so the leftmost match from ``pos`` starts at a capital in
    # the run of such characters before the first occurrence at or after ``pos``, or at it, or later.
    plain, flat = name.replace("’", "'"), text.replace("’", "'")  # ' and ’ alike, offsets kept
    if not plain:
        return tuple(((m.group(1) or "").lower(), m.group(2).lower()) for m in pattern.finditer(text))
    back, n = text[::-1], len(text)  # the run before an occurrence is a match at its mirrored offset here
    out, pos = [], 0
    while (q := flat.find(plain, pos)) >= 0:
        lo = max(pos, q - (_NAME_RUN.match(back, n - q).end() - (n - q)))
        for c in _CAPITAL.finditer(text, lo, q + 1):
            if m := pattern.match(text, c.start()):
                out.append(((m.group(1) or "").lower(), m.group(2).lower()))
                pos = m.end()
                break
        else:
            pos = q + 1  # no match starts at or before this occurrence
    return tuple(out)


def _common(w: str) -> bool:
    return w in _DETS or w in _STOP or w in _PREPS or w in _TIME or w in _SKIP_BETWEEN


def _introduced_in(text: str, word: str) -> bool:
    """"Newt Gingrich", "Mr. Steele", "Gen. Norman Ham": the word follows a first name, a title, a
    titled capitalised word, or a capitalised word that is no common word or place, so it is a surname."""
    return _given_a_first_name(text, word) or any(not (_common(w) or is_place(w.title()))
                                                  for _, w in _words_before_name(text, word))


def _given_a_first_name(text: str, word: str) -> bool:
    """The article puts a first name or a title right before the word ("Jim Jordan", "President Xi")."""
    return any(known_first_name(w) or w in _TITLES or prev in _TITLES for prev, w in _words_before_name(text, word))


def _ever_a_surname(text: str, word: str) -> bool:
    """The word follows a capitalised word somewhere ("Gen. Norman Ham"), even one that is also a
    place: a person's name, not a company's ("Peabody said")."""
    return any(not _common(w) for _, w in _words_before_name(text, word))


def _introduced(doc: Document, word: str) -> bool:
    """A one-word name that the article gives elsewhere with a first name or title ("Zelenskyy"
    beside "Volodymyr Zelensky", "Steele" beside "Mr. Steele"), or a known first name used alone
    ("Melanie said"): an identifiable person, and so a named source."""
    word = word.strip().removesuffix("’s").removesuffix("'s")
    if not re.fullmatch(r"[A-Z][\w'’-]+", word):
        return False
    if word.isupper() and len(word) > 2:
        word = word.title()  # a transcript's "PENCE" is "Mike Pence"
    return known_first_name(word) or _introduced_in(doc.text, word)


def _not_agent(doc: Document, span: tuple[int, int]) -> bool:
    """A phrase headed by a place or thing ("Several Ukrainian cities"), or a city or region named
    alone: not who speaks."""
    # "Quentin Kidd, a political scientist at ... in Scott's district": the head is before the comma
    words = _words(_span_text(doc, span).partition(",")[0])
    if "in" in words and words[0] in _WHO_IN:  # "people in the area": the head is before "in"
        words = words[:words.index("in")]
    return bool(words) and words[-1] in _NON_AGENT_HEADS or _place_not_speaker(doc, span)


def _place_not_speaker(doc: Document, span: tuple[int, int]) -> bool:
    """A city, region or state named where a speaker would stand ("Kharkiv", "North Carolina"):
    not a source, unless the article also uses the word as a person's surname ("Warren" after
    "Elizabeth Warren"). Countries and capitals speak for their governments and are kept."""
    text = _span_text(doc, span).strip()
    if place_kind(text) not in ("city", "state"):
        return False
    return not _given_a_first_name(doc.text, text.split()[-1].replace("’s", "").replace("'s", ""))


_EXPLETIVE_IT = re.compile(r"\s+(?:\w+ly\s+|now\s+|also\s+)?(?:appears|appeared|seems|seemed|is|was|remains|looks|"
                           r"looked|comes|came|means|meant|emerged|transpired)\b")


def _heading(text: str) -> bool:
    """Capitals only and more than one short initialism ("MEDICAL CLAIMS", "CONGRESS"): a section
    heading run into the sentence after it, not a speaker ("CNN", "NATO", a listed "POLITICO" are)."""
    letters = re.sub(r"[^A-Za-z ]", "", text).strip()
    return letters.isupper() and (" " in letters or len(letters) > 5) and not listed(text.title())


_DANGLING = _DETS | _PREPS | {"to", "about", "by"}
_QUANTIFIERS = {"some", "several", "many", "one", "two", "three", "other", "another"}  # "Some say": a vague source


def _dangling(text: str) -> bool:
    """A phrase that ends in a determiner or preposition ("Trump made the", "tire of"): a clause cut
    off mid-phrase, not who speaks ("Some" alone is a vague source)."""
    words = _words(text)
    return bool(words) and words[-1] in _DANGLING and not (len(words) == 1 and words[0] in _QUANTIFIERS)


_ADVERB_ENDS = ("ally", "ously", "ively", "edly", "ingly", "ently", "antly", "ately")
# words that stand for someone, vaguely ("You said", "Both say"), besides _WHO_IN's ("Most said"): kept
_SOMEONE = _WHO_IN | {"you", "these", "both", "each", "none", "everyone", "everybody", "someone", "somebody",
                      "anyone", "anybody", "nobody", "either", "neither"}


def lone_word(doc: Document, text: str) -> bool:
    """One capitalised word that names no one: a function word, a day or an adverb ("As", "So", "Friday",
    "Historically"), unless it is a first name, a surname the article introduces, a place, a word for
    someone (_SOMEONE: "Most said") or for a kind of source. A common noun alone stays: in headlines
    and shorthand it is often the source ("Pastor Wants ...", "State initially said")."""
    if " " in text or not text[:1].isupper():
        return False
    low = text.lower().removesuffix("’s").removesuffix("'s").rstrip(".,:;")
    if (low in _PRONOUNS or low in _VAGUE or low in _GROUP_PLURALS or low in _QUANTIFIERS or low in _SOMEONE
            or any(low in vocab for _, vocab in _KIND_WORDS)):
        return False
    common = low in _STOP or low in _PREPS or low in _TIME or low.endswith(_ADVERB_ENDS)
    return common and not (known_first_name(text) or is_place(text) or _introduced(doc, text))


def _plausible_source(doc: Document, span: tuple[int, int]) -> bool:
    """A tagged span that can name a source: not quoted, not a place, and not a bare determiner or adjective."""
    text = _span_text(doc, span).strip()
    if not text or doc.quote_index.covers(*span) or _not_agent(doc, span) or _heading(text) or _dangling(text):
        return False
    words = _words(text)
    if len(words) == 1 and (words[0] in _DETS or words[0] in _NATIONALITY or "-" in words[0]):
        return False
    if words == ["it"] and _EXPLETIVE_IT.match(doc.text, span[1]):
        return False  # "it now appears that ...": no one speaks
    return any(w[:1].isupper() for w in text.split()) or bool(set(words) & (_PRONOUNS | _VAGUE)) or \
        any(set(words) & vocab for _, vocab in _KIND_WORDS)


def _clean_span(doc: Document, span, cues: list[Evidence]):
    """A rule's or the tagger's source span without what trails the name and without a clause
    holding another cue (``_trim_tail``, ``_cut_at_cue``); None when nothing of a source is left."""
    return _cut_at_cue(doc, _trim_tail(doc, span), cues)


def _cut_at_cue(doc: Document, span, cues: list[Evidence]):
    """A span with a cue of its sentence inside it (not at its edge) runs over a clause: cut before the
    appositive or relative clause that holds the cue ("Murphy, who thinks ...", "Mr. Guerrero, a
    Republican who described ..."), else no source ("Obama Says African-American Museum" for "Tell").
    A possessive noun cue stands in a noun phrase ("the ad's narrator")."""
    tail = [c.start for c in cues if span[0] < c.start < span[1] <= c.end and c.text.lower() not in _NOMINAL_CUES]
    if tail:  # "experts say": the verb ends the phrase, it is not part of the source ("Trump's tweet" is)
        span = span[0], span[0] + len(doc.text[span[0]:min(tail)].rstrip())
    inner = [c for c in cues if span[0] < c.start and c.end < span[1] and not c.text.endswith(("'s", "’s"))]
    if not inner:
        return span
    head, comma, after = doc.text[span[0]:min(c.start for c in inner)].rpartition(",")
    if comma and head.strip() and _APPOSITION_START.match(after):  # not "Meanwhile, it attacked Trump"
        return span[0], span[0] + len(head.rstrip())
    return None


_APPOSITION_START = re.compile(r"\s*(?:who|whose|which|a|an|the|one|now|then)\b")
# what may trail a source phrase without being part of it: ", in particular", ", on Monday", "boldly"
_TRAILING = re.compile(r"(?:,\s*(?:in|on|at|for|by|with|too|also|though|however)\b[^,]*|\s+[a-z]+ly"
                       r"|\s+(?:further|also|too|again|later|then|now|instead))?[\s,]*$")


def _trim_tail(doc: Document, span):
    """The span without an adverb or adjunct that trails the name ("Republican nominee Donald Trump,
    in particular", "Hillary Clinton boldly"); a noun in -ly ("the family") stays."""
    m = _TRAILING.search(doc.text, span[0], span[1])
    if m is None or m.start() == span[0] or m.start() == span[1] or m.group(0).strip(" ,") in _LY_NOUNS:
        return span
    return span[0], m.start()


def _passive(toks: list[Token], ci: int) -> bool:
    """The cue at toks[ci] is a passive participle ("were told", "has been warmly welcomed"), not a
    progressive ("is questioning": its subject speaks)."""
    b = _skip_back(toks, ci - 1, _SKIP_BETWEEN - _BE)
    return b >= 0 and _word(toks[b]) in _BE and not _word(toks[ci]).endswith("ing")


def _learned(doc: Document, s, toks: list[Token], span: tuple[int, int], cues: list[Evidence],
             earlier: tuple[list[Attribution], ...]) -> list[Attribution]:
    """The attribution whose source the learned span tagger found (its cue: the nearest cue match),
    as a list: none for the subject of a passive cue ("Konashenkov has been mocked by ..." is not who
    mocks)."""
    near = min(cues, key=lambda e: min(abs(e.start - span[1]), abs(span[0] - e.end)), default=None)
    if near is not None:  # (no cue in the sentence: no token index needed)
        start_at = {t.start: k for k, t in enumerate(toks)}
        end_at = {t.end: k for k, t in enumerate(toks)}
        if near.start in start_at and near.end in end_at:
            ci, ce = start_at[near.start], end_at[near.end] + 1
            if span[1] <= near.start and near.term != "according to" and _passive(toks, ci):
                return []
            return [_build(doc, s, toks, span, (near.start, near.end), near.text, ci, ce, earlier)]
    k = next((i for i, t in enumerate(toks) if t.start >= span[1]), len(toks))
    return [_build(doc, s, toks, span, None, "", k, k, earlier)]


def extract(doc: Document, evidence: tuple[Evidence, ...],
            learned: dict[int, tuple[int, int]] | None = None, candidates: bool = False) -> list[Attribution]:
    """All attributions in the document, in text order (see ``_extract``), read from its ``truecased``
    view, with the source and cue texts as the article writes them."""
    view = truecased(doc)
    found = _extract(view, evidence, learned, candidates)
    if view is doc:
        return found

    def as_written(a: Attribution) -> Attribution:
        texts = {name: doc.text[span[0]:span[1]] for name, span in (("source_text", a.source), ("cue_text", a.cue))
                 if span and getattr(a, name) == view.text[span[0]:span[1]]}
        return replace(a, **texts) if texts else a

    return [as_written(a) for a in found]


def _extract(doc: Document, evidence: tuple[Evidence, ...],
             learned: dict[int, tuple[int, int]] | None = None, candidates: bool = False) -> list[Attribution]:
    """All attributions in the document, in text order.

    ``learned`` maps a sentence index to the source span the trained tagger predicts there
    (absolute offsets). The rules' spans come first (they keep appositives and resolve roles);
    where they find no source, the tagger's span is used if it looks like a source phrase.
    With ``candidates``, a tagger span that overlaps none of the rules' spans is proposed as
    well, for the source verifier (source_verifier.py) to keep or drop.
    """
    learned = learned or {}
    qidx = doc.quote_index
    by_sent = {i: list(ts) for i, ts in groupby(doc.tokens, key=itemgetter(3))}  # tokens come in sentence order
    cues: dict[int, list[Evidence]] = {}
    anon: dict[int, list[Evidence]] = {}
    for e in evidence:
        if e.in_quote:
            continue
        if e.category == "attribution_cue":
            cues.setdefault(e.sentence, []).append(e)
        elif e.category == "anonymous_source":
            if e.term == "reports" and _inverted_report(doc.text, e):  # "..., reports the BBC."
                cues.setdefault(e.sentence, []).append(Evidence("attribution_cue", "reports", e.start, e.end, e.text,
                                                                e.sentence, False))
            else:
                anon.setdefault(e.sentence, []).append(e)
    found: list[Attribution] = []
    prev_direct: Attribution | None = None
    # a sentence said twice (a headline repeated as the first line) is attributed once, in the body
    norm = [" ".join(s.text.split()).lower() for s in doc.sentences]
    body = {t for s, t in zip(doc.sentences, norm) if not s.is_headline}
    seen_texts: set[str] = set()
    for s in doc.sentences:
        toks = by_sent.get(s.index, [])
        if not toks or s.is_caption or norm[s.index] in seen_texts or (s.is_headline and norm[s.index] in body):
            continue  # a photo caption or credit cites no one
        seen_texts.add(norm[s.index])
        sent_found: list[Attribution] = []
        signed = _signature(doc, s)
        if signed is not None:  # '"..." ― Jane Roe': the quote before the dash is hers
            found = [a for a in found if not (a.sentence == signed.sentence and a.cue is None)]
            found.append(signed)
            prev_direct = None
            continue
        label = _speaker_label(doc, s)
        if label is not None:  # 'PENCE: Well, ...' in a transcript
            sent_found.append(label)
        scues = sorted(cues.get(s.index, []), key=lambda e: e.start)
        if scues:
            start_at = {t.start: k for k, t in enumerate(toks)}
            end_at = {t.end: k for k, t in enumerate(toks)}
        verb_cues = [e for e in scues if e.term not in _ADJUNCT_CUES]
        used: list[tuple[int, int]] = []
        for e in verb_cues or scues[:1]:
            if any(a <= e.start < b for a, b in used):
                continue
            ci, ce = start_at.get(e.start), end_at.get(e.end)
            if ci is None or ce is None:
                continue
            ce += 1
            if e.term == "according to":
                rng = _phrase_after(toks, ce, appositive=False)
            elif e.text.lower() in _NOMINAL_CUES:
                rng = _nominal_source(toks, ci)
            else:
                rng = _phrase_before(toks, ci)
                inverted = ci == 0 or toks[ci - 1].text in ("”", '"', ",", "’")
                if inverted and ce < len(toks) and (_is_cap(toks[ce]) or _word(toks[ce]) in _DETS):
                    after = _phrase_after(toks, ce)
                    # "..., said James Rushton." but not "..., said Ivanka Trump's statement didn't ...":
                    # an inverted speaker ends the clause
                    ends = after and (after[1] >= len(toks) or not _is_wordlike(toks[after[1]])
                                      or _word(toks[after[1]]) in _PREPS | _TIME)
                    quoted = ci > 0 and toks[ci - 1].text in ("”", '"', "’")  # '"...," said X' beats 'X, a fellow, said'
                    if ends and (rng is None or quoted and _is_cap(toks[after[0]])):
                        rng = after
            passive = e.term != "according to" and _passive(toks, ci)  # "were being warmly welcomed"
            if passive:
                rng = None  # "inspectors were told", "they are also seen as", "who has been mocked": not the speaker
            if (e.term != "according to" and e.text.lower() not in _NOMINAL_CUES and ce + 1 < len(toks)
                    and _word(toks[ce]) == "by" and e.text.lower().endswith("ed")):
                rng = _phrase_after(toks, ce + 1)  # "the fund announced by the Transport Secretary": the agent
            while rng and rng[1] - rng[0] > 1 and (_word(toks[rng[0]]) in ("even", "also", "both", "then")
                                           or _word(toks[rng[0]]) in _SKIP_BETWEEN | _TIME | _STOP):
                rng = (rng[0] + 1, rng[1])
            src = (toks[rng[0]].start, toks[rng[1] - 1].end) if rng else None
            src = _clean_span(doc, src, scues) if src else None
            if src and (qidx.covers(*src) or _not_agent(doc, src) or _heading(_span_text(doc, src))
                        or _dangling(_span_text(doc, src))):
                src = None
            rel = _relative_source(doc, s, toks, ci) if src is None and not passive else None
            if rel is not None:  # "an architect who said", "the government, which has denied"
                sent_found.append(_with_relative(doc, s, toks, rel, e, ci, ce, (found, sent_found)))
                continue
            if src is None and sent_found and sent_found[-1].source and not passive:
                # "X questioned that and said ...": a second cue with no subject shares the first one's
                prev = sent_found[-1]
                content, direct = _content(doc, toks, ci, ce, None, s.start, s.end)
                sent_found.append(Attribution(s.index, prev.source, prev.source_text, (e.start, e.end), e.text,
                                              content, prev.kind, prev.named, direct, prev.role,
                                              prev.resolved_from, prev.group))
                continue
            if src is None and not passive:  # "Sources say inspectors were told": not the sources' telling
                for a_ev in anon.get(s.index, []):
                    src = (a_ev.start, a_ev.end)
            if src is None and e.weight < 1:
                continue  # a stance verb with no agent ("being warmly welcomed") attributes nothing
            att = _build(doc, s, toks, src, (e.start, e.end), e.text, ci, ce, (found, sent_found))
            sent_found.append(att)
            if src:
                used.append(src)
        if not sent_found:
            # anonymous markers with no cue: "it is understood that ...", "the floods are thought to ..."
            # (before the tagger, which would take "It" or "The floods" for the source)
            for a_ev in anon.get(s.index, []):
                if a_ev.term in _CUELESS_ANONYMOUS:
                    sent_found.append(Attribution(s.index, (a_ev.start, a_ev.end), a_ev.text, (a_ev.start, a_ev.end),
                                                  a_ev.text, None, "anonymous", False, False,
                                                  group=f"anonymous:{_anon_key(a_ev.text)}"))
                    break
        tagged = learned.get(s.index)
        span = _clean_span(doc, tagged, scues) if tagged else None
        if (span and not any(a.source for a in sent_found) and _plausible_source(doc, span)
                and (scues or not _sentence_initial_modifier(toks, span))):
            sent_found = _learned(doc, s, toks, span, scues, (found,)) or sent_found
        elif (candidates and span and not any(a.source and a.source[0] < span[1] and span[0] < a.source[1]
                                               for a in sent_found) and _plausible_source(doc, span)):
            sent_found += _learned(doc, s, toks, span, scues, (found, sent_found))
        for extra in getattr(tagged, "extras", ()) if candidates else ():  # the tagger's spans for other cues
            extra = _clean_span(doc, extra, scues)
            if (extra and not any(a.source and a.source[0] < extra[1] and extra[0] < a.source[1] for a in sent_found)
                    and _plausible_source(doc, extra)):
                sent_found += _learned(doc, s, toks, extra, scues, (found, sent_found))
        if not sent_found and prev_direct is not None:
            # a sentence that is all quotation, right after a quote, continues that speaker's words
            inside = sum(t.end - t.start for t in toks if qidx.covers(t.start, t.end))
            total = sum(t.end - t.start for t in toks)
            if total and inside / total > 0.8 and s.index - prev_direct.sentence <= 3:
                sent_found.append(Attribution(s.index, prev_direct.source, prev_direct.source_text, None, "",
                                              (s.start, s.end), prev_direct.kind, prev_direct.named, True,
                                              prev_direct.role, prev_direct.resolved_from, prev_direct.group))
        for a in sent_found:
            prev_direct = a if a.direct else None
        if not sent_found:
            prev_direct = None
        found.extend(sent_found)
    return _keep_introduced_roles(doc, link_roles(found))


_DASH_NAME = r"[―—–]\s*([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4})\.?\s*$"
_SIGNATURE = re.compile(r"[”\"]\s*" + _DASH_NAME)  # '... right.” ― Jane Roe'
_SIGNATURE_ALONE = re.compile(r"^\s*" + _DASH_NAME)  # its own sentence after the quote
# labels in capitals that are no speaker: "UPDATE:", "WARNING: Video contains graphic images."
_NOT_SPEAKERS = {"update", "updated", "breaking", "warning", "note", "correction", "watch", "read", "related",
                 "photos", "photo", "video", "analysis", "opinion", "exclusive", "live", "editor's", "editors",
                 "source", "sources", "credit", "caption", "disclaimer", "clarification", "transcript", "q", "a"}
_SPEAKER_LABEL = re.compile(r"[\"“]?([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,2}):\s+\S")


def _layout_source(doc: Document, start: int, end: int, cue: tuple[int, int], sentence: int,
                   content: tuple[int, int] | None) -> Attribution:
    """A source named by layout rather than by a verb: a signature dash or a transcript label."""
    text = doc.text[start:end].rstrip(".")
    end = start + len(text)
    kind = kind_of(text)
    return Attribution(sentence, (start, end), text, cue, doc.text[cue[0]:cue[1]], content, kind,
                       _named(doc, text, kind), True, _role(text, kind), "", source_key(text, kind))


def _signature(doc: Document, s) -> Attribution | None:
    """'"…” ― Jane Roe': a quotation signed with a dash and a name (readers' letters, vox pops);
    the signature may be its own sentence after the quote's."""
    m = _SIGNATURE.search(s.text)
    k = s.index
    if m is None:
        m = _SIGNATURE_ALONE.match(s.text)
        if m is None or k == 0 or not doc.sentences[k - 1].text.rstrip().endswith(("”", '"')):
            return None
        k -= 1
    name = m.group(1)
    if kind_of(name) not in ("person", "official", "media", "expert") or place_kind(name):
        return None
    dash = s.start + next(i for i in range(m.start(), m.start(1)) if s.text[i] in "―—–")
    quote = next((q for q in doc.quotes if q.end <= dash + 1 and q.end >= doc.sentences[k].start), None)
    start = s.start + m.start(1)
    return _layout_source(doc, start, start + len(name), (dash, dash + 1), k,
                          (quote.start, quote.end) if quote else None)


def _speaker_label(doc: Document, s) -> Attribution | None:
    """'PENCE: Well, look, ...': a transcript's speaker label in capitals before a colon."""
    m = _SPEAKER_LABEL.match(s.text)
    if (m is None or len(m.group(1).replace(" ", "")) < 3 or place_kind(m.group(1).title())
            or set(_words(m.group(1))) & _NOT_SPEAKERS):
        return None
    start = s.start + m.start(1)
    colon = s.start + m.end(1)
    return _layout_source(doc, start, start + len(m.group(1)), (colon, colon + 1), s.index, (colon + 1, s.end))


_RELATIVES = {"who", "which", "that"}


def _relative_source(doc: Document, s, toks: list[Token], ci: int) -> tuple[int, tuple[int, int]] | None:
    """(token index of "who"/"which"/"that", token range of its antecedent) when the cue at toks[ci] is
    the verb of a relative clause ("an architect who said", "the government, which has denied", "a
    message that said"; on PolNeAR train halves recall +0.2 points, precision -0.1)."""
    j = _skip_back(toks, ci - 1)
    if j < 1 or _word(toks[j]) not in _RELATIVES:
        return None
    ante = _collect_back(toks, j - 2 if toks[j - 1].text == "," else j - 1)
    if not ante:
        return None
    dets = [k for k in range(*ante) if _word(toks[k]) in _ARTICLES]
    return j, (dets[-1] if dets else ante[0], ante[1])  # "(pay) an architect who said"


def _with_relative(doc: Document, s, toks: list[Token], rel: tuple[int, tuple[int, int]], e: Evidence, ci: int,
                   ce: int, earlier) -> Attribution:
    """The attribution of a relative clause's cue: its source is the relative pronoun (where the
    text says it), standing for the antecedent (whom it names)."""
    j, (a, b) = rel
    ante = (toks[a].start, toks[b - 1].end)
    att = _build(doc, s, toks, ante, (e.start, e.end), e.text, ci, ce, earlier)
    return replace(att, source=(toks[j].start, toks[j].end), resolved_from=toks[j].text)


_INVERTED_REPORT = re.compile(r"\s+(?:the\s+)?[A-Z]")


def _inverted_report(text: str, e: Evidence) -> bool:
    """'reports' as an inverted verb after a comma, before its source ("..., reports the BBC"),
    not the vague noun ("reports say")."""
    return text[:e.start].rstrip().endswith(",") and bool(_INVERTED_REPORT.match(text, e.end))


def _role_key(text: str) -> str:
    return " ".join(w for w in _words(text) if w not in _DETS and w not in _NATIONALITY)


def link_roles(found: list[Attribution]) -> list[Attribution]:
    """Give role-only mentions ('the Ukrainian president') the group of the named person with that role."""
    roles: dict[str, str] = {}
    heads: dict[str, set[str]] = {}  # "minister" -> the people whose role ends with it
    for a in found:
        if a.group.startswith("person:") and a.role:
            roles.setdefault(_role_key(a.role), a.group)
            if _role_key(a.role):
                heads.setdefault(_role_key(a.role).split()[-1], set()).add(a.group)
    for head, groups in heads.items():
        if len(groups) == 1:  # "the minister" when one person in the article is a minister
            roles.setdefault(head, next(iter(groups)))
    out = []
    for a in found:
        if not a.group.startswith("person:") and a.source_text and not has_name(a.source_text):
            key = _role_key(a.source_text)
            if key in roles:
                a = Attribution(a.sentence, a.source, a.source_text, a.cue, a.cue_text, a.content, "person", True,
                                a.direct, a.role or a.source_text, a.resolved_from, roles[key])
        out.append(a)
    return out


@lru_cache(maxsize=4096)
def _introduced_as(text: str, surname: str) -> str:
    """'expert' or 'media' when the article introduces the person called ``surname`` as one
    ("Steven M. Rosenthal, a senior fellow at the Tax Policy Center", "MSNBC host Chris Matthews"),
    else ''. The labelling guide keeps that role on every later mention ("Mr. Rosenthal", "he")."""
    at = text.find(" " + surname)  # str.find: a regex a surname scanned each article's text 5x slower
    while at >= 0:
        start, end = at + 1, at + 1 + len(surname)
        at = text.find(" " + surname, end)
        if text[end:end + 1].isalnum():
            continue  # "Warren" in "Warrenton"
        before = text[max(0, start - 80):start].split()  # the words before the name
        if before and _INITIAL.fullmatch(before[-1]):
            before.pop()  # "Steven M. Rosenthal"
        wrote = _WROTE_IN.match(text, end)
        if wrote and _is_outlet(wrote.group(1)):
            return "media"  # "Tuttle wrote in The Nation"
        if not before or not _FIRST_NAME.fullmatch(before[-1]) or before[-1].rstrip(".").lower() in _TITLES:
            continue  # only the introduction with a first name carries the role ("Mrs. Clinton" does not)
        outlet = _OUTLET_POSSESSIVE.search(text, max(0, start - 100), start)
        if outlet and _is_outlet(outlet.group(1)):
            return "media"  # "CNN's Jomana Karadsheh", "The Blaze's Matt Walsh"
        role = _APPOSITIVE.match(text, end)
        if role and (k := kind_of(role.group(1))) in ("expert", "media"):
            return k
        title = _words(" ".join(before[-4:-1]))
        if title and title[-1] in _JOURNALISTS | _KIND_WORDS[2][1]:  # the title right before the name
            if (k := _titled_name_kind(frozenset(title))) in ("expert", "media"):
                return k
    return ""


# a first name (and initial) just before a surname; an appositive after it; an outlet's possessive
# before the first name; "wrote in <outlet>" after the surname
_FIRST_NAME = re.compile(r"[A-Z][a-z]+\.?")
_OUTLET_POSSESSIVE = re.compile(r"((?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*)['’]s\s+(?:[a-z-]+\s+){0,2}[A-Z][a-z]+\s+"
                                r"(?:[A-Z]\.\s+)?$")
_WROTE_IN = re.compile(r"\s+(?:wrote|writes|noted|notes|reported|reports|argued|argues)\s+(?:in|on|for|at)\s+"
                       r"((?:[Tt]he\s+)?[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})")
_INITIAL = re.compile(r"[A-Z]\.")
_APPOSITIVE = re.compile(r", ((?:an?|the) [^,.;:\"“”]{3,90})")


def _is_outlet(text: str) -> bool:
    """A news outlet's name (_outlet_name), or a phrase the rules type as media ("CNN", "The Nation")."""
    return _outlet_name(text) or kind_of(text) == "media"


def _keep_introduced_roles(doc: Document, found: list[Attribution]) -> list[Attribution]:
    """A person the article introduces as an expert or journalist is that kind of source on every
    mention, including surname-only ones and pronouns resolved to them."""
    kinds: dict[str, str] = {}
    for a in found:
        if a.kind == "person" and a.group.startswith("person:") and not kinds.get(a.group):
            names = re.findall(r"[A-Z][\w'’-]+", split_name_role(a.source_text)[0])
            surname = names[-1].removesuffix("’s").removesuffix("'s") if names else ""
            kinds[a.group] = _introduced_as(doc.text, surname) if surname else ""
    if not any(kinds.values()):
        return found
    return [replace(a, kind=kinds[a.group]) if a.kind == "person" and kinds.get(a.group) else a for a in found]


def one_per_cue(atts: list[Attribution]) -> list[Attribution]:
    """Without the source-less attribution of a cue that a kept one gives a source: when the rules
    find no subject ("WASHINGTON -- President Obama on Saturday said") the tagger's span for the
    same cue is a separate candidate, and once the verifier keeps it the cue has its source."""
    sourced = {(a.sentence, a.cue) for a in atts if a.source_text and a.cue}
    if not sourced:
        return atts
    return [a for a in atts if a.source_text or (a.sentence, a.cue) not in sourced]


def _display_name(a: Attribution) -> str:
    if a.cue is not None and a.cue == a.source:  # a vague marker, no one named: "it is understood"
        return f"unnamed (\u201c{a.source_text}\u201d)"
    if a.group == "author:i":
        return f"{a.source_text} (the writer)"
    if a.kind == "person" or a.group.startswith("person:") or (
            "," in a.source_text and has_name(a.source_text.partition(",")[0])):
        return split_name_role(a.source_text)[0]
    if _words(a.source_text)[:1] in (["its"], ["their"]):  # "its defence ministry (Russia)": whose, from the key
        whose = [w for w in a.group.partition(":")[2].split() if w in set(_NATIONALITY.values())]
        if whose:
            return f"{a.source_text} ({whose[0].upper() if len(whose[0]) <= 3 else whose[0].title()})"
    return a.source_text


def merge_short_keys(keys: set[str]) -> dict[str, str]:
    """Map a short organisation key to the one longer key that contains it, if exactly one does
    ('official:authority' -> 'official:ostrava regional water authority')."""
    keys = {k for k in keys if k.split(":")[0] in ("official", "media", "expert")}
    words_of = {k: set(k.partition(":")[2].split()) - {"regional", "local", "region"} for k in keys}
    remap = {}
    countries = set(_NATIONALITY.values()) | _STATES
    for k in keys:
        kind = k.partition(":")[0]
        if words_of[k] <= countries:
            continue  # "Ukraine" (its government) is not "Ukraine's gas pipe operator"
        supers = [o for o in keys if o != k and o.startswith(kind + ":") and words_of[k] and words_of[k] < words_of[o]]
        supers = [o for o in supers if not any(words_of[o] < words_of[x] for x in supers)]  # maximal only
        if len(supers) == 1:
            remap[k] = supers[0]
    return remap


def _merge_short_org_keys(found: list[Attribution]) -> list[Attribution]:
    remap = merge_short_keys({a.group for a in found})
    if not remap:
        return found
    return [a if a.group not in remap else Attribution(
        a.sentence, a.source, a.source_text, a.cue, a.cue_text, a.content, a.kind, a.named, a.direct, a.role,
        a.resolved_from, remap[a.group]) for a in found]


def ledger(found: list[Attribution]) -> list[Source]:
    """Distinct sources with their mentions, claims, and direct/indirect counts, most cited first."""
    groups: dict[str, Source] = {}
    for a in _merge_short_org_keys(found):
        if not a.source_text:
            continue
        src = groups.get(a.group)
        if src is None:
            first = _display_name(a)
            src = groups[a.group] = Source(a.group, first, a.kind, a.named)
        if a.kind in IDENTIFIABLE and src.kind not in IDENTIFIABLE:
            src.kind = a.kind
        src.named = src.named or a.named
        name = _display_name(a)
        possessive = _words(src.name)[:1] in (["its"], ["their"])
        if (has_name(name) and (not has_name(src.name) or len(name) > len(src.name))
                or possessive and _words(name)[:1] not in (["its"], ["their"])):
            src.name = name
        if a.role and a.role not in src.roles:
            src.roles.append(a.role)
        if a.source_text not in src.mentions:
            src.mentions.append(a.source_text)
        src.claims += 1
        src.direct += int(a.direct)
        src.indirect += int(not a.direct)
        src.sentences.append(a.sentence)
    return sorted(groups.values(), key=lambda s: (-s.claims, s.sentences[0]))
