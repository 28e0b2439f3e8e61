"""Demo local spend: the hospital trust's payments over three financial years and more, with the share
paid to local suppliers rising; suppliers linked by name or number, a few left for review; and an LM3
study of the last full year with returns from about half of the local suppliers. Illustrative figures."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils import timezone

from assetlink.organisations.models import Organisation
from assetlink.places.demo import demo_postcode
from assetlink.programmes.models import PartnerRole
from assetlink.spend.models import SpendLine, Supplier
from assetlink.spend.services import LineIn, import_lines, save_local_area, save_study, submit_return

if TYPE_CHECKING:
    from assetlink.accounts.models import User
    from assetlink.programmes.models import Programme

LOCAL_DISTRICTS = ("B66", "B67", "B68", "B69", "B70", "B16", "B17", "B18", "B19", "B21")
REGION = ("B", "CV", "WS", "DY", "WV")
CATEGORIES = (
    "Catering",
    "Cleaning and facilities",
    "Construction and maintenance",
    "Medical supplies",
    "IT and telecoms",
    "Professional services",
    "Transport",
    "Laundry",
    "Security",
    "Waste",
)
# Firms of our own invention: (name, company number, postcode).
REGIONAL_FIRMS = tuple(
    (f"{place} {trade} Ltd", f"{9100000 + index:08d}", postcode)
    for index, (place, trade, postcode) in enumerate(
        [
            ("Solihull", "Building Services", "B90 4AA"),
            ("Coventry", "Medical Logistics", "CV1 2BB"),
            ("Walsall", "Facilities", "WS1 1DD"),
            ("Dudley", "Laundry Works", "DY1 3EE"),
            ("Wolverhampton", "Data Systems", "WV1 4FF"),
            ("Sutton", "Catering Supplies", "B72 1GG"),
            ("Erdington", "Security Group", "B23 6HH"),
            ("Kenilworth", "Consulting", "CV8 1JJ"),
            ("Stourbridge", "Waste Solutions", "DY8 1LL"),
            ("Bloxwich", "Transport", "WS3 2NN"),
            ("Selly Oak", "Lab Services", "B29 6PP"),
            ("Tamworth", "Electrical", "B79 7QQ"),
        ]
    )
)
NATIONAL_FIRMS = tuple(
    (f"{name} plc", f"{8200000 + index:08d}", postcode)
    for index, (name, postcode) in enumerate(
        [
            ("Albion Healthcare Supplies", "EC1A 1BB"),
            ("Northgate Clinical Devices", "M1 1AE"),
            ("Pennine Facilities Management", "LS1 4AP"),
            ("Thames Digital Health", "SE1 9SG"),
            ("Severn Pharma Distribution", "BS1 5TR"),
            ("Caledonian Linen Services", "G1 1XQ"),
            ("Kestrel Construction", "NG1 5FS"),
            ("Harbour Energy Supply", "L1 8JQ"),
            ("Meridian Imaging", "RG1 1AF"),
            ("Fenland Food Services", "CB1 2AD"),
        ]
    )
)
FIRST_YEAR = 2023  # the first financial year of spend starts in April of this year
LINES_PER_MONTH = 240


def _local_share(month: int, months: int) -> float:
    """The demo's rising local share: about 14 % in the first month to about 30 % in the last."""
    return 0.14 + 0.16 * month / max(1, months - 1)


def _amount(rng: random.Random, scale: float) -> Decimal:
    return Decimal(str(round(min(250_000.0, rng.lognormvariate(8.3, 1.1) * scale), 2)))


def build_demo_spend(*, admin: User, programme: Programme, register: list[Organisation], seed: int) -> None:
    """The hospital trust's spend, its local area and an LM3 study (once: a second run changes nothing)."""
    if SpendLine.objects.filter(programme=programme).exists():
        return
    rng = random.Random(f"{seed}-{programme.slug}-spend")  # noqa: S311 - demo data
    areas = [organisation.area for organisation in register if organisation.area is not None]
    save_local_area(
        actor=admin,
        programme=programme,
        areas=sorted({area.pk: area for area in areas}.values(), key=lambda area: area.code),
        districts=LOCAL_DISTRICTS,
        region=REGION,
    )
    trust = programme.partners.get(role=PartnerRole.ANCHOR).organisation
    local = [
        (organisation.name, "", demo_postcode(organisation.area, rng))
        for organisation in register
        if organisation.area is not None
    ][:120]
    greenway = Organisation.objects.filter(name="Greenway Catering CIC").first()
    if greenway is not None:
        local.append((greenway.name, "", "B66 1GC"))
    # Names as accounts systems write them: some the same firm in other words, some only similar.
    variants = [(name.replace(" Ltd", " Limited"), number, postcode) for name, number, postcode in local[:10]]
    similar = [(name + " Services", number, postcode) for name, number, postcode in local[10:14]]
    today = timezone.localdate()
    months = (today.year - FIRST_YEAR) * 12 + today.month - 4
    lines: list[LineIn] = []
    for month in range(months):
        year, month_index = FIRST_YEAR + (3 + month) // 12, (3 + month) % 12 + 1
        share = _local_share(month, months)
        for number in range(LINES_PER_MONTH):
            roll = rng.random()
            if roll < share:
                pool = local if rng.random() < 0.9 else variants + similar
                name, company, postcode = rng.choice(pool)
                scale = 1.0
            elif roll < share + 0.3:
                name, company, postcode = rng.choice(REGIONAL_FIRMS)
                scale = 1.0
            else:
                name, company, postcode = rng.choice(NATIONAL_FIRMS)
                scale = 1.0
                if rng.random() < 0.03:
                    postcode = ""  # a payment with no address on file
            day = datetime.date(year, month_index, rng.randrange(1, 29))
            if day > today:
                continue
            lines.append(
                LineIn(
                    row=len(lines) + 1,
                    buyer=trust,
                    supplier=name,
                    registration_number=company,
                    reference=f"MMUH-{year}{month_index:02d}-{number:04d}",
                    paid_on=day,
                    amount=_amount(rng, scale),
                    category=rng.choice(CATEGORIES),
                    postcode=postcode,
                )
            )
    errors = import_lines(actor=admin, programme=programme, lines=lines)
    if errors:
        raise ValueError(f"demo spend refused: {errors[:3]}")
    _build_study(admin, programme, trust, rng)


def _build_study(admin: User, programme: Programme, trust: Organisation, rng: random.Random) -> None:
    today = timezone.localdate()
    last_year = today.year - 1 if today.month >= 4 else today.year - 2
    study = save_study(
        actor=admin,
        programme=programme,
        buyer=trust,
        title=f"LM3 of the trust's spend {last_year}–{(last_year + 1) % 100:02d}",
        starts_on=datetime.date(last_year, 4, 1),
        ends_on=datetime.date(last_year + 1, 3, 31),
        total_wages=Decimal("48000000"),
        local_wages=Decimal("14400000"),
        employee_local_share=Decimal("0.42"),
        wages_source="Illustrative: payroll by home postcode and a staff spending survey",
    )
    paid = (
        Supplier.objects.filter(
            programme=programme,
            organisation__isnull=False,
            lines__locality="local",
            lines__paid_on__range=(study.starts_on, study.ends_on),
        )
        .exclude(organisation__name="Greenway Catering CIC")  # its return is left for its own people
        .values_list("organisation", flat=True)
        .distinct()
    )
    for organisation in Organisation.objects.filter(pk__in=list(paid)).order_by("name"):
        if rng.random() > 0.55:
            continue
        total = Decimal(rng.randrange(60, 900) * 1000)
        staff = (total * Decimal(str(round(rng.uniform(0.25, 0.45), 2)))).quantize(Decimal(1))
        supplies = (total * Decimal(str(round(rng.uniform(0.1, 0.3), 2)))).quantize(Decimal(1))
        submit_return(
            actor=admin,
            study=study,
            organisation=organisation,
            total_costs=total,
            local_staff=staff,
            local_suppliers=supplies,
        )
