"""`manage.py export_uitdatabank FOLDER`: every published offer UiTdatabank takes, as the body of its Entry API's
`POST /events`, one file per offer (`<offer key>.json`, as the offer's download is named), and the offers left
out with the reason. Nothing is sent anywhere."""

import json
import re
from pathlib import Path

from django.core.management.base import BaseCommand

from directory.uitdatabank import export, published_offers

# The files this command writes; others in the folder are left alone.
EXPORTED = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.json$")


class Command(BaseCommand):
    help = "Write the UiTdatabank body (POST /events) of every published offer it takes into a folder."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="Where to write <offer key>.json files (made if missing).")

    def handle(self, *args, folder, **options):
        bodies, left_out = export(published_offers())
        folder.mkdir(parents=True, exist_ok=True)
        # An offer that is no longer taken (or no longer published) must not be posted from an earlier run.
        for old in folder.iterdir():
            if EXPORTED.match(old.name) and old.stem not in {str(key) for key in bodies}:
                old.unlink()
        for key, body in bodies.items():
            (folder / f"{key}.json").write_text(json.dumps(body, ensure_ascii=False, indent=2), encoding="utf-8")
        self.stdout.write(f"Wrote {len(bodies)} offers to {folder}.")
        for offer, reason in sorted(left_out, key=lambda item: item[0].title.lower()):
            self.stdout.write(f'Left out "{offer.title}" ({offer.translation_key}): {reason}.')
