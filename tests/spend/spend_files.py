"""Spend files and registered suppliers for the local spend tests."""

from assetlink.exchange.pipeline import run_import
from assetlink.organisations.models import Listing, Organisation

HEADER = "buyer,supplier,registration_number,postcode,amount,currency,paid_on,category,reference\n"


def listed(world, name, number="", postcode=""):
    organisation = Organisation.objects.create(
        name=name, kind="sme", country="GB", registration_number=number, postcode=postcode, employees=12
    )
    Listing.objects.create(programme=world.programme, organisation=organisation)
    return organisation


def run(world, user, text, commit=True):
    return run_import(
        actor=user,
        programme=world.programme,
        kind="spend_lines",
        data=text.encode(),
        file_name="spend.csv",
        commit=commit,
    )


def line(
    world,
    supplier,
    amount="100.00",
    paid_on="2026-01-15",
    reference="",
    number="",
    postcode="",
    currency="GBP",
):
    return f"{world.buyer.name},{supplier},{number},{postcode},{amount},{currency},{paid_on},Catering,{reference}\n"
