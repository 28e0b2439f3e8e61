"""What text the platform accepts, how exports treat what was stored before, and the bounds of an import."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from assetlink.accounts.services import create_api_token
from assetlink.exchange import services as exchange_services
from assetlink.exchange.models import ImportBatch
from assetlink.exchange.pipeline import run_import
from assetlink.organisations.models import Organisation
from assetlink.programmes.models import Role
from tests.http import signed_in

pytestmark = pytest.mark.django_db


def test_control_characters_are_removed_at_every_edge(world, admin):
    """A vertical tab typed in a form, a NUL sent to the API, a form feed in an imported cell: none is
    stored, and the text around them is kept."""
    slug = world.programme.slug
    response = signed_in(admin).post(
        f"/p/{slug}/organisations/new/", {"name": "Vertical\x0bTab Ltd", "kind": "sme", "country": "GB"}
    )
    assert response.status_code == 302
    assert Organisation.objects.filter(name="VerticalTab Ltd").exists()
    _token, secret = create_api_token(actor=admin, name="text")
    response = Client().post(
        f"/api/v1/programmes/{slug}/organisations",
        data=json.dumps({"name": "Nul\u0000Byte\u0085 Ltd", "kind": "sme", "country": "GB"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert response.status_code == 201 and response.json()["name"] == "NulByte Ltd"
    result = run_import(
        actor=admin,
        programme=world.programme,
        kind="organisations",
        data=b'name,kind,country,description\nForm\x0cFeed Ltd,sme,GB,"first line\nsecond"\n',
        file_name="orgs.csv",
        commit=True,
    )
    assert result.is_valid, result.errors
    assert Organisation.objects.filter(name="FormFeed Ltd").exists()
    # A search with a NUL answers (PostgreSQL refuses NUL in a query parameter).
    assert signed_in(admin).get(f"/p/{slug}/organisations/?q=a%00b").status_code == 200


def test_exports_survive_what_was_stored_before_and_never_carry_a_formula(world, admin):
    """Records written before the text rule may hold control characters: XLSX (which refuses them) and
    CSV exports still work. Every way spreadsheets start a formula is kept as text."""
    from assetlink.organisations.services import register_organisation

    names = [
        "=1+1",
        "+1+1",
        "-1+1",
        "@SUM(A1)",
        "\t=2+2",
        "\r=3+3",
        " =4+4",
        "\uff1d1+1",
        "Safe name",
    ]
    for name in names:
        register_organisation(actor=admin, programme=world.programme, name=name, kind="sme", country="GB")
    # Stored by an older version, before control characters were removed at the edge.
    Organisation.objects.filter(name="Safe name").update(name="Safe\x07 na\x0bme")
    client = signed_in(admin)
    csv_rows = list(
        csv.DictReader(
            io.StringIO(
                client.get(f"/p/{world.programme.slug}/exports/organisations.csv").content.decode("utf-8-sig")
            )
        )
    )
    exported = {row["name"] for row in csv_rows}
    for name in names[:-1]:
        assert "'" + name in exported, name
    assert "Safe name" in exported
    response = client.get(f"/p/{world.programme.slug}/exports/organisations.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows(values_only=True) for cell in row if isinstance(cell, str)]
    assert "Safe name" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells if cell not in {"-"})
    # openpyxl reads a formula back as a string starting with "=": none is there.
    assert all(sheet.cell(row=r, column=1).data_type != "f" for r in range(1, sheet.max_row + 1))


def _xlsx_bomb(unpacked_megabytes: int) -> bytes:
    """A small workbook whose one sheet unpacks to many megabytes of zeros (compression ratio ~1000)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (unpacked_megabytes * 1024 * 1024))
    return buffer.getvalue()


def test_an_archive_that_unpacks_too_far_is_refused_before_it_is_read(world, admin):
    bomb = _xlsx_bomb(120)
    assert len(bomb) < 200 * 1024
    result = run_import(
        actor=admin, programme=world.programme, kind="areas", data=bomb, file_name="a.xlsx", commit=False
    )
    assert [error.message for error in result.errors] == [
        "The workbook unpacks to more than 100 MB; split it into several files."
    ]
    response = signed_in(admin).post(
        f"/p/{world.programme.slug}/imports/",
        {"kind": "areas", "file": SimpleUploadedFile("a.xlsx", bomb)},
    )
    assert response.status_code == 200 and "unpacks to more than" in response.text
    assert not ImportBatch.objects.exists()


def test_too_many_columns_are_refused(world, admin):
    header = ",".join(f"c{number}" for number in range(150))
    result = run_import(
        actor=admin,
        programme=world.programme,
        kind="areas",
        data=f"{header}\n".encode(),
        file_name="a.csv",
        commit=False,
    )
    assert "at most 100" in result.errors[0].message


def test_a_large_file_is_read_by_the_worker_not_by_the_request(world, admin):
    rows = "".join(f"A{number},Area {number},52.5,-1.9\n" for number in range(4000))
    data = ("code,name,latitude,longitude\n" + rows).encode()
    batch = exchange_services.upload_import(
        actor=admin, programme=world.programme, kind="areas", file_name="areas.csv", data=data
    )
    # Queued with a progress page: the request neither counted nor checked a single row.
    assert batch.task_run_id is not None
    assert batch.status == ImportBatch.Status.CHECKING and batch.row_count == 0
    small = exchange_services.upload_import(
        actor=admin,
        programme=world.programme,
        kind="areas",
        file_name="small.csv",
        data=b"code,name,latitude,longitude\nS1,Small,52.5,-1.9\n",
    )
    assert small.task_run_id is None and small.status == ImportBatch.Status.READY


def test_a_failed_form_keeps_what_was_typed_even_with_hostile_text(world, admin):
    typed = "<script>alert(1)</script> \u202eevil\u202c " + "é" * 10
    response = signed_in(admin).post(
        f"/p/{world.programme.slug}/organisations/new/", {"name": typed, "kind": "", "country": "GB"}
    )
    assert response.status_code == 200
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text and "<script>alert(1)" not in response.text
    )
    assert Role  # the roles module stays imported for the fixtures' sake
