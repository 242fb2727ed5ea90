"""The anonymous 'What holds you back?' form, as a young person meets it on an offer page."""

import pytest
from django.template import engines
from django.test import RequestFactory
from django.utils import timezone
from django.utils.translation import override

from directory.models import ThresholdMeasure
from directory.signals.models import Signal, SignalAnswer, SignalCount

from .conftest import OFFER_URL, form_data, nl, offer, sets_no_cookie, soup, threshold

pytestmark = pytest.mark.django_db

# Every column a signal has. A new one (an IP address, a session key...) must be a deliberate choice.
SIGNAL_FIELDS = {"id", "source", "offer_key", "language", "age_band", "text", "date", "recorded_by"}


def test_offer_page_shows_the_form_and_sets_no_cookie(visitor):
    response = visitor.get(OFFER_URL)

    assert response.status_code == 200
    assert sets_no_cookie(response)
    form = soup(response).select_one("form.signals-form")
    assert form["method"] == "post"
    assert form["action"] == "/nl/signals/"
    assert form.select_one('input[name="csrfmiddlewaretoken"]') is None
    labels = [label.get_text(strip=True) for label in form.select(".signals-form__thresholds label")]
    assert "Vervoer en afstand" in labels
    assert "Kostprijs" in labels
    assert form.select_one('input[name="offer"]')["value"] == str(offer("pleinvoetbal").pk)
    assert form.select_one('input[name="text"]')["maxlength"] == "280"


def test_english_offer_page_offers_the_english_vocabulary(visitor):
    page = soup(visitor.get("/en/partners/arktos/pleinvoetbal/"))

    labels = [label.get_text(strip=True) for label in page.select(".signals-form__thresholds label")]
    assert "Transport and distance" in labels
    assert "Vervoer en afstand" not in labels
    assert page.select_one("form.signals-form")["action"] == "/en/signals/"


def test_a_valid_signal_is_stored_once_without_personal_data(visitor):
    pleinvoetbal = offer("pleinvoetbal")
    before = Signal.objects.count()

    response = visitor.post(
        "/nl/signals/",
        form_data(
            pleinvoetbal,
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
    assert signal.offer_key == pleinvoetbal.translation_key
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


def test_thank_you_answers_with_what_the_offer_does_about_each_threshold(visitor):
    pleinvoetbal = offer("pleinvoetbal")
    pleinvoetbal.threshold_measures.filter(threshold__slug__in=["vervoer", "taal"]).delete()
    ThresholdMeasure.objects.create(
        offer=pleinvoetbal, threshold=threshold("vervoer"), measure="Arktos kan je oppikken aan het station."
    )

    response = visitor.post(
        "/nl/signals/", form_data(offer("pleinvoetbal"), [threshold("vervoer"), threshold("taal")]), follow=True
    )

    assert response.status_code == 200
    assert sets_no_cookie(response)
    assert not visitor.cookies  # nothing set along the way: not by the post, not by the thank-you
    page = soup(response)
    assert page.h1.get_text(strip=True) == nl("Thank you for telling us")
    items = {item.strong.get_text(strip=True): item.get_text(" ", strip=True) for item in page.select(".measure")}
    assert "Arktos kan je oppikken aan het station." in items["Vervoer en afstand?"]
    # No measure for language yet: the young person hears it was passed on.
    assert "Arktos" in items["Taal?"]
    assert "oppikken" not in items["Taal?"]


def test_reloading_the_thank_you_does_not_send_again(visitor):
    response = visitor.post("/nl/signals/", form_data(offer("pleinvoetbal"), [threshold("kost")]))
    count = Signal.objects.count()

    for _ in range(2):
        assert visitor.get(response["Location"]).status_code == 200
    assert Signal.objects.count() == count


def test_signals_from_english_and_dutch_pages_add_up(visitor):
    visitor.post("/nl/signals/", form_data(offer("pleinvoetbal"), [threshold("vervoer")]))
    visitor.post("/en/signals/", form_data(offer("pleinvoetbal", "en"), [threshold("vervoer", "en")]))

    signals = Signal.objects.order_by("-pk")[:2]
    assert {s.offer_key for s in signals} == {offer("pleinvoetbal").translation_key}
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
    assert form.select_one('input[name="thresholds"]') is not None

    response = visitor.post("/nl/signals/", form_data(None, [threshold("informatie")]), follow=True)

    assert response.status_code == 200
    signal = Signal.objects.latest("pk")
    assert signal.offer_key is None
    assert nl("We passed this on to the network.") in soup(response).get_text()


def test_free_text_alone_is_enough(visitor):
    response = visitor.post("/nl/signals/", form_data(offer("pleinvoetbal"), [], text="Mijn vrienden gaan niet."))

    assert response.status_code == 302
    signal = Signal.objects.latest("pk")
    assert signal.text == "Mijn vrienden gaan niet."
    assert not signal.counts.exists()


def test_the_form_has_a_page_of_its_own(visitor):
    response = visitor.get(f"/nl/signals/?offer={offer('pleinvoetbal').pk}")

    assert response.status_code == 200
    assert sets_no_cookie(response)
    page = soup(response)
    assert page.h1.get_text(strip=True) == nl("What holds you back?")
    assert page.select_one('form.signals-form input[name="offer"]')["value"] == str(offer("pleinvoetbal").pk)


def test_partner_answers_show_on_the_offer_page_in_every_language(visitor):
    pleinvoetbal = offer("pleinvoetbal")
    SignalAnswer.objects.create(
        offer_key=pleinvoetbal.translation_key,
        threshold_key=threshold("taal").translation_key,
        measure="Vanaf nu is er elke week een tolk Arabisch.",
        language="nl",
    )

    for url, name in [(OFFER_URL, "Taal"), ("/en/partners/arktos/pleinvoetbal/", "Language")]:
        answers = soup(visitor.get(url)).select(".signals-answers li")
        assert [a.get_text(" ", strip=True) for a in answers] == [
            f"{name}: Vanaf nu is er elke week een tolk Arabisch."
        ]
        assert answers[0]["lang"] == "nl"

    # ...and on the thank-you of someone who ticks that threshold.
    response = visitor.post("/nl/signals/", form_data(pleinvoetbal, [threshold("taal")]), follow=True)
    assert "Vanaf nu is er elke week een tolk Arabisch." in response.content.decode()


def test_another_offers_answers_stay_on_that_offer(visitor):
    SignalAnswer.objects.create(
        offer_key=offer("samen-koken").translation_key,
        threshold_key=threshold("kost").translation_key,
        measure="Koken kost nu niets meer.",
        language="nl",
    )

    assert "Koken kost nu niets meer." not in visitor.get(OFFER_URL).content.decode()


@pytest.mark.parametrize(
    ("url", "phrases"),
    [
        ("/nl/privacy/", ["Wat houdt je tegen?", "geen IP-adres", "na 12 maanden", "nooit wie zocht"]),
        ("/en/privacy/", ["What holds you back?", "no IP address", "after 12 months", "never who searched"]),
        ("/fr/vie-privee/", ["Qu'est-ce qui te retient ?", "pas d'adresse IP", "après 12 mois", "jamais qui"]),
    ],
)
def test_the_privacy_page_explains_what_the_form_keeps(visitor, url, phrases):
    text = soup(visitor.get(url)).get_text(" ")

    for phrase in phrases:
        assert phrase in text
