"""Importing an anchor institution's spend lines (in bulk, all or nothing) and suppliers' LM3 returns
through the one pipeline."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any

import pycountry
from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assetlink.exchange.fields import OrganisationNameField
from assetlink.exchange.pipeline import Importer, RowError
from assetlink.spend.models import Study
from assetlink.spend.services import LineIn, import_lines, submit_return

CURRENCY = re.compile(r"^[A-Z]{3}$")
EARLIEST = datetime.date(1990, 1, 1)


class SpendLineRowForm(forms.Form):
    buyer = OrganisationNameField(
        label=gettext_lazy("buyer"),
        help_text=gettext_lazy("The paying institution, as the register names it"),
    )
    supplier = forms.CharField(label=gettext_lazy("supplier"), max_length=200)
    registration_number = forms.CharField(
        label=gettext_lazy("registration number"),
        max_length=50,
        required=False,
        help_text=gettext_lazy("The supplier's company or charity number, when known"),
    )
    postcode = forms.CharField(label=gettext_lazy("postcode"), max_length=12, required=False)
    amount = forms.DecimalField(label=gettext_lazy("amount"), max_digits=14, decimal_places=2)
    currency = forms.CharField(label=gettext_lazy("currency"), max_length=20)
    paid_on = forms.DateField(label=gettext_lazy("paid on"), help_text=gettext_lazy("YYYY-MM-DD"))
    category = forms.CharField(label=gettext_lazy("category"), max_length=100, required=False)
    reference = forms.CharField(
        label=gettext_lazy("reference"),
        max_length=60,
        required=False,
        help_text=gettext_lazy("The buyer's transaction or invoice reference: a payment is imported once"),
    )

    def __init__(self, *args: Any, currency: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.programme_currency = currency

    def clean_amount(self) -> Decimal:
        amount: Decimal = self.cleaned_data["amount"]
        if amount <= 0:
            raise forms.ValidationError(
                _(
                    "A payment must be more than zero (this is %(amount)s): "
                    "refunds and credit notes are not spend."
                )
                % {"amount": amount}
            )
        return amount

    def clean_currency(self) -> str:
        code = str(self.cleaned_data["currency"]).strip().upper()
        if not CURRENCY.match(code) or pycountry.currencies.get(alpha_3=code) is None:
            raise forms.ValidationError(
                _("“%(code)s” is not a currency code of ISO 4217 (three letters, e.g. GBP).") % {"code": code}
            )
        if code != self.programme_currency:
            raise forms.ValidationError(
                _("This programme reports in %(ours)s; a line in %(code)s cannot be added to its figures.")
                % {"ours": self.programme_currency, "code": code}
            )
        return code

    def clean_paid_on(self) -> datetime.date:
        day: datetime.date = self.cleaned_data["paid_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(
                _("%(day)s is in the future: only payments made can be imported.") % {"day": day}
            )
        if day < EARLIEST:
            raise forms.ValidationError(_("%(day)s is before 1990: check the date.") % {"day": day})
        return day


class SpendLineImporter(Importer):
    kind = "spend_lines"
    title = gettext_lazy("Spend lines")
    permission = "spend.manage_spend"
    form_class = SpendLineRowForm
    bulk = True
    # A year of a large anchor's payments: about 300 MB of CSV at most.
    max_rows = 2_000_000
    max_bytes = 300 * 1024 * 1024

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lines: list[LineIn] = []

    def make_form(self, row: dict[str, Any]) -> forms.Form:
        form = super().make_form(row)
        assert isinstance(form, SpendLineRowForm)
        form.programme_currency = self.programme.currency
        return form

    def collect(self, number: int, cleaned: dict[str, Any]) -> None:
        self.lines.append(
            LineIn(
                row=number,
                buyer=cleaned["buyer"],
                supplier=cleaned["supplier"].strip(),
                registration_number=cleaned["registration_number"].strip(),
                reference=cleaned["reference"].strip(),
                paid_on=cleaned["paid_on"],
                amount=cleaned["amount"],
                category=cleaned["category"].strip(),
                postcode=cleaned["postcode"].strip(),
            )
        )

    def write_collected(self) -> list[RowError]:
        errors = import_lines(actor=self.actor, programme=self.programme, lines=self.lines)
        return [RowError(error.row, error.field, error.message) for error in errors]


class ReturnRowForm(forms.Form):
    study = forms.CharField(
        label=gettext_lazy("study"), max_length=200, help_text=gettext_lazy("The study's title")
    )
    supplier = OrganisationNameField(label=gettext_lazy("supplier"))
    total_costs = forms.DecimalField(
        label=gettext_lazy("total spending in the period"), max_digits=14, decimal_places=2
    )
    local_staff = forms.DecimalField(
        label=gettext_lazy("of which wages of staff living locally"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
    )
    local_suppliers = forms.DecimalField(
        label=gettext_lazy("of which spent with local suppliers"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
    )


class ReturnImporter(Importer):
    kind = "lm3_returns"
    title = gettext_lazy("LM3 supplier returns")
    permission = "spend.manage_spend"
    form_class = ReturnRowForm
    unique_together = ("study", "supplier")

    def write(self, cleaned: dict[str, Any]) -> None:
        study = Study.objects.filter(programme=self.programme, title__iexact=cleaned["study"].strip()).first()
        if study is None:
            raise forms.ValidationError({"study": _("No LM3 study of this programme has this title.")})
        submit_return(
            actor=self.actor,
            study=study,
            organisation=cleaned["supplier"],
            total_costs=cleaned["total_costs"],
            local_staff=cleaned["local_staff"],
            local_suppliers=cleaned["local_suppliers"],
        )
