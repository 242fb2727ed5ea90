"""The interface is translated (Dutch at B1 level, French) and compiled, not only written."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_every_interface_text_is_translated(language):
    po = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not untranslated, f"{len(untranslated)} texts without a {language} translation: {untranslated[:10]}"
    assert not fuzzy, f"{len(fuzzy)} {language} translations marked fuzzy: {fuzzy[:10]}"


@pytest.mark.parametrize("language", ["nl", "en", "fr"])
def test_translations_are_compiled(language):
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    mo = folder / "django.mo"
    assert mo.exists(), "run `manage.py compilemessages` (make test and make run do it)"
    assert mo.stat().st_mtime >= (folder / "django.po").stat().st_mtime, "django.mo is older than django.po"
