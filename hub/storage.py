"""Uploads on the local disk, with documents under names no one can guess.

Documents are downloaded only through Wagtail's serve view (`WAGTAILDOCS_SERVE_METHOD = "serve_view"`), which
checks the collection's view restriction; the files themselves are never served from /media/. As a second
line, should a proxy or a backup ever expose the folder, each new document lies in a random folder:
documents/<32 hex>/<original name>. Keeping the original name as the file's own name keeps the download link
readable (/documents/<id>/werkblad.pdf) and the saved file named as its author named it.

The random part lives in the storage rather than in Wagtail's document model: `upload_to` is fixed on that
model, and changing it would mean swapping in a custom document model (WAGTAILDOCS_DOCUMENT_MODEL) with a
migration of every document and its references. Names stored before keep working, since only new names
are generated here. Images are public (renditions and originals), so their names stay as Wagtail makes them.
"""

import posixpath
import secrets

from django.core.files.storage import FileSystemStorage

DOCUMENTS_FOLDER = "documents"


class MediaStorage(FileSystemStorage):
    def generate_filename(self, filename):
        name = super().generate_filename(filename)
        folder, basename = posixpath.split(name)
        if folder == DOCUMENTS_FOLDER:
            return posixpath.join(folder, secrets.token_hex(16), basename)
        return name
