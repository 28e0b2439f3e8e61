"""Writes of local spend: the programme's local area, spend lines imported all or nothing (each supplier
linked to the register and each line located), supplier links settled by review, LM3 studies and the
returns suppliers fill in."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assetlink.audit import services as audit
from assetlink.engine import local_spend as engine
from assetlink.organisations.models import Organisation
from assetlink.organisations.selectors import organisations_of
from assetlink.places.models import Area, PostcodeArea
from assetlink.places.postcodes import normalise_postcode
from assetlink.programmes.rules import require
from assetlink.spend.models import LinkStatus, LocalArea, Locality, SpendLine, Study, Supplier, SupplierReturn
from assetlink.spend.rules import ReturnDue
from assetlink.validation import cleaned_text

if TYPE_CHECKING:
    from assetlink.accounts.models import User
    from assetlink.programmes.models import Programme

CHUNK = 5000
PLACE = re.compile(r"^[A-Z0-9]{1,8}$")


def local_area_of(programme: Programme) -> LocalArea:
    """The programme's local area (an unsaved empty one until it defines it)."""
    found = LocalArea.objects.filter(programme=programme).first()
    return found or LocalArea(programme=programme)


def geography_of(programme: Programme) -> engine.Geography:
    local = local_area_of(programme)
    areas = frozenset(local.areas.values_list("pk", flat=True)) if local.pk else frozenset()
    return engine.Geography(
        country=programme.country,
        local_areas=areas,
        local_districts=frozenset(local.districts),
        region_districts=frozenset(local.region),
    )


def _places(field: str, values: Iterable[str]) -> list[str]:
    places = []
    for value in values:
        place = "".join(str(value).split()).upper()
        if not place:
            continue
        if not PLACE.match(place):
            raise ValidationError(
                {field: _("“%(value)s” is not a postcode district, area or prefix.") % {"value": value}}
            )
        if place not in places:
            places.append(place)
    return places


def save_local_area(
    *,
    actor: User,
    programme: Programme,
    areas: Sequence[Area],
    districts: Iterable[str],
    region: Iterable[str],
) -> LocalArea:
    """Define what counts as local and as the wider region, and place every spend line again."""
    require(actor, "spend.manage_spend", programme)
    if any(area.programme_id != programme.pk for area in areas):
        raise ValidationError({"areas": _("Choose areas of this programme.")})
    local = local_area_of(programme)
    before = {
        "areas": sorted(local.areas.values_list("code", flat=True)) if local.pk else [],
        "districts": local.districts,
        "region": local.region,
    }
    local.districts = _places("districts", districts)
    local.region = _places("region", region)
    if not areas and not local.districts:
        raise ValidationError({"districts": _("Name the local postcode districts or choose local areas.")})
    with transaction.atomic():
        local.save()
        local.areas.set(areas)
        relocate(programme)
        audit.record(
            actor,
            "local_area.changed",
            local,
            programme=programme,
            before=before,
            after={
                "areas": sorted(area.code for area in areas),
                "districts": local.districts,
                "region": local.region,
            },
        )
    return local


def relocate(programme: Programme) -> None:
    """Place every spend line of the programme again, by its district and area (a few statements, however
    many lines there are)."""
    geography = geography_of(programme)
    lines = SpendLine.objects.filter(programme=programme)
    districts: dict[str, list[str]] = {}
    for district in lines.order_by().values_list("district", flat=True).distinct():
        districts.setdefault(geography.locate(district), []).append(district)
    for locality, names in districts.items():
        for start in range(0, len(names), CHUNK):
            lines.filter(district__in=names[start : start + CHUNK]).update(locality=locality)
    if geography.local_areas:
        lines.filter(area_id__in=geography.local_areas).update(locality=Locality.LOCAL)


def supplier_register(programme: Programme) -> engine.SupplierRegister:
    return engine.SupplierRegister(
        [
            engine.Registered(id=pk, name=name, number=number)
            for pk, name, number in organisations_of(programme)
            .order_by()
            .values_list("pk", "name", "registration_number")
        ]
    )


def suppliers_for(programme: Programme, named: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Supplier]:
    """(number key, name key) → the programme's supplier, linking new ones to the register as they come."""
    wanted = {
        (engine.number_key(number), engine.name_key(name) or name.casefold()): (name, number)
        for name, number in named
    }
    known = {
        (supplier.number_key, supplier.name_key): supplier
        for supplier in Supplier.objects.filter(programme=programme, name_key__in={key for _n, key in wanted})
    }
    missing = [key for key in wanted if key not in known]
    if missing:
        register = supplier_register(programme)
        created = []
        for key in missing:
            name, number = wanted[key]
            link = register.link(name, number)
            created.append(
                Supplier(
                    programme=programme,
                    name=name,
                    name_key=key[1],
                    registration_number=number,
                    number_key=key[0],
                    organisation_id=link.organisation,
                    status=link.status.value,
                    reason=link.reason.value if link.reason else "",
                    candidates=list(link.candidates),
                )
            )
        Supplier.objects.bulk_create(created, batch_size=1000)
        known.update({(supplier.number_key, supplier.name_key): supplier for supplier in created})
    return known


@dataclass(frozen=True, slots=True)
class LineIn:
    """A spend line as an import gives it, before its supplier is linked and its place found."""

    row: int | str
    buyer: Organisation
    supplier: str
    registration_number: str
    reference: str
    paid_on: datetime.date
    amount: Decimal
    category: str
    postcode: str

    def identity(self) -> tuple[Any, ...]:
        """What makes two lines the same payment: the buyer's reference, or every field when it has none."""
        if self.reference:
            return (self.buyer.pk, self.reference.casefold())
        return (
            self.buyer.pk,
            engine.name_key(self.supplier),
            engine.number_key(self.registration_number),
            self.paid_on,
            self.amount,
            self.category.casefold(),
            normalise_postcode(self.postcode),
        )


@dataclass(frozen=True, slots=True)
class LineError:
    row: int | str
    field: str
    message: str


def _already_imported(programme: Programme, lines: Sequence[LineIn]) -> dict[tuple[Any, ...], datetime.date]:
    """Identities of the given lines that the programme already holds."""
    found: dict[tuple[Any, ...], datetime.date] = {}
    referenced: dict[int, list[str]] = {}
    for line in lines:
        if line.reference:
            referenced.setdefault(line.buyer.pk, []).append(line.reference)
    for buyer, references in referenced.items():
        for start in range(0, len(references), CHUNK):
            for reference, paid_on in SpendLine.objects.filter(
                programme=programme, buyer_id=buyer, reference__in=references[start : start + CHUNK]
            ).values_list("reference", "paid_on"):
                found[(buyer, reference.casefold())] = paid_on
    plain = [line for line in lines if not line.reference]
    if plain:
        days = [line.paid_on for line in plain]
        existing = SpendLine.objects.filter(
            programme=programme,
            reference="",
            buyer_id__in={line.buyer.pk for line in plain},
            paid_on__range=(min(days), max(days)),
        ).values_list(
            "buyer_id",
            "supplier__name_key",
            "supplier__number_key",
            "paid_on",
            "amount",
            "category",
            "postcode",
        )
        for buyer, name, number, paid_on, amount, category, postcode in existing.iterator(chunk_size=CHUNK):
            found[(buyer, name, number, paid_on, amount, category.casefold(), postcode)] = paid_on
    return found


def _area_finder(programme: Programme) -> Any:
    """A postcode → area id lookup over the programme's postcodes, sectors and districts."""
    known = dict(PostcodeArea.objects.filter(programme=programme).values_list("postcode", "area_id"))

    def area_of(postcode: str) -> int | None:
        for size in (len(postcode), len(postcode) - 2, len(postcode) - 3):
            if size > 0 and postcode[:size] in known:
                return known[postcode[:size]]
        return None

    return area_of


def import_lines(*, actor: User, programme: Programme, lines: Sequence[LineIn]) -> list[LineError]:
    """Write every line, or none when one is refused (a duplicate in the file or of what is already
    imported); suppliers are linked and each line placed (local, region, elsewhere) as it is written."""
    require(actor, "spend.manage_spend", programme)
    errors: list[LineError] = []
    first_row: dict[tuple[Any, ...], int | str] = {}
    for line in lines:
        key = line.identity()
        if key in first_row:
            message = (
                _("Same reference as row %(row)s; each payment is imported once.")
                if line.reference
                else _(
                    "Same payment as row %(row)s (buyer, supplier, date, amount, category and postcode); "
                    "give each payment its reference to import two equal payments."
                )
            )
            errors.append(LineError(line.row, "reference", message % {"row": first_row[key]}))
        else:
            first_row[key] = line.row
    imported = _already_imported(programme, lines)
    errors.extend(
        LineError(
            line.row,
            "reference",
            _("This payment of %(day)s was imported before; each payment is imported once.")
            % {"day": imported[line.identity()].isoformat()},
        )
        for line in lines
        if line.identity() in imported
    )
    if errors:
        return errors
    suppliers = suppliers_for(programme, {(line.supplier, line.registration_number) for line in lines})
    postcodes = dict(
        Organisation.objects.filter(
            pk__in={supplier.organisation_id for supplier in suppliers.values() if supplier.organisation_id}
        ).values_list("pk", "postcode")
    )
    geography = geography_of(programme)
    area_of = _area_finder(programme)
    country = programme.country
    batch: list[SpendLine] = []
    with transaction.atomic():
        for line in lines:
            supplier = suppliers[
                (
                    engine.number_key(line.registration_number),
                    engine.name_key(line.supplier) or line.supplier.casefold(),
                )
            ]
            postcode = normalise_postcode(line.postcode or postcodes.get(supplier.organisation_id or 0, ""))
            district = engine.postcode_district(postcode, country) if postcode else ""
            area = area_of(postcode) if postcode else None
            batch.append(
                SpendLine(
                    programme=programme,
                    buyer=line.buyer,
                    supplier=supplier,
                    reference=line.reference,
                    paid_on=line.paid_on,
                    amount=line.amount,
                    category=line.category,
                    postcode=postcode,
                    district=district,
                    area_id=area,
                    locality=geography.locate(district, area).value,
                )
            )
            if len(batch) >= CHUNK:
                SpendLine.objects.bulk_create(batch)
                batch = []
        SpendLine.objects.bulk_create(batch)
        audit.record(
            actor,
            "spend.imported",
            programme,
            programme=programme,
            after={"lines": len(lines), "total": str(sum((line.amount for line in lines), Decimal(0)))},
        )
    return []


def resolve_supplier(*, actor: User, supplier: Supplier, organisation: Organisation | None) -> Supplier:
    """Settle a supplier's link after review: the register's organisation it is, or none."""
    programme = supplier.programme
    require(actor, "spend.manage_spend", programme)
    if organisation is not None and not organisations_of(programme).filter(pk=organisation.pk).exists():
        raise ValidationError({"organisation": _("Choose an organisation of this programme's register.")})
    before = {"organisation": supplier.organisation_id, "status": supplier.status}
    supplier.organisation = organisation
    supplier.status = LinkStatus.CONFIRMED if organisation else LinkStatus.UNREGISTERED
    supplier.reviewed_by = actor
    supplier.reviewed_at = timezone.now()
    with transaction.atomic():
        supplier.save()
        if organisation is not None and organisation.postcode:
            _place_lines_without_postcode(supplier, organisation.postcode)
        audit.record(
            actor,
            "supplier.reviewed",
            supplier,
            programme=programme,
            before=before,
            after={"organisation": supplier.organisation_id, "status": supplier.status},
        )
    return supplier


def _place_lines_without_postcode(supplier: Supplier, postcode: str) -> None:
    programme = supplier.programme
    postcode = normalise_postcode(postcode)
    district = engine.postcode_district(postcode, programme.country)
    area = _area_finder(programme)(postcode)
    locality = geography_of(programme).locate(district, area)
    supplier.lines.filter(postcode="").update(
        postcode=postcode, district=district, area_id=area, locality=locality.value
    )


STUDY_FIELDS = (
    "title",
    "starts_on",
    "ends_on",
    "total_wages",
    "local_wages",
    "employee_local_share",
    "wages_source",
)


def save_study(
    *, actor: User, programme: Programme, buyer: Organisation, study: Study | None = None, **fields: Any
) -> Study:
    """Create or change an LM3 study of one buyer's spend over a period."""
    require(actor, "spend.manage_spend", programme)
    if not organisations_of(programme).filter(pk=buyer.pk).exists():
        raise ValidationError({"buyer": _("Choose an organisation of this programme's register.")})
    if study is not None and study.programme_id != programme.pk:
        raise ValidationError(_("That study belongs to another programme."))
    created = study is None
    study = study or Study(programme=programme)
    study.buyer = buyer
    for name in STUDY_FIELDS:
        if name in fields:
            setattr(study, name, cleaned_text(fields[name]))
    if study.starts_on and study.ends_on and study.ends_on < study.starts_on:
        raise ValidationError({"ends_on": _("The study ends before it starts.")})
    if Decimal(study.local_wages or 0) > Decimal(study.total_wages or 0):
        raise ValidationError({"local_wages": _("Local wages cannot be more than all wages paid.")})
    study.full_clean()
    with transaction.atomic():
        study.save()
        audit.record(
            actor,
            "lm3_study.created" if created else "lm3_study.changed",
            study,
            programme=programme,
            after=audit.snapshot(study),
        )
    return study


def submit_return(
    *,
    actor: User,
    study: Study,
    organisation: Organisation,
    total_costs: Decimal,
    local_staff: Decimal,
    local_suppliers: Decimal,
) -> SupplierReturn:
    """A local supplier's return to a study (its own, or entered by the programme team), replacing any
    earlier one."""
    require(actor, "spend.submit_return", ReturnDue(study, organisation))
    if not Supplier.objects.filter(programme=study.programme, organisation=organisation).exists():
        raise ValidationError(_("This organisation is not one of the programme's suppliers."))
    if total_costs <= 0:
        raise ValidationError(
            {"total_costs": _("Give what the organisation spent in the period (more than zero).")}
        )
    if local_staff < 0 or local_suppliers < 0:
        raise ValidationError(_("Local spending cannot be negative."))
    if local_staff + local_suppliers > total_costs:
        raise ValidationError(
            {"local_suppliers": _("Wages and supplies spent locally cannot be more than all that was spent.")}
        )
    found = SupplierReturn.objects.filter(study=study, organisation=organisation).first()
    item = found or SupplierReturn(study=study, organisation=organisation)
    item.total_costs, item.local_staff, item.local_suppliers = total_costs, local_staff, local_suppliers
    item.submitted_by = actor
    item.full_clean(validate_unique=False, validate_constraints=False)
    with transaction.atomic():
        item.save()
        audit.record(
            actor,
            "lm3_return.changed" if found else "lm3_return.submitted",
            item,
            programme=study.programme,
            after=audit.snapshot(item),
        )
    return item
