"""The import pipeline: uploads through the web, permissions, and fuzzing of every importer."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assetlink.audit.models import AuditEntry
from assetlink.exchange import services as exchange
from assetlink.exchange.pipeline import IMPORTERS, column_help, run_import
from assetlink.programmes.models import Role


def table_counts() -> dict[str, int]:
    from django.apps import apps

    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"places", "people", "organisations", "opportunities", "spaces", "impact"}
    }


@pytest.mark.django_db
def test_upload_check_and_import_through_the_web(world, admin):
    client = Client()
    client.force_login(admin)
    page = client.get(f"/p/{world.programme.slug}/imports/")
    assert page.status_code == 200 and "Areas" in page.text
    upload = SimpleUploadedFile("areas.csv", b"code,name,latitude,longitude\nX1,Ward One,52.5,-1.9\n")
    response = client.post(f"/p/{world.programme.slug}/imports/", {"kind": "areas", "file": upload})
    assert response.status_code == 302
    detail = client.get(response["Location"])
    assert "can be imported" in detail.text
    committed = client.post(response["Location"] + "import/", follow=True)
    assert "1 row was imported" in committed.text


@pytest.mark.django_db
def test_only_those_allowed_may_run_an_import_kind(world):
    staff = world.user(Role.PARTNER_STAFF)
    with pytest.raises(PermissionDenied):
        exchange.upload_import(
            actor=staff, programme=world.programme, kind="areas", file_name="a.csv", data=b"code\n"
        )
    client = Client()
    client.force_login(staff)
    assert client.get(f"/p/{world.programme.slug}/imports/templates/areas.csv").status_code == 403


@pytest.mark.django_db
def test_an_upload_is_seen_only_by_its_uploader_and_programme_admins(world, admin):
    batch = exchange.upload_import(
        actor=admin, programme=world.programme, kind="areas", file_name="a.csv", data=b"code,name\n"
    )
    client = Client()
    client.force_login(world.user(Role.PARTNER_STAFF))
    assert client.get(f"/p/{world.programme.slug}/imports/{batch.pk}/").status_code == 403
    assert client.post(f"/p/{world.programme.slug}/imports/{batch.pk}/discard/").status_code == 403


@pytest.mark.django_db
def test_the_template_names_every_column(world, admin):
    client = Client()
    client.force_login(admin)
    response = client.get(f"/p/{world.programme.slug}/imports/templates/areas.csv")
    header = next(csv.reader(io.StringIO(response.content.decode())))
    assert header == [column.name for column in column_help("areas")]


cell = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(
        [
            "",
            "1",
            "10",
            "E01000001",
            "2025-13-45",
            "yes",
            "B66 2AB",
            '{"type": "Polygon"}',
            "http://data.europa.eu/esco/skill/x",
        ]
    ),
)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", sorted(IMPORTERS))
def test_fuzzed_files_never_raise_and_never_write_part_of_a_file(world, admin, kind):
    columns = [column.name for column in column_help(kind)]

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        header=st.lists(
            st.sampled_from([*columns, "junk"]), min_size=1, max_size=len(columns) + 1, unique=True
        ),
        rows=st.lists(st.lists(cell, min_size=0, max_size=len(columns) + 2), min_size=0, max_size=6),
        as_xlsx=st.booleans(),
    )
    def check(header: list[str], rows: list[list[str]], as_xlsx: bool) -> None:
        data, name = encode(header, rows, as_xlsx)
        before, audits = table_counts(), AuditEntry.objects.count()
        result = run_import(
            actor=admin, programme=world.programme, kind=kind, data=data, file_name=name, commit=True
        )
        after = table_counts()
        if result.errors:
            assert after == before, f"{kind}: a failed import changed {before} → {after}"
            assert AuditEntry.objects.count() == audits
            for error in result.errors:
                assert error.message
        else:
            # A file the pipeline accepted was written whole: every row it read.
            assert result.written == result.rows, (
                f"{kind}: accepted {result.rows} rows, wrote {result.written}"
            )

    check()
    # The raw file reader meets damaged input too.
    for junk in (b"\xff\xfe\x00garbage", b"", b"PK\x03\x04not really a zip"):
        for name in ("x.csv", "x.xlsx", "x.geojson", "x.txt"):
            result = run_import(
                actor=admin, programme=world.programme, kind=kind, data=junk, file_name=name, commit=False
            )
            assert result.errors


def encode(header: list[str], rows: list[list[str]], as_xlsx: bool) -> tuple[bytes, str]:
    if as_xlsx:
        from openpyxl import Workbook
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        workbook = Workbook()
        sheet = workbook.active
        sheet.append(header)
        for row in rows:
            sheet.append([ILLEGAL_CHARACTERS_RE.sub("", c) for c in row])  # cells Excel itself cannot hold
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue(), "fuzz.xlsx"
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8", "surrogatepass"), "fuzz.csv"
