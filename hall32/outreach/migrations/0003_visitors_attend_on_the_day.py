from django.db import migrations, models
from django.utils import timezone


def forget_attendance_recorded_in_advance(apps, schema_editor):
    """Registrations used to be stored as attended from the start: for open days still to come,
    nobody has come yet. Past open days keep what they hold (nothing better is known)."""
    VisitorRegistration = apps.get_model("outreach", "VisitorRegistration")
    VisitorRegistration.objects.filter(event__start__gt=timezone.now(), attended=True).update(attended=False)


class Migration(migrations.Migration):
    dependencies = [
        ("outreach", "0002_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="visitorregistration",
            name="attended",
            field=models.BooleanField(default=False, verbose_name="venu·e"),
        ),
        migrations.RunPython(forget_attendance_recorded_in_advance, migrations.RunPython.noop),
    ]
