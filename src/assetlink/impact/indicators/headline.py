"""The practices' headline figures as indicator definitions (figures.py keeps the same figures as SQL),
and the demo programmes' indicators with the practices' reported results as targets."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from assetlink.engine.periods import PeriodKind
from assetlink.impact.indicators.facts import refresh_programme
from assetlink.impact.indicators.services import define_indicator, set_target
from assetlink.impact.models import Accumulation, Denominator, Indicator, Measure, Source

if TYPE_CHECKING:
    from assetlink.accounts.models import User
    from assetlink.programmes.models import Programme

# Code → definition. The code is the key of the figure in figures.py that must give the same number.
HEADLINE: dict[str, dict[str, Any]] = {
    "people_connected_to_investment_jobs": {
        "name": "People referred to the investments' jobs",
        "names": {
            "es": "Personas derivadas a empleos de las inversiones",
            "sl": "Osebe, napotene na delovna mesta naložb",
        },
        "measure": Measure.SUBJECTS,
        "entry_types": ["person.referred"],
        "filters": {"opportunity_kind": ["job"], "investment": ["*"]},
    },
    "people_started_in_investment_jobs": {
        "name": "People who started a job of the investments",
        "names": {
            "es": "Personas que empezaron un empleo de las inversiones",
            "sl": "Osebe, ki so začele delati pri naložbah",
        },
        "measure": Measure.SUBJECTS,
        "entry_types": ["job.started"],
        "filters": {"investment": ["*"]},
    },
    "consortia_formed": {
        "name": "Consortia formed",
        "names": {"es": "Consorcios formados", "sl": "Ustanovljeni konzorciji"},
        "measure": Measure.ENTRIES,
        "entry_types": ["consortium.formed"],
    },
    "networks": {
        "name": "Networks that members joined",
        "names": {"es": "Redes a las que se unieron miembros", "sl": "Mreže, ki so se jim pridružili člani"},
        "measure": Measure.RELATED,
        "entry_types": ["network.joined"],
    },
    "new_enterprises_supported": {
        "name": "New enterprises supported",
        "names": {"es": "Empresas nuevas apoyadas", "sl": "Podprta nova podjetja"},
        "measure": Measure.SUBJECTS,
        "entry_types": ["enterprise.supported"],
        "subject_has": ["enterprise.created"],
    },
    "established_enterprises_supported": {
        "name": "Established enterprises supported",
        "names": {"es": "Empresas establecidas apoyadas", "sl": "Podprta obstoječa podjetja"},
        "measure": Measure.SUBJECTS,
        "entry_types": ["enterprise.supported"],
        "subject_lacks": ["enterprise.created"],
    },
    "grants_and_contracts_won_locally": {
        "name": "Grants and contracts won by the social enterprises (WP2)",
        "names": {
            "es": "Subvenciones y contratos ganados por las empresas sociales (WP2)",
            "sl": "Nepovratna sredstva in pogodbe, ki so jih pridobila socialna podjetja (WP2)",
        },
        "measure": Measure.VALUE,
        "entry_types": ["grant.won", "contract.won"],
        "filters": {"work_package": ["WP2"]},
    },
    "people_trained_in_community_research": {
        "name": "People trained as community researchers",
        "names": {
            "es": "Personas formadas como investigadoras comunitarias",
            "sl": "Osebe, usposobljene za skupnostne raziskovalce",
        },
        "measure": Measure.SUBJECTS,
        "entry_types": ["person.trained"],
        "filters": {"support_kind": ["community_research"]},
    },
    "research_projects_completed": {
        "name": "Community research projects completed",
        "names": {
            "es": "Proyectos de investigación comunitaria terminados",
            "sl": "Zaključeni skupnostni raziskovalni projekti",
        },
        "measure": Measure.ENTRIES,
        "entry_types": ["research.completed"],
    },
    "collaborations_formed": {
        "name": "Collaborations formed",
        "names": {"es": "Colaboraciones formadas", "sl": "Vzpostavljena sodelovanja"},
        "measure": Measure.ENTRIES,
        "entry_types": ["collaboration.formed"],
    },
    "ventures_launched": {
        "name": "Ventures launched",
        "names": {"es": "Proyectos emprendedores lanzados", "sl": "Zagnani podjetniški projekti"},
        "measure": Measure.SUBJECTS,
        "entry_types": ["venture.launched"],
    },
    "ventures_consolidated": {
        "name": "Ventures consolidated",
        "names": {"es": "Proyectos emprendedores consolidados", "sl": "Utrjeni podjetniški projekti"},
        "measure": Measure.SUBJECTS,
        "entry_types": ["venture.consolidated"],
    },
    "professionals_trained": {
        "name": "Professionals trained",
        "names": {"es": "Profesionales formados", "sl": "Usposobljeni strokovnjaki"},
        "measure": Measure.QUANTITY,
        "entry_types": ["professionals.trained"],
        "plus": "people_trained_outside_research",
    },
}

# Parts of a headline figure that are indicators of their own.
PARTS: dict[str, dict[str, Any]] = {
    "people_trained_outside_research": {
        "name": "People trained one by one, outside community research",
        "names": {
            "es": "Personas formadas una a una, fuera de la investigación comunitaria",
            "sl": "Posamezno usposobljene osebe zunaj skupnostnih raziskav",
        },
        "measure": Measure.SUBJECTS,
        "entry_types": ["person.trained"],
        "filters": {"not_support_kind": ["community_research"]},
    },
}

# The practices' reported results (URBACT good practice pages), as programme-to-date targets.
DEMO_TARGETS = {
    "GB": {
        "people_connected_to_investment_jobs": 250,
        "consortia_formed": 5,
        "networks": 1,
        "new_enterprises_supported": 36,
        "established_enterprises_supported": 39,
        "grants_and_contracts_won_locally": 240000,
        "people_trained_in_community_research": 85,
        "research_projects_completed": 24,
    },
    "ES": {
        "collaborations_formed": 32,
        "ventures_launched": 36,
        "ventures_consolidated": 12,
        "professionals_trained": 500,
    },
}
DEMO_HEADLINES = {
    "GB": [
        "people_connected_to_investment_jobs",
        "people_started_in_investment_jobs",
        "consortia_formed",
        "networks",
        "new_enterprises_supported",
        "established_enterprises_supported",
        "grants_and_contracts_won_locally",
        "people_trained_in_community_research",
        "research_projects_completed",
    ],
    "ES": ["collaborations_formed", "ventures_launched", "ventures_consolidated", "professionals_trained"],
}


def install_headline_indicator(
    programme: Programme, code: str, *, actor: User | None = None, position: int = 0
) -> Indicator:
    """Define one headline figure (and the indicators it adds up) in a programme."""
    fields = dict(HEADLINE.get(code) or PARTS[code])
    plus = fields.pop("plus", None)
    if plus is not None:
        fields["plus"] = install_headline_indicator(programme, plus, actor=actor, position=999)
    return define_indicator(
        actor=actor,
        programme=programme,
        code=code,
        is_headline=code in HEADLINE,
        position=position,
        accumulation=Accumulation.CUMULATIVE,
        **fields,
    )


def build_demo_indicators(*, admin: User, programme: Programme) -> list[Indicator]:
    """The demo programme's headline indicators, the practices' results as targets, and an equity rate."""
    country = "GB" if programme.country == "GB" else "ES"
    if Indicator.objects.filter(programme=programme, is_headline=True).exists():
        refresh_programme(programme.pk)
        return list(Indicator.objects.filter(programme=programme))
    indicators = []
    for position, code in enumerate(DEMO_HEADLINES[country]):
        indicator = install_headline_indicator(programme, code, actor=admin, position=position)
        indicators.append(indicator)
        target = DEMO_TARGETS[country].get(code)
        if target is not None:
            set_target(
                actor=admin,
                indicator=indicator,
                period_kind=PeriodKind.PROGRAMME,
                period_start=programme.starts_on,
                value=Decimal(target),
                baseline=Decimal(0),
                source="URBACT good practice: results reported by the practice",
            )
    engaged = define_indicator(
        actor=admin,
        programme=programme,
        code="people_engaged",
        name="People engaged",
        names={"es": "Personas atendidas", "sl": "Vključene osebe"},
        measure=Measure.SUBJECTS,
        entry_types=["person.engaged"],
        position=len(indicators),
    )
    indicators.append(engaged)
    indicators.append(
        define_indicator(
            actor=admin,
            programme=programme,
            code="people_engaged_per_1000",
            name="People engaged per 1,000 residents",
            names={
                "es": "Personas atendidas por cada 1.000 residentes",
                "sl": "Vključene osebe na 1.000 prebivalcev",
            },
            measure=Measure.SUBJECTS,
            entry_types=["person.engaged"],
            denominator=Denominator.POPULATION,
            factor=Decimal(1000),
            position=len(indicators),
        )
    )
    refresh_programme(programme.pk)
    return indicators


# The local economy's indicators: social value, local share of an anchor's spend, and LM3. Parts that
# only serve as a denominator sit at position 999 (shown inside the figure they divide).
LOCAL_ECONOMY: list[tuple[str, dict[str, Any]]] = [
    (
        "anchor_spend",
        {
            "name": "Anchor institution spend",
            "names": {"es": "Gasto de la institución ancla", "sl": "Poraba sidrne ustanove"},
            "source": Source.SPEND,
            "measure": Measure.VALUE,
            "accumulation": Accumulation.PER_PERIOD,
            "position": 999,
        },
    ),
    (
        "local_spend_share",
        {
            "name": "Share of anchor spend with local suppliers (%)",
            "names": {
                "es": "Parte del gasto ancla con proveedores locales (%)",
                "sl": "Delež porabe sidrne ustanove pri lokalnih dobaviteljih (%)",
            },
            "source": Source.SPEND,
            "measure": Measure.VALUE,
            "filters": {"locality": ["local"]},
            "denominator": Denominator.INDICATOR,
            "denominator_indicator": "anchor_spend",
            "factor": Decimal(100),
            "accumulation": Accumulation.PER_PERIOD,
            "is_headline": True,
        },
    ),
    (
        "social_value",
        {
            "name": "Social value (illustrative proxies)",
            "names": {
                "es": "Valor social (valores indicativos)",
                "sl": "Družbena vrednost (ponazoritvene vrednosti)",
            },
            "source": Source.SOCIAL_VALUE,
            "measure": Measure.VALUE,
            "is_headline": True,
        },
    ),
    (
        "lm3_spend",
        {
            "name": "Spend studied for LM3 (R1)",
            "names": {"es": "Gasto estudiado para LM3 (R1)", "sl": "Poraba, preučena za LM3 (R1)"},
            "source": Source.LM3,
            "measure": Measure.VALUE,
            "filters": {"part": ["spend"]},
            "accumulation": Accumulation.PER_PERIOD,
            "position": 999,
        },
    ),
    (
        "lm3",
        {
            "name": "Local Multiplier 3 (LM3)",
            "names": {"es": "Multiplicador local 3 (LM3)", "sl": "Lokalni multiplikator 3 (LM3)"},
            "source": Source.LM3,
            "measure": Measure.VALUE,
            "filters": {"part": ["turnover"]},
            "denominator": Denominator.INDICATOR,
            "denominator_indicator": "lm3_spend",
            "accumulation": Accumulation.PER_PERIOD,
            "is_headline": True,
        },
    ),
]
LOCAL_ECONOMY_TARGETS = {
    "local_spend_share": (Decimal(14), Decimal(30)),
    "lm3": (Decimal("1.2"), Decimal("1.5")),
}


def build_local_economy_indicators(*, admin: User, programme: Programme) -> list[Indicator]:
    """Social value, local share and LM3 as indicators with targets (once)."""
    found = []
    start = Indicator.objects.filter(programme=programme).exclude(position__gte=999).count()
    for offset, (code, definition) in enumerate(LOCAL_ECONOMY):
        existing = Indicator.objects.filter(programme=programme, code=code).first()
        if existing is not None:
            found.append(existing)
            continue
        fields = dict(definition)
        if "denominator_indicator" in fields:
            fields["denominator_indicator"] = Indicator.objects.get(
                programme=programme, code=fields["denominator_indicator"]
            )
        fields.setdefault("position", start + offset)
        indicator = define_indicator(actor=admin, programme=programme, code=code, **fields)
        found.append(indicator)
        if code in LOCAL_ECONOMY_TARGETS:
            baseline, target = LOCAL_ECONOMY_TARGETS[code]
            set_target(
                actor=admin,
                indicator=indicator,
                period_kind=PeriodKind.PROGRAMME,
                period_start=programme.starts_on,
                value=target,
                baseline=baseline,
                source="Demo: the partnership's own target (illustrative)",
            )
    return found
