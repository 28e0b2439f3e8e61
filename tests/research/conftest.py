"""A research project in fieldwork with a two-researcher team, an area, the household skills survey and a
key for the first researcher's phone."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from assetlink.accounts.models import User
from assetlink.places import services as place_services
from assetlink.programmes.models import Role
from assetlink.research import services
from assetlink.research.models import CollectorKey, Project, Researcher, Survey
from tests import factories
from tests.conftest import ProgrammeWorld
from tests.research.sample import skills_survey


@dataclass
class Fieldwork:
    project: Project
    survey: Survey
    researcher: Researcher
    colleague: Researcher
    key: CollectorKey
    secret: str
    admin: User
    xlsform: bytes


def start_fieldwork(world: ProgrammeWorld, code: str = "MX1") -> Fieldwork:
    admin = world.user(Role.PROGRAMME_ADMIN)
    area = place_services.save_area(
        actor=admin, programme=world.programme, code=code, name="Matrix Heath", latitude=52.5, longitude=-1.9
    )
    researcher = services.save_researcher(
        actor=admin,
        programme=world.programme,
        name="Amina K.",
        user=world.user(Role.COMMUNITY_RESEARCHER),
    )
    colleague = services.save_researcher(
        actor=admin,
        programme=world.programme,
        name="Tomasz W.",
        user=factories.make_member(world.programme, Role.COMMUNITY_RESEARCHER, None, factories.make_user()),
    )
    project = services.save_project(
        actor=admin,
        programme=world.programme,
        title="Skills on our streets",
        question="Which skills do residents of Matrix Heath have that the new hospital could use?",
        lead_organisation=world.lead.organisation,
        areas=[area],
        consent_statement={
            "en": "Your answers are anonymous unless you agree otherwise.",
            "ur": "آپ کے جوابات گمنام ہیں",
        },
    )
    services.set_team_member(actor=admin, project=project, researcher=researcher, role="lead")
    services.set_team_member(actor=admin, project=project, researcher=colleague)
    xlsform = skills_survey()
    survey = services.create_survey(actor=admin, project=project, file_name="household.xlsx", data=xlsform)
    services.change_project_status(actor=admin, project=project, status="fieldwork")
    key, secret = services.issue_key(actor=admin, researcher=researcher, label="Amina's phone")
    return Fieldwork(project, survey, researcher, colleague, key, secret, admin, xlsform)


@pytest.fixture
def fieldwork(world: ProgrammeWorld) -> Fieldwork:
    return start_fieldwork(world)
