"""Matches are named by a random handle in pages and the API, not by their id."""

import uuid

from django.db import migrations, models


def give_handles(apps, schema_editor):
    Match = apps.get_model("matching", "Match")
    for match in Match.objects.filter(handle__isnull=True).only("pk").iterator():
        Match.objects.filter(pk=match.pk).update(handle=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_matches")]

    operations = [
        migrations.AddField(
            model_name="match",
            name="handle",
            field=models.UUIDField(editable=False, null=True, verbose_name="handle"),
        ),
        migrations.RunPython(give_handles, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="match",
            name="handle",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name="handle"),
        ),
    ]
