"""Notes move from journeys to timelines: the table stays where it is (journeys_note), only Django's
record of which app owns the model changes."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('journeys', '0002_support_timeline'),
        ('organisations', '0002_register_profile'),
        ('programmes', '0002_programme_allows_self_registration'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Note',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('subject_type', models.CharField(max_length=80, verbose_name='about')),
                        ('subject_id', models.PositiveIntegerField(verbose_name='subject id')),
                        ('body', models.TextField(verbose_name='note')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='written')),
                        ('is_private', models.BooleanField(default=False, help_text='Seen only by your organisation and the programme admins', verbose_name='only my organisation')),
                        ('due_on', models.DateField(blank=True, null=True, verbose_name='due on')),
                        ('done_at', models.DateTimeField(blank=True, null=True, verbose_name='done')),
                        ('assignee', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='tasks', to=settings.AUTH_USER_MODEL, verbose_name='assigned to')),
                        ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='author')),
                        ('author_organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='organisations.organisation', verbose_name="author's organisation")),
                        ('mentions', models.ManyToManyField(blank=True, related_name='mentioned_in', to='organisations.organisation', verbose_name='partners mentioned')),
                        ('programme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notes', to='programmes.programme', verbose_name='programme')),
                    ],
                    options={
                        'verbose_name': 'note',
                        'verbose_name_plural': 'notes',
                        'db_table': 'journeys_note',
                        'ordering': ['-created_at', '-id'],
                        'indexes': [models.Index(fields=['programme', 'subject_type', 'subject_id'], name='journeys_no_program_200b32_idx')],
                    },
                ),
            ],
        ),
    ]
