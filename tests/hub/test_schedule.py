"""The scheduled jobs: hub/schedule.cron, the scheduler that runs it (`manage.py run_schedule`) and its container.

The timing is checked through `jobs_due()` at chosen Brussels times, summer-time changes included; `--once` runs the
real schedule on data the test builds and each job's effect is looked for; the loop runs on a fake clock.
"""

import datetime
import io
import logging
import os
import subprocess
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from dateutil.relativedelta import relativedelta
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.management import CommandError, call_command, get_commands
from django.utils import timezone
from wagtail.models import Page

from directory.signals.models import Signal
from hub.management.commands import run_schedule
from hub.management.commands.run_schedule import HEARTBEAT, SCHEDULE, jobs_due, read_schedule
from hub.search.models import SearchDocument
from tests.directory.factories import OfferPageFactory, OrganisationPageFactory, partner
from tests.hub.factories import StandardPageFactory

COMPOSE_FILE = Path(__file__).resolve().parents[2] / "docker-compose.yml"
BRUSSELS = ZoneInfo("Europe/Brussels")
LOGGER = "hub.management.commands.run_schedule"


def brussels(*fields, fold=0):
    """A time on the clocks in Brussels."""
    return datetime.datetime(*fields, tzinfo=BRUSSELS, fold=fold)


def due_at(*fields, fold=0):
    """The commands due in the minute ending at that time in Brussels."""
    return {job.command for job in jobs_due(read_schedule(), brussels(*fields, fold=fold))}


def schedule_file(tmp_path, *lines):
    path = tmp_path / "schedule.cron"
    path.write_text("# a schedule of the test's own\n" + "\n".join(lines) + "\n")
    return path


def run(*args):
    out = io.StringIO()
    call_command("run_schedule", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def job_log(caplog):
    return [record.getMessage() for record in caplog.records if record.name == LOGGER]


# --- The schedule file ------------------------------------------------------------------------------------------


def test_the_schedule_runs_the_jobs_the_site_depends_on():
    jobs = read_schedule()
    assert [job.name for job in jobs] == [
        "publish_scheduled",
        "rebuild_search_index",
        "purge_signal_texts",
        "purge_contributions",
        "clearsessions",
        "clear_expired_cache",
        "remind_partners",
    ]
    assert all(job.command in get_commands() for job in jobs)


def test_every_job_says_why_it_runs_when_it_does():
    lines = SCHEDULE.read_text().splitlines()
    for number, line in enumerate(lines):
        if line.strip() and not line.startswith("#"):
            assert lines[number - 1].startswith("# "), f"no comment above {line!r}"


def test_a_mistake_in_the_schedule_stops_the_scheduler_at_start(tmp_path):
    path = schedule_file(tmp_path, "*/5 * * * publish_scheduled", "0 3 * * * rebuild_search_indexes")
    with pytest.raises(CommandError) as error:
        run("--list", "--schedule", str(path))
    assert "line 2: expected five cron fields and a command, found '*/5 * * * publish_scheduled'" in str(error.value)
    assert "line 3: there is no manage.py command 'rebuild_search_indexes'" in str(error.value)


# --- When jobs are due ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("time", "due"),
    [
        pytest.param((2026, 6, 3, 10, 5), {"publish_scheduled"}, id="every five minutes"),
        pytest.param((2026, 6, 3, 10, 6), set(), id="between"),
        pytest.param((2026, 6, 3, 3, 30), {"publish_scheduled", "rebuild_search_index"}, id="nightly"),
        pytest.param((2026, 6, 4, 3, 31), set(), id="a minute after the nightly run"),
        pytest.param((2026, 6, 3, 4, 0), {"publish_scheduled", "purge_signal_texts"}, id="retention"),
        pytest.param((2026, 6, 3, 4, 30), {"publish_scheduled", "clearsessions"}, id="sessions"),
        pytest.param((2026, 6, 1, 9, 0), {"publish_scheduled", "remind_partners"}, id="Monday morning"),
        pytest.param((2026, 6, 2, 9, 0), {"publish_scheduled"}, id="Tuesday morning"),
    ],
)
def test_jobs_fall_due_at_their_time_in_brussels(time, due):
    assert due_at(*time) == due


def test_the_times_are_brussels_times_not_utc():
    # 03:30 in Brussels is 01:30 UTC in summer and 02:30 UTC in winter.
    summer = datetime.datetime(2026, 6, 3, 1, 30, tzinfo=datetime.UTC)
    winter = datetime.datetime(2026, 1, 7, 2, 30, tzinfo=datetime.UTC)
    for moment in (summer, winter):
        assert "rebuild_search_index" in {job.command for job in jobs_due(read_schedule(), moment)}
        hour_earlier = moment - datetime.timedelta(hours=1)
        assert "rebuild_search_index" not in {job.command for job in jobs_due(read_schedule(), hour_earlier)}


@pytest.mark.parametrize(
    "night",
    [
        pytest.param(datetime.date(2026, 3, 29), id="summer time starts (02:00 becomes 03:00)"),
        pytest.param(datetime.date(2026, 10, 25), id="summer time ends (03:00 becomes 02:00)"),
    ],
)
def test_on_the_nights_the_clocks_change_each_nightly_job_runs_once_and_publishing_every_five_minutes(night):
    """Minute by minute through the night, as the scheduler's loop looks: from midnight to 06:00 on the clock."""
    start = brussels(night.year, night.month, night.day).astimezone(datetime.UTC)
    end = brussels(night.year, night.month, night.day, 6).astimezone(datetime.UTC)
    runs = {}
    minute = start
    while minute < end:
        until = minute + datetime.timedelta(minutes=1)
        for job in jobs_due(read_schedule(), until, since=minute):
            runs.setdefault(job.command, []).append(until)
        minute = until
    real_minutes = (end - start) / datetime.timedelta(minutes=1)
    assert real_minutes == (5 if night.month == 3 else 7) * 60
    assert len(runs["publish_scheduled"]) == real_minutes / 5
    gaps = {b - a for a, b in zip(runs["publish_scheduled"], runs["publish_scheduled"][1:], strict=False)}
    assert gaps == {datetime.timedelta(minutes=5)}
    # Differences of aware times in one zone are wall-clock differences: the runs are kept in UTC, shown in Brussels.
    for command, times in {
        "rebuild_search_index": ["03:30"],
        "purge_signal_texts": ["04:00"],
        "purge_contributions": ["04:15"],
        "clearsessions": ["04:30"],
        "clear_expired_cache": ["04:45"],
    }.items():
        assert [run.astimezone(BRUSSELS).strftime("%H:%M") for run in runs[command]] == times


def test_in_the_hour_that_happens_twice_both_are_looked_at():
    # 25 October 2026: 02:05 comes first in summer time (fold 0), then again in winter time (fold 1).
    assert due_at(2026, 10, 25, 2, 5, fold=0) == {"publish_scheduled"}
    assert due_at(2026, 10, 25, 2, 5, fold=1) == {"publish_scheduled"}
    assert due_at(2026, 10, 25, 2, 6, fold=1) == set()


def test_after_a_long_job_what_fell_due_meanwhile_runs_once():
    jobs = read_schedule()
    due = jobs_due(jobs, brussels(2026, 6, 3, 3, 58), since=brussels(2026, 6, 3, 3, 29))
    # rebuild_search_index itself ran from 03:30 to 03:58: publishing was due five times, and runs once.
    assert [job.command for job in due] == ["publish_scheduled", "rebuild_search_index"]


def test_the_list_shows_each_job_with_its_next_run(monkeypatch):
    monkeypatch.setattr(run_schedule, "now", lambda: brussels(2026, 6, 6, 10, 2))  # a Saturday
    lines = run("--list").splitlines()
    assert lines[0] == "Times in Europe/Brussels:"
    assert lines[1:] == [
        "*/5 * * * *  next 2026-06-06 10:05 CEST  publish_scheduled",
        "30 3 * * *   next 2026-06-07 03:30 CEST  rebuild_search_index",
        "0 4 * * *    next 2026-06-07 04:00 CEST  purge_signal_texts",
        "15 4 * * *   next 2026-06-07 04:15 CEST  purge_contributions",
        "30 4 * * *   next 2026-06-07 04:30 CEST  clearsessions",
        "45 4 * * *   next 2026-06-07 04:45 CEST  clear_expired_cache",
        "0 9 * * 1    next 2026-06-08 09:00 CEST  remind_partners",
    ]


# --- Running the jobs -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_once_runs_every_job_of_the_schedule_for_real(home, directory_index, caplog):
    caplog.set_level(logging.INFO, logger=LOGGER)
    now = timezone.now()
    # publish_scheduled: a page an editor scheduled for a moment that has now passed.
    scheduled = StandardPageFactory(parent=home, title="Zomerwerking", live=False)
    scheduled.go_live_at = now + datetime.timedelta(hours=1)
    revision = scheduled.save_revision()
    revision.publish()
    revision.content["go_live_at"] = (now - datetime.timedelta(minutes=1)).isoformat()
    revision.approved_go_live_at = now - datetime.timedelta(minutes=1)
    revision.save()
    # rebuild_search_index: an offer whose search document got lost.
    organisation = OrganisationPageFactory(parent=directory_index)
    offer = OfferPageFactory(parent=organisation, last_checked=timezone.localdate() - relativedelta(months=7))
    SearchDocument.objects.filter(page_id=offer.pk).delete()
    # purge_signal_texts: a signal older than the retention period.
    signal = Signal.objects.create(
        source=Signal.Source.YOUNG_PERSON,
        language="nl",
        text="Ik ken daar niemand.",
        date=timezone.localdate() - relativedelta(months=13),
    )
    # clearsessions: a session that expired yesterday.
    Session.objects.create(session_key="x" * 32, session_data="", expire_date=now - datetime.timedelta(days=1))
    # remind_partners: the offer above was last checked seven months ago.
    account = partner(organisation)

    output = run("--once")

    assert Page.objects.get(pk=scheduled.pk).live
    assert SearchDocument.objects.filter(page_id=offer.pk).exists()
    signal.refresh_from_db()
    assert signal.text == ""
    assert not Session.objects.filter(session_key="x" * 32).exists()
    assert [message.to for message in mail.outbox] == [[account.email]]
    assert output.splitlines()[-1] == "Ran 7 jobs."
    assert [line.split(" (")[0] for line in job_log(caplog)] == [f"{job.name}: ok" for job in read_schedule()]


@pytest.mark.django_db
def test_a_failing_job_is_logged_and_the_others_still_run(tmp_path, caplog):
    caplog.set_level(logging.INFO, logger=LOGGER)
    Session.objects.create(
        session_key="y" * 32, session_data="", expire_date=timezone.now() - datetime.timedelta(days=1)
    )
    path = schedule_file(tmp_path, "* * * * * purge_signal_texts --months 0", "* * * * * clearsessions")
    with pytest.raises(CommandError, match=r"^1 of 2 jobs failed: purge_signal_texts --months 0\.$"):
        run("--once", "--schedule", str(path))
    assert not Session.objects.filter(session_key="y" * 32).exists()
    failed, ok = job_log(caplog)
    assert failed.startswith("purge_signal_texts --months 0: failed (")
    assert failed.endswith("s): Keep free text for at least one month.")
    assert ok.startswith("clearsessions: ok (")
    failure = next(record for record in caplog.records if record.name == LOGGER)
    assert failure.levelno == logging.ERROR
    assert not failure.exc_info  # a command's own error message says it all; a bug would add its traceback


class LoopStopped(Exception):
    pass


@pytest.mark.django_db
def test_the_loop_runs_what_falls_due_each_minute_and_keeps_its_heartbeat(tmp_path, monkeypatch, caplog):
    caplog.set_level(logging.INFO, logger=LOGGER)
    clock = [brussels(2026, 6, 3, 10, 3, 30)]
    slept = []

    def fake_sleep(seconds):
        slept.append(seconds)
        clock[0] += datetime.timedelta(seconds=seconds)
        if clock[0] > brussels(2026, 6, 3, 10, 11):
            raise LoopStopped

    monkeypatch.setattr(run_schedule, "now", lambda: clock[0])
    monkeypatch.setattr(run_schedule, "sleep", fake_sleep)
    # The test runs inside a transaction, which closing the connection would break.
    monkeypatch.setattr(run_schedule, "close_old_connections", lambda: None)
    heartbeat = tmp_path / HEARTBEAT.name
    path = schedule_file(tmp_path, "*/5 * * * * clearsessions")
    with pytest.raises(LoopStopped):
        run("--schedule", str(path), "--heartbeat", str(heartbeat))
    # To the start of each minute: 30 seconds at first, a whole minute after that.
    assert slept == [30] + [60] * 8
    assert [line.split(" (")[0] for line in job_log(caplog)] == ["clearsessions: ok"] * 2  # 10:05 and 10:10
    assert heartbeat.exists()


# --- The scheduler's container ----------------------------------------------------------------------------------


@pytest.fixture
def services():
    return yaml.safe_load(COMPOSE_FILE.read_text())["services"]


@pytest.fixture
def scheduler(services):
    return services["scheduler"]


def test_the_scheduler_runs_the_site_image_with_the_sites_configuration(services, scheduler):
    web = services["web"]
    assert scheduler["command"] == ["python", "manage.py", "run_schedule"]
    for setting in ("image", "env_file", "environment", "volumes", "restart"):
        assert scheduler[setting] == web[setting], setting
    assert scheduler["restart"] == "unless-stopped"
    assert "build" not in scheduler and "ports" not in scheduler
    # Its entrypoint migrates too: it starts once web (which migrated first) is healthy.
    assert {name: need["condition"] for name, need in scheduler["depends_on"].items()} == {
        "db": "service_healthy",
        "search": "service_healthy",
        "web": "service_healthy",
    }


def healthcheck(scheduler, tmp_path):
    test = scheduler["healthcheck"]["test"]
    # The slim image has no curl; the check is python code, and finds the heartbeat where the scheduler writes it.
    assert test[:3] == ["CMD", "python", "-c"]
    assert f'"{HEARTBEAT.name}"' in test[3]
    env = os.environ | {"TMPDIR": str(tmp_path)}
    return subprocess.run([sys.executable, "-c", test[3]], env=env, capture_output=True, timeout=30, check=False)


def test_the_scheduler_is_healthy_while_its_heartbeat_is_fresh(scheduler, tmp_path):
    assert healthcheck(scheduler, tmp_path).returncode != 0, "healthy before the scheduler ever started"
    heartbeat = tmp_path / HEARTBEAT.name
    heartbeat.touch()
    assert healthcheck(scheduler, tmp_path).returncode == 0
    eleven_minutes_ago = time.time() - 11 * 60
    os.utime(heartbeat, (eleven_minutes_ago, eleven_minutes_ago))
    assert healthcheck(scheduler, tmp_path).returncode != 0
