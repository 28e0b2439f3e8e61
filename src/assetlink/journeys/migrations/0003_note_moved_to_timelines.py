"""Notes now belong to the timelines app (its 0001 takes the model over; the table is unchanged)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('journeys', '0002_support_timeline'),
        ('timelines', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name='Note')],
        ),
    ]
