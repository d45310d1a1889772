"""What a new post or a new user must be: the types reqparse checks the API's arguments with, each
of which raises ValueError for a value it refuses, and CheckedForm, which checks the pages' forms
with the same functions."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import ClassVar

from email_validator import EmailNotValidError
from flask_wtf import FlaskForm

from app.storage import BIGGEST_ID, db
from app.tables import LONGEST, User, tidy_email

SHORTEST_PASSWORD = 8
# Room for any passphrase; and no one can make the server hash a megabyte on each request.
LONGEST_PASSWORD = 128
LONGEST_SEARCH = 200  # a few words; SQLite refuses a LIKE pattern of 50,000 bytes or more, a 500

# Characters that valid JSON and forms can carry but no database keeps: NUL, which PostgreSQL
# refuses in text, and the surrogates. A Python string holds a surrogate only alone (a pair is one
# character), as "\ud800" in JSON gives one, and UTF-8 cannot encode a lone surrogate.
UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")
NOT_STORABLE = "holds a character that cannot be stored (a NUL, or half of a surrogate pair)"


def problems_with(values: dict, fields=("title", "content")) -> dict[str, str]:
    """A message for each field that is missing, blank, not text, too long or not storable."""
    problems = {}
    for name in fields:
        value = values.get(name)
        if not isinstance(value, str) or value.strip() == "":
            problems[name] = f"Please fill in the {name}."
        elif len(value.strip()) > LONGEST[name]:
            problems[name] = f"The {name} can have {LONGEST[name]} characters at most."
        elif UNSTORABLE.search(value):
            problems[name] = f"The {name} {NOT_STORABLE}."
    return problems


def post_text(name: str):
    """A reqparse type for the title or the content: the same checks as the form's, given back trimmed."""

    def check(value) -> str:
        problems = problems_with({name: value}, [name])
        if problems:
            raise ValueError(problems[name])
        return value.strip()

    return check


def email_address(value) -> str:
    """A reqparse type: an email that looks right, in the one spelling User stores it in."""
    if not isinstance(value, str) or value.strip() == "":
        raise ValueError("Please give an email.")
    if UNSTORABLE.search(value):
        raise ValueError(f"The email {NOT_STORABLE}.")
    try:
        tidy = tidy_email(value)
    except EmailNotValidError as error:  # "There must be something after the @-sign.": say of what
        raise ValueError(f"That is not an email address: {error}") from None
    # Lower case can be longer: "İ" becomes "i" and a combining dot, two characters.
    if len(tidy) > LONGEST["email"]:
        raise ValueError(f"The email can have {LONGEST['email']} characters at most.")
    return tidy


def password(value) -> str:
    """A reqparse type: a password of SHORTEST_PASSWORD to LONGEST_PASSWORD characters, not all spaces."""
    if not isinstance(value, str) or value.strip() == "":
        raise ValueError("Please give a password.")
    if not SHORTEST_PASSWORD <= len(value) <= LONGEST_PASSWORD:
        raise ValueError(f"The password needs {SHORTEST_PASSWORD} to {LONGEST_PASSWORD} characters.")
    if UNSTORABLE.search(value):
        raise ValueError(f"The password {NOT_STORABLE}.")
    return value


def text_to_try(name: str, longest: int):
    """A reqparse type for the email or the password of a log-in: text that a hash could check.

    Only what no account could match is refused here, with a 400 that names the field: no text,
    blank text, text too long to be anyone's, a NUL or a lone surrogate. Whether the email is an
    address, or the password long enough, is not asked: a wrong one is a wrong email or password,
    the same 401 for all (app/passport.py).
    """

    def check(value) -> str:
        if not isinstance(value, str) or value.strip() == "":
            raise ValueError(f"Please give your {name}.")
        if len(value.strip()) > longest:
            raise ValueError(f"The {name} can have {longest} characters at most.")
        if UNSTORABLE.search(value):
            raise ValueError(f"The {name} {NOT_STORABLE}.")
        return value

    return check


def search_words(text: str) -> str:
    """A reqparse type for ?q=: the words, if there are at most LONGEST_SEARCH characters to store."""
    if len(text) > LONGEST_SEARCH:
        raise ValueError(f"more than {LONGEST_SEARCH} characters")
    if UNSTORABLE.search(text):
        raise ValueError(NOT_STORABLE)
    return text


def whole_number(largest: int):
    """A reqparse type for the query string: "7" as 7, when it is a whole number from 1 to largest."""
    # [0-9], not \d: \d also matches digits such as "²" that int() refuses; and no more digits than
    # largest has, so that int() never has to read thousands of them.
    pattern = re.compile(f"[0-9]{{1,{len(str(largest))}}}")

    def check(text: str) -> int:
        if pattern.fullmatch(text) is None or not 0 < int(text) <= largest:
            raise ValueError(f"not a whole number from 1 to {largest}")
        return int(text)

    return check


def could_be_an_id(value) -> bool:
    # bool is a kind of int in Python, but true is not an id.
    return type(value) is int and 1 <= value <= BIGGEST_ID


def user_with_id(user_id) -> User | None:
    """The user with this id, or None when there is none, or when it is no id at all."""
    if not could_be_an_id(user_id):
        return None
    return db.session.get(User, user_id)


class CheckedForm(FlaskForm):
    """A FlaskForm whose fields are checked by the functions above, so that a page refuses what the
    API refuses, in the same words.

    `checks` gives the check of each field: validate_on_submit() is False when one raises
    ValueError, and the field's .errors then holds the check's message.
    """

    checks: ClassVar[dict[str, Callable]] = {}

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)  # the CSRF token, and WTForms' own validators
        for name, check in self.checks.items():
            try:
                check(self[name].data)
            except ValueError as problem:
                self[name].errors.append(str(problem))
                valid = False
        return valid


def taken_email(address: str) -> str:
    """What the API and the sign-up page say of an email that has an account already."""
    return f"The email {address} already has an account."
