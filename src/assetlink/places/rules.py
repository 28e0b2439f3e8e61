"""Who may see and change a programme's areas."""

import rules

from assetlink.programmes.rules import is_member, is_partner_staff, is_programme_admin

rules.add_perm("places.view_areas", is_member)
rules.add_perm("places.manage_areas", is_programme_admin)
rules.add_perm("places.view_spaces", is_member)
rules.add_perm("places.manage_spaces", is_programme_admin | is_partner_staff)
