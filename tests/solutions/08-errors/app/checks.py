"""What a new post or a new user must be: problems_with() for the form, and the types reqparse checks
the API's arguments with, each of which raises ValueError for a value it refuses."""

from __future__ import annotations

import re

from email_validator import validate_email

from app.storage import BIGGEST_ID, db
from app.tables import LONGEST, User, tidy_email

SHORTEST_PASSWORD = 8


def problems_with(values: dict, fields=("title", "content")) -> dict[str, str]:
    """A message for each field that is missing, blank, not text or too long."""
    problems = {}
    for name in fields:
        value = values.get(name)
        if not isinstance(value, str) or value.strip() == "":
            problems[name] = f"Please fill in the {name}."
        elif len(value.strip()) > LONGEST[name]:
            problems[name] = f"The {name} can have {LONGEST[name]} characters at most."
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
    """A reqparse type: an email that looks right, trimmed and lower-cased as User stores it."""
    if not isinstance(value, str) or value.strip() == "":
        raise ValueError("Please give an email.")
    # Only the spelling: asking DNS whether the domain takes mail would need the network.
    # EmailNotValidError is a ValueError, which reqparse turns into a 400.
    validate_email(tidy_email(value), check_deliverability=False)
    return tidy_email(value)


def password(value) -> str:
    """A reqparse type: a password of SHORTEST_PASSWORD characters or more, not all spaces."""
    if not isinstance(value, str) or value.strip() == "" or len(value) < SHORTEST_PASSWORD:
        raise ValueError(f"The password needs {SHORTEST_PASSWORD} characters or more.")
    return value


def author(value) -> User:
    """A reqparse type: the user whose id the author_id is."""
    user = user_with_id(value)
    if user is None:
        raise ValueError("The author_id must be the id of a user.")
    return user


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


def user_with_id(user_id) -> User | None:
    """The user with this id, or None when there is none, or when it is no id at all."""
    # bool is a kind of int in Python, but true is not an id.
    if type(user_id) is not int or not 1 <= user_id <= BIGGEST_ID:
        return None
    return db.session.get(User, user_id)


def id_from_text(text: str | None) -> int | None:
    """A form's "7" as 7; None for "", "ada", "-1" or more digits than an id has."""
    if text is None or not (text.isascii() and text.isdigit()) or len(text) > len(str(BIGGEST_ID)):
        return None
    return int(text)
