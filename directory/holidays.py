"""The Flemish school holidays, computed from the rules that fix them (Besluit van de Vlaamse Regering of
17 April 1991 on the organisation of the school year), so a new site knows them without anyone typing dates.
The coordinator can still correct or add one in the admin (School holidays)."""

import datetime

from dateutil.easter import easter

MONDAY = 0


def _monday_of_week(day):
    return day - datetime.timedelta(days=day.weekday())


def _weeks(first_day, weeks):
    return first_day, first_day + datetime.timedelta(days=7 * weeks - 1)


def autumn(year):
    """One week, from the Monday of the week of 1 November; from 2 November when that is a Sunday."""
    all_saints = datetime.date(year, 11, 1)
    first = all_saints + datetime.timedelta(days=1) if all_saints.weekday() == 6 else _monday_of_week(all_saints)
    return _weeks(first, 1)


def christmas(year):
    """Two weeks, from the Monday of the week of Christmas; from the Monday after when Christmas is at a weekend."""
    day = datetime.date(year, 12, 25)
    first = _monday_of_week(day) if day.weekday() < 5 else day + datetime.timedelta(days=7 - day.weekday())
    return _weeks(first, 2)


def carnival(year):
    """One week, from the seventh Monday before Easter."""
    return _weeks(easter(year) - datetime.timedelta(days=6 + 7 * 6), 1)


def spring(year):
    """Two weeks, from the first Monday of April; from the Monday after Easter when Easter is in March, from the
    second Monday before Easter when Easter is after 15 April."""
    sunday = easter(year)
    if sunday.month == 3:
        first = sunday + datetime.timedelta(days=1)
    elif sunday > datetime.date(year, 4, 15):
        first = sunday - datetime.timedelta(days=13)
    else:
        first_of_april = datetime.date(year, 4, 1)
        first = first_of_april + datetime.timedelta(days=(MONDAY - first_of_april.weekday()) % 7)
    return _weeks(first, 2)


def summer(year):
    return datetime.date(year, 7, 1), datetime.date(year, 8, 31)


def school_year(first_year):
    """The holidays of the school year that starts on 1 September of `first_year`, as (name, first, last day)."""
    second_year = first_year + 1
    return [
        (f"Herfstvakantie {first_year}", *autumn(first_year)),
        (f"Kerstvakantie {first_year}-{second_year}", *christmas(first_year)),
        (f"Krokusvakantie {second_year}", *carnival(second_year)),
        (f"Paasvakantie {second_year}", *spring(second_year)),
        (f"Zomervakantie {second_year}", *summer(second_year)),
    ]


def current_and_next_school_year(today):
    first_year = today.year if today.month >= 9 else today.year - 1
    return school_year(first_year) + school_year(first_year + 1)
