"""The production docker compose setup, checked without Docker (it cannot run on these machines).

Each test stands for something an operator would otherwise meet at `docker compose up`: a setting the
site reads that never reaches the web container, a service started before the one it needs is ready,
data kept outside a volume, a search heap larger than its container, an image that runs as root.
"""

import ast
import json
import os
import re
import shlex
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"

# How hub/settings reads the environment: through the helpers in hub/settings/env.py, or os.environ.
ENV_HELPERS = {"env_str", "env_bool", "env_int", "env_float", "env_list", "env_database", "env_url"}
ENVIRON = {"os.environ", "environ"}
ENVIRON_READERS = {f"{environ}.{method}" for environ in ENVIRON for method in ("get", "setdefault", "pop")} | {
    "os.getenv",
    "getenv",
}

# What web cannot work without in production, and what .env.example must leave for the operator to fill in.
REQUIRED_FOR_WEB = ["SECRET_KEY", "DATABASE_URL", "ELASTICSEARCH_URL", "ALLOWED_HOSTS"]
SECRETS = ["SECRET_KEY", "POSTGRES_PASSWORD"]


# --- What the settings read -------------------------------------------------------------------------------------


def dotted_name(node):
    """The dotted name of an expression such as os.environ.get; None for anything but a chain of names."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = dotted_name(node.value)
        return base and f"{base}.{node.attr}"
    return None


def environment_key(node):
    """The expression naming the environment variable that `node` reads, or None when it reads none."""
    if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load) and dotted_name(node.value) in ENVIRON:
        return node.slice
    if isinstance(node, ast.Call):
        function = dotted_name(node.func) or ""
        if function.rsplit(".", 1)[-1] in ENV_HELPERS or function in ENVIRON_READERS:
            if node.args:
                return node.args[0]
            # No name to be found: reported as a computed name.
            return next((keyword.value for keyword in node.keywords if keyword.arg in {"name", "key"}), node)
    return None


def settings_environment_reads():
    """The names hub/settings/*.py read from the environment, and the places that read a computed name."""
    names, computed = set(), []
    for path in sorted((ROOT / "hub" / "settings").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            key = environment_key(node)
            if key is None:
                continue
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                names.add(key.value)
            elif path.name != "env.py":  # the helpers themselves read the name they are given
                computed.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return names, computed


# --- .env.example and compose's own reading of it ---------------------------------------------------------------

ASSIGNMENT = re.compile(r"^(?P<commented>#\s*)?(?P<name>[A-Za-z_][A-Za-z0-9_]*)=(?P<value>.*)$")


def read_env_example():
    """(values .env.example sets, every name it documents: set, or shown as `# NAME=default`)."""
    values, documented = {}, set()
    for line in (ROOT / ".env.example").read_text().splitlines():
        match = ASSIGNMENT.match(line.strip())
        if not match:
            continue
        documented.add(match["name"])
        if not match["commented"]:
            value = match["value"].strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            values[match["name"]] = value
    return values, documented


EXAMPLE_VALUES, DOCUMENTED = read_env_example()
# The operator's .env: the example with its blanks (the secrets) filled in.
FILLED_ENV = {name: value or f"filled-in-{name.lower().replace('_', '-')}" for name, value in EXAMPLE_VALUES.items()}

VARIABLE = re.compile(
    r"\$(?:(?P<escaped>\$)|\{(?P<braced>\w+)(?:(?P<operator>:?[-?])(?P<argument>[^}]*))?\}|(?P<plain>[A-Za-z_]\w*))"
)


class MissingVariable(Exception):
    """docker compose stops with this message before starting anything."""


def interpolate(value, variables):
    """Fill $NAME, ${NAME}, ${NAME:-default} and ${NAME:?error} in every string, as docker compose does from .env."""
    if isinstance(value, dict):
        return {key: interpolate(item, variables) for key, item in value.items()}
    if isinstance(value, list):
        return [interpolate(item, variables) for item in value]
    if not isinstance(value, str):
        return value

    def substitute(match):
        if match["escaped"]:
            return "$"
        name = match["braced"] or match["plain"]
        operator = match["operator"] or ""
        current = variables.get(name)
        missing = current is None or (operator.startswith(":") and current == "")
        if missing and operator.endswith("?"):
            raise MissingVariable(f"{name}: {match['argument']}")
        if missing and operator.endswith("-"):
            return match["argument"]
        return current or ""

    return VARIABLE.sub(substitute, value)


def referenced_variables(value):
    if isinstance(value, dict):
        return set().union(*(referenced_variables(item) for item in value.values()))
    if isinstance(value, list):
        return set().union(*(referenced_variables(item) for item in value))
    if not isinstance(value, str):
        return set()
    return {match["braced"] or match["plain"] for match in VARIABLE.finditer(value) if not match["escaped"]}


RAW_COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def compose():
    """docker-compose.yml as docker compose sees it once .env is filled in."""
    return interpolate(RAW_COMPOSE, FILLED_ENV)


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


@pytest.fixture(scope="module")
def web(services):
    return services["web"]


def environment(service):
    """A service's `environment`, in either of compose's two spellings, as strings."""
    variables = service.get("environment") or {}
    if isinstance(variables, list):
        variables = dict(item.split("=", 1) if "=" in item else (item, None) for item in variables)
    return {name: None if value is None else str(value) for name, value in variables.items()}


def env_files(service):
    files = service.get("env_file") or []
    if isinstance(files, str | dict):
        files = [files]
    return {os.path.normpath(item if isinstance(item, str) else item["path"]) for item in files}


@pytest.fixture(scope="module")
def web_env(web):
    """What the web container's process sees: env_file first, `environment` over it."""
    from_file = FILLED_ENV if ".env" in env_files(web) else {}
    return {**from_file, **environment(web)}


def healthcheck_test(service):
    test = (service.get("healthcheck") or {}).get("test")
    return [test] if isinstance(test, str) else list(test or [])


def exposed(service):
    return {str(port).split("/")[0] for port in service.get("expose") or []}


def published_container_ports(service):
    ports = set()
    for entry in service.get("ports") or []:
        target = entry["target"] if isinstance(entry, dict) else str(entry).rsplit(":", 1)[-1]
        ports.add(str(target).split("/")[0])
    return ports


def named_mounts(service):
    """{volume name: path in the container} for the named volumes a service mounts (bind mounts left out)."""
    mounts = {}
    for entry in service.get("volumes") or []:
        if isinstance(entry, dict):
            if entry.get("type", "volume") == "volume" and entry.get("source"):
                mounts[entry["source"]] = entry["target"]
            continue
        source, _, rest = str(entry).partition(":")
        if rest and not source.startswith(("/", ".", "~", "$")):
            mounts[source] = rest.split(":")[0]
    return mounts


def to_bytes(size):
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([bkmg]?)b?", str(size).strip().lower())
    assert match, f"not a memory size: {size!r}"
    return int(float(match[1]) * 1024 ** "bkmg".index(match[2] or "b"))


# --- The Dockerfile ---------------------------------------------------------------------------------------------


def dockerfile_instructions():
    """(INSTRUCTION, arguments) of the Dockerfile's final stage, continuation lines joined."""
    instructions = []
    for line in re.sub(r"\\\n", " ", DOCKERFILE.read_text()).splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        instruction, _, arguments = line.partition(" ")
        if instruction.upper() == "FROM":
            instructions = []
        instructions.append((instruction.upper(), arguments.strip()))
    return instructions


def last_argument(instruction):
    found = [arguments for name, arguments in dockerfile_instructions() if name == instruction]
    return found[-1] if found else None


def command_words(instruction):
    """ENTRYPOINT or CMD as the words docker runs (exec form), or a shell running it (shell form)."""
    arguments = last_argument(instruction)
    if not arguments:
        return []
    return json.loads(arguments) if arguments.startswith("[") else ["/bin/sh", "-c", arguments]


def repository_file(image_path):
    """The file of this repository at `image_path`, given that the Dockerfile copies the repository to WORKDIR."""
    workdir = Path(last_argument("WORKDIR") or "/")
    path = Path(image_path)
    if path.is_absolute():
        if not path.is_relative_to(workdir):
            return None
        path = path.relative_to(workdir)
    candidate = ROOT / path
    return candidate if candidate.is_file() else None


def start_up_lines():
    """What the container runs at start, in order: the entrypoint (its script's lines when it is a script from
    this repository), then the command."""
    lines, runs_command = [], True
    for word in command_words("ENTRYPOINT"):
        script = repository_file(word)
        if script:
            text = [line.strip() for line in script.read_text().splitlines()]
            lines += [line for line in text if line and not line.startswith("#")]
            # A script entrypoint runs the command only if it hands over to its arguments.
            runs_command = any('"$@"' in line for line in text)
        else:
            lines.append(word)
    if runs_command:
        lines.append(shlex.join(command_words("CMD")))
    return lines


def gunicorn_bind():
    """(host, port) that gunicorn listens on inside the container."""
    match = re.search(r"(?:--bind|-b)[= ]\S*?(?P<host>[\w.:\[\]]*):(?P<port>\d+)\b", start_up_lines()[-1])
    assert match, "the image's command names no --bind host:port for gunicorn"
    return match["host"], match["port"]


# --- Tests: every setting reaches web ---------------------------------------------------------------------------


def test_the_settings_name_every_environment_variable_they_read():
    names, computed = settings_environment_reads()
    assert not computed, f"Read environment variables by literal name, so these tests can follow them: {computed}"
    # The scan works: it finds what base.py, env.py and production.py are known to read.
    assert {"SECRET_KEY", "DATABASE_URL", "DATABASE_CONN_MAX_AGE", "ELASTICSEARCH_URL", "SECURE_SSL_REDIRECT"} <= names


def test_every_variable_the_settings_read_reaches_web(web):
    assert ".env" in env_files(web), "web must load .env (documented by .env.example) as its env_file"
    names, _ = settings_environment_reads()
    unaccounted = sorted(names - set(environment(web)) - DOCUMENTED)
    assert not unaccounted, f"Set these for web in docker-compose.yml or document them in .env.example: {unaccounted}"


def test_every_variable_compose_fills_in_is_documented():
    undocumented = sorted(referenced_variables(RAW_COMPOSE) - DOCUMENTED)
    assert not undocumented, f"docker-compose.yml uses these, .env.example does not mention them: {undocumented}"


def test_a_value_set_in_env_is_not_silently_overridden_by_compose():
    """web's `environment` wins over its env_file: a value there must pass .env's value through, not replace it."""
    web_environment = environment(RAW_COMPOSE["services"]["web"])
    overridden = sorted(
        name
        for name in set(EXAMPLE_VALUES) & set(web_environment)
        if referenced_variables(web_environment[name]) != {name}
    )
    assert not overridden, f"Set in both .env.example and docker-compose.yml (web): {overridden}"


def test_web_is_given_what_it_cannot_work_without(web_env):
    missing = [name for name in REQUIRED_FOR_WEB if not web_env.get(name)]
    assert not missing, f"web gets no value for {missing}"


@pytest.mark.parametrize("secret", SECRETS)
def test_the_example_ships_no_secret_and_compose_will_not_start_without_it(secret):
    assert EXAMPLE_VALUES.get(secret) == "", f".env.example must leave {secret} empty for the operator to fill in"
    with pytest.raises(MissingVariable, match=secret):
        interpolate(RAW_COMPOSE, {**FILLED_ENV, secret: ""})


def test_web_runs_the_production_settings(web_env):
    assert web_env.get("DJANGO_SETTINGS_MODULE") == "hub.settings.production"


def test_database_url_points_at_the_db_service_with_its_credentials(services, web_env):
    url = web_env["DATABASE_URL"]
    config = dj_database_url.parse(url)
    db = environment(services["db"])
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["HOST"] == "db"
    assert str(config["PORT"] or 5432) in exposed(services["db"])
    assert (config["USER"], config["PASSWORD"], config["NAME"]) == (
        db["POSTGRES_USER"],
        db["POSTGRES_PASSWORD"],
        db["POSTGRES_DB"],
    )


def test_elasticsearch_url_points_at_the_search_service(services, web_env):
    url = urlsplit(web_env["ELASTICSEARCH_URL"])
    assert url.hostname == "search"
    assert str(url.port) in exposed(services["search"])
    # Security is off inside the compose network, so the node speaks plain HTTP.
    assert url.scheme == "http"
    assert environment(services["search"]).get("xpack.security.enabled") == "false"


# --- Tests: start-up order and health ---------------------------------------------------------------------------


def test_every_service_has_a_healthcheck(services):
    unchecked = [
        name
        for name, service in services.items()
        if (service.get("healthcheck") or {}).get("disable") or healthcheck_test(service) in ([], ["NONE"])
    ]
    assert not unchecked, f"services without a healthcheck: {unchecked}"


@pytest.mark.parametrize(
    ("service", "probe"), [("db", "pg_isready"), ("search", "/_cluster/health"), ("web", "/robots.txt")]
)
def test_each_healthcheck_asks_the_service_itself(services, service, probe):
    assert probe in " ".join(healthcheck_test(services[service]))


def test_the_web_healthcheck_uses_only_what_the_slim_image_has(web):
    test = healthcheck_test(web)
    assert test[:2] == ["CMD", "python"], "python:3.11-slim has no curl or wget: check with python"
    assert f"127.0.0.1:{gunicorn_bind()[1]}" in " ".join(test), "the healthcheck must ask the port gunicorn binds"


def test_web_waits_for_healthy_db_and_search(web):
    depends_on = web.get("depends_on")
    assert isinstance(depends_on, dict), "the list form of depends_on waits only for the containers to start"
    conditions = {name: (depends_on.get(name) or {}).get("condition") for name in ("db", "search")}
    assert conditions == {"db": "service_healthy", "search": "service_healthy"}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_web_healthcheck_passes_against_gunicorn_with_the_production_settings(web, tmp_path):
    """Runs the healthcheck's own code against the production settings (HTTPS redirect, ALLOWED_HOSTS from
    .env.example), served the way the image serves them."""
    test = healthcheck_test(web)
    assert test[:3] == ["CMD", "python", "-c"]
    port = free_port()
    check = test[3].replace(f"127.0.0.1:{gunicorn_bind()[1]}", f"127.0.0.1:{port}")
    settings_variables, _ = settings_environment_reads()
    env = {name: value for name, value in os.environ.items() if name not in settings_variables}
    env.update(
        DJANGO_SETTINGS_MODULE="hub.settings.production",
        SECRET_KEY="healthcheck-test-" + "x" * 50,
        ALLOWED_HOSTS=EXAMPLE_VALUES["ALLOWED_HOSTS"],
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    # --preload loads the site before gunicorn opens its port: once the port answers, so does the site.
    server = subprocess.Popen(  # noqa: S603 (this interpreter, fixed arguments)
        [sys.executable, "-m", "gunicorn", "hub.wsgi:application", "--preload", "--workers", "1"]
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
        result = subprocess.run(  # noqa: S603 (this interpreter, the healthcheck's own code)
            [sys.executable, "-c", check], env=env, capture_output=True, text=True, timeout=30, check=False
        )
        assert result.returncode == 0, result.stderr
    finally:
        server.terminate()
        server.wait(timeout=10)


# --- Tests: ports, volumes, memory ------------------------------------------------------------------------------


def test_web_publishes_the_port_gunicorn_listens_on(web):
    host, port = gunicorn_bind()
    # Inside the container gunicorn must listen beyond loopback, or the published port reaches nothing.
    assert host in {"0.0.0.0", "[::]", "::"}  # noqa: S104
    assert port in published_container_ports(web)


def test_db_and_search_stay_off_the_host(services):
    """Both answer anyone who reaches them (Elasticsearch without any authentication): internal network only."""
    assert not services["db"].get("ports")
    assert not services["search"].get("ports")
    assert "5432" in exposed(services["db"])
    assert "9200" in exposed(services["search"])


def test_named_volumes_are_declared_and_hold_the_data(compose, services, web_env):
    declared = set(compose.get("volumes") or {})
    used = {name for service in services.values() for name in named_mounts(service)}
    assert used <= declared, f"volumes used but not declared at the top level: {sorted(used - declared)}"
    assert web_env["MEDIA_ROOT"] in named_mounts(services["web"]).values()
    assert "/var/lib/postgresql/data" in named_mounts(services["db"]).values()
    assert "/usr/share/elasticsearch/data" in named_mounts(services["search"]).values()


def test_search_is_a_single_node_whose_heap_fits_in_its_memory_limit(services):
    search = services["search"]
    limit = search.get("mem_limit") or search.get("deploy", {}).get("resources", {}).get("limits", {}).get("memory")
    assert limit, "search needs a memory limit (deploy.resources.limits.memory or mem_limit)"
    variables = environment(search)
    assert variables.get("discovery.type") == "single-node"
    heap = dict(re.findall(r"-(Xm[sx])(\d+[kmg]?)", variables.get("ES_JAVA_OPTS") or ""))
    assert heap.get("Xmx"), "ES_JAVA_OPTS must fix the heap with -Xms and -Xmx"
    assert heap.get("Xms") == heap["Xmx"], "a heap that grows and shrinks costs pauses; fix it with -Xms = -Xmx"
    # Elastic's advice: at most half the memory for the heap, the rest for the file cache Lucene lives on.
    assert 2 * to_bytes(heap["Xmx"]) <= to_bytes(limit)


# --- Tests: the image -------------------------------------------------------------------------------------------


def test_web_is_built_from_this_dockerfile_on_python_311_slim(web):
    build = web.get("build")
    assert build, "web must be built from the Dockerfile"
    context = build if isinstance(build, str) else build.get("context", ".")
    dockerfile = "Dockerfile" if isinstance(build, str) else build.get("dockerfile", "Dockerfile")
    assert (ROOT / context / dockerfile).resolve() == DOCKERFILE
    assert last_argument("FROM").split()[0] == "python:3.11-slim"


def test_the_image_does_not_run_as_root(web):
    user = (last_argument("USER") or "").split(":")[0]
    assert user, "the Dockerfile needs a USER line: without one the site runs as root"
    assert user not in {"root", "0"}
    created = any(
        name == "RUN" and re.search(rf"\b(useradd|adduser)\b.*\b{re.escape(user)}\b", arguments)
        for name, arguments in dockerfile_instructions()
    )
    assert user.isdigit() or created, f"USER {user} is never created in the image"
    assert str(web.get("user", user)).split(":")[0] not in {"root", "0"}, "docker-compose.yml sets web back to root"


def test_the_image_collects_static_files_at_build():
    assert any(
        name == "RUN" and "manage.py collectstatic" in arguments for name, arguments in dockerfile_instructions()
    )


def test_the_image_migrates_then_serves_gunicorn_on_start():
    lines = start_up_lines()
    migrate = next((i for i, line in enumerate(lines) if re.search(r"manage\.py migrate\b.*--no-?input", line)), None)
    serve = next((i for i, line in enumerate(lines) if "gunicorn" in line and "hub.wsgi:application" in line), None)
    assert migrate is not None, f"nothing runs `manage.py migrate --no-input` at start: {lines}"
    assert serve is not None, f"nothing serves hub.wsgi:application with gunicorn at start: {lines}"
    assert migrate < serve
    # A failed migration must stop the start, not leave gunicorn serving an old schema.
    assert "&&" in lines[migrate] or any(re.fullmatch(r"set -\w*e\w*", line) for line in lines[:migrate])
    assert not any(name == "RUN" and "manage.py migrate" in arguments for name, arguments in dockerfile_instructions())
