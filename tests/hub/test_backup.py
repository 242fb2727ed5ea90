"""A city's backup brings its whole site back: bin/backup, bin/restore into an empty database and media folder,
then the site started as docker compose starts it, serving the same pages, revisions, signals and documents.

These are the README's commands ("Backup and restore") without docker around them: the same scripts and the
same entrypoint, with the environment the compose file gives the web container (production settings,
DATABASE_URL, MEDIA_ROOT).
"""

import datetime
import json
import re
from importlib.metadata import version

import pytest
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from psycopg import sql
from wagtail.models import Collection
from wagtail_factories import DocumentFactory

from directory.models import Threshold
from directory.signals.models import AgeBand, Signal, SignalCount
from tests.directory.factories import vocabulary
from tests.hub.factories import StandardPageFactory
from tests.hub.production import ROOT, database_url, run, serving, web_container

ANNUAL_REPORT = b"Jaarverslag 2024 van het netwerk Verbinding.\n"

# What the site holds, read through its own models: every page with its revisions, every signal, every document.
HOLDINGS = """
import json
from django.db.models import Count
from wagtail.documents.models import Document
from wagtail.models import Page, Revision
from directory.signals.models import Signal
revisions = dict(Revision.objects.page_revisions().values_list("object_id").annotate(Count("pk")))
print(json.dumps({
    "pages": sorted([p.url_path, p.title, p.live, revisions.get(str(p.pk), 0)] for p in Page.objects.all()),
    "signals": sorted(
        [s.source, s.language, s.age_band, s.text, s.date.isoformat(),
         sorted([str(key), count] for key, count in s.counts.values_list("threshold_key", "count"))]
        for s in Signal.objects.all()
    ),
    "documents": sorted([d.title, d.file.name, d.collection.name] for d in Document.objects.all()),
}))
"""


def holdings(environment):
    return json.loads(run(["python", "manage.py", "shell", "--no-imports", "-c", HOLDINGS], environment).stdout)


@pytest.fixture(scope="module")
def committed_skeleton(django_db_setup, django_db_blocker):
    """pg_dump sees only committed data, so the round trip is a transactional test, after which Django empties
    the database. As tests/browser/conftest.py does, the site skeleton (tests/conftest.py) is serialised for
    Django's "serialized rollback" (which then empties the database without re-running post_migrate), and put
    back for the tests that run later."""
    with django_db_blocker.unblock():
        skeleton = connection.creation.serialize_db_to_string()
    before = getattr(connection, "_test_serialized_contents", None)
    connection._test_serialized_contents = skeleton
    yield
    with django_db_blocker.unblock():
        connection.creation.deserialize_db_from_string(skeleton)
    if before is None:
        del connection._test_serialized_contents
    else:
        connection._test_serialized_contents = before


@pytest.fixture
def empty_database(transactional_db):
    """A new, empty database on the test server, as `docker compose up db` gives a new deployment."""
    name = f"{connection.settings_dict['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield name
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="backups are PostgreSQL dumps (pg_dump, pg_restore): run with bin/with-postgres",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_restored_into_an_empty_database_serves_the_same_pages_revisions_signals_and_documents(
    committed_skeleton, empty_database, settings, tmp_path, home, organisation
):
    settings.MEDIA_ROOT = tmp_path / "media"
    organisation.summary_text = "Open op woensdag en zaterdag."
    organisation.save_revision().publish()
    draft = StandardPageFactory(parent=home, title="Verslag van de stuurgroep", slug="stuurgroep", live=False)
    signal = Signal.objects.create(
        source=Signal.Source.YOUNG_PERSON, language="nl", age_band=AgeBand.FROM_12, text="Te duur voor mij."
    )
    cost = vocabulary(Threshold, "kost")[0]
    SignalCount.objects.create(signal=signal, threshold_key=cost.translation_key)
    document = DocumentFactory(
        title="Jaarverslag 2024",
        collection=Collection.get_first_root_node(),
        file__filename="jaarverslag.txt",
        file__data=ANNUAL_REPORT,
    )
    static = tmp_path / "static"
    site = web_container(database_url(connection.settings_dict["NAME"]), settings.MEDIA_ROOT, static)
    before = holdings(site)
    assert [page[1:] for page in before["pages"] if page[1] in (organisation.title, draft.title)] == [
        [organisation.title, True, 2],
        [draft.title, False, 1],
    ]
    assert before["signals"] == [
        ["young_person", "nl", "12-15", "Te duur voor mij.", signal.date.isoformat(), [[str(cost.translation_key), 1]]]
    ]
    assert before["documents"] == [["Jaarverslag 2024", document.file.name, "Root"]]

    backup = tmp_path / "backup"
    tables = len(connection.introspection.table_names())
    assert run(["bin/backup", str(backup)], site).stdout == (
        f"Backed up database {connection.settings_dict['NAME']} ({tables} tables) and 1 media file(s) "
        f"from {settings.MEDIA_ROOT} into {backup}.\n"
    )
    assert sorted(path.name for path in backup.iterdir()) == ["database.dump", "manifest.json", "media.tar.gz"]
    manifest = json.loads((backup / "manifest.json").read_text())
    assert datetime.datetime.fromisoformat(manifest["created"]).tzinfo == datetime.UTC
    assert manifest["wagtail"] == version("wagtail")
    latest = MigrationRecorder.Migration.objects.filter(app="wagtailcore").order_by("-name").first()
    assert manifest["migrations"]["wagtailcore"] == latest.name

    restored_media = tmp_path / "restored-media"
    restored_media.mkdir()
    restored = web_container(database_url(empty_database), restored_media, static)
    assert run(["bin/restore", str(backup)], restored).stdout == (
        f"Restored the backup of {manifest['created']} (Wagtail {manifest['wagtail']}) from {backup}: "
        f"database {empty_database} ({tables} tables) and 1 media file(s) into {restored_media}.\n"
    )
    assert holdings(restored) == before
    # Restoring again would mix the backup into a site: refused, unless told.
    assert run(["bin/restore", str(backup)], restored, status=1).stderr == (
        f"restore: database {empty_database} is not empty ({tables} tables); restore into an empty one, or --force.\n"
    )

    run(["python", "manage.py", "collectstatic", "--no-input", "--verbosity", "0"], restored)  # the image's build
    with serving(restored, tmp_path / "web.log") as get:
        status, page = get(organisation.url)
        assert status == 200
        assert "Open op woensdag en zaterdag." in page.decode()
        assert get(draft.url)[0] == 404
        assert get(document.url) == (200, ANNUAL_REPORT)


def test_the_image_can_dump_the_database_server_of_docker_compose():
    """pg_dump refuses servers of a newer major version than its own."""
    client = re.search(r"postgresql-client-(\d+)", (ROOT / "Dockerfile").read_text())
    server = re.search(r"image: postgres:(\d+)", (ROOT / "docker-compose.yml").read_text())
    assert client and server
    assert int(client[1]) >= int(server[1])
