"""Related methods found by shared themes and tags, in a library without the lesson package of test_methods.py."""

import pytest

from .conftest import make_method

pytestmark = pytest.mark.django_db


def test_related_methods_never_show_drafts(method_index, draft_method):
    sharing = [make_method(method_index, f"Methode {n}", themes=["mediawijsheid"], tags=["school"]) for n in range(3)]
    for page in sharing:
        found = page.related_methods(limit=10)
        assert found == [other for other in sharing if other != page]
        assert draft_method not in found


def test_a_method_without_tags_still_finds_methods_sharing_its_themes(method_index):
    first, second = (make_method(method_index, title, themes=["mediawijsheid"]) for title in ("Eerste", "Tweede"))
    assert first.related_methods() == [second]
