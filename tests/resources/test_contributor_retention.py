"""Contributors' names and e-mail addresses are deleted a retention period after the coordinator's review."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import TaskState

from hub.roles import approval_workflow
from resources.models import Contribution
from tests.directory.factories import coordinator
from tests.resources.factories import MethodPageFactory


def purge(**options):
    out = io.StringIO()
    call_command("purge_contributions", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def proposal(method_index):
    """A method proposed through the public form: a draft in the coordinator's workflow, with its sender."""

    def _proposal(name):
        method = MethodPageFactory(parent=method_index, live=False, title=f"Methode van {name}")
        contribution = Contribution.objects.create(
            kind=Contribution.Kind.METHOD,
            method=method,
            name=name,
            email="iemand@example.org",
            organisation="Stad Geel",
            city="Geel",
        )
        state = approval_workflow().start(method, coordinator())
        return contribution, state

    return _proposal


def reviewed(state, months_ago):
    state.current_task_state.approve(user=coordinator())
    when = timezone.now() - datetime.timedelta(days=round(30.5 * months_ago))
    TaskState.objects.filter(workflow_state=state).update(finished_at=when)


def test_details_go_twelve_months_after_the_review_and_not_before(proposal, settings):
    assert settings.CONTRIBUTIONS_RETENTION_MONTHS == 12
    old, old_review = proposal("Anna Peeters")
    recent, recent_review = proposal("Bram Claes")
    reviewed(old_review, months_ago=13)
    reviewed(recent_review, months_ago=2)

    assert "of 1 contributor(s)" in purge()

    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.name, old.email) == ("", "")
    assert (old.organisation, old.city) == ("Stad Geel", "Geel")  # no person in these: the log keeps them
    assert (recent.name, recent.email) == ("Bram Claes", "iemand@example.org")


def test_a_proposal_still_in_review_keeps_its_sender_however_old(proposal):
    waiting, _state = proposal("Chloé Dubois")
    Contribution.objects.filter(pk=waiting.pk).update(received_at=timezone.now() - datetime.timedelta(days=800))
    assert "of 0 contributor(s)" in purge()
    waiting.refresh_from_db()
    assert waiting.name == "Chloé Dubois"


def test_a_proposal_whose_method_was_deleted_counts_from_its_arrival(proposal):
    gone, _state = proposal("Dirk Janssens")
    gone.method.delete()
    Contribution.objects.filter(pk=gone.pk).update(received_at=timezone.now() - datetime.timedelta(days=400))
    purge()
    gone.refresh_from_db()
    assert (gone.name, gone.email) == ("", "")


def test_the_period_can_be_set_but_not_to_nothing(proposal):
    contribution, state = proposal("Els Wouters")
    reviewed(state, months_ago=4)
    purge(months=3)
    contribution.refresh_from_db()
    assert contribution.name == ""
    with pytest.raises(Exception, match="at least one month"):
        purge(months=0)
