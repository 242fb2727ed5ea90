"""sitemap.xml for every language tree, with hreflang alternates between translations.

Wagtail's own sitemap only walks the site's root page, which is the Dutch home page: the English and
French trees are its translations, not its descendants, so they would be missing.
"""

from collections import defaultdict

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page


class AllLocalesSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        pages = Page.objects.none()
        for home in Page.objects.filter(translation_key=root.translation_key):
            pages |= Page.objects.descendant_of(home, inclusive=True)
        return pages.live().public().order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        codes = dict(Locale.objects.values_list("pk", "language_code"))
        versions = defaultdict(list)
        for item in self.paginator.page(page).object_list:
            location = item.get_full_url(self.request)
            versions[item.translation_key].append({"lang_code": codes[item.locale_id], "location": location})
        key_of = {version["location"]: key for key, listed in versions.items() for version in listed}
        for url in urls:
            listed = versions.get(key_of.get(url["location"]), [])
            if len(listed) > 1:
                url["alternates"] = listed
        return urls
