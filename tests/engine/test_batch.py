"""The batch top-k gives the very scores the pair matcher explains, and the brute force agrees."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from assetlink.engine.batch import brute_force_top_k, build_matrices, recall, top_k
from assetlink.engine.scoring import HeldOccupation, Matcher, OpportunityProfile, PersonProfile
from tests.engine.conftest import OCCUPATION, SMALL_RECORDS

SKILLS = [record.uri for record in SMALL_RECORDS if record.kind == "skill"]
OCCUPATIONS = [record.uri for record in SMALL_RECORDS if record.kind == "occupation"]

people_strategy = st.lists(
    st.builds(
        lambda key, skills, occupations, years, aspirations: PersonProfile(
            key=str(key),
            skills=tuple(skills),
            occupations=tuple(HeldOccupation(uri, uri, years, "GB") for uri in occupations),
            aspirations=tuple(aspirations),
        ),
        st.integers(0, 10_000),
        st.lists(st.sampled_from(SKILLS), max_size=5, unique=True),
        st.lists(st.sampled_from(OCCUPATIONS), max_size=2, unique=True),
        st.floats(0, 20),
        st.lists(st.sampled_from(OCCUPATIONS), max_size=1),
    ),
    min_size=1,
    max_size=12,
)
opportunities_strategy = st.lists(
    st.builds(
        lambda key, occupation, essential, optional: OpportunityProfile(
            key=str(key),
            occupation=occupation,
            essential_skills=tuple(essential),
            optional_skills=tuple(skill for skill in optional if skill not in essential),
        ),
        st.integers(0, 10_000),
        st.sampled_from(["", *OCCUPATIONS]),
        st.lists(st.sampled_from(SKILLS), max_size=4, unique=True),
        st.lists(st.sampled_from(SKILLS), max_size=3, unique=True),
    ),
    min_size=1,
    max_size=10,
)


@settings(max_examples=60, deadline=None)
@given(people_strategy, opportunities_strategy, st.integers(1, 5))
def test_batch_scores_are_the_pair_scores_and_match_the_brute_force(small_taxonomy, people, opportunities, k):
    matcher = Matcher(small_taxonomy)
    person_matrix, opportunity_matrix = build_matrices(matcher.model, people, opportunities)
    fast = top_k(person_matrix, opportunity_matrix, k, block=3)
    slow = brute_force_top_k(person_matrix, opportunity_matrix, k, block=2)
    for row, person in enumerate(people):
        pair_scores = np.array(
            [sum(matcher.model.components(person, opportunity).values()) for opportunity in opportunities]
        )
        for column, score in zip(fast.columns[row], fast.scores[row], strict=True):
            if column >= 0:
                assert abs(pair_scores[column] - score) < 1e-5
        # The k-th best score of the batch is the k-th best of all pairs (ties may swap columns).
        expected = np.sort(pair_scores[pair_scores > 1e-9])[::-1][:k]
        got = fast.scores[row][fast.columns[row] >= 0]
        assert np.allclose(got, expected, atol=1e-5)
        assert np.allclose(slow.scores[row][: len(expected)], expected, atol=1e-5)
    assert recall(fast, fast) == 1.0


def test_a_person_with_nothing_in_common_gets_no_suggestion(small_taxonomy):
    matcher = Matcher(small_taxonomy)
    people = [PersonProfile(key="empty")]
    opportunities = [OpportunityProfile(key="o", occupation=OCCUPATION + "cook")]
    result = top_k(*build_matrices(matcher.model, people, opportunities), k=3)
    assert result.columns.tolist() == [[-1]]
