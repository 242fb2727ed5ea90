"""RSS and Atom feeds of new and updated methods, one per language (served by the method index page)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import override

from .models import MethodPage

FEED_LENGTH = 30


class MethodsRssFeed(Feed):
    def get_object(self, request, index):
        self.request = request
        return index

    def title(self, index):
        with override(index.locale.language_code):
            return _("Verbinding: methods") + f" ({index.title})"

    def link(self, index):
        return index.get_full_url(self.request)

    def description(self, index):
        with override(index.locale.language_code):
            return _("New and updated methods from the Verbinding network, free to reuse.")

    def items(self, index):
        return (
            MethodPage.objects.child_of(index)
            .live()
            .public()
            .prefetch_related("themes")
            .order_by("-last_published_at")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary_text

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [term.name for term in item.theme_terms]


class MethodsAtomFeed(MethodsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, index):
        return self.description(index)
