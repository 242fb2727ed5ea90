"""The demo's smoke suite, the only tests that load the demo network: the network and its signals
(test_network.py), the method library and framework in French (test_library.py), and the language of every
English and French text (test_languages.py).

The demo is loaded once for this whole folder, on the site as `setup_site` makes it (each section with the
words of its own language, as a city has it before loading the demo), inside a transaction rolled back when
the folder's last test is done, so no other test sees demo data. Under pytest-xdist the folder runs whole on
one worker (tests/conftest.py keeps it together), so the demo is loaded once per run.
"""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page

from tests.conftest import kept_for_the_module


def load_demo():
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker):
    with kept_for_the_module(django_db_blocker):
        with django_db_blocker.unblock():
            Page.objects.filter(depth=2).delete()  # the test site makes way for setup_site's
            call_command("setup_site", stdout=io.StringIO())
            load_demo()
        yield
