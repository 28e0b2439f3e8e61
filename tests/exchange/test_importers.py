"""Each importer: a good file imports; one bad row in the middle writes nothing and is named."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from assetlink.exchange.pipeline import run_import
from assetlink.opportunities.models import Opportunity
from assetlink.organisations.models import Organisation
from assetlink.people.models import Person
from assetlink.people.selectors import has_consent
from assetlink.places.models import Space
from assetlink.programmes.models import Role

NURSE = "http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50"


def xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def run(world, kind, data, name="file.csv", actor=None, commit=True):
    return run_import(
        actor=actor or world.user(Role.PROGRAMME_ADMIN),
        programme=world.programme,
        kind=kind,
        data=data if isinstance(data, bytes) else data.encode(),
        file_name=name,
        commit=commit,
    )


@pytest.mark.django_db
def test_people_import_with_consent_skills_and_languages(world):
    org = world.organisation.name
    rows = (
        "given_name,family_name,email,share_with,consent_matching,consent_method,occupation,occupation_years,"
        "occupation_country,skills,languages\n"
        f"Amina,Yusuf,amina@example.org,{org},yes,written,{NURSE},7,NG,infection control; first aid,en:C1; ha:native\n"
        f"Tomasz,Wójcik,tomasz@example.org,{org},no,verbal,,,,,pl:native\n"
    )
    result = run(world, "people", rows, actor=world.user(Role.PARTNER_STAFF))
    assert result.errors == [] and result.written == 2
    amina = Person.objects.get(email__isnull=False, given_name="Amina")
    assert has_consent(amina, "matching") and has_consent(amina, "sharing", world.organisation)
    assert amina.occupations.get().occupation.uri == NURSE
    assert {s.skill.preferred_label for s in amina.skills.all()} == {"infection control", "first aid"}
    assert dict(amina.languages.values_list("language", "level")) == {"en": "C1", "ha": "native"}


@pytest.mark.django_db
def test_people_import_bad_row_in_the_middle_names_row_field_and_reason(world):
    header = "given_name,email,consent_method,skills,languages\n"
    good = "Ana,ana{n}@example.org,written,,en:B2\n"
    rows = header + "".join(good.format(n=n) for n in range(5))
    rows += "Bad,bad@example.org,written,knitting quantum,en:B9\n"
    rows += "".join(good.format(n=n) for n in range(5, 10))
    before = Person.objects.count()
    result = run(world, "people", rows)
    assert Person.objects.count() == before
    assert {(e.row, e.field) for e in result.errors} == {(7, "skills"), (7, "languages")}
    assert any("knitting quantum" in e.message for e in result.errors)


@pytest.mark.django_db
def test_partner_staff_imports_must_share_with_their_own_organisation(world):
    rows = "given_name,consent_method\nAna,written\n"
    result = run(world, "people", rows, actor=world.user(Role.PARTNER_STAFF))
    assert result.errors and result.errors[0].row == 2 and "holds their record" in result.errors[0].message


@pytest.mark.django_db
def test_organisations_import_from_xlsx_with_capabilities(world):
    data = xlsx(
        [
            ["name", "kind", "country", "employees", "pays_real_living_wage", "capabilities", "sectors"],
            [
                "Canal Clean CIC",
                "social_enterprise",
                "GB",
                14,
                "yes",
                "90910000-9 Cleaning services; Window cleaning",
                "81.21",
            ],
            ["Soho Security Ltd", "sme", "GB", 40.0, "no", "79710000-4 Security services", ""],
        ]
    )
    result = run(world, "organisations", data, name="orgs.xlsx")
    assert result.errors == []
    clean = Organisation.objects.get(name="Canal Clean CIC")
    assert clean.employees == 14 and clean.pays_real_living_wage
    assert list(clean.capabilities.values_list("cpv_code", "description")) == [
        ("", "Window cleaning"),
        ("90910000-9", "Cleaning services"),
    ]


@pytest.mark.django_db
def test_spaces_import_resolves_the_owner_by_name(world):
    rows = f"name,kind,owner,status,step_free\nOld library,building,{world.organisation.name},available,yes\nShed,workshop,Nobody Ltd,available,no\n"
    result = run(world, "spaces", rows)
    assert [(e.row, e.field) for e in result.errors] == [(3, "owner")]
    assert not Space.objects.exists()


@pytest.mark.django_db
def test_opportunities_import_opens_jobs_with_requirements(world):
    owner = world.lead.organisation.name
    rows = (
        "kind,title,owner,status,occupation,closes_on,essential_skills,required_credentials,reference\n"
        f"job,Staff Nurse,{owner},open,{NURSE},2099-01-31,infection control,registration:NMC registration,J1\n"
        f"job,Healthcare Assistant,{owner},draft,,,,,J2\n"
    )
    result = run(world, "opportunities", rows)
    assert result.errors == []
    nurse = Opportunity.objects.get(reference="J1")
    assert nurse.status == "open" and nurse.credential_requirements.get().name == "NMC registration"
    assert Opportunity.objects.get(reference="J2").status == "draft"
    # opening a job without an occupation is refused by the lifecycle, and named
    bad = f"kind,title,owner,status,reference\njob,Porter,{owner},open,J3\n"
    result = run(world, "opportunities", bad)
    assert [(e.row, e.field) for e in result.errors] == [(2, "occupation")]
    assert not Opportunity.objects.filter(reference="J3").exists()
