import re
from urllib.parse import urlsplit

import pytest

from support import describe, parse_page

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


def author_choices(form) -> dict[str, str]:
    """The options of the form's <select name="author_id">: each option's text, by its value."""
    select = form.find("select", name="author_id")
    assert select is not None, 'the form has no <select name="author_id">'
    return {option.attrs.get("value", option.text): option.text for option in select.find_all("option")}


def chosen_author(form) -> list[str]:
    """The values of the author options that are selected."""
    select = form.find("select", name="author_id")
    return [option.attrs.get("value", option.text) for option in select.find_all("option", selected=True)]


def typed(element) -> str:
    """What a field holds: an input's value, a textarea's text."""
    return element.raw_text if element.tag == "textarea" else element.attrs.get("value", "")


def times_named(page, word: str) -> int:
    """How many times the page's text says a word, in any case."""
    return page.text.lower().count(word.lower())


def has_typed_script(page, code: str) -> bool:
    """Whether a <script> element runs the code a user typed."""
    return any(code in script.raw_text for script in page.scripts)


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
    """Every page, error pages too, links home (/), to the form (/posts/new) and to a stylesheet."""
    post = add_post("Layouts")

    for url in ["/", f"/posts/{post['id']}", "/posts/new", "/posts/42", "/no-such-page"]:
        page = parse_page(client.get(url))
        assert {"/", "/posts/new"} <= page.links().keys(), url
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


def test_new_post_form(client, author):
    """GET /posts/new shows an empty form posting to /posts/new: fields named title and content, a button."""
    response = client.get("/posts/new")

    assert response.status_code == 200, describe(response)
    form = post_form(parse_page(response))
    assert typed(field(form, "title")) == ""
    assert typed(field(form, "content")).strip() == ""
    buttons = [button for button in form.find_all("button") if button.attrs.get("type", "submit") == "submit"]
    assert buttons or form.find("input", type="submit"), "the form has no submit button"


def test_publishing_from_the_form(client, author):
    """POST /posts/new creates the post (trimmed, as the API does) and redirects (303) to its page."""
    form = {"title": " Hello ", "content": "From a form.", "author_id": author["id"]}
    response = client.post("/posts/new", data=form)

    assert response.status_code == 303, describe(response)
    posts = client.get("/api/posts").get_json()
    assert [(post["title"], post["content"]) for post in posts] == [("Hello", "From a form.")]
    assert posts[0]["author"] == author
    assert urlsplit(response.headers["Location"]).path == f"/posts/{posts[0]['id']}"

    page = client.get(response.headers["Location"])
    assert page.status_code == 200, describe(page)
    assert parse_page(page).find("h1").text == "Hello"


# Each form is sent with the author's id as author_id, unless it says otherwise (None: no author_id).
FORMS_WITH_A_PROBLEM = [
    ({"title": "", "content": "Text"}, "title"),
    ({"title": "Hi", "content": "   "}, "content"),
    ({"content": "Text"}, "title"),
    ({"title": "x" * 201, "content": "Text"}, "title"),
    ({"title": "Hi", "content": "Text", "author_id": None}, "author"),
    ({"title": "Hi", "content": "Text", "author_id": ""}, "author"),
    ({"title": "Hi", "content": "Text", "author_id": "999"}, "author"),
    ({"title": "Hi", "content": "Text", "author_id": "ada"}, "author"),
]


def with_author(form: dict, author: dict) -> dict:
    """The form as it is sent: with the author's id as author_id, unless the form says otherwise."""
    sent = {"author_id": str(author["id"]), **form}
    return {name: value for name, value in sent.items() if value is not None}


@pytest.mark.parametrize(("form", "wrong"), FORMS_WITH_A_PROBLEM)
def test_form_with_problems_is_shown_again(client, author, form, wrong):
    """POST /posts/new with a problem answers 400, names the field that is wrong, keeps what was typed."""
    blank = parse_page(client.get("/posts/new"))
    sent = with_author(form, author)

    response = client.post("/posts/new", data=sent)

    assert response.status_code == 400, describe(response)
    page = parse_page(response)
    assert times_named(page, wrong) > times_named(blank, wrong), f"the page does not name {wrong}"
    shown_again = post_form(page)
    assert typed(field(shown_again, "title")).strip() == form.get("title", "").strip()
    assert typed(field(shown_again, "content")).strip() == form.get("content", "").strip()
    if wrong != "author":
        assert chosen_author(shown_again) == [sent["author_id"]], "the author chosen is chosen again"
    assert client.get("/api/posts").get_json() == []


def test_form_lists_every_problem(client, author):
    """An empty form answers 400 and names the three missing fields: title, content and author."""
    blank = parse_page(client.get("/posts/new"))

    response = client.post("/posts/new", data={})

    assert response.status_code == 400, describe(response)
    page = parse_page(response)
    for wrong in ["title", "content", "author"]:
        assert times_named(page, wrong) > times_named(blank, wrong), f"the page does not name {wrong}"


# The form's author ---------------------------------------------------------------------------


def test_form_offers_every_user_as_author(client, add_user):
    """The form has a <select name="author_id"> with an option per user: the user's id, their email shown."""
    grace, ada, hopper = (
        add_user("grace@example.com"),
        add_user("ada@example.com"),
        add_user("hopper@example.com"),
    )

    form = post_form(parse_page(client.get("/posts/new")))

    choices = author_choices(form)
    for user in [grace, ada, hopper]:
        assert choices.get(str(user["id"])) == user["email"], choices
    by_email = [str(user["id"]) for user in [ada, grace, hopper]]
    assert [value for value in choices if value.isdigit()] == by_email, "the users are listed by email"


def test_form_publishes_as_the_chosen_author(client, add_user):
    """POST /posts/new with author_id publishes the post as that user."""
    add_user("ada@example.com")
    grace = add_user("grace@example.com")

    response = client.post("/posts/new", data={"title": "Hi", "content": "Text", "author_id": grace["id"]})

    assert response.status_code == 303, describe(response)
    assert [post["author"] for post in client.get("/api/posts").get_json()] == [grace]


def test_form_without_users_says_to_create_one(client):
    """With no users yet, GET /posts/new says to create one with the API first: it shows /api/users."""
    response = client.get("/posts/new")

    assert response.status_code == 200, describe(response)
    assert "/api/users" in parse_page(response).text


FORM = {"title": "Hello", "content": "From a form."}


def test_publishing_flashes_a_message_once(client, author):
    """After publishing from the form, the next page says "published" once; the page after does not."""
    client.post("/posts/new", data={**FORM, "author_id": author["id"]})

    assert times_named(parse_page(client.get("/")), "published") == 1
    assert times_named(parse_page(client.get("/")), "published") == 0


def test_a_form_with_problems_flashes_nothing(client, author):
    """A form with a problem publishes nothing, so the next page does not say "published"."""
    client.post("/posts/new", data={"title": "", "content": "Text", "author_id": author["id"]})

    assert times_named(parse_page(client.get("/")), "published") == 0


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


def test_form_values_are_escaped(client, author):
    """What was typed is escaped when the form is shown again, even inside value="..."."""
    title = '"><script>alert(1)</script>'

    page = parse_page(client.post("/posts/new", data={"title": title, "content": ""}))

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


@pytest.mark.reference
def test_layout_markup(client, add_post):
    """Every page links /static/style.css, has the brand and nav links, and a "… · Flask Blog" <title>."""
    post = add_post("Layouts")
    pages = [
        ("/", "Posts"),
        (f"/posts/{post['id']}", "Layouts"),
        ("/posts/new", "New post"),
        ("/posts/42", "Not Found"),
    ]

    for url, title in pages:
        page = client.get(url).text
        assert '<link rel="stylesheet" href="/static/style.css">' in page
        assert '<a class="brand" href="/">Flask Blog</a>' in page
        assert '<nav><a href="/posts/new">New post</a></nav>' in page
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
def test_new_post_form_markup(client, author):
    """The form's exact markup: an author select, labels, a 200-character input, an 8-row textarea."""
    page = client.get("/posts/new").text

    assert "<h1>New post</h1>" in page
    assert '<form method="post" action="/posts/new">' in page
    assert '<label for="author_id">Author</label>' in page
    assert '<select id="author_id" name="author_id" required>' in page
    assert '<option value="">Choose an author</option>' in page
    assert f'<option value="{author["id"]}">ada@example.com</option>' in page
    assert '<label for="title">Title</label>' in page
    assert '<input id="title" name="title" value="" maxlength="200" required>' in page
    assert '<label for="content">Content</label>' in page
    assert '<textarea id="content" name="content" rows="8" required></textarea>' in page
    assert '<button type="submit">Publish</button>' in page
    assert 'class="problems"' not in page


@pytest.mark.reference
def test_form_without_users_markup(client):
    """With no users, the form page shows no form, but the curl command that creates a user."""
    page = client.get("/posts/new").text

    assert "<form" not in page
    assert "Create one with the API first:" in page
    assert '<pre>curl -X POST http://localhost/api/users -H "Content-Type: application/json"' in page


@pytest.mark.reference
def test_chosen_author_markup(client, add_user):
    """A form shown again marks the author chosen with `selected`."""
    add_user("ada@example.com")
    grace = add_user("grace@example.com")

    page = client.post("/posts/new", data={"title": "", "content": "Hi", "author_id": grace["id"]}).text

    assert f'<option value="{grace["id"]}" selected>grace@example.com</option>' in page


TITLE_REQUIRED = "title is required, as text that is not blank."
CONTENT_REQUIRED = "content is required, as text that is not blank."
CHOOSE_AN_AUTHOR = "Choose an author for the post."


@pytest.mark.reference
@pytest.mark.parametrize(
    ("form", "problems"),
    [
        ({"title": "", "content": "Text"}, [TITLE_REQUIRED]),
        ({"title": "x" * 201, "content": "Text"}, ["title must be at most 200 characters."]),
        ({"title": "Hi", "content": "   "}, [CONTENT_REQUIRED]),
        ({"title": "Hi", "content": "Text", "author_id": "999"}, [CHOOSE_AN_AUTHOR]),
        ({"author_id": None}, [TITLE_REQUIRED, CONTENT_REQUIRED, CHOOSE_AN_AUTHOR]),
    ],
)
def test_form_problems_markup(client, author, form, problems):
    """The problems are listed in ul.problems, one <li> each, in this app's words."""
    page = parse_page(client.post("/posts/new", data=with_author(form, author)))

    assert [item.text for item in page.find("ul", class_="problems").find_all("li")] == problems


@pytest.mark.reference
def test_escaped_markup(client, add_post):
    """Jinja writes < > " as &lt; &gt; &#34; in text and in value="..."."""
    post = add_post(SCRIPT, SCRIPT)
    escaped = "&lt;script&gt;alert(&#34;hi&#34;)&lt;/script&gt;"

    for url in ["/", f"/posts/{post['id']}"]:
        assert escaped in client.get(url).text
    response = client.post("/posts/new", data={"title": SCRIPT, "content": ""})
    assert f'value="{escaped}"' in response.text


@pytest.mark.reference
def test_flash_markup(client, author):
    """The flashed message is "Your post is published.", in a <p class="flash"> the stylesheet styles."""
    client.post("/posts/new", data={**FORM, "author_id": author["id"]})
    response = client.get("/static/style.css")
    stylesheet = response.get_data(as_text=True)
    response.close()

    assert '<p class="flash">Your post is published.</p>' in client.get("/").text
    assert ".flash {" in stylesheet
