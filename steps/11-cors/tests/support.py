"""What the tests check, said once.

The tests check what a user of the app sees, not how the app writes it: a JSON error's status,
keys and short name, an HTML page's elements and text as a browser reads them, and its forms, sent
as a browser sends them. So a correct app written in other words, or with other markup, passes them too.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

JSON_ERROR_KEYS = {"error", "message", "code"}


def describe(response) -> str:
    """A response in one line, for assertion messages: "405 METHOD NOT ALLOWED text/html: <!doctype…"."""
    body = " ".join(response.get_data(as_text=True).split())
    if len(body) > 200:
        body = body[:200] + "…"
    return f"{response.status} {response.mimetype}: {body or '(no body)'}"


def assert_json_error(response, status: int, error: str, *, mentions: tuple[str, ...] = ()) -> dict:
    """The response is the JSON error {"error", "message", "code"} with this status and short name,
    and its message names each word in `mentions` (a field, a value). Gives back the body."""
    assert response.status_code == status, describe(response)
    assert response.mimetype == "application/json", describe(response)
    body = response.get_json()
    assert isinstance(body, dict), describe(response)
    assert set(body) >= JSON_ERROR_KEYS, f"a JSON error has the keys {sorted(JSON_ERROR_KEYS)}: {body}"
    assert body["error"] == error, body
    assert body["code"] == status, body
    assert isinstance(body["message"], str), body
    assert body["message"].strip(), body
    for word in mentions:
        assert word.lower() in body["message"].lower(), f"the message should name {word!r}: {body}"
    return body


# HTML pages, read as a browser reads them -----------------------------------------------------

# Elements that never have an end tag.
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Element:
    """One element of a page: its tag, its attributes, and what is inside it."""

    def __init__(self, tag: str, attrs: dict[str, str]) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[Element | str] = []

    def __repr__(self) -> str:
        return f"<{self.tag} {self.attrs}>{self.text[:60]!r}"

    @property
    def raw_text(self) -> str:
        """All the text inside, exactly as written (a <textarea>'s value, say)."""
        return "".join(child if isinstance(child, str) else child.raw_text for child in self.children)

    @property
    def text(self) -> str:
        """The text inside, with runs of white space made one space, as a browser shows it."""
        return " ".join(self.raw_text.split())

    def has_class(self, name: str) -> bool:
        return name in self.attrs.get("class", "").split()

    def find_all(self, tag: str | None = None, **attrs: str | bool) -> list[Element]:
        """Every element inside with this tag and these attributes, in page order.

        find_all("a", href="/posts/1") matches an attribute's value; class_="flash" matches one
        of the classes; id=True matches any element that has the attribute.
        """
        found = []
        for child in self.children:
            if isinstance(child, Element):
                if child._matches(tag, attrs):
                    found.append(child)
                found += child.find_all(tag, **attrs)
        return found

    def find(self, tag: str | None = None, **attrs: str | bool) -> Element | None:
        """The first element that find_all would give, or None."""
        found = self.find_all(tag, **attrs)
        return found[0] if found else None

    def _matches(self, tag: str | None, attrs: dict[str, str | bool]) -> bool:
        if tag is not None and self.tag != tag:
            return False
        for name, wanted in attrs.items():
            if name == "class_":
                if not self.has_class(str(wanted)):
                    return False
            elif wanted is True:
                if name not in self.attrs:
                    return False
            elif self.attrs.get(name) != wanted:
                return False
        return True


class Page(Element):
    """A whole HTML page."""

    def __init__(self) -> None:
        super().__init__("#document", {})

    @property
    def title(self) -> str:
        """The text of <title>: what the browser tab shows."""
        title = self.find("title")
        return title.text if title else ""

    @property
    def scripts(self) -> list[Element]:
        return self.find_all("script")

    def links(self) -> dict[str, str]:
        """Each link's text, by where it leads: {"/posts/1": "Hello", ...}."""
        return {link.attrs["href"]: link.text for link in self.find_all("a", href=True)}


class _PageBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.open: list[Element] = [self.page]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.open[-1].children.append(element)
        if tag not in VOID_ELEMENTS:
            self.open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open[-1].children.append(Element(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        # Close the nearest open element with this tag (and any left open inside it).
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.open[-1].children.append(data)


def parse_page(response) -> Page:
    """The response's HTML as a Page; the response must be an HTML page."""
    assert response.mimetype == "text/html", describe(response)
    builder = _PageBuilder()
    builder.feed(response.get_data(as_text=True))
    builder.close()
    return builder.page


# Forms, sent as a browser sends them -------------------------------------------------------------

# The <input> types that send nothing of their own when the form is sent.
BUTTON_TYPES = {"submit", "button", "reset", "image", "file"}


class Form:
    """A <form method="post"> of a page, to send as a browser does when its button is pressed: to its
    action, with every field it holds, the hidden ones (a CSRF token, a ?next= kept) too."""

    def __init__(self, element: Element, page_url: str) -> None:
        self.element = element
        self.page_url = page_url  # the URL of the page the form is on

    def __repr__(self) -> str:
        return f"<Form to {self.action} {sorted(self.fields)}>"

    @property
    def action(self) -> str:
        """Where the form is sent: its action, read as a link of its page; without one, the page's URL."""
        return urljoin(self.page_url, self.element.attrs.get("action") or self.page_url)

    @property
    def path(self) -> str:
        """The path of the action: "/login" for "/login?next=%2F"."""
        return urlsplit(self.action).path

    def inputs(self) -> list[Element]:
        """The form's fields that send something: inputs (not buttons), textareas and selects."""
        return [
            element
            for element in self.element.find_all(name=True)
            if (element.tag == "input" and element.attrs.get("type", "text").lower() not in BUTTON_TYPES)
            or element.tag in ("textarea", "select")
        ]

    def field(self, name: str) -> Element:
        """The input, textarea or select with this name."""
        found = [element for element in self.inputs() if element.attrs["name"] == name]
        assert found, f"the form to {self.action} has no field named {name!r}: {sorted(self.fields)}"
        return found[0]

    @property
    def fields(self) -> dict[str, str]:
        """What the browser sends: each field's name and value as the page gave it."""
        return {element.attrs["name"]: value_of(element) for element in self.inputs()}

    @property
    def hidden(self) -> dict[str, str]:
        """The hidden fields alone: what the page put in the form for the visitor, a CSRF token say."""
        return {
            element.attrs["name"]: value_of(element)
            for element in self.inputs()
            if element.attrs.get("type", "").lower() == "hidden"
        }

    def has_submit_button(self) -> bool:
        buttons = [
            button
            for button in self.element.find_all("button")
            if button.attrs.get("type", "submit") == "submit"
        ]
        return bool(buttons or self.element.find("input", type="submit"))

    def submit(self, client, fields: dict[str, str] | None = None, **changes: str | None):
        """Send the form with `client`: with `fields` if given (exactly those), else with what the form
        holds, changed by `changes` (None leaves a field out). Redirects are not followed."""
        data = dict(self.fields if fields is None else fields)
        for name, value in changes.items():
            if value is None:
                data.pop(name, None)
            else:
                data[name] = value
        return client.post(self.action, data=data)


def value_of(element: Element) -> str:
    """What a field holds: an input's value, a textarea's text, a select's chosen option."""
    if element.tag == "textarea":
        return element.raw_text.removeprefix("\r").removeprefix("\n")  # a browser drops a first line break
    if element.tag == "select":
        options = element.find_all("option")
        chosen = [option for option in options if "selected" in option.attrs] or options[:1]
        return chosen[0].attrs.get("value", chosen[0].text) if chosen else ""
    return element.attrs.get("value", "")


def forms_of(response, page_url: str) -> list[Form]:
    """Every <form method="post"> of the page that answered `page_url`, in page order."""
    page = parse_page(response)
    return [
        Form(element, page_url)
        for element in page.find_all("form")
        if element.attrs.get("method", "get").lower() == "post"
    ]


def find_form(client, url: str, *, field: str | None = None, path: str | None = None) -> Form:
    """GET the page at `url` and give back its POST form that has a field named `field`, or that is
    sent to `path` (or both)."""
    response = client.get(url)
    assert response.status_code == 200, f"GET {url}: {describe(response)}"
    for form in forms_of(response, url):
        has_field = field is None or field in form.fields
        if has_field and (path is None or form.path == path):
            return form
    wanted = " and ".join(
        wish for wish in (field and f"a field named {field!r}", path and f"is sent to {path}") if wish
    )
    raise AssertionError(f"{url} has no <form method=post> that {wanted}: {describe(response)}")


def delete_form(client, post_id: int) -> Form:
    """The form on a post's page that deletes the post: a form that POSTs, with a button and nothing
    to type, other than the header's, which signs out."""
    forms, response = delete_forms(client, post_id)
    if not forms:
        raise AssertionError(
            f"/posts/{post_id} has no form with a button that POSTs to delete the post: {describe(response)}"
        )
    return forms[0]


def delete_forms(client, post_id: int) -> tuple[list[Form], object]:
    """The forms on a post's page that could delete it (see delete_form), and the page."""
    url = f"/posts/{post_id}"
    response = client.get(url)
    assert response.status_code == 200, f"GET {url}: {describe(response)}"
    buttons = [
        form
        for form in forms_of(response, url)
        if form.path != "/logout" and form.fields == form.hidden and form.has_submit_button()
    ]
    return buttons, response


# The database, row by row ------------------------------------------------------------------------


def database_rows(app) -> dict[str, list[tuple]]:
    """Every row of every table of the app's database, by table name."""
    db = app.extensions["sqlalchemy"]  # Flask-SQLAlchemy's `db`, wherever the app defines it
    with app.app_context():
        return {
            table.name: [tuple(row) for row in db.session.execute(table.select())]
            for table in db.metadata.sorted_tables
        }
