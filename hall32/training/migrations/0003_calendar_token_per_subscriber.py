"""A timetable feed link per subscriber (the learner, each parent, a trainer), kept as a digest.

Until now one link per learner was shared by everyone who could see the timetable, so a parent
renewing it cut the learner's calendar off. Each existing link becomes the learner's own (its URL
keeps working: the digest is that of the old identifier); a link of a learner without an account
has no one to belong to and is dropped.
"""

import hashlib

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def give_links_to_their_learner(apps, schema_editor):
    CalendarToken = apps.get_model("training", "CalendarToken")
    User = apps.get_model("core", "User")
    owners = dict(
        User.objects.filter(person_id__in=CalendarToken.objects.values("person_id")).values_list(
            "person_id", "pk"
        )
    )
    for token in CalendarToken.objects.all():
        owner = owners.get(token.person_id)
        if owner is None:
            token.delete()
            continue
        token.subscriber_id = owner
        token.digest = hashlib.sha256(str(token.token).encode()).hexdigest()
        token.save(update_fields=["subscriber", "digest"])


def forget_links(apps, schema_editor):
    """Going back: a digest cannot give the old identifier back, so the links are dropped."""
    apps.get_model("training", "CalendarToken").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0002_announcements"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="calendartoken",
            name="subscriber",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="calendartoken",
            name="digest",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.AlterField(
            model_name="calendartoken",
            name="person",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="calendar_tokens",
                to="core.person",
            ),
        ),
        migrations.RunPython(give_links_to_their_learner, migrations.RunPython.noop),
        migrations.RemoveField(model_name="calendartoken", name="token"),
        migrations.RunPython(migrations.RunPython.noop, forget_links),
        migrations.AlterField(
            model_name="calendartoken",
            name="subscriber",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="calendartoken",
            name="digest",
            field=models.CharField(editable=False, max_length=64, unique=True),
        ),
        migrations.AddConstraint(
            model_name="calendartoken",
            constraint=models.UniqueConstraint(
                fields=("person", "subscriber"), name="calendar_token_one_per_subscriber"
            ),
        ),
    ]
