"""keys.py: the keys that group a source's mentions."""
from framing.evidence.attribution.keys import org_key
from framing.evidence.attribution.kinds import kind_of
from framing.evidence.attribution.ledger import ledger
from tests.evidence.attribution.helpers import atts, sources


def test_grouping_mentions_of_one_person_and_one_body():
    text = ("Ukrainian president Volodymyr Zelensky visited the town. He said troops would stay. "
            "The Ukrainian president claimed more land was retaken. Zelenskyy said: \u201cWe advance.\u201d "
            "The Ministry of Defence said units fled. The MoD said equipment was lost.")
    srcs = sources(text)
    assert srcs["Volodymyr Zelensky"].claims == 3
    assert {"Zelenskyy", "The Ukrainian president"} <= set(srcs["Volodymyr Zelensky"].mentions)
    mod = [s for s in srcs.values() if s.kind == "official"]
    assert len(mod) == 1 and mod[0].claims == 2
    assert org_key("the MoD") == org_key("the Ministry of Defence") == org_key("the defence ministry")
    assert org_key("Ukraine's defence ministry") != org_key("the Russian ministry of defence")


def test_plural_commanders_are_vague_and_a_country_is_not_merged_into_its_own_bodies():
    assert kind_of("Ukraine\u2019s commanders") == "anonymous"
    assert kind_of("the commander") == "person"
    got = {s.name: s.mentions for s in ledger(atts(
        "Ukraine said the line held. Ukraine\u2019s gas pipe operator said the flows were normal."))}
    assert got == {"Ukraine": ["Ukraine"], "Ukraine\u2019s gas pipe operator": ["Ukraine\u2019s gas pipe operator"]}


def test_a_titled_expert_or_journalist_is_one_row_with_their_later_mentions():
    s = sources("Longtime Democratic pollster Pat Caddell said the race was close. Caddell added that it would tighten.")
    assert list(s) == ["Pat Caddell"] and s["Pat Caddell"].kind == "expert" and s["Pat Caddell"].claims == 2
    s = sources("NBC host Lester Holt asked about taxes. Holt said the question stood. "
                "The centrist Tax Policy Center said the plan cost more.")
    assert s["Lester Holt"].mentions == ["NBC host Lester Holt", "Holt"] and s["Lester Holt"].kind == "media"
    assert s["The centrist Tax Policy Center"].kind == "expert"


def test_the_writers_i_is_one_source_whatever_type_each_mention_got():
    from framing.evidence.attribution.keys import source_key

    # the typer may call one "I" media (a columnist) and another person: still one row
    assert source_key("I", "media") == source_key("I", "person") == source_key("me", "pronoun")
    assert source_key("we", "media") != source_key("I", "media")
    (row,) = [s for s in ledger(atts("I said it then. I said it again.")) if "I" in s.mentions]
    assert row.name == "I (the writer)" and row.claims == 2
