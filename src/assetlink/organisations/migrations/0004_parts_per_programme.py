"""Each organisation is held by the programme that recorded it first; what was recorded of it
(capabilities, certificates) becomes each programme's own copy, then belongs to a programme for good."""

import django.db.models.deletion
from django.db import migrations, models


def programmes_of(apps, organisation_id):
    Partner = apps.get_model("programmes", "Partner")
    Listing = apps.get_model("organisations", "Listing")
    found = {}
    for model in (Partner, Listing):
        date_field = "joined_on" if model is Partner else "listed_at"
        for programme_id, when in model.objects.filter(organisation_id=organisation_id).values_list(
            "programme_id", date_field
        ):
            key = str(when)
            if programme_id not in found or key < found[programme_id]:
                found[programme_id] = key
    return sorted(found, key=lambda programme_id: (found[programme_id], programme_id))


def split_per_programme(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    Capability = apps.get_model("organisations", "Capability")
    Certificate = apps.get_model("organisations", "Certificate")
    for organisation in Organisation.objects.all().iterator():
        programmes = programmes_of(apps, organisation.pk)
        if not programmes:
            Capability.objects.filter(organisation=organisation).delete()
            Certificate.objects.filter(organisation=organisation).delete()
            continue
        organisation.held_by_id = programmes[0]
        organisation.save(update_fields=["held_by"])
        for model in (Capability, Certificate):
            parts = list(model.objects.filter(organisation=organisation, programme__isnull=True))
            model.objects.filter(pk__in=[part.pk for part in parts]).update(programme_id=programmes[0])
            for programme_id in programmes[1:]:
                for part in parts:
                    part.pk = None
                    part.programme_id = programme_id
                    part.save()


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0003_held_by_and_link_requests"),
        ("programmes", "0003_operator_access"),
    ]

    operations = [
        migrations.RunPython(split_per_programme, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="capability",
            name="programme",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="programmes.programme",
                verbose_name="programme",
            ),
        ),
        migrations.AlterField(
            model_name="certificate",
            name="programme",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="programmes.programme",
                verbose_name="programme",
            ),
        ),
    ]
