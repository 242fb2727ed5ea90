"""The floor every test stands on: pages that are published as an editor publishes them, translations, accounts."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from wagtail.models import Locale

from hub.models import HomePage, NavigationLink, NavigationSettings, StandardPage

PASSWORD = "test-password-1"


def paragraph(text):
    return ("paragraph", f"<p>{text}</p>")


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page added below `parent` and published through a revision, so publish signals (search, caches) fire.

    Pass `live=False` for a draft: it is saved with a revision and never published.
    """

    class Meta:
        abstract = True

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        page = super()._create_instance(model_class, parent, kwargs)
        revision = page.save_revision()
        if page.live:
            revision.publish()
        return page


def translate(page, language, publish=True, **fields):
    """An explicit translation of a page (no synchronised alias trees, see STYLE.md), published unless told."""
    translated = page.copy_for_translation(Locale.objects.get(language_code=language))
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save()
    revision = translated.save_revision()
    if publish:
        revision.publish()
        translated.refresh_from_db()
    return translated


class HomePageFactory(PublishedPageFactory):
    class Meta:
        model = HomePage

    title = "Verbinding"
    slug = "home"
    intro = "Een netwerk van jeugdorganisaties."


class StandardPageFactory(PublishedPageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Pagina {n}")
    intro = "Een gewone pagina."


class UserFactory(factory.django.DjangoModelFactory):
    """An account with a known password; `groups` lists the groups it belongs to."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Faker("first_name", locale="nl_BE")
    last_name = factory.Faker("last_name", locale="nl_BE")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*extracted)


def add_to_menu(*pages):
    navigation = NavigationSettings.load()
    start = navigation.links.count()
    for position, page in enumerate(pages, start=start):
        NavigationLink.objects.create(setting=navigation, page=page, sort_order=position)
