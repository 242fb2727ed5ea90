from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("hub_search", "0001_initial"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="indexstate",
            name="version",
        ),
        migrations.CreateModel(
            name="IndexChange",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("catalogue", models.CharField(max_length=40)),
                ("page_id", models.PositiveIntegerField(null=True)),
                ("token", models.CharField(max_length=32)),
            ],
            options={
                "indexes": [models.Index(fields=["catalogue", "id"], name="hub_search__catalog_2a1eac_idx")],
            },
        ),
    ]
