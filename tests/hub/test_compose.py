"""The production docker compose setup, checked without Docker (it cannot run on these machines).

The Compose specification's own schema checks that docker-compose.yml is a valid compose file; the tests below
check what only this project knows: every setting the site reads reaches the web container, services start once
what they need is healthy, data lives in named volumes, nothing but web is published (and web only on loopback),
the web healthcheck passes against the real site, and the image neither runs as root nor serves an old schema.
Values are read as docker-compose.yml writes them; `${NAME...}` references are found with one regex, not filled in.
"""

import ast
import copy
import importlib
import json
import os
import re
import socket
import subprocess
import sys
import time
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest
import yaml

from tests.helpers import free_port

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / ".env.example"
DOCKERFILE = ROOT / "Dockerfile"
SETTINGS = ROOT / "hub" / "settings"
COMPOSE_SCHEMA = ROOT / "tests" / "standards" / "compose-spec" / "compose-spec.json"

# ${NAME}, ${NAME:-default} or ${NAME:?message} (and the forms without the colon); $${...} is a literal $ that
# compose hands to the container, as in the db healthcheck.
VARIABLE = re.compile(r"(?<!\$)\$\{(?P<name>\w+)(?P<operator>:?[-?])?[^}]*\}")

# `NAME=value` sets a variable; `# NAME=default` documents an optional one with its default.
ASSIGNMENT = re.compile(r"^(?P<optional>#\s*)?(?P<name>[A-Z][A-Z0-9_]*)=(?P<value>.*)$", re.MULTILINE)

# Left empty in .env.example, for the operator to fill in; compose must refuse to start without them.
SECRETS = ["SECRET_KEY", "POSTGRES_PASSWORD"]


# --- Reading the files ------------------------------------------------------------------------------------------


@cache
def compose_file():
    return yaml.safe_load(COMPOSE_FILE.read_text())


@pytest.fixture
def services():
    return compose_file()["services"]


@pytest.fixture
def web(services):
    return services["web"]


def environment(service):
    variables = service.get("environment", {})
    assert isinstance(variables, dict), "write `environment:` as a mapping, as the rest of docker-compose.yml does"
    return variables


def variables_in(text):
    """The names of the variables compose fills into `text`."""
    return {match["name"] for match in VARIABLE.finditer(text)}


@cache
def env_example():
    """{name: value} for every `NAME=value` and `# NAME=default` line of .env.example (a set value wins)."""
    lines = list(ASSIGNMENT.finditer(ENV_EXAMPLE.read_text()))
    optional = {line["name"]: line["value"] for line in lines if line["optional"]}
    return optional | {line["name"]: line["value"] for line in lines if not line["optional"]}


@cache
def settings_reads():
    """(names hub/settings/*.py read through the helpers in env.py, places that read the environment otherwise)."""
    env_py = SETTINGS / "env.py"
    helpers = {node.name for node in ast.parse(env_py.read_text()).body if isinstance(node, ast.FunctionDef)}
    names, elsewhere = set(), []
    for path in sorted(SETTINGS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            place = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) in helpers:
                name = node.args[0] if node.args else None
                if isinstance(name, ast.Constant) and isinstance(name.value, str):
                    names.add(name.value)
                elif path != env_py:  # the helpers themselves pass on the name they are given
                    elsewhere.append(place)
            elif path != env_py and getattr(node, "attr", getattr(node, "id", None)) in {"environ", "getenv"}:
                elsewhere.append(place)
    return names, elsewhere


def dockerfile(instruction):
    """The arguments of every `instruction` line of the Dockerfile, continuation lines joined."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text())
    return [match[1].strip() for match in re.finditer(rf"^{instruction}\s+(.*)$", text, re.MULTILINE)]


@cache
def gunicorn_serves():
    """(WSGI application, host, port) that the image's command has gunicorn serve: from its options, else from
    the `python:` config module it names."""
    command = json.loads(dockerfile("CMD")[-1])
    assert command[0] == "gunicorn", f"the image's command is not gunicorn: {command}"
    words, options, application = iter(command[1:]), {}, None
    for word in words:
        if word.startswith("-"):
            option, _, value = word.partition("=")
            options[option] = value or next(words)
        else:
            application = word
    config = options.get("--config") or options.get("-c")
    if config:
        assert config.startswith("python:"), f"read gunicorn's config from a python: module, not {config}"
        config = vars(importlib.import_module(config.removeprefix("python:")))
    else:
        config = {}
    host, port = (options.get("--bind") or options.get("-b") or config["bind"]).rsplit(":", 1)
    return application or config["wsgi_app"], host, port


def gunicorn_port():
    """The port gunicorn binds in the container."""
    _, host, port = gunicorn_serves()
    # Inside the container gunicorn must listen beyond loopback, or the published port reaches nothing.
    assert host == "0.0.0.0", f"gunicorn binds {host}"  # noqa: S104
    return port


# --- The Compose specification ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def compose_validator():
    schema = json.loads(COMPOSE_SCHEMA.read_text())
    # The schema is draft-07, but names its meta-schema without the trailing "#" jsonschema looks for.
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def test_the_compose_file_follows_the_compose_specification(compose_validator):
    errors = [f"{error.json_path}: {error.message}" for error in compose_validator.iter_errors(compose_file())]
    assert not errors


def misspelt_key(compose):
    compose["services"]["web"]["helthcheck"] = compose["services"]["web"].pop("healthcheck")
    return "web"


def interval_without_unit(compose):
    compose["services"]["db"]["healthcheck"]["interval"] = 10
    return "db"


def unknown_condition(compose):
    compose["services"]["web"]["depends_on"]["db"]["condition"] = "service_ready"
    return "web"


@pytest.mark.parametrize(
    "breaking", [misspelt_key, interval_without_unit, unknown_condition], ids=lambda breaking: breaking.__name__
)
def test_the_specification_refuses_a_broken_compose_file(compose_validator, breaking):
    broken = copy.deepcopy(compose_file())
    service = breaking(broken)
    errors = list(compose_validator.iter_errors(broken))
    assert errors
    assert all(list(error.absolute_path)[:2] == ["services", service] for error in errors), errors


# --- Every setting reaches web ----------------------------------------------------------------------------------


def test_the_settings_read_every_environment_variable_by_name_through_the_env_helpers():
    names, elsewhere = settings_reads()
    assert not elsewhere, f"read the environment with a literal name through hub/settings/env.py: {elsewhere}"
    # The scan finds what base.py, env.py (for env_database) and production.py read.
    assert {"SECRET_KEY", "DATABASE_URL", "DATABASE_CONN_MAX_AGE", "SECURE_SSL_REDIRECT"} <= names


def test_every_variable_the_settings_read_reaches_web(web):
    """Either docker-compose.yml sets it for web, or the operator sets it in .env, which web loads as env_file.
    `environment:` wins over env_file: where both name a variable, compose's value must pass .env's on."""
    assert web["env_file"] == ".env"
    names, _ = settings_reads()
    set_by_compose = environment(web)
    unreached = sorted(names - set(set_by_compose) - set(env_example()))
    assert not unreached, f"set these for web in docker-compose.yml or add them to .env.example: {unreached}"
    replaced = sorted(
        name for name in set(env_example()) & set(set_by_compose) if variables_in(set_by_compose[name]) != {name}
    )
    assert not replaced, f"docker-compose.yml replaces what .env sets for: {replaced}"


def test_the_example_documents_every_variable_the_settings_read():
    text = ENV_EXAMPLE.read_text()
    names, _ = settings_reads()
    undocumented = sorted(name for name in names if not re.search(rf"\b{name}\b", text))
    assert not undocumented, f".env.example does not mention: {undocumented}"


def test_the_example_documents_every_variable_compose_fills_in():
    undocumented = sorted(variables_in(COMPOSE_FILE.read_text()) - set(env_example()))
    assert not undocumented, f"docker-compose.yml fills in these, .env.example has no line for them: {undocumented}"


@pytest.mark.parametrize("secret", SECRETS)
def test_the_example_ships_no_secret_and_compose_requires_it(secret):
    assert env_example().get(secret) == "", f".env.example must have an empty `{secret}=` for the operator to fill"
    operators = [match["operator"] for match in VARIABLE.finditer(COMPOSE_FILE.read_text()) if match["name"] == secret]
    assert operators, f"docker-compose.yml does not use {secret}"
    assert set(operators) == {":?"}, f"write ${{{secret}:?message}}, so compose refuses to start without it"


def test_web_finds_db_search_and_redis_by_their_service_names(services, web):
    url = re.fullmatch(
        r"postgres://(?P<POSTGRES_USER>\$\{.*?\}):(?P<POSTGRES_PASSWORD>\$\{.*?\})@db:5432/(?P<POSTGRES_DB>\$\{.*?\})",
        environment(web)["DATABASE_URL"],
    )
    assert url, "DATABASE_URL must be built from the db service's POSTGRES_* variables"
    # The same expressions, defaults included, as the db service creates its database and account with.
    assert url.groupdict() == {name: environment(services["db"])[name] for name in url.groupdict()}
    search = urlsplit(environment(web)["ELASTICSEARCH_URL"])
    assert (search.scheme, search.hostname, search.port) == ("http", "search", 9200)
    # Plain HTTP only because security is off inside the compose network.
    assert environment(services["search"])["xpack.security.enabled"] == "false"
    cache = urlsplit(environment(web)["REDIS_URL"])
    assert (cache.scheme, cache.hostname, cache.port) == ("redis", "redis", 6379)
    assert services["redis"]["expose"] == ["6379"]


def test_the_scheduler_shares_the_cache_of_web(services):
    """A page the scheduler publishes must empty the pages web keeps: one Redis for both, from the shared block.
    The scheduler waits for a healthy web, which waits for a healthy redis."""
    assert environment(services["scheduler"])["REDIS_URL"] == environment(services["web"])["REDIS_URL"]
    assert services["scheduler"]["depends_on"]["web"] == services["web"]["depends_on"]["redis"]


def test_redis_keeps_nothing_on_disk_and_stays_within_its_memory(services):
    redis = services["redis"]
    command = redis["command"]
    options = dict(zip(command[1::2], command[2::2], strict=True))
    assert command[0] == "redis-server"
    assert options["--save"] == "" and options["--appendonly"] == "no"
    assert not redis.get("volumes"), "a cache needs no volume"
    # Full, it drops the least recently used keys rather than refusing writes (and so failing pages).
    assert options["--maxmemory-policy"] == "allkeys-lru"
    assert to_bytes(options["--maxmemory"]) < to_bytes(redis["deploy"]["resources"]["limits"]["memory"])


# --- Start-up order and health ----------------------------------------------------------------------------------


def test_every_service_has_a_healthcheck(services):
    unchecked = [
        name
        for name, service in services.items()
        if service.get("healthcheck", {}).get("test") in (None, "", [], ["NONE"])
        or service["healthcheck"].get("disable")
    ]
    assert not unchecked, f"services without a healthcheck: {unchecked}"


def test_services_wait_until_what_they_need_is_healthy(services):
    assert set(services["web"]["depends_on"]) == {"db", "search", "redis"}
    needs = {name: service["depends_on"] for name, service in services.items() if "depends_on" in service}
    # The list form of depends_on waits only for the containers to start.
    assert all(isinstance(needed, dict) for needed in needs.values()), "write depends_on with a condition"
    not_waiting = sorted(
        f"{name} on {service}"
        for name, needed in needs.items()
        for service, wait in needed.items()
        if wait["condition"] != "service_healthy"
    )
    assert not not_waiting, f"these wait for less than service_healthy: {not_waiting}"


def test_the_web_healthcheck_passes_against_gunicorn_with_the_production_settings(web, tmp_path, redis_url):
    """Runs the healthcheck's own code against the site as web runs it: the settings module docker-compose.yml
    names (HTTPS redirect), its cache in a real Redis, ALLOWED_HOSTS from .env.example, served by the image's
    command."""
    test = web["healthcheck"]["test"]
    # The slim image has no curl or wget: the check is python code.
    assert test[:3] == ["CMD", "python", "-c"]
    container_address = f"127.0.0.1:{gunicorn_port()}"
    assert container_address in test[3], "the healthcheck must ask the port gunicorn binds"
    port = free_port()
    check = test[3].replace(container_address, f"127.0.0.1:{port}")
    settings_variables, _ = settings_reads()
    env = {name: value for name, value in os.environ.items() if name not in settings_variables}
    env.update(
        DJANGO_SETTINGS_MODULE=environment(web)["DJANGO_SETTINGS_MODULE"],
        SECRET_KEY="healthcheck-test-" + "x" * 50,
        ALLOWED_HOSTS=env_example()["ALLOWED_HOSTS"],
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        REDIS_URL=redis_url,
    )
    assert env["DJANGO_SETTINGS_MODULE"] == "hub.settings.production"
    # The entrypoint's migrate would take a minute; the health check needs no table.
    # The image's command, on a free port of this machine. --preload loads the site before gunicorn opens its
    # port: once the port answers, so does the site.
    server = subprocess.Popen(
        [sys.executable, "-m", *json.loads(dockerfile("CMD")[-1]), "--preload", "--workers", "1"]
        + ["--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, f"gunicorn stopped:\n{server.communicate()[0]}"
            assert time.monotonic() < deadline, "gunicorn did not open its port within a minute"
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        result = subprocess.run(
            [sys.executable, "-c", check], env=env, capture_output=True, text=True, timeout=30, check=False
        )
        assert result.returncode == 0, result.stderr
    finally:
        server.terminate()
        server.wait(timeout=10)


# --- Ports, volumes, memory -------------------------------------------------------------------------------------


def test_only_web_is_published_and_only_on_loopback(services, web):
    """db and search answer anyone who reaches them (Elasticsearch without authentication); web sits behind the
    proxy on the host."""
    published = {name: service["ports"] for name, service in services.items() if service.get("ports")}
    assert set(published) == {"web"}
    # host address:host port:container port, the short syntax docker-compose.yml uses.
    bindings = [str(port).split(":") for port in web["ports"]]
    assert bindings == [["127.0.0.1", bindings[0][1], gunicorn_port()]]


def test_named_volumes_are_declared_and_hold_the_data(services, web):
    declared = set(compose_file()["volumes"])
    # name:/path in the container, the short syntax docker-compose.yml uses; bind mounts start with / . or ~.
    mounts = {
        name: dict(str(entry).split(":")[:2] for entry in service.get("volumes", []))
        for name, service in services.items()
    }
    used = {source for mounted in mounts.values() for source in mounted if not source.startswith(("/", ".", "~"))}
    assert used == declared, "declare every named volume at the top level, and use every one declared"
    assert {
        mounts["db"].get("pgdata"),
        mounts["search"].get("esdata"),
        mounts["web"].get("media"),
    } == {"/var/lib/postgresql/data", "/usr/share/elasticsearch/data", environment(web)["MEDIA_ROOT"]}


def to_bytes(size):
    number, unit = re.fullmatch(r"(\d+)([kmg]?)b?", str(size).strip().lower()).groups()
    return int(number) * 1024 ** "_kmg".index(unit or "_")


def test_search_is_a_single_node_whose_heap_fits_in_its_memory_limit(services):
    search = services["search"]
    limit = search["deploy"]["resources"]["limits"]["memory"]
    assert environment(search)["discovery.type"] == "single-node"
    heap = dict(re.findall(r"-(Xm[sx])(\d+[kmg]?)", environment(search)["ES_JAVA_OPTS"]))
    # A heap that grows and shrinks costs pauses: fixed with -Xms = -Xmx.
    assert heap.get("Xmx") and heap.get("Xms") == heap["Xmx"], "ES_JAVA_OPTS must fix the heap with -Xms and -Xmx"
    # Elastic's advice: at most half the memory for the heap, the rest for the file cache Lucene lives on.
    assert 2 * to_bytes(heap["Xmx"]) <= to_bytes(limit)


# --- The image --------------------------------------------------------------------------------------------------


def test_the_image_does_not_run_as_root(web):
    user = dockerfile("USER")[-1].split(":")[0]
    assert user not in {"root", "0"}
    assert any(re.search(rf"\buseradd\b.*\b{re.escape(user)}$", run) for run in dockerfile("RUN")), (
        f"USER {user} is never created in the image"
    )
    assert "user" not in web, "docker-compose.yml must not set web's user back to root"


def test_the_image_collects_static_files_at_build():
    assert any("manage.py collectstatic" in run for run in dockerfile("RUN"))


def test_the_image_migrates_then_serves_gunicorn_on_start():
    entrypoint = json.loads(dockerfile("ENTRYPOINT")[-1])
    workdir = Path(dockerfile("WORKDIR")[-1])
    script = [
        line.strip()
        for line in (ROOT / Path(entrypoint[0]).relative_to(workdir)).read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    # A failed migration must stop the start, not leave gunicorn serving an old schema.
    assert re.fullmatch(r"set -\w*e\w*", script[0])
    assert "python manage.py migrate --no-input" in script
    assert script[-1] == 'exec "$@"', "the entrypoint must hand over to the image's command"
    assert gunicorn_serves()[0] == "hub.wsgi:application"
    assert not any("manage.py migrate" in run for run in dockerfile("RUN")), "migrate at start, not at build"
