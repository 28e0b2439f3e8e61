"""Reading every text column of every table, to prove a value is stored nowhere (erasure, encryption)."""

from __future__ import annotations

from django.apps import apps
from django.db import connection


def every_text_column_containing(needle: str) -> list[str]:
    """Tables and columns whose stored text contains the needle, read with raw SQL."""
    found = []
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            for field in model._meta.concrete_fields:
                if field.get_internal_type() not in {"CharField", "TextField", "JSONField", "EmailField"}:
                    continue
                column = connection.ops.quote_name(field.column)
                cursor.execute(
                    f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)} "
                    f"WHERE CAST({column} AS TEXT) LIKE %s",
                    [f"%{needle}%"],
                )
                if cursor.fetchone()[0]:
                    found.append(f"{table}.{field.column}")
    return found
