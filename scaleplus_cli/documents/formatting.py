"""How the documents write things: every fixed word, date, time, number, amount of money and label of
a choice, in the document's language (Language), so the agenda, the commitment sheets, the work plan,
the bulletin and the letters agree. Babel knows how each language writes dates and numbers; the
words come from the gettext catalogs in scaleplus_cli/locales (catalogs.py).

The plain functions at the end write English for the terminal without loading Babel."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable

from scaleplus_cli.models import (
    AGGREGATE,
    CATEGORY,
    FUNDING_SOURCE,
    INSTRUMENT,
    LANGUAGES,
    LEVEL,
    NETWORK_PHASE,
    PHASE,
    SECTOR,
    SITE_LEVEL,
    STATUS,
)


def N_(message: str) -> str:
    """Marks a message for the catalogs where it is declared; it is translated where it is shown."""
    return message


def NC_(context: str, message: str) -> str:
    """N_ for a message meant in a context (translated with pgettext(context, message))."""
    return message


# The choices documents name. Their labels are the declarations' (models.py), translated with the
# choice's name as context ("Donor" as a funding source is not the sector of donors); tools/catalogs.py
# puts every label in the catalogs, so a new choice is a new message to translate.
DOCUMENT_CHOICES = (SECTOR, CATEGORY, STATUS, INSTRUMENT, FUNDING_SOURCE, LEVEL, PHASE, NETWORK_PHASE, SITE_LEVEL, AGGREGATE)
# One stakeholder's sector, where it differs from the sector's name as a group ("Donors").
ONE_STAKEHOLDER = {"faith_traditional": N_("Faith & traditional leader"), "donor": N_("Donor")}
# Shown for the progress of an indicator whose target is its baseline.
NO_PROGRESS = "—"
# Shown wherever a figure has no value yet (an indicator not measured): the same mark everywhere.
NO_VALUE = NO_PROGRESS


@dataclass(frozen=True)
class Formats:
    """How one language writes dates (CLDR patterns) and which locale's data Babel uses for it."""

    locale: str
    long: str  # 15 September 2026
    day: str  # Tuesday 15 September 2026
    short: str  # 15 Sep 2026, for table columns
    month: str  # Sep 26, a timeline column
    day_month: str  # 28 September, the first date of a range within a year
    time: str  # 09:00


# English is written the British way (15 September 2026) with the short months of "en" (Sep, not Sept).
FORMATS = {
    "en": Formats("en", "d MMMM y", "EEEE d MMMM y", "d MMM y", "MMM yy", "d MMMM", "HH:mm"),
    "fr": Formats("fr", "d MMMM y", "EEEE d MMMM y", "d MMM y", "MMM yy", "d MMMM", "HH:mm"),
    "es": Formats("es", "d 'de' MMMM 'de' y", "EEEE, d 'de' MMMM 'de' y", "d MMM y", "MMM yy", "d 'de' MMMM", "H:mm"),
    "pt": Formats("pt_PT", "d 'de' MMMM 'de' y", "EEEE, d 'de' MMMM 'de' y", "d MMM y", "MMM yy", "d 'de' MMMM", "HH:mm"),
}
assert set(FORMATS) == set(LANGUAGES)


@dataclass(frozen=True)
class Language:
    """One document's language, and the currency its amounts are in (None: amounts as plain numbers)."""

    code: str = "en"
    currency: str | None = None
    _cache: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    # -- words ------------------------------------------------------------------------------------

    @property
    def translations(self):
        from scaleplus_cli.documents.catalogs import translations

        return translations(self.code)

    def _(self, message: str, **values: Any) -> str:
        """The message in this language; %(name)s placeholders filled from values."""
        text = self.translations.gettext(message)
        return text % values if values else text

    def pgettext(self, context: str, message: str) -> str:
        """The message in this language, as meant in context (a "column" header, a "sheet" name)."""
        return self.translations.pgettext(context, message)

    def ngettext(self, singular: str, plural: str, n: int, **values: Any) -> str:
        """The singular or plural form for n, as the language's plural rule chooses; %(n)s is n."""
        return self.translations.ngettext(singular, plural, n) % dict(values, n=self.number(n))

    def choice(self, kind: Any, value: str | None) -> str:
        """A value of a declared choice (models.SECTOR, STATUS, ...) as its label in this language."""
        if not value:
            return ""
        label = kind.labels.get(value)
        return self.pgettext(kind.name, label) if label else value.replace("_", " ").capitalize()

    def label(self, value: str | None) -> str:
        """A status, sector (as a group), category or instrument as words."""
        for kind in (STATUS, SECTOR, CATEGORY, INSTRUMENT):
            if value in kind.choices:
                return self.choice(kind, value)
        return self.choice(STATUS, value)

    def sector(self, value: str | None) -> str:
        """The sector of one stakeholder, in the singular: donor -> Donor."""
        one = ONE_STAKEHOLDER.get(value or "")
        return self._(one) if one else self.choice(SECTOR, value)

    def funding(self, value: str | None) -> str:
        return self.choice(FUNDING_SOURCE, value)

    def days(self, n: int) -> str:
        return self.ngettext("%(n)s day", "%(n)s days", n)

    def horizon(self, horizon: int | None) -> str:
        return self.days(horizon) if horizon else ""

    def and_list(self, items: Iterable[str]) -> str:
        """a, b and c."""
        items = [i for i in items if i]
        if len(items) <= 1:
            return "".join(items)
        return self._("%(items)s and %(last)s", items=", ".join(items[:-1]), last=items[-1])

    # -- dates and times --------------------------------------------------------------------------

    @property
    def formats(self) -> Formats:
        return FORMATS[self.code]

    @property
    def locale(self):
        from babel import Locale

        if "locale" not in self._cache:
            self._cache["locale"] = Locale.parse(self.formats.locale)
        return self._cache["locale"]

    def date(self, d: dt.date | None, pattern: str) -> str:
        """A date written with a CLDR pattern (d MMM y) in this language."""
        if d is None:
            return ""
        if d.day == 1 and self.code == "fr":  # le 1er novembre
            pattern = re.sub(r"(?<![dE'])d(?!d)", "d'er'", pattern, count=1)
        key = (d, pattern)
        if key not in self._cache:
            from babel.dates import format_date

            self._cache[key] = format_date(d, pattern, locale=self.locale)
        return self._cache[key]

    def long_date(self, d: dt.date | None) -> str:
        return self.date(d, self.formats.long)

    def short_date(self, d: dt.date | None) -> str:
        return self.date(d, self.formats.short)

    def day_date(self, d: dt.date | None) -> str:
        return self.date(d, self.formats.day)

    def month(self, d: dt.date) -> str:
        return self.date(d, self.formats.month)

    def quarter(self, d: dt.date) -> str:
        return self._("Q%(quarter)s %(year)s", quarter=(d.month - 1) // 3 + 1, year=d.year)

    def date_range(self, start: dt.date | None, end: dt.date | None) -> str:
        """15–17 September 2026; 28 September – 2 October 2026; one side alone when the other is unknown."""
        if not (start and end):
            return self.long_date(start or end)
        if start >= end:
            return self.long_date(start)
        if (start.year, start.month) == (end.year, end.month):
            return f"{self.date(start, 'd')}–{self.long_date(end)}"
        if start.year == end.year:
            return f"{self.date(start, self.formats.day_month)} – {self.long_date(end)}"
        return f"{self.long_date(start)} – {self.long_date(end)}"

    def clock(self, minutes: int | None) -> str:
        """Minutes after midnight as the language writes a time; past midnight (an agenda with errors,
        rendered with --force) the time of the next day, marked: 02:00 (+1 day)."""
        if minutes is None:
            return ""
        days, minutes = divmod(minutes, 24 * 60)
        key = ("clock", minutes)
        if key not in self._cache:
            from babel.dates import format_time

            self._cache[key] = format_time(dt.time(minutes // 60, minutes % 60), self.formats.time, locale=self.locale)
        time = self._cache[key]
        return self._("%(time)s (+%(days)s)", time=time, days=self.days(days)) if days else time

    def duration(self, minutes: int | None) -> str:
        """90 -> 1 h 30 min"""
        if not minutes:
            return ""
        hours, rest = divmod(minutes, 60)
        if not hours:
            return self._("%(minutes)s min", minutes=rest)
        if not rest:
            return self._("%(hours)s h", hours=hours)
        return self._("%(hours)s h %(minutes)s min", hours=hours, minutes=str(rest).zfill(2))

    # -- numbers and money ------------------------------------------------------------------------

    def number(self, value: float | int | None) -> str:
        """1,234 or 0.6 or 12.25 as the language writes them: thousands grouped, no trailing zeros."""
        if value is None:
            return ""
        key = ("number", value)
        if key not in self._cache:  # the same few counts and scores, again and again
            from babel.numbers import format_decimal

            self._cache[key] = format_decimal(value, format="#,##0.##", locale=self.locale)
        return self._cache[key]

    def money(self, value: float | int | None) -> str:
        """An amount with the project's currency when it names one (18 500 $US, US$ 18.500), cents
        only when there are any; a plain number with two decimals when it has cents."""
        if value is None:
            return ""
        from babel.numbers import format_currency, format_decimal

        whole = float(value).is_integer()
        if not self.currency:
            return format_decimal(value, format="#,##0" if whole else "#,##0.00", locale=self.locale)
        pattern = self.locale.currency_formats["standard"].pattern
        if whole:
            pattern = pattern.replace("0.00", "0")
        return format_currency(value, self.currency, format=pattern, locale=self.locale, currency_digits=False)

    def unit(self, value: float | int | None, unit: str | None, unit_one: str | None = None) -> str:
        """The unit that agrees with value: unit_one after a number the language counts as one (CLDR's
        plural rules: 1 in English and Spanish, 0 and 1 and 1.5 in French, 1 in Portuguese), else unit."""
        if unit_one and value is not None and self.locale.plural_form(abs(value)) == "one":
            return unit_one
        return unit or ""

    def quantity(self, value: float | int | None, unit: str | None, unit_one: str | None = None) -> str:
        """A number with its unit: 1 boat, 12 boats, 1,5 bateau, 40 %; "" without a value."""
        if value is None:
            return ""
        form = self.unit(value, unit, unit_one)
        if form == "%":  # as the language writes a percentage: 40% in English, 40 % (no break) in the others
            return self.number(value) + ("%" if self.code == "en" else "\u00a0%")
        return f"{self.number(value)} {form}" if form else self.number(value)

    def percent(self, fraction: float | None) -> str:
        if fraction is None:
            return ""
        from babel.numbers import format_percent

        return format_percent(round(fraction, 2) + 0.0, locale=self.locale)  # + 0.0: a share just below 0 is "0 %", not "-0 %"


@lru_cache(maxsize=None)
def language(code: str | None, currency: str | None = None) -> Language:
    """The Language of a code from a project (an unknown code, which check reports, reads as English)."""
    return Language(code if code in FORMATS else "en", currency or None)


def project_language(project, code: str | None = None) -> Language:
    """The language a project's documents speak (or code, a stakeholder's own), with its currency."""
    settings = project.settings
    return language(code or settings.language, getattr(settings, "currency", None))


# -- independent of the language --------------------------------------------------------------


def bar(fraction: float | None, width: int = 10, marks: str = "■□") -> str:
    """Progress as a bar of `width` marks, filled to the nearest mark (clamped to 0..width)."""
    if fraction is None:
        return ""
    filled = max(0, min(width, int(fraction * width + 0.5)))
    return marks[0] * filled + marks[1] * (width - filled)


def join(items: Iterable[str], sep: str = "; ") -> str:
    return sep.join(i for i in items if i)


def sort_key(text: str | None) -> str:
    return (text or "").casefold()


def month_index(d: dt.date) -> int:
    return d.year * 12 + d.month - 1


def month_of(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


# -- English for the terminal, without Babel --------------------------------------------------


def clock(minutes: int | None) -> str:
    """Minutes after midnight as HH:MM, the next day marked: 02:00 (+1 day)."""
    if minutes is None:
        return ""
    days, minutes = divmod(minutes, 24 * 60)
    time = f"{minutes // 60:02d}:{minutes % 60:02d}"
    return f"{time} (+{days} day{'s' if days != 1 else ''})" if days else time


def number(value: float | int | None) -> str:
    """1,234 or 0.6 or 12.25: thousands separated, no trailing zeros."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def quantity(value: float | int | None, unit: str | None, unit_one: str | None = None) -> str:
    """A number with its unit as English counts: 1 boat, 0 boats, 1.5 boats."""
    if value is None:
        return ""
    form = unit_one if unit_one and value == 1 else unit
    if form == "%":
        return f"{number(value)}%"
    return f"{number(value)} {form}" if form else number(value)


def money(value: float | int | None) -> str:
    """18,500 or 1,234.50."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}"
