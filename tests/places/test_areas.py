"""Areas and postcodes: imported through the pipeline, looked up by postcode."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from assetlink.exchange import services as exchange
from assetlink.exchange.models import ImportBatch
from assetlink.places.models import Area
from assetlink.places.selectors import area_for_postcode
from assetlink.programmes.models import Role

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[-1.98, 52.50], [-1.96, 52.50], [-1.96, 52.52], [-1.98, 52.52], [-1.98, 52.50]]],
}


def geojson(*features: dict) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": list(features)}).encode()


def feature(code: str, decile: object = 1, geometry: object = SQUARE) -> dict:
    return {
        "type": "Feature",
        "properties": {
            "code": code,
            "name": f"Area {code}",
            "population": 1500,
            "deprivation_decile": decile,
        },
        "geometry": geometry,
    }


@pytest.mark.django_db
def test_geojson_areas_import_with_their_centre(admin, world):
    batch = exchange.upload_import(
        actor=admin,
        programme=world.programme,
        kind="areas",
        file_name="areas.geojson",
        data=geojson(feature("E01000001"), feature("E01000002", decile=3)),
    )
    assert batch.status == ImportBatch.Status.READY, batch.errors
    assert not Area.objects.filter(programme=world.programme).exists()  # the check wrote nothing
    exchange.commit_import(actor=admin, batch=batch)
    area = Area.objects.get(programme=world.programme, code="E01000001")
    assert area.deprivation_decile == 1
    assert area.latitude == pytest.approx(52.51)
    assert area.longitude == pytest.approx(-1.97)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.IMPORTED and batch.content == b""


@pytest.mark.django_db
def test_one_bad_row_in_the_middle_writes_nothing_and_is_named(admin, world):
    rows = "code,name,deprivation_decile,latitude,longitude\n" + "".join(
        f"E0100{n:04},Area {n},{11 if n == 50 else 2},52.5,-1.9\n" for n in range(100)
    )
    batch = exchange.upload_import(
        actor=admin, programme=world.programme, kind="areas", file_name="areas.csv", data=rows.encode()
    )
    assert batch.status == ImportBatch.Status.INVALID
    assert batch.errors == [
        {
            "row": 52,
            "field": "deprivation_decile",
            "message": "Ensure this value is less than or equal to 10.",
        }
    ]
    assert not Area.objects.filter(programme=world.programme).exists()


@pytest.mark.django_db
def test_bad_geometry_and_duplicate_codes_are_reported(admin, world):
    batch = exchange.upload_import(
        actor=admin,
        programme=world.programme,
        kind="areas",
        file_name="a.geojson",
        data=geojson(
            feature("A1"),
            feature("A1"),
            feature("A2", geometry={"type": "Point", "coordinates": [0, 0]}),
        ),
    )
    assert {(e["row"], e["field"]) for e in batch.errors} == {(2, "code"), (3, "geometry")}
    assert "Same as row 1" in batch.errors[0]["message"]


@pytest.mark.django_db
def test_postcodes_resolve_by_full_code_then_sector_then_district(admin, world):
    areas = "code,name,latitude,longitude\nS1,Smethwick,52.49,-1.97\nW1,Winson Green,52.49,-1.93\n"
    batch = exchange.upload_import(
        actor=admin, programme=world.programme, kind="areas", file_name="a.csv", data=areas.encode()
    )
    exchange.commit_import(actor=admin, batch=batch)
    postcodes = "postcode,area_code\nB66,S1\nB18 4,W1\nB66 2AB,W1\n"
    batch = exchange.upload_import(
        actor=admin, programme=world.programme, kind="postcodes", file_name="p.csv", data=postcodes.encode()
    )
    exchange.commit_import(actor=admin, batch=batch)
    assert area_for_postcode(world.programme, "b66 2ab").code == "W1"
    assert area_for_postcode(world.programme, "B66 9ZZ").code == "S1"
    assert area_for_postcode(world.programme, "B18 4QQ").code == "W1"
    assert area_for_postcode(world.programme, "SW1A 1AA") is None


@pytest.mark.django_db
def test_unknown_area_code_and_unknown_column_are_explained(admin, world):
    batch = exchange.upload_import(
        actor=admin,
        programme=world.programme,
        kind="postcodes",
        file_name="p.csv",
        data=b"postcode,area_code\nB66,NOPE\n",
    )
    assert batch.errors == [
        {
            "row": 2,
            "field": "area_code",
            "message": "No area of this programme has the code \u201cNOPE\u201d.",
        }
    ]
    batch = exchange.upload_import(
        actor=admin,
        programme=world.programme,
        kind="postcodes",
        file_name="p.csv",
        data=b"postcode,area,colour\nB66,S1,red\n",
    )
    fields = {(e["row"], e["field"]) for e in batch.errors}
    assert fields == {("file", "area_code"), ("file", "area"), ("file", "colour")}


@pytest.mark.django_db
def test_area_page_lists_most_deprived_first_for_members(admin, world, other_world):
    for code, decile in (("LOW", 9), ("HIGH", 1)):
        Area.objects.create(
            programme=world.programme, code=code, name=f"Area {code}", deprivation_decile=decile
        )
    client = Client()
    client.force_login(world.user(Role.PARTICIPANT))
    text = client.get(f"/p/{world.programme.slug}/areas/").text
    assert text.index("Area HIGH") < text.index("Area LOW")
    client.force_login(other_world.user(Role.PROGRAMME_ADMIN))
    assert client.get(f"/p/{world.programme.slug}/areas/").status_code == 404


@pytest.mark.django_db
def test_map_counts_of_people_hide_small_numbers_outside_the_programme_team(world):
    from assetlink.places.map.selectors import map_layers
    from tests.factories import make_person

    few = Area.objects.create(programme=world.programme, code="FEW", name="Area FEW", deprivation_decile=1)
    many = Area.objects.create(programme=world.programme, code="MANY", name="Area MANY", deprivation_decile=2)
    for _ in range(2):
        make_person(world.programme, area=few)
    for _ in range(6):
        make_person(world.programme, area=many)

    def people_by_area(role: Role) -> dict[str, object]:
        layers = map_layers(world.user(role), world.programme)
        return {area["code"]: area["people"] for area in layers["areas"]}

    assert people_by_area(Role.PROGRAMME_ADMIN) == {
        "FEW": {"value": 2, "hidden": ""},
        "MANY": {"value": 6, "hidden": ""},
    }
    # The programme's rule (counts 1-7 hidden): both are small, and the total of 8 is shown.
    assert people_by_area(Role.PARTNER_STAFF) == {
        "FEW": {"value": None, "hidden": "small"},
        "MANY": {"value": None, "hidden": "small"},
    }
    world.programme.counts_hidden_up_to = 3
    world.programme.save()
    # With a threshold of 3, the 6 is shown, so it must be hidden too: 2 could be recovered from the total.
    assert people_by_area(Role.PARTNER_STAFF) == {
        "FEW": {"value": None, "hidden": "small"},
        "MANY": {"value": None, "hidden": "secondary"},
    }
    assert people_by_area(Role.PARTICIPANT) == {"FEW": None, "MANY": None}
