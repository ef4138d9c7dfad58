from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_roles"),
    ]

    operations = [
        migrations.CreateModel(
            name="ReferenceCounter",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(max_length=40, verbose_name="type")),
                ("year", models.PositiveSmallIntegerField(verbose_name="année")),
                ("last", models.PositiveIntegerField(default=0, verbose_name="dernier numéro")),
            ],
            options={
                "verbose_name": "compteur de références",
                "verbose_name_plural": "compteurs de références",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kind", "year"), name="core_one_counter_per_kind_and_year"
                    )
                ],
            },
        ),
    ]
