from framing.training.source_rows import choose_threshold


def test_the_threshold_is_chosen_for_mention_f1_on_out_of_fold_candidates():
    # clear sources, clear non-sources and ambiguous rows that are right a third of the time
    rows = ([["w=minister"]] * 30 + [["w=garden"]] * 30 + [["w=maybe"]] * 30)
    y = [1] * 30 + [0] * 30 + [1, 0, 0] * 10
    groups = list(range(90))
    # most gold found: drop the ambiguous rows; most gold missed: recall is worth their noise
    few_gold = choose_threshold(rows, y, groups, n_gold=40, min_precision=0.0)
    many_gold = choose_threshold(rows, y, groups, n_gold=400, min_precision=0.0)
    assert few_gold > many_gold


def test_the_threshold_keeps_precision_before_it_chases_recall():
    rows = ([["w=minister"]] * 30 + [["w=garden"]] * 30 + [["w=maybe"]] * 30)
    y = [1] * 30 + [0] * 30 + [1, 0, 0] * 10
    # with much gold missed, F1 alone would keep the ambiguous rows (precision 40/60); 0.85 forbids it
    assert choose_threshold(rows, y, list(range(90)), n_gold=400, min_precision=0.0) < \
        choose_threshold(rows, y, list(range(90)), n_gold=400, min_precision=0.85)
