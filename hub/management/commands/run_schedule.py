"""The scheduler: runs the jobs of hub/schedule.cron, in-process, in the same image as the site.

One process in its own container (the scheduler service in docker-compose.yml) instead of cron in the image: no
extra binary, the jobs see exactly the settings and code the site runs, and they log where the site logs. Each
job is a management command run with call_command; a job that fails is logged and the others go on.

`jobs_due()` is the whole timing logic, a pure function the tests call with chosen times; the loop around it
only sleeps to the next minute and asks it what fell due since the last look.
"""

import datetime
import logging
import shlex
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from croniter import croniter
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django.utils import timezone

SCHEDULE = Path(__file__).resolve().parents[2] / "schedule.cron"
# Touched every minute by the loop; docker-compose.yml's healthcheck checks its age. The temporary folder, because
# the app's own files are read-only in the image.
HEARTBEAT = Path(tempfile.gettempdir()) / "run_schedule.heartbeat"

logger = logging.getLogger(__name__)

# The loop's clock and sleep, replaced by a fake clock in the tests.
now = timezone.now
sleep = time.sleep


@dataclass(frozen=True)
class Job:
    schedule: str  # the five cron fields
    command: str  # a manage.py command
    args: tuple[str, ...] = ()

    @property
    def name(self):
        return shlex.join((self.command, *self.args))

    def next_run(self, after):
        """The first time after `after` this job is due. The cron fields are read in the site's time zone."""
        local = after.astimezone(timezone.get_default_timezone())
        return croniter(self.schedule, local, ret_type=datetime.datetime).get_next()


def read_schedule(path=SCHEDULE):
    """The jobs of a schedule file, checked as a whole, so a typo stops the scheduler at start, not at 3 a.m."""
    jobs, errors, commands = [], [], get_commands()
    for number, line in enumerate(Path(path).read_text().splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        *fields, command_line = line.split(None, 5)
        schedule = " ".join(fields)
        words = shlex.split(command_line) if len(fields) == 5 else []
        if not words or not croniter.is_valid(schedule):
            errors.append(f"line {number}: expected five cron fields and a command, found {line.strip()!r}")
        elif words[0] not in commands:
            errors.append(f"line {number}: there is no manage.py command {words[0]!r}")
        else:
            jobs.append(Job(schedule, words[0], tuple(words[1:])))
    if errors:
        raise CommandError(f"{path}: " + "; ".join(errors))
    return jobs


def jobs_due(jobs, until, since=None):
    """The jobs with a run time in (since, until]; `since` defaults to one minute before `until`.

    A job that fell due more than once in that time is returned once: after a long job, the scheduler catches up
    on what it missed without running anything twice. Times are compared in UTC, since two wall-clock times in
    Brussels are an hour apart or the same moment depending on which side of a change of summer time they lie.
    """
    until = until.astimezone(datetime.UTC)
    since = until - datetime.timedelta(minutes=1) if since is None else since.astimezone(datetime.UTC)
    return [job for job in jobs if job.next_run(since) <= until]


def _stop(signum, frame):
    # As PID 1 in its container, a process without a handler of its own is not stopped by SIGTERM: without this,
    # `docker compose stop` would wait ten seconds and kill it. A job cut short runs again at its next time; every
    # job is safe to repeat.
    sys.exit(0)


class Command(BaseCommand):
    help = (
        "Run the scheduled jobs of hub/schedule.cron (times in Europe/Brussels) until stopped. "
        "--list shows them with their next run, --once runs every job once now."
    )

    def add_arguments(self, parser):
        parser.add_argument("--schedule", type=Path, default=SCHEDULE, help="the schedule file (crontab format)")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--list", action="store_true", dest="list_jobs", help="print the schedule with each job's next run time"
        )
        mode.add_argument("--once", action="store_true", help="run every job once now, then stop")
        parser.add_argument("--heartbeat", type=Path, default=HEARTBEAT, help="file touched every minute")

    def handle(self, *args, schedule, list_jobs, once, heartbeat, **options):
        jobs = read_schedule(schedule)
        if list_jobs:
            self.print_schedule(jobs)
        elif once:
            failed = [job.name for job in jobs if not self.run(job)]
            if failed:
                raise CommandError(f"{len(failed)} of {len(jobs)} jobs failed: {', '.join(failed)}.")
            self.stdout.write(self.style.SUCCESS(f"Ran {len(jobs)} jobs."))
        else:
            signal.signal(signal.SIGTERM, _stop)
            self.run_forever(jobs, heartbeat)

    def print_schedule(self, jobs):
        self.stdout.write(f"Times in {timezone.get_default_timezone()}:")
        width, current = max((len(job.schedule) for job in jobs), default=0), now()
        for job in jobs:
            self.stdout.write(f"{job.schedule:<{width}}  next {job.next_run(current):%Y-%m-%d %H:%M %Z}  {job.name}")

    def run(self, job):
        """Run one job; True when it succeeded. Its failure is logged, never raised."""
        started = time.monotonic()
        try:
            call_command(job.command, *job.args, stdout=self.stdout, stderr=self.stderr)
        except Exception as error:
            # A CommandError is the job's own explanation; anything else is a bug, logged with its traceback.
            logger.error(
                "%s: failed (%.1f s): %s",
                job.name,
                time.monotonic() - started,
                error,
                exc_info=not isinstance(error, CommandError),
            )
            return False
        logger.info("%s: ok (%.1f s)", job.name, time.monotonic() - started)
        return True

    def run_forever(self, jobs, heartbeat):
        since = now()
        while True:
            heartbeat.touch()
            current = now()
            sleep(60 - current.second - current.microsecond / 1e6)  # to the start of the next minute
            until = now()
            # Between jobs hours pass: drop connections the database closed meanwhile, as Django does per request.
            close_old_connections()
            for job in jobs_due(jobs, until, since):
                heartbeat.touch()
                self.run(job)
            since = until
