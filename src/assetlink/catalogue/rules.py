"""Who edits the catalogue: catalogue editors write practices, networks and events; a reviewer also
publishes what another editor wrote and corrects what is published; the platform operator appoints them.
Everyone reads what is published."""

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


rules.add_perm("catalogue.edit", is_catalogue_editor)
rules.add_perm("catalogue.change_practice", (is_catalogue_editor & still_a_draft) | is_catalogue_reviewer)
rules.add_perm("catalogue.review", is_catalogue_reviewer)
rules.add_perm("catalogue.appoint_editors", rules.is_superuser)
