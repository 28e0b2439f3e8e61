"""docs/permissions.md says what the rules actually allow."""

import re
from pathlib import Path

from assetlink.programmes.models import Role

DOC = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"
COLUMNS = [
    Role.PROGRAMME_ADMIN,
    Role.PARTNER_STAFF,
    Role.COMMUNITY_RESEARCHER,
    Role.ENTERPRISE_MEMBER,
    Role.PARTICIPANT,
]


def documented_matrix() -> dict[str, list[bool]]:
    rows = {}
    for line in DOC.read_text().splitlines():
        match = re.match(r"\| ([a-z_]+\.[a-z_]+) \|((?: (?:yes|no) \|)+)$", line)
        if match:
            rows[match.group(1)] = [cell.strip() == "yes" for cell in match.group(2).strip(" |").split("|")]
    return rows


def test_permission_matrix_in_docs_matches_the_rules(world):
    import rules

    matrix = documented_matrix()
    assert len(matrix) >= 10
    for permission, documented in matrix.items():
        actual = [world.user(role).has_perm(permission, world.programme) for role in COLUMNS]
        assert actual == documented, permission
    object_permissions = set(re.findall(r"^\| ([a-z_]+\.[a-z_]+) \| (?!yes|no)", DOC.read_text(), re.M))
    programme_permissions = set(rules.permissions.permissions) - object_permissions
    assert programme_permissions == set(matrix), "document every programme permission in docs/permissions.md"
