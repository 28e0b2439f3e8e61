"""A small hand-made taxonomy for fast engine tests, and the packaged one for the text functions."""

from __future__ import annotations

import pytest

from assetlink.engine import Taxonomy, default_taxonomy
from assetlink.engine.esco_sources import EscoRecord

SKILL = "http://data.europa.eu/esco/skill/"
OCCUPATION = "http://data.europa.eu/esco/occupation/"


def skill(name: str, group: str = "") -> EscoRecord:
    codes = (group.rsplit(".", 1)[0], group) if group else ()
    return EscoRecord(SKILL + name, "skill", "en", name.replace("-", " "), group_codes=codes)


def occupation(name: str) -> EscoRecord:
    return EscoRecord(OCCUPATION + name, "occupation", "en", name.replace("-", " "))


SMALL_RECORDS = [
    skill("plan-nursing-care", "S3.1.1"),
    skill("evidence-based-nursing-care", "S3.1.1"),
    skill("administer-prescribed-medication", "S3.1.2"),
    skill("infection-control", "S3.1.2"),
    skill("tend-to-elderly-people", "S3.2.1"),
    skill("prescribe-medication", "S3.1.2"),
    skill("food-hygiene-rules", "S6.1.1"),
    skill("cook-fish", "S6.1.1"),
    skill("customer-service", "S1.1.1"),
    occupation("nurse-responsible-for-general-care"),
    occupation("specialised-doctor"),
    occupation("cook"),
    occupation("healthcare-assistant"),
]


@pytest.fixture(scope="session")
def small_taxonomy() -> Taxonomy:
    return Taxonomy(SMALL_RECORDS)


@pytest.fixture(scope="session")
def esco() -> Taxonomy:
    """The taxonomy of the installed ESCO packages, with the label embeddings made at set-up."""
    return default_taxonomy()
