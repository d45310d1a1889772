import re

import pytest


def test_home_page_without_posts(client):
    """GET / is an HTML page that invites you to write the first post."""
    response = client.get("/")

    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert "<h1>Posts</h1>" in response.text
    assert "No posts yet." in response.text
    assert 'href="/posts/new"' in response.text


def test_home_page_lists_posts_newest_first(client, add_post):
    """GET / links every post's title, with its date, newest first."""
    first, second = add_post("First post"), add_post("Second post")

    page = client.get("/").text

    assert "No posts yet." not in page
    assert page.index("Second post") < page.index("First post")
    for post in [first, second]:
        assert f'href="/posts/{post["id"]}"' in page
        assert f'<time datetime="{post["created_at"]}">{post["created_at"][:10]}</time>' in page


def test_home_page_lists_every_post(client, add_post):
    """GET / lists every post: unlike the API, it has no limit of 20."""
    for n in range(25):
        add_post(f"post {n}")

    page = client.get("/").text

    assert re.findall(r'<a href="/posts/\d+">(post \d+)</a>', page) == [
        f"post {n}" for n in range(24, -1, -1)
    ]


def test_pages_share_the_base_layout(client, add_post):
    """Every page, error pages too, extends base.html: its stylesheet, its header, its own <title>."""
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


def test_stylesheet_is_served(client):
    """GET /static/style.css answers the stylesheet."""
    response = client.get("/static/style.css")

    assert response.status_code == 200
    assert response.mimetype == "text/css"
    assert b"font-family" in response.data
    response.close()


def test_post_page(client, add_post):
    """GET /posts/<id> shows the post's title, date and content."""
    post = add_post("Hello", "Line one.\nLine two.")

    response = client.get(f"/posts/{post['id']}")

    assert response.status_code == 200
    assert "<h1>Hello</h1>" in response.text
    assert "Line one.\nLine two." in response.text
    assert f'<time datetime="{post["created_at"]}">{post["created_at"][:10]}</time>' in response.text


def test_new_post_form(client):
    """GET /posts/new shows an empty form, with no problems listed, that posts back to /posts/new."""
    response = client.get("/posts/new")

    assert response.status_code == 200
    assert "<h1>New post</h1>" in response.text
    assert '<form method="post" action="/posts/new">' in response.text
    assert '<label for="title">Title</label>' in response.text
    assert '<input id="title" name="title" value="" maxlength="200" required>' in response.text
    assert '<label for="content">Content</label>' in response.text
    assert '<textarea id="content" name="content" rows="8" required></textarea>' in response.text
    assert '<button type="submit">Publish</button>' in response.text
    assert 'class="problems"' not in response.text


def test_publishing_from_the_form(client):
    """POST /posts/new creates the post and redirects (303) to its page."""
    response = client.post("/posts/new", data={"title": " Hello ", "content": "From a form."})

    assert response.status_code == 303
    posts = client.get("/api/posts").get_json()
    assert [(post["title"], post["content"]) for post in posts] == [("Hello", "From a form.")]
    assert response.headers["Location"] == f"/posts/{posts[0]['id']}"

    page = client.get(response.headers["Location"])
    assert page.status_code == 200
    assert "<h1>Hello</h1>" in page.text


def test_publishing_flashes_a_message_once(client):
    """After publishing, the next page says "Your post is published."; the one after does not."""
    client.post("/posts/new", data={"title": "Hello", "content": "From a form."})

    assert '<p class="flash">Your post is published.</p>' in client.get("/").text
    assert "Your post is published." not in client.get("/").text


@pytest.mark.parametrize(
    ("form", "problem"),
    [
        ({"title": "", "content": "Text"}, "title is required, as text that is not blank."),
        ({"title": "Hi", "content": "   "}, "content is required, as text that is not blank."),
        ({"content": "Text"}, "title is required, as text that is not blank."),
        ({"title": "x" * 201, "content": "Text"}, "title must be at most 200 characters."),
    ],
)
def test_form_with_problems_is_shown_again(client, form, problem):
    """POST /posts/new with a problem answers 400, names the problem and keeps what was typed."""
    response = client.post("/posts/new", data=form)

    assert response.status_code == 400
    assert f"<li>{problem}</li>" in response.text
    assert f'value="{form.get("title", "")}"' in response.text
    assert f"required>{form.get('content', '')}</textarea>" in response.text
    assert client.get("/api/posts").get_json() == []


def test_form_lists_every_problem(client):
    """An empty form names both missing fields."""
    response = client.post("/posts/new", data={})

    assert response.status_code == 400
    assert re.findall(r"<li>(\w+) is required", response.text) == ["title", "content"]


SCRIPT = '<script>alert("hi")</script>'
ESCAPED = "&lt;script&gt;alert(&#34;hi&#34;)&lt;/script&gt;"


def test_titles_and_content_are_escaped(client, add_post):
    """HTML typed into a post is shown as text, never run: Jinja autoescapes it."""
    post = add_post(SCRIPT, SCRIPT)

    for url in ["/", f"/posts/{post['id']}"]:
        page = client.get(url).text
        assert SCRIPT not in page
        assert ESCAPED in page


def test_form_values_are_escaped(client):
    """What was typed is escaped when the form is shown again, even inside value="..."."""
    response = client.post("/posts/new", data={"title": '"><script>alert(1)</script>', "content": ""})

    assert "<script>alert(1)</script>" not in response.text
    assert 'value="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in response.text
