"""Who may reach the import pages, see one upload, and run one kind of import."""

from typing import Any

import rules

from assetlink.programmes.rules import (
    is_partner_staff,
    is_programme_admin,
    reaches_through_operator_access,
)


@rules.predicate
def started_the_import(user: Any, batch: Any) -> bool:
    return bool(getattr(batch, "started_by_id", None) == getattr(user, "pk", None))


@rules.predicate
def may_run_import_kind(user: Any, import_kind: Any) -> bool:
    """`import_kind` carries the programme and the importer whose own permission decides."""
    return bool(user.has_perm(import_kind.importer.permission, import_kind.programme))


@rules.predicate
def may_export(user: Any, export_kind: Any) -> bool:
    """`export_kind` carries the programme and the export whose list permission decides."""
    return bool(user.has_perm(export_kind.definition.permission, export_kind.programme))


# Files leave the platform: never through an operator access, which is for reading on screen.
rules.add_perm("exchange.export_list", may_export & ~reaches_through_operator_access)
rules.add_perm("exchange.use_imports", is_programme_admin | is_partner_staff)
rules.add_perm("exchange.view_import", started_the_import | is_programme_admin)
rules.add_perm("exchange.run_import_kind", may_run_import_kind)
