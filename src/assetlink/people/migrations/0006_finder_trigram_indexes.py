"""On PostgreSQL, trigram indexes for the people finder's "contains" searches: ESCO labels (occupation and
skill by any word) and people's names. SQLite has no such index and needs none at its sizes."""

from django.db import migrations

INDEXES = {
    "taxonomy_esco_label_search_trgm": "taxonomy_escolabel USING gin (search_text gin_trgm_ops)",
    "people_person_given_name_trgm": "people_person USING gin (UPPER(given_name) gin_trgm_ops)",
    "people_person_family_name_trgm": "people_person USING gin (UPPER(family_name) gin_trgm_ops)",
    # The reference is compared whole (iexact): a plain index, so that the name search's OR can use all three.
    "people_person_reference_upper": "people_person (UPPER(reference))",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone() is None:
            # Needs the right to create extensions; a deployment without it creates pg_trgm once by hand.
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, target in INDEXES.items():
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name in INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0005_right_to_work_index"),
        ("taxonomy", "0002_remove_cpv_code"),
    ]

    operations = [migrations.RunPython(create, drop)]
