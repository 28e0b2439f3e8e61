"""Linking suppliers to the register (never merging two organisations silently), placing postcodes in the
local area or region, and what moving the local share is worth."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assetlink.engine.local_spend import (
    Geography,
    LinkStatus,
    Locality,
    Registered,
    ReviewReason,
    SupplierRegister,
    name_key,
    number_key,
    postcode_district,
    share_shift,
)

REGISTER = SupplierRegister(
    [
        Registered(1, "Ladywood Catering Ltd", "01234567"),
        Registered(2, "Greenway Catering CIC", ""),
        Registered(3, "Soho Print Co-operative", "IP30001"),
        Registered(4, "Smethwick Cleaning Limited", "07654321"),
        Registered(5, "Smethwick Cleaning", "09999999"),
    ]
)


def test_names_and_numbers_are_compared_without_legal_form_case_or_punctuation():
    assert (
        name_key("The Ladywood Catering Co. Ltd")
        == name_key("LADYWOOD CATERING LIMITED")
        == "ladywood catering"
    )
    assert name_key("Café & Bar S.L.") == "cafe and bar"
    assert number_key("0123 4567") == number_key("1234567") == "1234567"
    assert number_key("ip-30001") == "IP30001"


def test_a_supplier_links_by_number_first_then_by_name():
    by_number = REGISTER.link("Ladywood Kitchens", "1234567")  # renamed, same company number
    assert (by_number.status, by_number.organisation) == (LinkStatus.BY_NUMBER, 1)
    by_name = REGISTER.link("GREENWAY CATERING C.I.C.")
    assert (by_name.status, by_name.organisation) == (LinkStatus.BY_NAME, 2)
    assert REGISTER.link("Northgate Clinical Devices plc", "8200001").status is LinkStatus.UNREGISTERED


def test_uncertain_links_go_to_review_and_never_merge_two_organisations():
    conflict = REGISTER.link("Greenway Catering", "01234567")  # number says 1, name says 2
    assert conflict.status is LinkStatus.REVIEW and conflict.organisation is None
    assert conflict.reason is ReviewReason.NAME_DIFFERS and set(conflict.candidates) == {1, 2}
    shared = REGISTER.link("Smethwick Cleaning")  # two organisations share the name key
    assert shared.reason is ReviewReason.NAME_SHARED and set(shared.candidates) == {4, 5}
    other_number = REGISTER.link("Soho Print Co-operative", "IP99999")
    assert other_number.reason is ReviewReason.NUMBERS_DIFFER and other_number.organisation is None
    similar = REGISTER.link("Ladywod Catering")
    assert similar.reason is ReviewReason.SIMILAR_NAME and similar.candidates == (1,)


names = st.sampled_from([r.name for r in REGISTER.organisations] + ["Other Firm", "Ladywood Kitchens"])
numbers = st.sampled_from([r.number for r in REGISTER.organisations] + ["", "5550000"])


@given(names, numbers)
def test_a_link_is_only_ever_to_an_organisation_both_clues_allow(name, number):
    """Whatever the clues, a link is made only when no clue points at another organisation."""
    link = REGISTER.link(name, number)
    by_number = {
        r.id
        for r in REGISTER.organisations
        if number_key(number) and number_key(r.number) == number_key(number)
    }
    by_name = {r.id for r in REGISTER.organisations if name_key(r.name) == name_key(name)}
    if link.organisation is not None:
        assert by_number <= {link.organisation} and by_name <= {link.organisation}
        assert link.organisation in by_number | by_name
    else:
        assert link.status in (LinkStatus.REVIEW, LinkStatus.UNREGISTERED)


def test_places_are_local_in_the_region_elsewhere_or_unknown():
    birmingham = Geography(
        "GB",
        local_areas=frozenset({7}),
        local_districts=frozenset({"B66", "B18"}),
        region_districts=frozenset({"B", "CV"}),
    )
    assert postcode_district("b66 2ab", "GB") == "B66"
    assert birmingham.locate("B66") is Locality.LOCAL
    assert birmingham.locate("B6") is Locality.REGION  # B6 is not B66
    assert birmingham.locate("CV1") is Locality.REGION
    assert birmingham.locate("EC1A") is Locality.ELSEWHERE
    assert birmingham.locate("EC1A", area=7) is Locality.LOCAL
    assert birmingham.locate("") is Locality.UNKNOWN
    bilbao = Geography(
        "ES", local_districts=frozenset({"4800"}), region_districts=frozenset({"48", "01", "20"})
    )
    assert bilbao.locate(postcode_district("48004", "ES")) is Locality.LOCAL
    assert bilbao.locate("48950") is Locality.REGION
    assert bilbao.locate("28001") is Locality.ELSEWHERE


def test_moving_the_local_share_is_worth_the_moved_spend_and_its_local_respend():
    shift = share_shift(Decimal(2_000_000), Decimal(5), Decimal("0.4"))
    assert shift.more_spent_locally == Decimal(100_000)
    assert shift.respent_locally == Decimal(40_000)
    assert shift.total == Decimal(140_000)
    with pytest.raises(ValueError, match="100 points"):
        share_shift(Decimal(1), Decimal(101))
