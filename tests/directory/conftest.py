"""A small partner network for the directory's admin tests: two onboarded organisations and a coordinator.

`network` gives partner A ("Jeugdhuis Apollo") and partner B ("Buurtwerk Baken"): each has its organisation
page in nl, en and fr, a first offer in nl and en, a second offer in nl only, an onboarded partner account
(its own group, collection and page rights) and, for the coordinator, the approval workflow.
`partner_organisation(...)` builds one such member on its own.
"""

from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.text import slugify
from wagtail.models import Collection, Page

from directory.models import DirectoryIndexPage, OfferPage, OrganisationPage
from hub.roles import partner_group
from tests.conftest import kept_for_the_module
from tests.directory.factories import OfferPageFactory, OrganisationPageFactory, coordinator, partner
from tests.hub.factories import translate

LANGUAGES = ("nl", "en", "fr")


@dataclass
class Member:
    """One partner organisation of the network, with its pages, its account and its media collection."""

    slug: str
    user: object
    organisations: dict  # language code -> OrganisationPage (nl, en, fr)
    offers: dict  # language code -> OfferPage: the first offer, in nl and en
    other_offers: list = field(default_factory=list)  # further offers, in nl only
    collection: Collection | None = None

    @property
    def organisation(self):
        return self.organisations["nl"]

    def pages(self):
        """Its organisation pages in every language and everything below them, as found in the tree."""
        paths = Q()
        for page in self.organisations.values():
            paths |= Q(path__startswith=page.path)
        return Page.objects.filter(paths)

    def all_offers(self):
        return OfferPage.objects.filter(pk__in=self.pages().values("pk"))


def partner_organisation(index, title, slug, offer=("Activiteit", "Activity"), other_offers=("Tweede activiteit",)):
    """An organisation below `index` in nl, en and fr with its offers, onboarded with an account named `slug`.

    `offer` is the (nl, en) title of the first offer; `other_offers` are nl titles of offers not translated.
    """
    nl = OrganisationPageFactory(parent=index, title=title, slug=slug, summary_text=f"{title} in Herentals.")
    organisations = {"nl": nl}
    for language in LANGUAGES[1:]:
        organisations[language] = translate(nl, language, summary_text=f"{title} ({language}).")
    first = OfferPageFactory(parent=nl, title=offer[0], slug=slugify(offer[0]))
    offers = {"nl": first, "en": translate(first, "en", title=offer[1])}
    others = [OfferPageFactory(parent=nl, title=other, slug=slugify(other)) for other in other_offers]
    user = partner(nl)
    collection = Collection.objects.get(
        group_permissions__group=partner_group(nl), group_permissions__permission__codename="add_image"
    )
    return Member(slug, user, organisations, offers, others, collection)


@dataclass
class Network:
    a: Member
    b: Member
    coordinator: object

    @property
    def partners(self):
        return [self.a, self.b]


@pytest.fixture(scope="module")
def network_keys(django_db_setup, django_db_blocker):
    """The network, built once per module (tests.conftest.kept_for_the_module): the keys of what it made."""
    with kept_for_the_module(django_db_blocker):
        with django_db_blocker.unblock():
            index = DirectoryIndexPage.objects.get(locale__language_code="nl")
            a = partner_organisation(
                index, "Jeugdhuis Apollo", "apollo", offer=("Filmavond", "Film night"), other_offers=("Kookclub",)
            )
            b = partner_organisation(
                index, "Buurtwerk Baken", "baken", offer=("Pleinspel", "Street games"), other_offers=("Huiswerkklas",)
            )
            keys = {"a": _keys(a), "b": _keys(b), "coordinator": coordinator(username="coordinator").pk}
        yield keys


def _keys(member):
    return {
        "slug": member.slug,
        "user": member.user.pk,
        "organisations": {language: page.pk for language, page in member.organisations.items()},
        "offers": {language: page.pk for language, page in member.offers.items()},
        "other_offers": [page.pk for page in member.other_offers],
        "collection": member.collection.pk,
    }


def _member(keys):
    def page(pk):
        return Page.objects.get(pk=pk).specific

    return Member(
        slug=keys["slug"],
        user=get_user_model().objects.get(pk=keys["user"]),
        organisations={language: page(pk) for language, pk in keys["organisations"].items()},
        offers={language: page(pk) for language, pk in keys["offers"].items()},
        other_offers=[page(pk) for pk in keys["other_offers"]],
        collection=Collection.objects.get(pk=keys["collection"]),
    )


@pytest.fixture
def network(db, network_keys):
    """Partners A (Apollo) and B (Baken), each onboarded with its pages and offers, and a coordinator.

    Built once per module; every test gets fresh objects, and what it changes is rolled back after it."""
    return Network(
        _member(network_keys["a"]),
        _member(network_keys["b"]),
        get_user_model().objects.get(pk=network_keys["coordinator"]),
    )


@pytest.fixture
def organisation_in_every_language(directory_index):
    """A published organisation in nl, en and fr that has no partner account yet."""
    nl = OrganisationPageFactory(parent=directory_index, title="Jeugdwerk Nieuwland", slug="nieuwland")
    for language in LANGUAGES[1:]:
        translate(nl, language)
    return OrganisationPage.objects.get(pk=nl.pk)


@pytest.fixture
def people(keys, django_user_model):
    """(partner, coordinator) of a module whose `keys` fixture names the accounts of its network."""
    return django_user_model.objects.get(pk=keys["partner"]), django_user_model.objects.get(pk=keys["coordinator"])
