"""What imports put on a programme's home: files checked with errors, or checked and waiting to be
imported."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assetlink.exchange.models import ImportBatch
from assetlink.exchange.selectors import imports_visible_to
from assetlink.web.panels import HomeItem, HomeSection, add_home_section

SHOWN = 5


def unfinished_imports(user: Any, programme: Any) -> tuple[list[HomeItem], int]:
    batches = (
        imports_visible_to(user, programme)
        .filter(status__in=[ImportBatch.Status.INVALID, ImportBatch.Status.READY])
        .order_by("-pk")
    )
    items = [
        HomeItem(
            label=batch.file_name,
            url=reverse("exchange:detail", kwargs={"slug": programme.slug, "batch_id": batch.pk}),
            detail=str(batch.get_status_display()),
            urgent=batch.status == ImportBatch.Status.INVALID,
            flag=_("has errors"),
        )
        for batch in batches[:SHOWN]
    ]
    return items, batches.count()


def register() -> None:
    add_home_section(
        HomeSection(
            "imports",
            gettext_lazy("Imports to finish"),
            "exchange.use_imports",
            unfinished_imports,
            gettext_lazy("No import waits for you."),
            more=lambda programme: reverse("exchange:list", kwargs={"slug": programme.slug}),
            order=40,
        )
    )
