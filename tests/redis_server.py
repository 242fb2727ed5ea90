"""A throw-away Redis for tests and the benchmark: Debian's redis-server on a free port of 127.0.0.1, in a temporary
folder, keeping nothing on disk (as the redis service in docker-compose.yml); `bin/install-redis` installs it."""

import contextlib
import shutil
import socket
import subprocess
import tempfile
import time

from tests.helpers import free_port

MISSING = "redis-server is missing: run bin/install-redis (as root), or 'sudo apt-get install -y redis-server'."


def answers(port):
    """True once the server replies PONG to PING."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(7) == b"+PONG\r\n"
    except OSError:
        return False


@contextlib.contextmanager
def redis_server():
    """Yields the server's URL (redis://127.0.0.1:<port>/0); stops it and removes its folder afterwards."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError(MISSING)
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="verbinding-redis-") as folder:
        server = subprocess.Popen(
            [binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", folder, "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 10
            while not answers(port):
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start on port {port} (exit status {server.poll()}).")
                time.sleep(0.05)
            yield f"redis://127.0.0.1:{port}/0"
        finally:
            server.terminate()
            server.wait(timeout=10)
