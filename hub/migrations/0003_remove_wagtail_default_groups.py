"""Wagtail creates "Moderators" and "Editors" with rights on the whole site. This project's roles are made in
code (hub/roles.py, directory/partners.py, directory/signals/roles.py); the two default groups would let anyone
who manages accounts make themselves a site-wide editor or publisher, so they go."""

from django.db import migrations

WAGTAIL_DEFAULT_GROUPS = ["Moderators", "Editors"]


def remove_default_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS).delete()


class Migration(migrations.Migration):
    # After every migration that gives these groups rights, so none of them finds the group gone.
    dependencies = [
        ("hub", "0002_pages"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(remove_default_groups, migrations.RunPython.noop)]
