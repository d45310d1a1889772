"""What a new post or a new user must be. Each check gives back {field: message}, empty when all is well."""

from __future__ import annotations

import re

from email_validator import EmailNotValidError

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


def user_problems(values: dict) -> dict[str, str]:
    problems = {}
    email = values.get("email")
    if not isinstance(email, str) or email.strip() == "":
        problems["email"] = "Please give an email."
    elif UNSTORABLE.search(email):
        problems["email"] = f"The email {NOT_STORABLE}."
    else:
        try:
            # Lower case can be longer: "İ" becomes "i" and a combining dot, two characters.
            if len(tidy_email(email)) > LONGEST["email"]:
                problems["email"] = f"The email can have {LONGEST['email']} characters at most."
        except EmailNotValidError as error:
            problems["email"] = f"That email does not look right ({error})"
    password = values.get("password")
    if not isinstance(password, str) or password.strip() == "":
        problems["password"] = "Please give a password."
    elif not SHORTEST_PASSWORD <= len(password) <= LONGEST_PASSWORD:
        problems["password"] = (
            f"The password needs {SHORTEST_PASSWORD} to {LONGEST_PASSWORD} characters, not {len(password)}."
        )
    elif UNSTORABLE.search(password):
        problems["password"] = f"The password {NOT_STORABLE}."
    return problems


def search_problem(words: str) -> str | None:
    """What is wrong with the words of ?q=, or None when they can be searched for."""
    if len(words) > LONGEST_SEARCH:
        return f"Search for {LONGEST_SEARCH} characters at most: q is longer."
    if UNSTORABLE.search(words):
        return f"The search (q) {NOT_STORABLE}."
    return None


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
