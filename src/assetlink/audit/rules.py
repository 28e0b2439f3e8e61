"""Who may browse a programme's audit trail and access log."""

import rules

from assetlink.programmes.rules import is_programme_admin

rules.add_perm("audit.view_log", is_programme_admin)
rules.add_perm("audit.export_log", is_programme_admin)
