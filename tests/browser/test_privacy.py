"""Young visitors are not tracked: pages load nothing from elsewhere and set no cookies."""

from urllib.parse import urlsplit

import pytest

from tests.frontend.pages import LANGUAGES, OTHER_PAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("device", ["phone"])
def test_no_request_leaves_the_site_and_no_cookie_is_set(site, open_page):
    page = open_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    with_cookies = []
    for language in LANGUAGES:
        paths = {**site.paths[language], **{n: p.format(language=language) for n, p in OTHER_PAGES.items()}}
        for path in paths.values():
            page.goto(site(path), wait_until="load")
            cookies = page.context.cookies()
            if cookies:
                with_cookies.append(f"{path}: {', '.join(cookie['name'] for cookie in cookies)}")
                page.context.clear_cookies()
    own = urlsplit(site.url).netloc
    elsewhere = sorted(
        {url for url in requested if urlsplit(url).scheme in ("http", "https", "ws", "wss")}
        - {url for url in requested if urlsplit(url).netloc == own}
    )
    assert requested and not elsewhere, f"requests to other hosts: {elsewhere}"
    assert not with_cookies, "anonymous page views that set cookies:\n" + "\n".join(with_cookies)
