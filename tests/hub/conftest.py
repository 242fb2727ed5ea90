import pytest

from tests.redis_server import redis_server as start_redis


@pytest.fixture(scope="session")
def redis_url():
    """A real Redis for this test run (one per xdist worker). A machine without redis-server fails these tests with
    the way to install it: they are what shows the production cache works."""
    try:
        with start_redis() as url:
            yield url
    except RuntimeError as problem:
        pytest.fail(str(problem), pytrace=False)
