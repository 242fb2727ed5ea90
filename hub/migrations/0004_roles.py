"""Every role of hub/roles.py (coordinators, signallers, the approval workflow, the contributions collection), so
an upgraded site gets the same groups as a new one. The receiver after every migrate (hub/receivers.py) runs the
same function again with the real models; this migration makes the roles part of the schema's history.

It passes the migration's historical models to ensure_roles(), which looks every model up through `apps`, makes
the permissions it grants itself (Django makes them only after the last migration) and numbers new collections
without treebeard's methods. The real models would break this migration as soon as a later migration adds a
column to any of them: a new database runs this step before that column exists.
"""

from django.db import migrations

from hub.roles import ensure_roles


def create_roles(apps, schema_editor):
    ensure_roles(apps)


class Migration(migrations.Migration):
    # After the migrations of every app whose models, permissions and pages the roles name.
    dependencies = [
        ("hub", "0003_remove_wagtail_default_groups"),
        ("directory", "0004_reviewreminder"),
        ("resources", "0003_contributors_details_expire"),
        ("signals", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
