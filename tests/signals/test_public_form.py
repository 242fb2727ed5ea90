"""The anonymous 'What holds you back?' form, as a young person meets it on an offer page."""

import re

import pytest
from django.template import engines
from django.test import RequestFactory
from django.utils import timezone
from django.utils.translation import override

from directory.models import Threshold, ThresholdMeasure
from directory.signals.models import Signal, SignalAnswer, SignalCount
from tests.helpers import sets_no_cookie, soup, text_of, translated

from .conftest import form_data, threshold

pytestmark = pytest.mark.django_db

# Every column a signal has. A new one (an IP address, a session key...) must be a deliberate choice.
SIGNAL_FIELDS = {"id", "source", "offer_key", "language", "age_band", "text", "date", "recorded_by"}
# What the form promises, next to its send button, in the visitor's language.
PROMISE = "We keep only what you tick and write here, with the date. No name, no e-mail, no IP address, no cookie."


def threshold_labels(page):
    return [label.get_text(strip=True) for label in page.select(".signals-form__thresholds label")]


def names(language):
    return sorted(Threshold.objects.filter(locale__language_code=language).values_list("name", flat=True))


def test_offer_page_shows_the_form_and_sets_no_cookie(visitor, network):
    straatvoetbal = network.offer("straatvoetbal")

    response = visitor.get(straatvoetbal.url)

    assert response.status_code == 200
    assert sets_no_cookie(response)
    form = soup(response).select_one("form.signals-form")
    assert form["method"] == "post"
    assert form["action"] == "/nl/signals/"
    assert form.select_one('input[name="csrfmiddlewaretoken"]') is None
    assert sorted(threshold_labels(form)) == names("nl")
    assert form.select_one('input[name="offer"]')["value"] == str(straatvoetbal.pk)
    assert form.select_one('input[name="text"]')["maxlength"] == "280"


def test_english_offer_page_offers_the_english_vocabulary(visitor, network):
    page = soup(visitor.get(network.offer("straatvoetbal", "en").url))

    labels = threshold_labels(page)
    assert sorted(labels) == names("en")
    assert threshold("vervoer", "en").name in labels
    assert threshold("vervoer").name not in labels
    assert page.select_one("form.signals-form")["action"] == "/en/signals/"


def test_a_valid_signal_is_stored_once_without_personal_data(visitor, network):
    straatvoetbal = network.offer("straatvoetbal")
    before = Signal.objects.count()

    response = visitor.post(
        "/nl/signals/",
        form_data(
            straatvoetbal,
            [threshold("vervoer"), threshold("taal")],
            age_band="12-15",
            text="Ik woon in Olen en er rijdt geen bus.",
        ),
        HTTP_USER_AGENT="Mozilla/5.0 (Test)",
    )

    assert response.status_code == 302
    assert sets_no_cookie(response)
    assert Signal.objects.count() == before + 1
    signal = Signal.objects.latest("pk")
    assert {field.attname.removesuffix("_id") for field in Signal._meta.concrete_fields} == SIGNAL_FIELDS
    assert signal.source == Signal.Source.YOUNG_PERSON
    assert signal.offer_key == straatvoetbal.translation_key
    assert signal.language == "nl"
    assert signal.age_band == "12-15"
    assert signal.text == "Ik woon in Olen en er rijdt geen bus."
    assert signal.date == timezone.localdate()
    assert signal.recorded_by is None
    stored = repr(list(Signal.objects.filter(pk=signal.pk).values())) + repr(
        list(SignalCount.objects.filter(signal=signal).values())
    )
    assert "203.0.113.7" not in stored
    assert "Mozilla" not in stored
    assert sorted((c.threshold_key, c.count) for c in signal.counts.all()) == sorted(
        [(threshold("vervoer").translation_key, 1), (threshold("taal").translation_key, 1)]
    )


def test_thank_you_answers_with_what_the_offer_does_about_each_threshold(visitor, network):
    straatvoetbal = network.offer("straatvoetbal")
    organisation = network.sprong.title
    ThresholdMeasure.objects.create(
        offer=straatvoetbal, threshold=threshold("vervoer"), measure="We pikken je op aan het station."
    )

    response = visitor.post(
        "/nl/signals/", form_data(straatvoetbal, [threshold("vervoer"), threshold("taal")]), follow=True
    )

    assert response.status_code == 200
    assert sets_no_cookie(response)
    assert not visitor.cookies  # nothing set along the way: not by the post, not by the thank-you
    page = soup(response)
    assert page.h1.get_text(strip=True) == translated("Thank you for telling us")
    items = {item.strong.get_text(strip=True): text_of(str(item)) for item in page.select(".measure")}
    vervoer, taal = (translated("%(name)s?", name=threshold(slug).name) for slug in ("vervoer", "taal"))
    assert items == {
        vervoer: f"{vervoer} {organisation}: We pikken je op aan het station.",
        # No measure for language yet: the young person hears it was passed on.
        taal: f"{taal} " + translated("We passed this on to %(organisation)s.", organisation=organisation),
    }


def test_the_thank_you_address_carries_nothing_of_the_answer(visitor, network):
    """Access logs and browser history keep URLs: what a young person ticked must not be in one."""
    straatvoetbal = network.offer("straatvoetbal")
    kost, vervoer = threshold("kost"), threshold("vervoer")
    response = visitor.post("/nl/signals/", form_data(straatvoetbal, [kost, vervoer]))

    location = response["Location"]
    # Only an opaque random key (22 URL-safe characters from 16 random bytes), no query string.
    assert re.fullmatch(r"/nl/signals/thanks/[A-Za-z0-9_-]{22}/", location), location
    second = visitor.post("/nl/signals/", form_data(straatvoetbal, [kost, vervoer]))["Location"]
    assert second != location  # the same answer gets another key: nothing in it comes from the answer
    thanks = soup(visitor.get(location))
    assert [item.strong.get_text(strip=True) for item in thanks.select(".measure")] == [
        translated("%(name)s?", name=t.name) for t in sorted([kost, vervoer], key=lambda t: t.name)
    ]


def test_reloading_the_thank_you_does_not_send_again(visitor, network):
    response = visitor.post("/nl/signals/", form_data(network.offer("straatvoetbal"), [threshold("kost")]))
    assert Signal.objects.count() == 1

    for _ in range(2):
        assert visitor.get(response["Location"]).status_code == 200
    assert Signal.objects.count() == 1


def test_signals_from_english_and_dutch_pages_add_up(visitor, network):
    visitor.post("/nl/signals/", form_data(network.offer("straatvoetbal"), [threshold("vervoer")]))
    visitor.post("/en/signals/", form_data(network.offer("straatvoetbal", "en"), [threshold("vervoer", "en")]))

    signals = Signal.objects.all()
    assert [s.offer_key for s in signals] == [network.offer("straatvoetbal").translation_key] * 2
    assert {s.language for s in signals} == {"nl", "en"}
    keys = SignalCount.objects.filter(signal__in=signals).values_list("threshold_key", flat=True)
    assert list(keys) == [threshold("vervoer").translation_key] * 2


def test_the_include_without_an_offer_sends_to_the_network(visitor):
    """The finder includes the same template on its empty result; there the signal is for the network."""
    request = RequestFactory().get("/nl/activiteiten/?q=paardrijden")
    with override("nl"):
        html = engines["django"].from_string('{% include "signals/what_holds_you_back.html" %}').render({}, request)
    form = soup(html).select_one("form.signals-form")
    assert form.select_one('input[name="offer"]') is None
    assert sorted(threshold_labels(form)) == names("nl")

    response = visitor.post("/nl/signals/", form_data(None, [threshold("informatie")]), follow=True)

    assert response.status_code == 200
    signal = Signal.objects.get()
    assert signal.offer_key is None
    item = soup(response).select_one(".measure")
    asked = translated("%(name)s?", name=threshold("informatie").name)
    assert text_of(str(item)) == f"{asked} " + translated("We passed this on to the network.")


def test_free_text_alone_is_enough(visitor, offer):
    response = visitor.post("/nl/signals/", form_data(offer, [], text="Mijn vrienden gaan niet."))

    assert response.status_code == 302
    signal = Signal.objects.get()
    assert signal.text == "Mijn vrienden gaan niet."
    assert not signal.counts.exists()


def test_the_form_has_a_page_of_its_own(visitor, offer):
    response = visitor.get(f"/nl/signals/?offer={offer.pk}")

    assert response.status_code == 200
    assert sets_no_cookie(response)
    page = soup(response)
    assert page.h1.get_text(strip=True) == translated("What holds you back?")
    assert page.select_one(".eyebrow a")["href"] == offer.url
    assert page.select_one('form.signals-form input[name="offer"]')["value"] == str(offer.pk)


def test_partner_answers_show_on_the_offer_page_in_every_language(visitor, network):
    straatvoetbal = network.offer("straatvoetbal")
    answer = "Vanaf nu is er elke week een tolk Arabisch."
    SignalAnswer.objects.create(
        offer_key=straatvoetbal.translation_key,
        threshold_key=threshold("taal").translation_key,
        measure=answer,
        language="nl",
    )

    for language in ("nl", "en"):
        page = soup(visitor.get(network.offer("straatvoetbal", language).url))
        answers = page.select(".signals-answers li")
        assert [a.get_text(" ", strip=True) for a in answers] == [f"{threshold('taal', language).name}: {answer}"]
        assert answers[0]["lang"] == "nl"

    # ...and on the thank-you of someone who ticks that threshold.
    response = visitor.post("/nl/signals/", form_data(straatvoetbal, [threshold("taal")]), follow=True)
    assert [text_of(str(item)) for item in soup(response).select(".measure")] == [
        f"{translated('%(name)s?', name=threshold('taal').name)} {network.sprong.title}: {answer}"
    ]


def test_another_offers_answers_stay_on_that_offer(visitor, network):
    SignalAnswer.objects.create(
        offer_key=network.offer("kookatelier").translation_key,
        threshold_key=threshold("kost").translation_key,
        measure="Koken kost nu niets meer.",
        language="nl",
    )

    assert "Koken kost nu niets meer." in visitor.get(network.offer("kookatelier").url).content.decode()
    assert "Koken kost nu niets meer." not in visitor.get(network.offer("straatvoetbal").url).content.decode()


@pytest.mark.parametrize(
    ("language", "privacy_url"), [("nl", "/nl/privacy/"), ("en", "/en/privacy/"), ("fr", "/fr/vie-privee/")]
)
def test_the_form_says_what_it_keeps_and_leads_to_the_privacy_page(visitor, language, privacy_url):
    """The full statement is the privacy page's own text (the editor's); the form itself carries it in short."""
    page = soup(visitor.get(f"/{language}/signals/"))

    assert page.select_one(".signals-form__privacy").get_text(strip=True) == translated(PROMISE, language)
    link = page.select_one(f'footer a[href="{privacy_url}"]')
    assert link.get_text(strip=True) == translated("Privacy: no cookies, no tracking", language)
    assert visitor.get(privacy_url).status_code == 200
