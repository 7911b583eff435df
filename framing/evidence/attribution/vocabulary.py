"""The word lists the attribution rules share (pronouns, determiners, titles, kinds' words...) and
how a token or phrase is read as lower-cased words."""
from __future__ import annotations

import re
from functools import lru_cache

from framing.types import Token

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


def _word(t: Token) -> str:
    return _word_of(t.text)


@lru_cache(maxsize=65536)  # ~200 calls an article on the same few hundred words
def _word_of(text: str) -> str:
    return text.lower().replace("’", "'").removesuffix("'s")


_WORD_RUN = re.compile(r"[\w.'’-]+")


@lru_cache(maxsize=65536)  # called ~140 times an article, mostly on the same few phrases
def _word_tuple(text: str) -> tuple[str, ...]:
    return tuple(w.removesuffix("'s") for w in _WORD_RUN.findall(text.lower().replace("’", "'")))


def _words(text: str) -> list[str]:
    return list(_word_tuple(text))


def _capitalised(text: str) -> set[str]:
    """The phrase's capitalised words, lower-cased, without a possessive 's."""
    return {w.lower().removesuffix("'s").removesuffix("’s") for w in re.findall(r"\b[A-Z][\w'’]*", text)}


_ORG_WORDS = {"ministry", "mod", "government", "department", "authority", "police", "kremlin", "council",
              "commission", "office", "supplier", "company", "firm", "operator", "producer", "maker", "giant",
              "corporation", "utility", "airline", "agency", "bank", "party", "group", "court", "congress", "senate",
              "committee", "embassy", "administration", "campaign", "cabinet", "parliament", "board", "army",
              "service", "pentagon", "nato", "fbi", "cia", "un", "eu", "house", "foundation", "association",
              "coalition", "federation", "alliance", "league", "society", "team", "camp", "fund", "bureau", "union",
              "assembly"}
