"""What the tests check, said once.

The tests check what a user of the app sees, not how the app writes it: a JSON error's status,
keys and short name, and an HTML page's elements and text as a browser reads them. So a correct
app written in other words, or with other markup, passes them too.
"""

from __future__ import annotations

from html.parser import HTMLParser

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
