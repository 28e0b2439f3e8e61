"""Brokering ranks providers by what of a challenge they meet and pairs complementary ones; the fairness
table suppresses small groups."""

from assetlink.engine.brokering import (
    ChallengeProfile,
    Need,
    ProviderProfile,
    complementary_pairs,
    rank_providers,
)
from assetlink.engine.fairness import Observation, disparity_table
from tests.engine.conftest import SKILL


def test_providers_ranked_and_complementary_pairs_suggested(small_taxonomy):
    challenge = ChallengeProfile(
        "ch",
        "Predictive maintenance",
        (
            Need("customer service", skill=SKILL + "customer-service"),
            Need("IT services", cpv_code="72000000-5"),
            Need("machine vision for quality inspection"),
        ),
    )
    providers = [
        ProviderProfile("a", "Data Co", skills=(SKILL + "customer-service",), is_local=True),
        ProviderProfile("b", "Vision Lab", capability_texts=("machine vision quality inspection",)),
        ProviderProfile("c", "IT Ltd", cpv_codes=("72200000-7",)),
        ProviderProfile("d", "Bakery", cpv_codes=("15810000-9",)),
    ]
    ranks = rank_providers(small_taxonomy, challenge, providers)
    assert [rank.provider for rank in ranks][:1] == ["a"]
    assert "d" not in [rank.provider for rank in ranks]
    pairs = complementary_pairs(challenge, ranks, {p.key: p.name for p in providers})
    assert pairs and all(pair.gain > 0 for pair in pairs)
    assert any(reason.code == "brings" for reason in pairs[0].reasons)


def test_groups_below_the_threshold_are_suppressed():
    observations = (
        [Observation("A", True, 0.8)] * 12
        + [Observation("B", False, 0.2)] * 10
        + [Observation("C", True, 0.9)] * 3
    )
    table = {row.group: row for row in disparity_table(observations, threshold=5)}
    assert table["C"].is_suppressed and table["C"].match_rate is None
    assert table["A"].match_rate == 1.0 and table["B"].match_rate == 0.0
    assert table["B"].ratio_to_highest == 0.0 and table["A"].people == 12
