"""Translations of the pages and messages, Russian first, English too.

Catalogues are gettext ``.po`` files under ``liveline/locale``; they are
compiled in memory at start-up, so no compiled ``.mo`` file has to be kept in
the repository or rebuilt by hand. The language of the request being served
lives in a context variable that the templates' ``_()`` reads.
"""

from __future__ import annotations

import gettext as gettext_module
import io
from contextvars import ContextVar
from datetime import datetime
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).with_name("locale")
LANGUAGES = ("ru", "en")
DEFAULT_LANGUAGE = "ru"
LANGUAGE_NAMES = {"ru": "Русский", "en": "English"}

current_language: ContextVar[str] = ContextVar("language", default=DEFAULT_LANGUAGE)


@cache
def translations(language: str) -> gettext_module.NullTranslations:
    """The compiled catalogue for ``language``; English needs none."""
    path = LOCALE_DIR / language / "LC_MESSAGES" / "messages.po"
    if not path.exists():
        return gettext_module.NullTranslations()
    with path.open("rb") as source:
        catalog = read_po(source, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext_module.GNUTranslations(buffer)


def gettext(message: str) -> str:
    """``message`` in the language of the current request."""
    return translations(current_language.get()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for ``count``, in the current language."""
    return translations(current_language.get()).ngettext(singular, plural, count)


def choose_language(
    requested: str | None, remembered: str | None, offered: list[str]
) -> str:
    """Pick a page's language: asked for in the URL, remembered, or the event's own.

    Only languages that both Liveline and the event offer can be chosen; the
    first of the event's languages is the default.
    """
    usable = [lang for lang in offered if lang in LANGUAGES] or [DEFAULT_LANGUAGE]
    for candidate in (requested, remembered):
        if candidate in usable:
            return candidate
    return usable[0]


def format_moment(moment: datetime, timezone: str, language: str) -> str:
    """A date and time as people of ``language`` write it, in the event's zone."""
    local = moment.astimezone(ZoneInfo(timezone))
    return format_datetime(local, "d MMMM y, HH:mm", locale=language)


def format_day(moment: datetime, timezone: str, language: str) -> str:
    """A date alone, as people of ``language`` write it, in the event's zone."""
    local = moment.astimezone(ZoneInfo(timezone))
    return format_date(local.date(), "d MMMM y", locale=language)
