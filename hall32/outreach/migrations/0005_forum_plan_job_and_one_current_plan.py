import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def link_plans_to_their_job(apps, schema_editor):
    """A finished planner job named its plan in its result; a job still queued or failed has none."""
    Job = apps.get_model("core", "Job")
    ForumPlan = apps.get_model("outreach", "ForumPlan")
    for job in Job.objects.filter(kind="forum_plan").only("pk", "result"):
        plan = job.result.get("plan") if isinstance(job.result, dict) else None
        if isinstance(plan, int):
            ForumPlan.objects.filter(pk=plan, job__isnull=True).update(job=job)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("outreach", "0004_keep_one_current_forum_plan"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="forumplan",
            constraint=models.UniqueConstraint(
                condition=models.Q(("is_current", True)),
                fields=("event",),
                name="outreach_one_current_plan_per_event",
            ),
        ),
        migrations.AddField(
            model_name="forumplan",
            name="job",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="core.job",
            ),
        ),
        migrations.AlterField(
            model_name="forumplan",
            name="status",
            field=models.CharField(
                choices=[
                    ("OPTIMAL", "Optimal (prouvé)"),
                    ("FEASIBLE", "Réalisable (non prouvé optimal)"),
                    ("INFEASIBLE", "Impossible"),
                    ("UNKNOWN", "Aucun plan trouvé dans le temps imparti"),
                    ("EDITED", "Modifié à la main"),
                    ("PENDING", "En cours de calcul"),
                ],
                max_length=12,
                verbose_name="statut",
            ),
        ),
        migrations.RunPython(link_plans_to_their_job, migrations.RunPython.noop),
    ]
