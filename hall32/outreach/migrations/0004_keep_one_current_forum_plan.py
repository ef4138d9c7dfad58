from django.db import migrations


def keep_the_latest_current_plan(apps, schema_editor):
    """Two current plans for one event could be stored at once before the lock: the latest stays
    current, as the pages already showed it."""
    ForumPlan = apps.get_model("outreach", "ForumPlan")
    seen: set[int] = set()
    for plan in ForumPlan.objects.filter(is_current=True).order_by("event_id", "-created_at", "-pk"):
        if plan.event_id in seen:
            ForumPlan.objects.filter(pk=plan.pk).update(is_current=False)
        seen.add(plan.event_id)


class Migration(migrations.Migration):
    # Apart from 0005: PostgreSQL refuses the unique index in the transaction that updated the rows
    # ("pending trigger events").
    dependencies = [
        ("outreach", "0003_visitors_attend_on_the_day"),
    ]

    operations = [migrations.RunPython(keep_the_latest_current_plan, migrations.RunPython.noop)]
