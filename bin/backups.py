"""What bin/backup and bin/restore share: the files of a backup folder and the way to the database.

Both read the site's own configuration, DATABASE_URL and MEDIA_ROOT, so that they reach the database and the
media folder the site uses, inside the web container as on a developer's machine.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

DUMP = "database.dump"
MEDIA = "media.tar.gz"
# Written last: a folder without it holds an interrupted backup.
MANIFEST = "manifest.json"

TABLES = """
    SELECT count(*) FROM pg_class JOIN pg_namespace ON pg_namespace.oid = relnamespace
    WHERE relkind IN ('r', 'p') AND nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg_toast%'
"""


class Database:
    """The site's PostgreSQL database, from DATABASE_URL (postgres://user:password@host:port/name)."""

    def __init__(self):
        self.url = os.environ.get("DATABASE_URL", "")
        if urlsplit(self.url).scheme not in ("postgres", "postgresql"):
            fail("DATABASE_URL must point at the site's PostgreSQL database (postgres://user:password@host/name).")
        params = conninfo_to_dict(self.url)
        self.name = params["dbname"]
        # The password reaches pg_dump and pg_restore through their environment, not their command line,
        # where every process of the container could read it.
        password = params.pop("password", None)
        self.conninfo = make_conninfo(**params)
        self.environment = os.environ | ({"PGPASSWORD": password} if password else {})

    def connect(self):
        return psycopg.connect(self.url, autocommit=True)

    def run(self, program, *arguments):
        """pg_dump or pg_restore on this database; their own messages say what went wrong."""
        if not shutil.which(program):
            fail(f"{program} is missing: install the PostgreSQL client of the server's major version or newer.")
        command = [program, *arguments, f"--dbname={self.conninfo}"]
        if subprocess.run(command, env=self.environment).returncode:  # noqa: S603 - our arguments, the site's URL
            fail(f"{program} failed (its message is above).")

    def count_tables(self):
        with self.connect() as connection:
            return connection.execute(TABLES).fetchone()[0]


def media_root():
    return Path(os.environ.get("MEDIA_ROOT") or fail("MEDIA_ROOT must name the site's media folder."))


def fail(message):
    sys.exit(f"{Path(sys.argv[0]).name}: {message}")
