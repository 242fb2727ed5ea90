"""Young visitors are not tracked: pages load nothing from elsewhere and set no cookies."""

from urllib.parse import urlsplit

import pytest

from tests.frontend.pages import LANGUAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("device", ["phone"])
def test_no_request_leaves_the_site_and_no_cookie_is_set(site, open_page):
    page = open_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    with_cookies = []
    visited = set()
    for language in LANGUAGES:
        for name, path in site.every_path(language).items():
            response = page.goto(site(path), wait_until="load")
            assert response.status == (404 if name == "not-found" else 200), f"{path} answered {response.status}"
            visited.add(site(path))
            cookies = page.context.cookies()
            if cookies:
                with_cookies.append(f"{path}: {', '.join(cookie['name'] for cookie in cookies)}")
                page.context.clear_cookies()
    own = urlsplit(site.url).netloc
    elsewhere = sorted(
        {url for url in requested if urlsplit(url).scheme in ("http", "https", "ws", "wss")}
        - {url for url in requested if urlsplit(url).netloc == own}
    )
    assert visited <= set(requested), "every page visited must show up among the requests watched"
    assert not elsewhere, f"requests to other hosts: {elsewhere}"
    assert not with_cookies, "anonymous page views that set cookies:\n" + "\n".join(with_cookies)
