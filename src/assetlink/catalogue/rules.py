"""Who edits the catalogue: catalogue editors write practices, networks and events; a reviewer also
publishes what another editor wrote and corrects what is published; the platform operator appoints them.
Everyone reads what is published; a programme that adopted a practice shows its transfer plan."""

from __future__ import annotations

from typing import Any

import rules


def _role(user: Any) -> str:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return ""
    cached = getattr(user, "_assetlink_catalogue_role", None)
    if cached is None:
        from assetlink.catalogue.models import CatalogueEditor

        cached = CatalogueEditor.objects.filter(user=user).values_list("role", flat=True).first() or ""
        user._assetlink_catalogue_role = cached
    return str(cached)


@rules.predicate
def is_catalogue_editor(user: Any) -> bool:
    """The user edits the catalogue (as an editor or a reviewer)."""
    return _role(user) in {"editor", "reviewer"}


@rules.predicate
def is_catalogue_reviewer(user: Any) -> bool:
    """The user reviews and publishes the catalogue."""
    return _role(user) == "reviewer"


@rules.predicate
def still_a_draft(user: Any, practice: Any) -> bool:
    """The practice is not published yet (a published one is corrected by a reviewer)."""
    return practice is None or getattr(practice, "status", "") != "published"


@rules.predicate
def reads_its_transfer_plan(user: Any, programme: Any) -> bool:
    """The programme adopted a practice and the user reads its work (as its work packages): its transfer
    plan belongs in their navigation."""
    if programme is None:
        return False
    adopted = getattr(programme, "_assetlink_adopted", None)
    if adopted is None:
        from assetlink.catalogue.models import Adoption

        adopted = Adoption.objects.filter(programme=programme).exists()
        programme._assetlink_adopted = adopted
    return bool(adopted) and user.has_perm("programmes.view_work_packages", programme)


rules.add_perm("catalogue.edit", is_catalogue_editor)
rules.add_perm("catalogue.change_practice", (is_catalogue_editor & still_a_draft) | is_catalogue_reviewer)
rules.add_perm("catalogue.review", is_catalogue_reviewer)
rules.add_perm("catalogue.appoint_editors", rules.is_superuser)
rules.add_perm("catalogue.view_transfer_plan", reads_its_transfer_plan)
