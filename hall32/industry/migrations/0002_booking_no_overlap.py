"""PostgreSQL's guarantee that a machine is never booked twice: an exclusion constraint on
(machine, time range) over confirmed bookings. Other databases rely on the same check in
industry.services.bookings (which also runs on PostgreSQL, to name the conflicting booking)."""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE industry_booking ADD CONSTRAINT industry_booking_no_overlap
    EXCLUDE USING gist (equipment_id WITH =, tstzrange(start, "end", '[)') WITH &&)
    WHERE (status = 'confirmed');
"""
DROP = "ALTER TABLE industry_booking DROP CONSTRAINT IF EXISTS industry_booking_no_overlap;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("industry", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
