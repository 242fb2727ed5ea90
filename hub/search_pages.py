"""One search page pattern for the activity finder and the method library.

A page that mixes in `SearchPage` answers a plain GET form from the shared search plumbing (hub.search): the
engine finds (ordered page ids, the total, facet counts), the live pages show. Both pages share the URL
parameters (q, page, sort and the facets by name), the facet options, the summary of active choices (each with a
link to the same search without it), the pagination and the notices; each adds only what is its own (the finder's
dates and "near", the library's sort choices).
"""

from django.template.loader import get_template
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from hub import languages, navigation
from hub.formats import local_date
from hub.search import REGISTRY, cached_labels, search_page
from hub.search.params import parse, query_without_page

#: A facet longer than this keeps its largest values and the chosen ones, so the form stays usable on a phone;
#: the rest is reachable by typing its name in the search box.
FACET_LIMIT = 12


def facet_options(catalogue, labels, result, chosen):
    """Each facet's values (in the order of the labels) with their counts for the current search."""
    facets = []
    for facet in catalogue.facets:
        counts = result.facets.get(facet.name, {})
        selected = chosen.get(facet.name, set())
        values = [
            {"value": value, "label": label, "count": counts.get(value, 0), "selected": value in selected}
            for value, label in labels.get(facet.name, {}).items()
            if counts.get(value) or value in selected
        ]
        hidden = 0
        if len(values) > FACET_LIMIT:
            largest = sorted(values, key=lambda v: -v["count"])[:FACET_LIMIT]
            keep = {v["value"] for v in largest} | selected
            hidden = len(values) - len(keep)
            values = [v for v in values if v["value"] in keep]
        if values:
            facets.append({"name": facet.name, "label": facet.label, "values": values, "hidden": hidden})
    return facets


def without(query, key, value=None):
    """The search's query string without one of its choices (all values of `key` when `value` is None) and
    without its page number: the link that removes that choice."""
    query = query.copy()
    if value is None:
        query.pop(key, None)
    else:
        query.setlist(key, [kept for kept in query.getlist(key) if kept != value])
    return query_without_page(query)


def shown_pages(pages, ids, prefetch):
    """The live pages of these ids (from a page queryset), in their order, with what their cards show: a constant
    number of queries."""
    pages = {page.pk: page for page in pages.live().filter(pk__in=ids).prefetch_related(*prefetch)}
    return [pages[page_id] for page_id in ids if page_id in pages]


class SearchPage:
    """A page mixin: the search, its form and its result cards (see the module docstring)."""

    #: the catalogue's name in hub.search.REGISTRY
    catalogue_name = ""
    #: the result card's template, and the name it gives the card's page
    card_template = ""
    card_name = "page"
    #: the relations a result card shows, read for all cards at once
    card_prefetch = ()

    def sort_choices(self):
        """[(value, label)], the first being the order used when the asked one is not offered."""
        raise NotImplementedError

    def parse_search(self, request, catalogue, labels):
        """(SearchRequest, notices, chosen) for the visitor's query string; pages add their own parameters."""
        search_request, notices, chosen = parse(request.GET, catalogue, languages.language_of(self), labels)
        offered = [value for value, _label in self.sort_choices()]
        if search_request.sort not in offered:
            search_request.sort = chosen["sort"] = offered[0]
        return search_request, notices, chosen

    def cards(self, ids):
        """The result cards' pages, in the order of the hits, with what the cards show (constant queries)."""
        pages = shown_pages(REGISTRY[self.catalogue_name].page_model.objects.all(), ids, self.card_prefetch)
        languages.show_to_visitor([value for page in pages for value in self.card_vocabularies(page)])
        return pages

    def rendered_cards(self, request, ids):
        """The result cards, rendered, in the order of the hits. A card is kept until its page's own rows change or
        content many cards show does (a vocabulary, an organisation, an image: hub.pagecache.versions), per
        language, address and day (it shows the next date), so a search reads and renders only the cards no search
        showed since, and a partner's publish renders one card again, not all."""
        template = get_template(self.card_template)

        def render(missing):
            return {
                page.pk: template.render({self.card_name: page, "in_results": True}, request)
                for page in self.cards(missing)
            }

        parts = (self.catalogue_name, get_language(), request.get_host(), timezone.localdate())
        kept = navigation.each_page_until_it_changes("result-card", ids, render, *parts)
        return [kept[page_id] for page_id in ids if page_id in kept]

    def card_vocabularies(self, page):
        """The vocabulary values a card shows, to be shown in the visitor's language."""
        return []

    def active_choices(self, chosen, labels):
        """[(parameter, value or None, label)] of the choices in use, in the order the form asks them."""
        choices = [("q", None, f"“{chosen['q']}”")] if chosen.get("q") else []
        for facet in REGISTRY[self.catalogue_name].facets:
            names = labels.get(facet.name, {})
            choices += [(facet.name, value, names[value]) for value in names if value in chosen.get(facet.name, ())]
        if chosen.get("age") is not None:
            choices.append(("age", None, _("%(age)s years old") % {"age": chosen["age"]}))
        if chosen.get("max_price") is not None:
            price = number_format(chosen["max_price"], decimal_pos=2)
            choices.append(("max_price", None, _("at most € %(price)s") % {"price": price}))
        if chosen.get("from"):
            choices.append(("from", None, _("from %(date)s") % {"date": local_date(chosen["from"], "long")}))
        if chosen.get("to"):
            choices.append(("to", None, _("until %(date)s") % {"date": local_date(chosen["to"], "long")}))
        return choices

    def search_context(self, request):
        """What the page's template needs to show the search: the form's state, the cards and the pagination."""
        catalogue = REGISTRY[self.catalogue_name]
        labels = cached_labels(catalogue, languages.language_of(self))  # no query for the page's locale
        search_request, notices, chosen = self.parse_search(request, catalogue, labels)
        result, page_count = search_page(search_request, notices)
        cards = self.rendered_cards(request, result.ids)
        summary = [
            {"label": label, "url": "?" + without(request.GET, name, value)}
            for name, value, label in self.active_choices(chosen, labels)
        ]
        return {
            "search_request": search_request,
            "chosen": chosen,
            "notices": notices,
            "result": result,
            "cards": cards,
            "labels": labels,
            "facets": facet_options(catalogue, labels, result, chosen),
            "sort_choices": self.sort_choices(),
            "summary": summary,
            "page_number": search_request.page,
            "page_count": page_count,
            "query_string": query_without_page(request.GET),
        }
