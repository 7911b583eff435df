"""Which figures of different articles are one thing: their similarity, the groups it makes, and the
pairs in a group that contradict each other (same thing, same claimant, same day)."""
from __future__ import annotations

from framing.compare.figure_placing import _ANCHOR, Placed, _lower
from framing.compare.figure_values import _ratio, compatible
from framing.evidence.lexicon import word_keys
from framing.evidence.figures.extract import FUNCTION, Figure
from framing.evidence.figures.kinds import PART_OF, count_kind

# Two figures from different articles are aligned when they have the same dimension (area, money
# in one currency, a count, ...) and their similarity (the thing counted, the words around them,
# whether the values fit together) reaches ``LINK_THRESHOLD``; an article's own figures are never
# put in one group (a group is one thing, which an article states once: restatements are merged
# before); a figure of another year ("the flood of 1968, when 400 homes were flooded") is never
# grouped with one of now. A group is flagged only for values that cannot both be true, surely of
# one thing (``same_thing``: weaker matches are grouped, not flagged - a flag says outlets
# contradict each other), given by the same claimant (or both in the outlets' own voices), on the
# same day where both name one: "around 1,158 sq km" from Ukraine's defence ministry and "more
# than 6,000 sq km" from Zelensky days later are two claims, not a contradiction between outlets.

LINK_THRESHOLD = 0.5
OPEN_BOUND = 2.0          # for similarity, "more than 8,000" is 8,000 to 16,000, not 480,000 as well
FAR = 3.0                 # values further apart than this factor are rarely one thing: 14 killed, 250 injured
FAR_SOLE = 10.0           # ... unless each is its article's only figure of the dimension (areas retaken on two days)
NEAR = 1.25               # values this close are likely one thing even where both cannot be true (14 and 15 dead)

# Heads that name the same kind of thing ("residents" and "people" are counted alike).
HEAD_CLASSES = {
    "people": "people person resident civilian inhabitant local citizen individual evacuee villager adult "
              "passenger",
    "troops": "troop soldier fighter serviceman servicemen serviceme conscript recruit reservist",
    "casualties": "dead death killed fatality victim body",
    "injured": "injured wounded injury",
    "homes": "home house household dwelling property residence",
    "places": "village town city settlement community locality",
    "firefighters": "firefighter firemen fireman",
}
_CLASS = {w: c for c, words in HEAD_CLASSES.items() for w in words.split()}
# Heads that say nothing of what is counted: "800 people" may have come, fled or died
GENERIC = frozenset("people person resident inhabitant local citizen individual civilian".split())


def head_class(head: str) -> str:
    return _CLASS.get(head, head)


def similarity(a: Placed, b: Placed) -> float:
    """0..1: how likely two figures of different articles state the same thing."""
    fa, fb = a.figure, b.figure
    if fa.dimension != fb.dimension or a.article == b.article:
        return 0.0
    if (a.era or b.era) and not a.era & b.era:
        return 0.0  # the homes flooded in 1968 are not those flooded now
    ka, kb = PART_OF.get(fa.kind, fa.kind), PART_OF.get(fb.kind, fb.kind)
    if ka and kb and ka != kb:
        return 0.0  # the dead and the injured, a fire's heat and the air's: never one thing
    if ka and ka == kb:
        thing = 1.0 if fa.kind == fb.kind else 0.8  # the injured and those in hospital: related, not one
    elif fa.head and fb.head:
        # a measurement's "thing" is found less surely than a counted noun ("of forest" vs "of land")
        miss = 0.0 if fa.dimension == "count" else 0.4
        # ... and may run on past its noun ("110mm of rain fell" -> "rain fell"): a shared word tells
        shared = fa.dimension != "count" and _words_of(fa.thing) & _words_of(fb.thing)
        thing = 1.0 if fa.head == fb.head else 0.8 if head_class(fa.head) == head_class(fb.head) or shared else miss
        if fa.kind != fb.kind:
            thing *= 0.8  # "four patients in a critical condition", "eleven patients": maybe another kind
    else:
        thing = 0.5
    union = a.context | b.context
    context = min(len(a.context & b.context) / len(union) / 0.25, 1.0) if union else 0.0
    anchor = 0.0
    if a.anchor and b.anchor:
        anchor = 0.15 if _same_anchor(a.anchor, b.anchor) else -0.15
    # values that fit together say more the more specific they are: two "8,000"s rarely meet by chance
    near = compatible(fa, fb, OPEN_BOUND) or _ratio(fa, fb) <= NEAR
    fits = near * (0.25 if min(abs(fa.low), abs(fb.low)) >= 100 else 0.15)
    if (fa.value, fa.value_high, fa.unit) == (fb.value, fb.value_high, fb.unit):
        fits += 0.1  # "seven hours" in both: the same words for the same thing
    elif fa.unit and fb.unit and fa.unit != fb.unit and fa.bound == fb.bound == "=" and compatible(fa, fb):
        fits += 0.15  # "22 km" and "14 miles": one figure converted, rarely two by chance
    if fa.head and _lower(fa.thing) == _lower(fb.thing) and a.sole_thing and b.sole_thing and fa.head not in GENERIC:
        fits += 0.1  # the only "ambulances" each article counts ("air ambulances" are others)
    score = 0.4 * thing + 0.35 * context + fits + anchor
    # values far apart are rarely one thing - unless what they are of says it is: one named source's
    # "fund", the "heat sensors" in both, the distance "from" one place (a flag needs more: same_thing)
    if _ratio(fa, fb) > (FAR_SOLE if a.sole and b.sole else FAR) and not (_specific(a, b) or anchor > 0):
        score -= 0.4
    if a.sole and b.sole:
        score += 0.35  # the only area (or sum, or distance) each article gives: most likely the same one
    return min(max(score, 0.0), 1.0)


def _same_anchor(x: str, y: str) -> bool:
    """Whether two anchors name one place: "south of Ashby" and "from Ashby" do (a direction said by
    one only is no difference), "north of Ashby" and "south of Ashby" do not."""
    (dx, px), (dy, py) = (_ANCHOR.match(" " + t).group("direction", "place") for t in (x, y))
    return px.lower() == py.lower() and (not (dx and dy) or dx.lower() == dy.lower())


def _specific(a: Placed, b: Placed) -> bool:
    """Whether two figures name one specific thing: one noun, neither "people" nor an empty one, with
    a modifier in common ("heat sensors") or given by one named source ("fund")."""
    fa, fb = a.figure, b.figure
    if not fa.head or fa.head != fb.head or fa.head in GENERIC:
        return False
    return bool(_modifiers(fa) & _modifiers(fb)) or (_named(a) and a.claimant_key == b.claimant_key)


def _named(p: Placed) -> bool:
    return bool(p.claimant_key) and p.claimant_kind not in ("anonymous", "social_media")


def group(placed: list[Placed]) -> list[list[int]]:
    """Greedy single-link grouping over the most similar pairs first, never two figures of one
    article in a group."""
    pairs = []
    for i in range(len(placed)):
        for j in range(i + 1, len(placed)):
            s = similarity(placed[i], placed[j])
            if s >= LINK_THRESHOLD:
                pairs.append((s, i, j))
    parent = list(range(len(placed)))
    members = {i: {placed[i].article} for i in range(len(placed))}

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for _s, i, j in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        ri, rj = root(i), root(j)
        if ri == rj or members[ri] & members[rj]:
            continue
        parent[rj] = ri
        members[ri] |= members.pop(rj)
    groups: dict[int, list[int]] = {}
    for i in range(len(placed)):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def same_thing(a: Placed, b: Placed) -> bool:
    """Whether two grouped figures surely state one thing, as a flag needs (grouping needs less):
    one kind of count of one noun (3 firefighters killed are not 15 people killed), or one head
    noun whose modifiers do not differ ("12,000 households" is not "12,000 homes", "31 fire crews"
    not "31 emergency crews") unless one named source gives both. "People" and "residents" alone
    (``GENERIC``) say nothing of what is counted: they need a kind; nor does one place measured
    from ("two miles from the frontier" and "six miles from the frontier" may be two villages)."""
    fa, fb = a.figure, b.figure
    if fa.kind or fb.kind:  # and one noun, or nouns that say no more than the kind: "residents", "the dead"
        return fa.kind == fb.kind and (_stem(fa.head) == _stem(fb.head) or _plain(fa.head) and _plain(fb.head))
    if not (fa.head and fb.head) or _stem(fa.head) != _stem(fb.head) or fa.head in GENERIC:
        return False
    ma, mb = _modifiers(fa), _modifiers(fb)
    return not (ma and mb and not ma & mb) or _named(a)


def _plain(head: str) -> bool:
    """Whether a count's noun says no more than its kind does: "people", "residents", "dead",
    "toll" - not "firefighters" or "households"."""
    return not head or head in GENERIC or bool(count_kind(head, "", ""))


def _stem(word: str) -> str:
    return word_keys(word)[1]


def _words_of(thing: str) -> set[str]:
    return {_stem(w) for w in thing.lower().split() if w not in FUNCTION}


def _modifiers(f: Figure) -> set[str]:
    """Stems of the words of what a figure counts, its head noun left out ("emergency" of "emergency crews")."""
    words = f.thing.lower().split()
    return {_stem(w) for w in words[:-1] if w not in FUNCTION} if words else set()


def comparable(a: Placed, b: Placed) -> bool:
    """Whether two figures are claims that could contradict each other: the same claimant (or both
    outlets' own voices), and not of different days where both have one (``claim_days``: a toll of
    Thursday updates Tuesday's) or where one is said as an update."""
    if a.claimant_key != b.claimant_key:
        return False
    if (a.updated or b.updated) and a.day and b.day and a.day != b.day:
        return False  # Sunday's "now down to 81%" updates Saturday's 98%, however it was dated
    return not (a.times and b.times and not a.times & b.times)


def conflicts(placed: list[Placed], members: list[int]) -> list[tuple[int, int]]:
    return [(i, j) for n, i in enumerate(members) for j in members[n + 1:]
            if placed[i].article != placed[j].article and not compatible(placed[i].figure, placed[j].figure)
            and comparable(placed[i], placed[j]) and same_thing(placed[i], placed[j])]
