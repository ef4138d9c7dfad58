"""The partner dates leave Organisation: network's Partnership holds them now (its migration 0002
made the partnerships from these fields, so it must run first)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0003_reference_counter'),
        ('network', '0002_partnerships_from_organisations'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='organisation',
            name='organisation_partnership_dates',
        ),
        migrations.RemoveField(
            model_name='organisation',
            name='partner_since',
        ),
        migrations.RemoveField(
            model_name='organisation',
            name='partner_until',
        ),
    ]
