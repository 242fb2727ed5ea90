import pytest
from django.db import transaction

from .pages import build_public_pages


@pytest.fixture(scope="module")
def public_pages(django_db_setup, django_db_blocker):
    """The network of tests/frontend/pages.py, built once per module in a transaction that is rolled back at
    its end; each test runs in a savepoint inside it, so what a test changes is gone for the next."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            built = build_public_pages()
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
