"""Who may read and correct a programme's outcome ledger."""

import rules

from assetlink.programmes.rules import is_programme_admin

rules.add_perm("impact.view_ledger", is_programme_admin)
rules.add_perm("impact.correct_outcome", is_programme_admin)
