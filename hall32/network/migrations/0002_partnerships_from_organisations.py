"""Each organisation's partnership dates (core's Organisation.partner_since / partner_until) become
a Partnership of the kind that fits the organisation, from which the partner counts now come."""

from django.db import migrations
from django.utils import timezone

# The kind each sort of organisation was a partner as (a founder company is counted as a company
# partner through its founder partnership: see Partnership.PARTNER_COMPANY_KINDS).
KINDS = {"company": "company", "school": "school", "agency": "referral", "funder": "funder", "public_body": "funder"}


def forwards(apps, schema_editor):
    Organisation = apps.get_model("core", "Organisation")
    Partnership = apps.get_model("network", "Partnership")
    today = timezone.localdate()
    rows = []
    for org in Organisation.objects.filter(partner_since__isnull=False).iterator():
        ended = org.partner_until is not None and org.partner_until < today
        rows.append(
            Partnership(
                organisation_id=org.pk,
                kind="founder" if org.is_founder else KINDS[org.kind],
                stage="lapsed" if ended else "partner",
                start=org.partner_since,
                end=org.partner_until,
            )
        )
    Partnership.objects.bulk_create(rows, batch_size=500)


def backwards(apps, schema_editor):
    apps.get_model("network", "Partnership").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("network", "0001_partnerships")]

    operations = [migrations.RunPython(forwards, backwards)]
