"""Fixtures of the local spend tests: a programme with a local area, two registered suppliers and a buyer."""

import pytest

from assetlink.places.models import Area, PostcodeArea
from assetlink.spend import services
from tests.spend.spend_files import listed


@pytest.fixture
def spend_world(world, admin):
    area = Area.objects.create(programme=world.programme, code="E01009012", name="Smethwick 1")
    PostcodeArea.objects.create(programme=world.programme, postcode="B661", area=area)
    services.save_local_area(
        actor=admin, programme=world.programme, areas=[area], districts=["B18"], region=["B", "CV"]
    )
    world.caterer = listed(world, "Ladywood Catering Ltd", "01234567")
    world.cleaner = listed(world, "Greenway Cleaning CIC", "", "B18 4AA")
    world.buyer = world.lead.organisation
    world.area = area
    return world
