"""Cohen's kappa between two coders over the characters of their documents."""

from __future__ import annotations

import pytest

from assetlink.engine.agreement import Agreement, agreement_on, covered, interpretation, merged, overlap


def test_spans_are_joined_where_they_overlap_or_touch():
    assert merged([(5, 9), (0, 3), (2, 4), (9, 12), (20, 20)]) == [(0, 4), (5, 12)]
    assert covered([(0, 10), (5, 15)]) == 15
    assert overlap([(0, 10), (20, 30)], [(5, 25)]) == 10


def test_two_coders_who_mark_the_same_characters_agree_perfectly():
    found = agreement_on(100, [(10, 30)], [(10, 20), (20, 30)])
    assert found == Agreement(both=20, first_only=0, second_only=0, neither=80)
    assert found.kappa == 1.0 and found.observed == 1.0


def test_kappa_is_agreement_beyond_chance_worked_by_hand():
    # 100 characters: both coded 30, the first alone 10, the second alone 20, neither 40.
    found = agreement_on(100, [(0, 40)], [(0, 30), (40, 60)])
    assert found == Agreement(both=30, first_only=10, second_only=20, neither=40)
    # observed 0.70; chance 0.40 × 0.50 + 0.60 × 0.50 = 0.50; kappa (0.70 − 0.50) / 0.50 = 0.40
    assert found.kappa == pytest.approx(0.4)
    assert interpretation(found.kappa) == "fair"


def test_coders_who_never_meet_agree_less_than_chance():
    found = agreement_on(10, [(0, 5)], [(5, 10)])
    assert found.kappa == pytest.approx(-1.0)
    assert interpretation(found.kappa) == "poor"


def test_tables_of_several_documents_add_up_and_nothing_to_compare_gives_no_kappa():
    total = agreement_on(10, [(0, 5)], [(0, 5)]) + agreement_on(10, [], [(0, 10)])
    assert total == Agreement(both=5, first_only=0, second_only=10, neither=5)
    assert Agreement().kappa is None
    # Neither coder used the code anywhere: they agree on every character.
    assert agreement_on(10, [], []).kappa == 1.0


def test_a_span_outside_its_document_is_refused():
    with pytest.raises(ValueError, match="outside"):
        agreement_on(10, [(5, 11)], [])
