"""Translations: every message has its Russian, and pages pick their language well."""

from __future__ import annotations

from babel.messages.pofile import read_po

from liveline.i18n import LOCALE_DIR, choose_language, translations


def test_every_message_has_a_russian_translation() -> None:
    with (LOCALE_DIR / "messages.pot").open("rb") as source:
        template = read_po(source)
    russian = translations("ru")
    missing = [
        message.id
        for message in template
        if message.id and russian.gettext(str(message.id)) == message.id
    ]
    assert missing == []


def test_language_is_asked_for_then_remembered_then_the_events_own() -> None:
    assert choose_language("en", "ru", ["ru", "en"]) == "en"
    assert choose_language(None, "en", ["ru", "en"]) == "en"
    assert choose_language(None, None, ["en", "ru"]) == "en"
    assert choose_language("en", None, ["ru"]) == "ru", "only the event's languages"
    assert choose_language("de", "fr", []) == "ru"
