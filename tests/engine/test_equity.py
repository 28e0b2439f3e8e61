"""Equity: rates per 1,000 residents by decile, the most deprived fifth's share, the concentration curve."""

from assetlink.engine.equity import AreaOutcomes, equity


def test_rates_share_and_curve_by_hand() -> None:
    result = equity(
        [
            AreaOutcomes(rank=1, decile=1, population=1000, outcomes=30),
            AreaOutcomes(rank=2, decile=2, population=2000, outcomes=10),
            AreaOutcomes(rank=3, decile=9, population=1000, outcomes=0),
        ]
    )
    assert [r.per_thousand for r in result.deciles[:2]] == [30.0, 5.0]
    assert result.deciles[8].per_thousand == 0 and result.deciles[4].per_thousand is None
    assert result.most_deprived_share == 1.0
    assert result.curve == [(0.0, 0.0), (0.25, 0.75), (0.75, 1.0), (1.0, 1.0)]
    # Area under the curve: 0.25*0.75/2 + 0.5*(0.75+1)/2 + 0.25*1 = 0.78125; index = 2*0.78125 - 1.
    assert result.concentration_index == 0.5625


def test_even_spread_has_index_zero() -> None:
    even = equity([AreaOutcomes(rank=r, decile=r, population=100, outcomes=5) for r in range(1, 11)])
    assert abs(even.concentration_index or 0) < 1e-9
    assert even.most_deprived_share == 0.2
