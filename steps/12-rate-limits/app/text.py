"""Text from a client, checked by one rule everywhere: the pages, the API, every field.

Valid JSON and form fields can hold text that no database stores:
- the NUL character, "\\u0000", which PostgreSQL refuses in every text column;
- a lone surrogate, such as "\\ud800": half of a pair that JSON uses to write one character, alone
  it is no character at all, so it cannot be written as UTF-8, as the database and the password
  hash need. Saving either would fail deep down, as a 500.
"""


def text_of_at_most(name: str, longest: int):
    """The check of one field: `check(value)` gives valid_text(value, name, longest).

    One rule for the API (reqparse's type=, in app/api.py) and the pages (the forms' validators,
    in app/forms.py). A JSON body may hold any value, 42, null, a list: only text passes.
    """

    def check(value) -> str:
        return valid_text(value, name, longest)

    return check


def valid_text(value, name: str, longest: int) -> str:
    """The text, trimmed, if it is text of 1 to `longest` characters that a database can store.

    `name` is the field's name, for the messages. Raises ValueError, saying what is wrong, if not.
    """
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} is required, as text that is not blank.")
    text = value.strip()
    if len(text) > longest:
        raise ValueError(f"{name} must be at most {longest} characters.")
    refuse_unstorable(text, name)
    return text


def refuse_unstorable(text: str, name: str) -> None:
    """Raises ValueError if a database cannot store the text: a NUL or a lone surrogate."""
    if "\x00" in text:
        raise ValueError(f"{name} must not contain the NUL character (\\u0000).")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"{name} must be text that UTF-8 can encode: it holds a lone surrogate.") from None
