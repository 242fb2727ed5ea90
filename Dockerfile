# Production image of the Verbinding hub: gunicorn serving hub.wsgi, static files by WhiteNoise.
# Built and run by docker-compose.yml; see the README, "Production with docker compose".
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=hub.settings.production

# gettext compiles the interface translations below; every Python dependency ships a wheel.
# bin/backup and bin/restore need pg_dump and pg_restore of at least the db service's major version
# (postgres:16 in docker-compose.yml; tests/hub/test_backup.py checks the two agree). Debian's own client
# follows its release (15 in bookworm), so it comes from the PostgreSQL project's apt repository, set up by
# Debian's postgresql-common as https://www.postgresql.org/download/linux/debian/ describes.
RUN apt-get update \
    && apt-get install --yes --no-install-recommends gettext ca-certificates postgresql-common \
    && /usr/share/postgresql-common/pgdg/apt.postgresql.org.sh -y \
    && apt-get install --yes --no-install-recommends postgresql-client-16 \
    && rm -rf /var/lib/apt/lists/*

# The code belongs to root and stays read-only for the app; only the media folder is writable.
RUN useradd --system --uid 10001 --user-group --no-create-home --home-dir /app verbinding

WORKDIR /app

# Dependencies first, so a code change does not reinstall them.
COPY requirements.txt .
RUN pip install --requirement requirements.txt

COPY . .

# Production settings refuse to load without SECRET_KEY; this throw-away one lives only in this
# build step (it is not kept in the image) and nothing in these commands signs anything.
RUN export SECRET_KEY=build-only-not-used-at-run-time \
    && python manage.py collectstatic --no-input --verbosity 0 \
    && if find . -path '*/locale/*.po' | grep -q .; then python manage.py compilemessages --verbosity 0; fi \
    && mkdir -p /app/media \
    && chown verbinding:verbinding /app/media

USER verbinding

EXPOSE 8000

# The entrypoint migrates the database, then runs the command: gunicorn unless told otherwise
# (for example `docker compose run --rm web python manage.py createsuperuser`).
ENTRYPOINT ["/app/bin/docker-entrypoint"]
CMD ["gunicorn", "--config", "python:hub.gunicorn"]
