"""Database triggers that make the outcome ledger append-only on PostgreSQL and SQLite.

They are (re)installed after every migrate rather than in one migration because SQLite rebuilds
a table to alter it, and the rebuild silently drops the table's triggers.
"""

from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections

LEDGER_TABLE = "impact_outcome"

POSTGRESQL_GUARD = f"""
CREATE OR REPLACE FUNCTION assetlink_refuse_ledger_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the outcome ledger is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS outcome_append_only ON {LEDGER_TABLE};
CREATE TRIGGER outcome_append_only BEFORE UPDATE OR DELETE ON {LEDGER_TABLE}
    FOR EACH ROW EXECUTE FUNCTION assetlink_refuse_ledger_change();
DROP TRIGGER IF EXISTS outcome_no_truncate ON {LEDGER_TABLE};
CREATE TRIGGER outcome_no_truncate BEFORE TRUNCATE ON {LEDGER_TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION assetlink_refuse_ledger_change();
"""

SQLITE_GUARD = [
    f"""CREATE TRIGGER IF NOT EXISTS outcome_no_update BEFORE UPDATE ON {LEDGER_TABLE}
        BEGIN SELECT RAISE(ABORT, 'the outcome ledger is append-only: UPDATE refused'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS outcome_no_delete BEFORE DELETE ON {LEDGER_TABLE}
        BEGIN SELECT RAISE(ABORT, 'the outcome ledger is append-only: DELETE refused'); END""",
]


def install_append_only_guard(using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    """Create the triggers refusing UPDATE and DELETE on the ledger table, if the table exists."""
    connection = connections[using]
    if LEDGER_TABLE not in connection.introspection.table_names():
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRESQL_GUARD)
        elif connection.vendor == "sqlite":
            for statement in SQLITE_GUARD:
                cursor.execute(statement)
        else:
            raise NotImplementedError(f"No append-only guard for the {connection.vendor} database.")
