"""The practices' headline figures as SQL over the outcome ledger, the same text docs/impact.md shows.

Each query reads only entries that count today (not a reversal, not superseded by a later correction)
and takes the programme's id as its one parameter, so anyone with read access to the database can
recompute a reported figure from ledger rows. They run unchanged on PostgreSQL and SQLite.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import connection

if TYPE_CHECKING:
    from assetlink.programmes.models import Programme

# The entries of one programme that count today; every figure starts from here.
EFFECTIVE = """effective AS (
    SELECT o.* FROM impact_outcome o
    WHERE o.programme_id = %(programme)s
      AND o.correction <> 'reversal'
      AND NOT EXISTS (SELECT 1 FROM impact_outcome later WHERE later.corrects_id = o.id)
)"""


@dataclass(frozen=True)
class Figure:
    key: str
    title: str
    select: str  # reads the `effective` entries of the programme

    @property
    def sql(self) -> str:
        """The whole query: the programme's effective entries, then the figure's SELECT."""
        return f"WITH {EFFECTIVE}\n{self.select}"


FIGURES = (
    Figure(
        "people_connected_to_investment_jobs",
        "People referred to jobs of the programme's investments (USE-IT!: about 250 people with medical "
        "skills connected to hospital jobs)",
        """SELECT COUNT(DISTINCT e.subject_id)
FROM effective e
JOIN journeys_referral r ON e.related_type = 'journeys.referral' AND r.id = CAST(e.related_id AS INTEGER)
JOIN opportunities_opportunity job ON job.id = r.opportunity_id
WHERE e.entry_type = 'person.referred' AND job.kind = 'job' AND job.investment_id IS NOT NULL""",
    ),
    Figure(
        "people_started_in_investment_jobs",
        "People who started a job of the programme's investments",
        """SELECT COUNT(DISTINCT e.subject_id)
FROM effective e
JOIN opportunities_opportunity job
  ON e.related_type = 'opportunities.opportunity' AND job.id = CAST(e.related_id AS INTEGER)
WHERE e.entry_type = 'job.started' AND job.investment_id IS NOT NULL""",
    ),
    Figure(
        "consortia_formed",
        "Consortia formed (USE-IT!: 5)",
        """SELECT COUNT(*) FROM effective e WHERE e.entry_type = 'consortium.formed'""",
    ),
    Figure(
        "networks",
        "Networks that members joined (USE-IT!: 1)",
        """SELECT COUNT(DISTINCT e.related_id) FROM effective e WHERE e.entry_type = 'network.joined'""",
    ),
    Figure(
        "new_enterprises_supported",
        "New enterprises supported: supported, and created during the programme (USE-IT!: 36)",
        """SELECT COUNT(DISTINCT e.subject_id) FROM effective e
WHERE e.entry_type = 'enterprise.supported'
  AND EXISTS (SELECT 1 FROM effective created
              WHERE created.entry_type = 'enterprise.created' AND created.subject_id = e.subject_id)""",
    ),
    Figure(
        "established_enterprises_supported",
        "Established enterprises supported: supported, not created during the programme (USE-IT!: 39)",
        """SELECT COUNT(DISTINCT e.subject_id) FROM effective e
WHERE e.entry_type = 'enterprise.supported'
  AND NOT EXISTS (SELECT 1 FROM effective created
                  WHERE created.entry_type = 'enterprise.created' AND created.subject_id = e.subject_id)""",
    ),
    Figure(
        "grants_and_contracts_won_locally",
        "Grants and contracts won by the enterprises of the social enterprise work package (WP2), in the "
        "programme's currency (USE-IT!: about £240k)",
        """SELECT COALESCE(SUM(e.value), 0) FROM effective e
JOIN programmes_workpackage wp ON wp.id = e.work_package_id
WHERE e.entry_type IN ('grant.won', 'contract.won') AND wp.code = 'WP2'""",
    ),
    Figure(
        "people_trained_in_community_research",
        "People trained as community researchers (USE-IT!: 85)",
        """SELECT COUNT(DISTINCT e.subject_id) FROM effective e
JOIN journeys_cohort c ON e.related_type = 'journeys.cohort' AND c.id = CAST(e.related_id AS INTEGER)
JOIN journeys_supportprogramme s ON s.id = c.support_id
WHERE e.entry_type = 'person.trained' AND s.kind = 'community_research'""",
    ),
    Figure(
        "research_projects_completed",
        "Community research projects completed (USE-IT!: 24)",
        """SELECT COUNT(*) FROM effective e WHERE e.entry_type = 'research.completed'""",
    ),
    Figure(
        "collaborations_formed",
        "Collaborations formed (AS-Fabrik: 32)",
        """SELECT COUNT(*) FROM effective e WHERE e.entry_type = 'collaboration.formed'""",
    ),
    Figure(
        "ventures_launched",
        "Ventures launched (AS-Fabrik: 36)",
        """SELECT COUNT(DISTINCT e.subject_id) FROM effective e
WHERE e.entry_type = 'venture.launched'""",
    ),
    Figure(
        "ventures_consolidated",
        "Ventures consolidated (AS-Fabrik: 12)",
        """SELECT COUNT(DISTINCT e.subject_id) FROM effective e
WHERE e.entry_type = 'venture.consolidated'""",
    ),
    Figure(
        "professionals_trained",
        "Professionals trained: staff of organisations counted by headcount, and people trained one by one "
        "outside community research (AS-Fabrik: 500+)",
        """SELECT COALESCE((SELECT SUM(e.quantity) FROM effective e
                  WHERE e.entry_type = 'professionals.trained'), 0)
     + (SELECT COUNT(DISTINCT e.subject_id) FROM effective e
        JOIN journeys_cohort c ON e.related_type = 'journeys.cohort' AND c.id = CAST(e.related_id AS INTEGER)
        JOIN journeys_supportprogramme s ON s.id = c.support_id
        WHERE e.entry_type = 'person.trained' AND s.kind <> 'community_research')""",
    ),
)


def compute(programme: Programme) -> dict[str, Decimal]:
    """Every figure for one programme, straight from the ledger by the documented queries."""
    results = {}
    with connection.cursor() as cursor:
        for figure in FIGURES:
            cursor.execute(figure.sql, {"programme": programme.pk})
            (value,) = cursor.fetchone()
            results[figure.key] = Decimal(str(value or 0))
    return results
