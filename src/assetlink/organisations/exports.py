"""The organisation register as CSV, XLSX or Open Referral HSDS."""

from __future__ import annotations

from typing import Any

from assetlink.exchange.exports import Column, ListExport
from assetlink.exchange.standards.hsds import organization_list
from assetlink.organisations.selectors import organisations_of


def _rows(user: Any, programme: Any) -> Any:
    return organisations_of(programme).prefetch_related("capabilities", "certificates").order_by("name")


ORGANISATIONS = ListExport(
    name="organisations",
    title="Organisations",
    permission="organisations.view_register",
    rows=_rows,
    columns=[
        Column("name", lambda o: o.name),
        Column("kind", lambda o: o.kind),
        Column("legal_form", lambda o: o.legal_form),
        Column("registration_number", lambda o: o.registration_number),
        Column("country", lambda o: o.country),
        Column("city", lambda o: o.city),
        Column("postcode", lambda o: o.postcode),
        Column("area_code", lambda o: o.area.code if o.area else ""),
        Column("website", lambda o: o.website),
        Column("email", lambda o: o.email),
        Column("employees", lambda o: o.employees),
        Column("size", lambda o: o.size_class),
        Column("turnover_band", lambda o: o.turnover_band),
        Column("ownership", lambda o: o.ownership),
        Column("sectors", lambda o: o.sectors),
        Column("pays_real_living_wage", lambda o: o.pays_real_living_wage),
        Column("local_employee_share", lambda o: o.local_employee_share),
        Column("max_contract_value", lambda o: o.max_contract_value),
        Column("max_contract_currency", lambda o: o.max_contract_currency),
        Column(
            "capabilities", lambda o: [f"{c.cpv_code} {c.description}".strip() for c in o.capabilities.all()]
        ),
        Column(
            "certificates",
            lambda o: [
                f"{c.name} ({c.expires_on.isoformat()})" if c.expires_on else c.name
                for c in o.certificates.all()
            ],
        ),
    ],
    documents={"hsds": ("application/json", "hsds.json", organization_list)},
)
