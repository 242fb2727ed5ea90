import pytest

from tests.conftest import kept_for_the_module

from .pages import build_public_pages


@pytest.fixture(scope="module")
def public_pages(django_db_setup, django_db_blocker):
    """The network of tests/frontend/pages.py, built once per module (tests.conftest.kept_for_the_module)."""
    with kept_for_the_module(django_db_blocker):
        with django_db_blocker.unblock():
            built = build_public_pages()
        yield built
