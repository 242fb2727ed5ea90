"""The numbers behind the partner dashboard, the network report and its CSV export.

The unit everywhere is a *mention*: one threshold named once. A young person ticking "cost" and
"transport" makes two mentions; a youth worker's tally of "transport: 5" makes five. So every table
of a report adds up to the same total, except by municipality: an offer held in two municipalities
counts in both.
"""

import csv
import datetime
from collections import Counter
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.db.models import F, Sum
from django.db.models.functions import TruncMonth
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from directory.models import ThresholdMeasure

from . import lookups, roles
from .charts import column_chart
from .models import AgeBand, EmptySearch, Signal, SignalAnswer, SignalCount

TOP = 10


@dataclass
class Period:
    """Whole months, both ends included."""

    start: datetime.date
    end: datetime.date

    @classmethod
    def months_up_to_now(cls, count):
        today = timezone.localdate()
        return cls.between(today - relativedelta(months=count - 1), today)

    @classmethod
    def between(cls, first, last):
        return cls(first.replace(day=1), last.replace(day=1) + relativedelta(months=1, days=-1))

    @property
    def months(self):
        month, found = self.start, []
        while month <= self.end:
            found.append(month)
            month += relativedelta(months=1)
        return found

    def slug(self):
        return f"{self.start:%Y-%m}_{self.end:%Y-%m}"


@dataclass
class Row:
    label: str
    count: int
    share: float = 0.0  # of the largest row, for the bar


@dataclass
class Section:
    slug: str
    title: str
    rows: list[Row] = field(default_factory=list)

    @property
    def total(self):
        return sum(row.count for row in self.rows)


def _section(slug, title, counts, ordered=None):
    """Rows from a {label: count} mapping: largest first, or in the given label order."""
    labels = ordered if ordered is not None else sorted(counts, key=lambda label: (-counts[label], label.casefold()))
    peak = max(counts.values(), default=0) or 1
    return Section(
        slug, title, [Row(label, counts.get(label, 0), round(counts.get(label, 0) / peak * 100, 1)) for label in labels]
    )


def month_label(month):
    return formats.date_format(month, "YEAR_MONTH_FORMAT")


def facts(period, offer_keys=None):
    """Mentions per threshold, offer, age band and month: the one query every report is built from."""
    counts = SignalCount.objects.filter(signal__date__range=(period.start, period.end))
    if offer_keys is not None:
        counts = counts.filter(signal__offer_key__in=offer_keys)
    return list(
        counts.annotate(offer=F("signal__offer_key"), age=F("signal__age_band"), month=TruncMonth("signal__date"))
        .values("threshold_key", "offer", "age", "month")
        .annotate(mentions=Sum("count"))
        .order_by()
    )


class Names:
    """Labels in the reader's language for the keys signals store."""

    def __init__(self):
        self.thresholds = lookups.thresholds()
        self.offers = lookups.offers()
        self.organisations = lookups.organisations_of_offers(self.offers.values())
        self.municipalities = lookups.municipalities_of_offers()

    def threshold(self, key):
        threshold = self.thresholds.get(key)
        return threshold.name if threshold else _("A threshold that was removed")

    def offer(self, key):
        if key is None:
            return _("The network in general")
        offer = self.offers.get(key)
        return offer.title if offer else _("An offer that was removed")

    def organisation(self, offer_key):
        if offer_key is None:
            return _("The network in general")
        organisation = self.organisations.get(offer_key)
        return organisation.title if organisation else _("An offer that was removed")

    def places(self, offer_key):
        if offer_key is None:
            return [_("The network in general")]
        return self.municipalities.get(offer_key) or [_("No place given")]

    def offer_with_organisation(self, key):
        if key is None:
            return self.offer(None)
        return f"{self.offer(key)} ({self.organisation(key)})"


def _by_month(rows, period):
    counts = Counter()
    for fact in rows:
        counts[fact["month"]] += fact["mentions"]
    section = _section(
        "month", _("Month"), {month_label(m): counts[m] for m in period.months}, [month_label(m) for m in period.months]
    )
    return section, column_chart([(formats.date_format(m, "M y"), counts[m]) for m in period.months])


def _answered():
    """(offer key, threshold key) pairs the offer already does something about."""
    pairs = set(ThresholdMeasure.objects.values_list("offer__translation_key", "threshold__translation_key"))
    pairs.update(SignalAnswer.objects.values_list("offer_key", "threshold_key"))
    return pairs


def _empty_searches(period):
    counts = Counter()
    for query, filters in EmptySearch.objects.filter(date__range=(period.start, period.end)).values_list(
        "query", "filters"
    ):
        parts = [query.casefold()] if query else []
        parts += [f"{name}: {', '.join(v) if isinstance(v, list) else v}" for name, v in sorted(filters.items())]
        counts[" · ".join(parts) or _("(words removed after the retention period)")] += 1
    section = _section("searches", _("Searches that found nothing"), counts)
    section.rows = section.rows[:TOP]
    return section


@dataclass
class NetworkReport:
    period: Period
    sections: list[Section]
    unmet: Section
    searches: Section
    chart: dict

    @property
    def total(self):
        return self.sections[0].total

    def all_sections(self):
        return [*self.sections, self.unmet, self.searches]


def network_report(period):
    rows = facts(period)
    names = Names()
    by_threshold, by_place, by_age, by_organisation, pairs = Counter(), Counter(), Counter(), Counter(), Counter()
    for fact in rows:
        mentions = fact["mentions"]
        by_threshold[names.threshold(fact["threshold_key"])] += mentions
        for place in names.places(fact["offer"]):
            by_place[place] += mentions
        by_age[fact["age"]] += mentions
        by_organisation[names.organisation(fact["offer"])] += mentions
        pairs[(fact["offer"], fact["threshold_key"])] += mentions

    ages = {label: by_age[value] for value, label in AgeBand.choices}
    ages[_("Not given")] = by_age[""]
    month_section, chart = _by_month(rows, period)
    answered = _answered()
    unmet = Counter()
    for (offer_key, threshold_key), mentions in pairs.items():
        if (offer_key, threshold_key) not in answered:
            unmet[f"{names.offer_with_organisation(offer_key)}: {names.threshold(threshold_key)}"] += mentions
    unmet_section = _section("unmet", _("Top unmet needs"), dict(unmet.most_common(TOP)))
    return NetworkReport(
        period=period,
        sections=[
            _section("threshold", _("Threshold"), by_threshold),
            _section("municipality", _("Municipality"), by_place),
            _section("age", _("Age"), ages, list(ages)),
            _section("organisation", _("Organisation"), by_organisation),
            month_section,
        ],
        unmet=unmet_section,
        searches=_empty_searches(period),
        chart=chart,
    )


def _csv_cell(value):
    """Text that a spreadsheet would run as a formula is prefixed, so opening the export runs nothing."""
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write_csv(report, stream):
    writer = csv.writer(stream)
    writer.writerow([_("Table"), _("What"), _("Mentions")])
    for section in report.all_sections():
        for row in section.rows:
            writer.writerow([_csv_cell(section.title), _csv_cell(row.label), row.count])


@dataclass
class ThresholdTrend:
    label: str
    counts: list[int]
    total: int
    chart: dict


@dataclass
class PartnerReport:
    period: Period
    months: list[str]
    trends: list[ThresholdTrend]
    by_offer: Section
    chart: dict
    texts: list
    answers: list
    offers: dict

    @property
    def total(self):
        return sum(trend.total for trend in self.trends)


def partner_report(user, period, latest=20):
    """Signals about this partner's own offers, and nothing else."""
    offers = lookups.offers(roles.partner_offers(user))
    keys = list(offers)
    rows = facts(period, keys)
    names = Names()
    per_threshold = {}
    by_offer = Counter()
    for fact in rows:
        months = per_threshold.setdefault(fact["threshold_key"], Counter())
        months[fact["month"]] += fact["mentions"]
        by_offer[names.offer(fact["offer"])] += fact["mentions"]
    trends = []
    for key, months in per_threshold.items():
        counts = [months[m] for m in period.months]
        chart = column_chart(
            [(month_label(m), months[m]) for m in period.months], plot_height=28, bar=8, gap=3, labels=False
        )
        trends.append(ThresholdTrend(names.threshold(key), counts, sum(counts), chart))
    trends.sort(key=lambda trend: (-trend.total, trend.label.casefold()))
    chart = _by_month(rows, period)[1]
    texts = [
        (signal, names.offer(signal.offer_key))
        for signal in Signal.objects.filter(offer_key__in=keys).exclude(text="")[:latest]
    ]
    answers = [
        (answer, names.offer(answer.offer_key), names.threshold(answer.threshold_key))
        for answer in SignalAnswer.objects.filter(offer_key__in=keys)
    ]
    return PartnerReport(
        period=period,
        months=[formats.date_format(m, "M y") for m in period.months],
        trends=trends,
        by_offer=_section("offer", _("Offer"), by_offer),
        chart=chart,
        texts=texts,
        answers=answers,
        offers=offers,
    )
