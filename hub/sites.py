"""The Site record follows SITE_URL, so the absolute URLs Wagtail makes from it (canonical, hreflang, sitemap,
feeds, API, e-mails, "view live") carry the real public address."""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site

DEFAULT_PORTS = {"http": 80, "https": 443}


def site_address(url):
    """(hostname, port) of an http(s) address; Wagtail writes https:// for port 443 and http:// otherwise."""
    parts = urlsplit(url)
    return parts.hostname, parts.port or DEFAULT_PORTS[parts.scheme]


def ensure_site(root_page, site_name="Verbinding", url=None):
    """Make (or correct) the default Site for SITE_URL; returns (site, what changed as a short text or "")."""
    hostname, port = site_address(url or settings.SITE_URL)
    wanted = {"hostname": hostname, "port": port, "root_page_id": root_page.pk, "site_name": site_name}
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    changed = [name for name, value in wanted.items() if getattr(site, name) != value]
    if changed:
        for name in changed:
            setattr(site, name, wanted[name])
        site.save()
    return site, ", ".join(changed)
