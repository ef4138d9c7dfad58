"""A user's bookings-feed link is kept as a digest only (see core.tokens), like the training
timetable links. Existing links keep working: the digest is that of the old identifier."""

import hashlib

from django.db import migrations, models


def digest_existing_links(apps, schema_editor):
    FeedToken = apps.get_model("industry", "FeedToken")
    for token in FeedToken.objects.all():
        token.digest = hashlib.sha256(str(token.token).encode()).hexdigest()
        token.save(update_fields=["digest"])


def forget_links(apps, schema_editor):
    """Going back: a digest cannot give the old identifier back, so the links are dropped."""
    apps.get_model("industry", "FeedToken").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("industry", "0002_booking_no_overlap")]

    operations = [
        migrations.AddField(
            model_name="feedtoken",
            name="digest",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(digest_existing_links, migrations.RunPython.noop),
        migrations.RemoveField(model_name="feedtoken", name="token"),
        migrations.RunPython(migrations.RunPython.noop, forget_links),
        migrations.AlterField(
            model_name="feedtoken",
            name="digest",
            field=models.CharField(editable=False, max_length=64, unique=True),
        ),
    ]
