"""Reading a submission from a citizen: the checks, and the clear refusals.

Everything here is decided without I/O. The web layer turns a form or a JSON
body into a mapping, :func:`read_draft` checks it against the event and either
returns a :class:`Draft` ready to store or raises :class:`IntakeError` with a
code the API returns and a message the form shows in the sender's language.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from liveline.models import Event

# The version of the consent text shown beside the contact fields; it is stored
# with each consent so that what a sender agreed to can always be told.
CONSENT_VERSION = "2026-12-01"

FIELDS = frozenset(
    {"text", "name", "email", "phone", "municipality", "topic", "consent", "language"}
)
MAX_NAME_CHARS = 200
# Control characters other than line breaks and tabs have no place in a
# question and would garble the moderators' screens. (A regular expression:
# str.translate walks Cyrillic text character by character, which profiled.)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def N_(message: str) -> str:
    """Mark a message for translation; it is translated where it is shown."""
    return message


MESSAGES: dict[str, str] = {
    "text_required": N_("Please write your question."),
    "text_too_long": N_("The question is too long: at most %(limit)s characters."),
    "name_too_long": N_("The name is too long: at most %(limit)s characters."),
    "email_invalid": N_("This e-mail address does not look right."),
    "phone_invalid": N_("This phone number does not look right."),
    "consent_required": N_(
        "To leave a contact, please agree to the processing of personal data."
    ),
    "municipality_unknown": N_("Please choose a municipality from the list."),
    "topic_unknown": N_("Please choose a topic from the list."),
    "language_unknown": N_("This event does not take questions in that language."),
    "field_invalid": N_("The field %(field)s has a value of the wrong kind."),
    "field_unknown": N_("The field %(field)s is not part of a submission."),
}


class IntakeError(ValueError):
    """A submission that cannot be accepted as it is, and why."""

    def __init__(self, code: str, field: str | None = None, **params: object) -> None:
        self.code = code
        self.field = field
        self.params = {"field": field, **params}
        super().__init__(self.message())

    def message(self, gettext: object = None) -> str:
        """The message in English, or through ``gettext`` in the sender's language."""
        template = MESSAGES[self.code]
        if callable(gettext):
            template = gettext(template)
        return template % self.params


@dataclass(frozen=True, slots=True)
class Draft:
    """A checked submission, not stored yet."""

    event_id: int
    text: str
    name: str | None
    email: str | None
    phone: str | None
    municipality: str | None
    topic: str | None
    language: str
    consent: bool

    @property
    def has_contact(self) -> bool:
        return bool(self.email or self.phone)

    def fingerprint(self) -> str:
        """A digest of the content, to tell a retry from a different request."""
        encoded = json.dumps(asdict(self), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(encoded.encode()).hexdigest()


def read_draft(
    data: Mapping[str, object], event: Event, *, max_text_chars: int
) -> Draft:
    """Check a submission for ``event`` and return it ready to store.

    Raises:
        IntakeError: the first problem found, with the field it concerns.
    """
    for key in data:
        if key not in FIELDS:
            raise IntakeError("field_unknown", key)

    text = _optional_text(data, "text") or ""
    if not text:
        raise IntakeError("text_required", "text")
    if len(text) > max_text_chars:
        raise IntakeError("text_too_long", "text", limit=max_text_chars)
    name = _optional_text(data, "name")
    if name and len(name) > MAX_NAME_CHARS:
        raise IntakeError("name_too_long", "name", limit=MAX_NAME_CHARS)

    email = _read_email(_optional_text(data, "email"))
    phone = _read_phone(_optional_text(data, "phone"))
    consent = _read_consent(data.get("consent"))
    if (email or phone or name) and not consent:
        raise IntakeError("consent_required", "consent")

    municipality = _from_list(data, "municipality", event.municipalities)
    topic = _from_list(data, "topic", event.topics)
    language = _optional_text(data, "language") or event.language
    if language not in event.languages:
        raise IntakeError("language_unknown", "language")
    return Draft(
        event_id=event.id or 0,
        text=text,
        name=name,
        email=email,
        phone=phone,
        municipality=municipality,
        topic=topic,
        language=language,
        consent=consent,
    )


def _optional_text(data: Mapping[str, object], key: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise IntakeError("field_invalid", key)
    cleaned = _CONTROL.sub("", value).strip()
    return cleaned or None


def _read_email(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise IntakeError("email_invalid", "email") from exc


def _read_phone(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        number = phonenumbers.parse(value, "RU")
    except phonenumbers.NumberParseException as exc:
        raise IntakeError("phone_invalid", "phone") from exc
    if not phonenumbers.is_valid_number(number):
        raise IntakeError("phone_invalid", "phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _read_consent(value: object) -> bool:
    if value is None or isinstance(value, bool):
        return bool(value)
    # An HTML checkbox sends "on" (or the value it was given) only when ticked.
    if isinstance(value, str) and value.lower() in {"on", "yes", "true", "1"}:
        return True
    raise IntakeError("field_invalid", "consent")


def _from_list(data: Mapping[str, object], key: str, allowed: list[str]) -> str | None:
    value = _optional_text(data, key)
    if value is None or not allowed:
        return value
    for choice in allowed:
        if choice.casefold() == value.casefold():
            return choice
    raise IntakeError(f"{key}_unknown", key)
