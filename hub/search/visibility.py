"""What a visitor may find, read from the pages when the query runs, whatever the index says.

A page that is not live, or lies under a view restriction (on itself or any ancestor), is never found. The index
follows those changes (hub.search.receivers), but it can lag behind: an Elasticsearch update lost while the
cluster was down, a page changed without Wagtail's signals. So each search asks the pages twice, cheaply:

- before the engine runs, which pages of the catalogue are hidden; the engine leaves them out of its hits, its
  total and its facet counts, so the counts stay exact (one query over the catalogue's pages, answered from the
  page table's content type index, and kept until content changes; the hidden pages are few);
- after it, whether the page of hits it returned is still live and public (one query on at most a page of ids):
  this catches what the first query cannot know, such as a deleted page that Elasticsearch still holds.
"""

import functools
import operator

from django.db.models import Q
from wagtail.models import Page

from hub import navigation

NOTHING = Q(pk__in=[])


class Visibility:
    def __init__(self):
        paths = {restriction.page.path for restriction in navigation.view_restrictions()}  # read once per request
        #: the pages under a view restriction: the restricted pages and their descendants
        self.restricted = functools.reduce(operator.or_, (Q(path__startswith=path) for path in paths), NOTHING)

    def hidden(self, catalogue):
        """The ids of the catalogue's pages a visitor must not find (every locale), until content changes."""

        def read():
            pages = Page.objects.type(catalogue.page_model).filter(Q(live=False) | self.restricted).order_by()
            return frozenset(pages.values_list("pk", flat=True))

        return navigation.until_content_changes("hidden", read, catalogue.name)

    def shown(self, ids):
        """Those of `ids` that are live, public pages."""
        return set(Page.objects.filter(pk__in=ids, live=True).exclude(self.restricted).values_list("pk", flat=True))
