"""What a new post or a new user must be. Each check gives back {field: message}, empty when all is well."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

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


def user_problems(values: dict) -> dict[str, str]:
    problems = {}
    email = values.get("email")
    if not isinstance(email, str) or email.strip() == "":
        problems["email"] = "Please give an email."
    else:
        try:
            # Only the spelling: asking DNS whether the domain takes mail would need the network.
            validate_email(tidy_email(email), check_deliverability=False)
        except EmailNotValidError as error:
            problems["email"] = f"That email does not look right ({error})"
    password = values.get("password")
    if not isinstance(password, str) or password.strip() == "":
        problems["password"] = "Please give a password."
    elif len(password) < SHORTEST_PASSWORD:
        problems["password"] = f"The password needs {SHORTEST_PASSWORD} characters or more."
    return problems


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
