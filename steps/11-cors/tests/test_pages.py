import re
from urllib.parse import parse_qs, urlsplit

import pytest

from support import delete_form, delete_forms, describe, find_form, parse_page

SCRIPT = '<script>alert("hi")</script>'


def post_links(page) -> list[tuple[str, str]]:
    """(where, text) of every link to a post's page, in page order."""
    return [
        (link.attrs["href"], link.text)
        for link in page.find_all("a", href=True)
        if re.fullmatch(r"/posts/\d+", link.attrs["href"])
    ]


def newest_first_links(page) -> list[str]:
    """Where the post links lead, each post once, in page order."""
    return list(dict.fromkeys(href for href, _ in post_links(page)))


def post_form(page):
    """The page's form that posts to /posts/new (an empty action posts to the page's own URL)."""
    for form in page.find_all("form"):
        action = urlsplit(form.attrs.get("action", "")).path
        if form.attrs.get("method", "get").lower() == "post" and action in ("", "/posts/new"):
            return form
    raise AssertionError("the page has no <form method=post> that posts to /posts/new")


def field(form, name):
    """The form's input or textarea with this name."""
    found = form.find("input", name=name) or form.find("textarea", name=name)
    assert found is not None, f"the form has no input or textarea named {name!r}"
    return found


def typed(element) -> str:
    """What a field holds: an input's value, a textarea's text."""
    return element.raw_text if element.tag == "textarea" else element.attrs.get("value", "")


def times_named(page, word: str) -> int:
    """How many times the page's text says a word, in any case."""
    return page.text.lower().count(word.lower())


def has_typed_script(page, code: str) -> bool:
    """Whether a <script> element runs the code a user typed."""
    return any(code in script.raw_text for script in page.scripts)


def publish(client, **fields: str | None):
    """Fill in the form of /posts/new with these fields (None leaves one out) and send it: the response."""
    return find_form(client, "/posts/new", field="title").submit(client, **fields)


# The list of posts ---------------------------------------------------------------------------


def test_home_page_without_posts(client):
    """GET / is an HTML page with no post on it, and a link to the form to write one."""
    response = client.get("/")

    assert response.status_code == 200, describe(response)
    page = parse_page(response)
    assert post_links(page) == []
    assert "/posts/new" in page.links()


def test_home_page_lists_posts_newest_first(client, add_post):
    """GET / links each post's page with its title as the link's text, newest first."""
    first, second = add_post("First post"), add_post("Second post")

    page = parse_page(client.get("/"))

    for post in [first, second]:
        assert (f"/posts/{post['id']}", post["title"]) in post_links(page)
    assert newest_first_links(page) == [f"/posts/{second['id']}", f"/posts/{first['id']}"]


def test_home_page_dates_each_post(client, add_post):
    """GET / shows each post's date in a <time> element whose datetime is the post's created_at."""
    posts = [add_post("First post"), add_post("Second post")]

    page = parse_page(client.get("/"))

    for post in posts:
        assert page.find("time", datetime=post["created_at"]), f"no <time datetime={post['created_at']!r}>"


def test_home_page_lists_every_post(client, add_post):
    """GET / lists every post: unlike the API, it has no limit of 20."""
    ids = [add_post(f"post {n}")["id"] for n in range(25)]

    page = parse_page(client.get("/"))

    assert newest_first_links(page) == [f"/posts/{post_id}" for post_id in reversed(ids)]


# One post ------------------------------------------------------------------------------------


def test_post_page(client, add_post):
    """GET /posts/<id> shows the post: its title as the <h1>, its date in <time datetime>, its content."""
    post = add_post("Hello", "Line one.\nLine two.")

    response = client.get(f"/posts/{post['id']}")

    assert response.status_code == 200, describe(response)
    page = parse_page(response)
    assert page.find("h1").text == "Hello"
    assert page.find("time", datetime=post["created_at"]), f"no <time datetime={post['created_at']!r}>"
    assert "Line one.\nLine two." in page.raw_text  # the line break is kept


# The layout ----------------------------------------------------------------------------------


def test_pages_share_the_base_layout(client, add_post):
    """Every page, error pages too, links home (/), to the form (/posts/new), to /login and a stylesheet."""
    post = add_post("Layouts")

    for url in ["/", f"/posts/{post['id']}", "/login", "/posts/42", "/no-such-page"]:
        page = parse_page(client.get(url))
        assert {"/", "/posts/new", "/login"} <= page.links().keys(), url
        stylesheet = page.find("link", rel="stylesheet")
        assert stylesheet is not None, f"{url} links no stylesheet"
        response = client.get(stylesheet.attrs["href"])
        response.close()  # Flask serves a static file straight from the open file
        assert response.status_code == 200, (
            f"{url} links the stylesheet {stylesheet.attrs['href']}: {response.status}"
        )
        assert response.mimetype == "text/css", (
            f"{stylesheet.attrs['href']} is {response.mimetype}, not text/css"
        )


# The form ------------------------------------------------------------------------------------


def test_new_post_form(client, signed_in):
    """GET /posts/new, signed in, shows an empty form posting to /posts/new: title and content, a button."""
    response = client.get("/posts/new")

    assert response.status_code == 200, describe(response)
    form = post_form(parse_page(response))
    assert typed(field(form, "title")) == ""
    assert typed(field(form, "content")).strip() == ""
    buttons = [button for button in form.find_all("button") if button.attrs.get("type", "submit") == "submit"]
    assert buttons or form.find("input", type="submit"), "the form has no submit button"


def test_publishing_from_the_form(client, signed_in):
    """POST /posts/new creates the post (trimmed, as the API does) and redirects (303) to its page."""
    response = publish(client, title=" Hello ", content="From a form.")

    assert response.status_code == 303, describe(response)
    posts = client.get("/api/posts").get_json()
    assert [(post["title"], post["content"]) for post in posts] == [("Hello", "From a form.")]
    assert urlsplit(response.headers["Location"]).path == f"/posts/{posts[0]['id']}"

    page = client.get(response.headers["Location"])
    assert page.status_code == 200, describe(page)
    assert parse_page(page).find("h1").text == "Hello"


FORMS_WITH_A_PROBLEM = [
    ({"title": "", "content": "Text"}, "title"),
    ({"title": "Hi", "content": "   "}, "content"),
    ({"title": None, "content": "Text"}, "title"),
    ({"title": "x" * 201, "content": "Text"}, "title"),
    ({"title": "Hi", "content": None}, "content"),
]


@pytest.mark.parametrize(("form", "wrong"), FORMS_WITH_A_PROBLEM)
def test_form_with_problems_is_shown_again(client, signed_in, form, wrong):
    """POST /posts/new with a problem answers 400, names the field that is wrong, keeps what was typed."""
    blank = parse_page(client.get("/posts/new"))

    response = publish(client, **form)

    assert response.status_code == 400, describe(response)
    page = parse_page(response)
    assert times_named(page, wrong) > times_named(blank, wrong), f"the page does not name {wrong}"
    shown_again = post_form(page)
    assert typed(field(shown_again, "title")).strip() == (form["title"] or "").strip()
    assert typed(field(shown_again, "content")).strip() == (form["content"] or "").strip()
    assert client.get("/api/posts").get_json() == []


def test_form_lists_every_problem(client, signed_in):
    """A form without a title and a content answers 400 and names both."""
    blank = parse_page(client.get("/posts/new"))

    response = publish(client, title=None, content=None)

    assert response.status_code == 400, describe(response)
    page = parse_page(response)
    for wrong in ["title", "content"]:
        assert times_named(page, wrong) > times_named(blank, wrong), f"the page does not name {wrong}"


FORM = {"title": "Hello", "content": "From a form."}


def test_publishing_flashes_a_message_once(client, signed_in):
    """After publishing from the form, the next page says "published" once; the page after does not."""
    publish(client, **FORM)

    assert times_named(parse_page(client.get("/")), "published") == 1
    assert times_named(parse_page(client.get("/")), "published") == 0


def test_a_form_with_problems_flashes_nothing(client, signed_in):
    """A form with a problem publishes nothing, so the next page does not say "published"."""
    publish(client, title="", content="Text")

    assert times_named(parse_page(client.get("/")), "published") == 0


# Publishing as yourself ----------------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "post"])
def test_writing_a_post_needs_signing_in(client, author, method):
    """/posts/new, GET or POST, redirects a visitor who is not signed in to /login?next=/posts/new."""
    # The visitor's own hidden fields (a CSRF token) come from the sign-in form, the one form they see.
    hidden = find_form(client, "/login", field="password").hidden
    data = {**hidden, **FORM} if method == "post" else None

    response = client.open("/posts/new", method=method.upper(), data=data)

    assert response.status_code in (302, 303), describe(response)
    location = urlsplit(response.headers["Location"])
    assert location.path == "/login"
    assert parse_qs(location.query).get("next") == ["/posts/new"], response.headers["Location"]
    assert client.get("/api/posts").get_json() == []


def test_the_author_is_who_is_signed_in(client, add_user, auth):
    """A post published from the form is by who is signed in; an author_id sent with it changes nothing."""
    ada, grace = add_user("ada@example.com"), add_user("grace@example.com")
    auth.log_in("grace@example.com")

    for author_id in [None, str(ada["id"]), "999", str(2**64)]:
        response = publish(client, author_id=author_id, **FORM)
        assert response.status_code == 303, describe(response)

    assert [post["author"] for post in client.get("/api/posts").get_json()] == [grace] * 4


def test_the_form_shows_nobody_s_email(client, add_user, signed_in):
    """The new-post form lists no users: no other user's email is on the page, no author to choose."""
    add_user("grace@example.com")
    add_user("hopper@example.com")

    response = client.get("/posts/new")

    assert response.status_code == 200, describe(response)
    for email in ["grace@example.com", "hopper@example.com"]:
        assert email not in response.get_data(as_text=True)
    assert parse_page(response).find("select", name="author_id") is None


# Deleting a post -----------------------------------------------------------------------------


def test_deleting_a_post_from_its_page(client, signed_in, add_post):
    """The Delete button of a post's page, a form that POSTs, deletes the post and redirects (303) to /."""
    post, other = add_post("Goodbye"), add_post("Stays")

    response = delete_form(client, post["id"]).submit(client)

    assert response.status_code == 303, describe(response)
    assert urlsplit(response.headers["Location"]).path == "/"
    assert client.get(f"/api/posts/{post['id']}").status_code == 404
    assert client.get("/api/posts").get_json() == [other]


def test_deleting_a_post_needs_signing_in(client, signed_in, auth, add_post):
    """The Delete form, sent by a visitor who is not signed in, redirects to /login and deletes nothing."""
    post = add_post("Stays")
    delete = delete_form(client, post["id"])
    auth.log_out()
    # The visitor's own hidden fields (a CSRF token) come from the sign-in form, the one form they see.
    hidden = find_form(client, "/login", field="password").hidden

    response = delete.submit(client, fields=hidden)

    assert response.status_code in (302, 303), describe(response)
    assert urlsplit(response.headers["Location"]).path == "/login"
    assert client.get("/api/posts").get_json() == [post]


@pytest.mark.parametrize("config_name", ["testing", "production"])
def test_only_the_author_deletes_a_post_from_its_page(client, signed_in, auth, add_user, add_post):
    """Signed in as someone else, a post's page has no Delete button, and the author's Delete form
    sent anyway answers the HTML 403 page and deletes nothing: signing in says who someone is,
    not what they may do."""
    post = add_post("Ada's")
    delete = delete_form(client, post["id"])
    auth.log_out()
    add_user("grace@example.com")
    assert auth.log_in("grace@example.com").status_code == 303
    # Grace's own hidden fields (her CSRF token), from the one form every page shows her.
    hidden = find_form(client, "/", path="/logout").hidden

    buttons, page = delete_forms(client, post["id"])
    response = delete.submit(client, fields=hidden)

    assert buttons == [], describe(page)
    assert response.status_code == 403, describe(response)
    assert response.mimetype == "text/html"
    assert client.get("/api/posts").get_json() == [post]


# Escaping ------------------------------------------------------------------------------------


def test_titles_and_content_are_escaped(client, add_post):
    """HTML typed into a post is shown as text, never run: no <script> from it on the list or the post."""
    post = add_post(SCRIPT, SCRIPT)

    home = parse_page(client.get("/"))
    assert not has_typed_script(home, 'alert("hi")')
    assert (f"/posts/{post['id']}", SCRIPT) in post_links(home)

    page = parse_page(client.get(f"/posts/{post['id']}"))
    assert not has_typed_script(page, 'alert("hi")')
    assert page.find("h1").text == SCRIPT
    assert page.text.count(SCRIPT) >= 2  # the title and the content, as text


def test_form_values_are_escaped(client, signed_in):
    """What was typed is escaped when the form is shown again, even inside value="..."."""
    title = '"><script>alert(1)</script>'

    page = parse_page(publish(client, title=title, content=""))

    assert not has_typed_script(page, "alert(1)")
    assert typed(field(post_form(page), "title")) == title


# This app's own markup and words -------------------------------------------------------------


@pytest.mark.reference
def test_home_page_markup(client, add_post):
    """The list has the heading "Posts", links in <h2>, dates as YYYY-MM-DD; none says "No posts yet."."""
    assert "No posts yet." in client.get("/").text
    post = add_post("First post")

    page = client.get("/").text

    assert "<h1>Posts</h1>" in page
    assert "No posts yet." not in page
    assert f'<h2><a href="/posts/{post["id"]}">First post</a></h2>' in page
    assert f'<time datetime="{post["created_at"]}">{post["created_at"][:10]}</time>' in page


@pytest.mark.reference
def test_post_page_markup(client, add_post):
    """A post's page shows <h1>title</h1>, the date as YYYY-MM-DD and the content in div.content."""
    post = add_post("Hello", "Line one.\nLine two.")

    page = client.get(f"/posts/{post['id']}").text

    assert "<h1>Hello</h1>" in page
    assert f'<time datetime="{post["created_at"]}">{post["created_at"][:10]}</time>' in page
    assert '<div class="content">Line one.\nLine two.</div>' in page
    assert '<form class="delete"' not in page  # for a visitor who is not signed in


@pytest.mark.reference
def test_delete_button_markup(client, signed_in, add_post):
    """Signed in, a post's page has form.delete, which POSTs to /posts/<id>/delete with the CSRF token."""
    post = add_post("Hello")

    page = client.get(f"/posts/{post['id']}").text

    assert f'<form class="delete" method="post" action="/posts/{post["id"]}/delete">' in page
    assert '<input type="hidden" name="csrf_token" value="' in page
    assert '<button type="submit">Delete</button>' in page


@pytest.mark.reference
def test_layout_markup(client, add_post):
    """Every page links /static/style.css, has the brand and nav links, and a "… · Flask Blog" <title>."""
    post = add_post("Layouts")
    pages = [
        ("/", "Posts"),
        (f"/posts/{post['id']}", "Layouts"),
        ("/login", "Sign in"),
        ("/signup", "Sign up"),
        ("/posts/42", "Not Found"),
    ]

    for url, title in pages:
        page = client.get(url).text
        assert '<link rel="stylesheet" href="/static/style.css">' in page
        assert '<a class="brand" href="/">Flask Blog</a>' in page
        assert '<a href="/posts/new">New post</a>' in page
        assert '<a href="/login">Sign in</a>' in page
        assert '<a href="/signup">Sign up</a>' in page
        assert f"<title>{title} · Flask Blog</title>" in page


@pytest.mark.reference
def test_stylesheet_is_served(client):
    """GET /static/style.css answers the stylesheet, which sets a font-family."""
    response = client.get("/static/style.css")
    stylesheet = response.get_data(as_text=True)
    response.close()  # Flask serves a static file straight from the open file

    assert response.status_code == 200
    assert response.mimetype == "text/css"
    assert "font-family" in stylesheet


@pytest.mark.reference
def test_new_post_form_markup(client, signed_in):
    """The form's exact markup, as WTForms writes it: labels, a 200-character input, an 8-row textarea."""
    page = client.get("/posts/new").text

    assert "<h1>New post</h1>" in page
    assert '<form method="post" action="/posts/new">' in page
    assert '<input id="csrf_token" name="csrf_token" type="hidden" value="' in page
    assert '<label for="title">Title</label>' in page
    assert '<input id="title" maxlength="200" name="title" required type="text" value="">' in page
    assert '<label for="content">Content</label>' in page
    assert '<textarea id="content" name="content" required rows="8">\r\n</textarea>' in page
    assert '<button type="submit">Publish</button>' in page
    assert 'class="problems"' not in page
    assert "<select" not in page


TITLE_REQUIRED = "title is required, as text that is not blank."
CONTENT_REQUIRED = "content is required, as text that is not blank."


@pytest.mark.reference
@pytest.mark.parametrize(
    ("form", "problems"),
    [
        ({"title": "", "content": "Text"}, [TITLE_REQUIRED]),
        ({"title": "x" * 201, "content": "Text"}, ["title must be at most 200 characters."]),
        ({"title": "Hi", "content": "   "}, [CONTENT_REQUIRED]),
        ({"title": "Hi", "content": "Text\x00"}, ["content must not contain the NUL character (\\u0000)."]),
        ({"title": None, "content": None}, [TITLE_REQUIRED, CONTENT_REQUIRED]),
    ],
)
def test_form_problems_markup(client, signed_in, form, problems):
    """The problems are listed in ul.problems, one <li> each, in this app's words."""
    page = parse_page(publish(client, **form))

    assert [item.text for item in page.find("ul", class_="problems").find_all("li")] == problems


@pytest.mark.reference
def test_escaped_markup(client, signed_in, add_post):
    """Jinja writes < > " as &lt; &gt; &#34; in text and in value="..."."""
    post = add_post(SCRIPT, SCRIPT)
    escaped = "&lt;script&gt;alert(&#34;hi&#34;)&lt;/script&gt;"

    for url in ["/", f"/posts/{post['id']}"]:
        assert escaped in client.get(url).text
    response = publish(client, title=SCRIPT, content="")
    assert f'value="{escaped}"' in response.text


@pytest.mark.reference
def test_flash_markup(client, signed_in):
    """The flashed message is "Your post is published.", in a <p class="flash"> the stylesheet styles."""
    publish(client, **FORM)
    response = client.get("/static/style.css")
    stylesheet = response.get_data(as_text=True)
    response.close()

    assert '<p class="flash">Your post is published.</p>' in client.get("/").text
    assert ".flash {" in stylesheet


@pytest.mark.reference
def test_deleting_flashes_a_message(client, signed_in, add_post):
    """Deleting a post flashes "The post is deleted."."""
    post = add_post("Goodbye")

    client.post(f"/posts/{post['id']}/delete", data=delete_form(client, post["id"]).fields)

    assert '<p class="flash">The post is deleted.</p>' in client.get("/").text


@pytest.mark.reference
@pytest.mark.parametrize("post_id", [42, 2**31, 2**63 - 1, 2**64])
def test_deleting_a_missing_post_is_not_found(client, signed_in, add_post, post_id):
    """POST /posts/<id>/delete of no post, even of an id past 32 or 64 bits, answers the HTML 404 page."""
    post = add_post("Stays")
    hidden = delete_form(client, post["id"]).hidden

    response = client.post(f"/posts/{post_id}/delete", data=hidden)

    assert response.status_code == 404, describe(response)
    assert response.mimetype == "text/html"
    assert client.get("/api/posts").get_json() == [post]
