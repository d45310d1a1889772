from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest

from support import assert_json_error, describe

BAD_LIMIT = {"error": "bad_request", "message": "limit must be a whole number from 1 to 100.", "code": 400}


def test_no_posts_yet(client):
    """GET /api/posts answers an empty JSON array when there are no posts."""
    response = client.get("/api/posts")

    assert response.status_code == 200, describe(response)
    assert response.mimetype == "application/json"
    assert response.get_json() == []


def test_create_post(client, author):
    """POST /api/posts answers 201 with the new post, trimmed, and a Location header that leads to it."""
    before = datetime.now(UTC)
    body = {"title": " Hello ", "content": " First post. ", "author_id": author["id"]}
    response = client.post("/api/posts", json=body)

    assert response.status_code == 201, describe(response)
    assert response.mimetype == "application/json"
    post = response.get_json()
    assert set(post) >= {"id", "title", "content", "author", "created_at"}
    assert post["author"] == author  # {"id", "email", "created_at"}, as GET /api/users/<id> answers
    assert post["title"] == "Hello"  # surrounding spaces are trimmed
    assert post["content"] == "First post."
    assert isinstance(post["id"], int)
    # The Location may be a path or a full URL; either way it leads to the new post.
    assert urlsplit(response.headers["Location"]).path == f"/api/posts/{post['id']}"
    assert client.get(response.headers["Location"]).get_json() == post
    created_at = datetime.fromisoformat(post["created_at"])
    assert created_at.utcoffset() == timedelta(0)  # ISO 8601 with its UTC offset
    # Whole seconds are precise enough: "2026-11-25T09:30:00+00:00" is fine too.
    assert before.replace(microsecond=0) <= created_at <= datetime.now(UTC)


def test_get_post(client, add_post):
    """GET /api/posts/<id> answers the post as JSON."""
    post = add_post("Hello", "First post.")

    response = client.get(f"/api/posts/{post['id']}")

    assert response.status_code == 200, describe(response)
    assert response.get_json() == post


def test_posts_are_listed_newest_first(client, add_post):
    """GET /api/posts lists every post, newest first."""
    first, second, third = add_post("one"), add_post("two"), add_post("three")

    response = client.get("/api/posts")

    assert response.status_code == 200, describe(response)
    assert response.get_json() == [third, second, first]


def test_posts_are_numbered_from_1(add_post):
    """Posts get the ids 1, 2, 3... in the order they are created."""
    ids = [add_post(f"post {n}")["id"] for n in range(3)]

    assert ids == [1, 2, 3]


@pytest.mark.parametrize("q", ["flask", "FLASK", "  Flask  "])
def test_search_posts(client, add_post, q):
    """GET /api/posts?q=word keeps the posts that mention the word, ignoring case and spaces around it."""
    flask_title = add_post("Learning FLASK", "Routes and views.")
    flask_body = add_post("Templates", "Jinja comes with Flask.")
    add_post("Cooking", "Pasta tonight.")

    response = client.get("/api/posts", query_string={"q": q})

    assert response.status_code == 200, describe(response)
    assert response.get_json() == [flask_body, flask_title]


# "title" is a field's name, not text of the post; "skin" only spans the end of "Flask" and "Intro".
@pytest.mark.parametrize("q", ["pizza", "title", "skin"])
def test_search_without_a_match(client, add_post, q):
    """GET /api/posts?q=word answers [] when no post's title or content mentions the word."""
    add_post("Flask", "Intro to routes.")

    response = client.get("/api/posts", query_string={"q": q})

    assert response.status_code == 200, describe(response)
    assert response.get_json() == []


def test_list_is_limited_to_20_by_default(client, add_post):
    """GET /api/posts answers at most 20 posts unless ?limit= says otherwise."""
    for n in range(21):
        add_post(f"post {n}")

    response = client.get("/api/posts")

    assert response.status_code == 200, describe(response)
    titles = [post["title"] for post in response.get_json()]
    assert titles == [f"post {n}" for n in range(20, 0, -1)]


def test_limit_caps_the_list(client, add_post):
    """GET /api/posts?limit=N answers the N newest posts (N from 1 to 100)."""
    for n in range(101):
        add_post(f"post {n}")

    for limit in [1, 2, 100]:  # one test: publishing 101 posts takes longer than asking three times
        response = client.get(f"/api/posts?limit={limit}")

        assert response.status_code == 200, describe(response)
        titles = [post["title"] for post in response.get_json()]
        assert titles == [f"post {n}" for n in range(100, 100 - limit, -1)], f"?limit={limit}"


@pytest.mark.parametrize("limit", ["0", "101", "-1", "ten", "1.5", "", "²"])
def test_bad_limit_is_a_bad_request(client, limit):
    """GET /api/posts?limit= with anything but a whole number from 1 to 100 answers a JSON 400."""
    response = client.get("/api/posts", query_string={"limit": limit})

    assert_json_error(response, 400, "bad_request", mentions=("limit",))


def test_limit_with_thousands_of_digits_is_a_bad_request(client):
    """GET /api/posts?limit= with a number of 5,000 digits answers a JSON 400 that names limit."""
    response = client.get("/api/posts", query_string={"limit": "1" * 5000})

    assert_json_error(response, 400, "bad_request", mentions=("limit",))


@pytest.mark.reference
@pytest.mark.parametrize("limit", ["0", "101", "ten", "²", pytest.param("1" * 5000, id="5000-digits")])
def test_bad_limit_message(client, limit):
    """A bad ?limit= answers "limit must be a whole number from 1 to 100."."""
    response = client.get("/api/posts", query_string={"limit": limit})

    assert response.get_json() == BAD_LIMIT


def test_delete_post(client, add_post):
    """DELETE /api/posts/<id> answers 204 with no body; the post is gone."""
    post = add_post()
    kept = add_post("Kept")

    response = client.delete(f"/api/posts/{post['id']}")

    assert response.status_code == 204, describe(response)
    assert response.data == b""
    assert client.get(f"/api/posts/{post['id']}").status_code == 404
    assert client.get("/api/posts").get_json() == [kept]


def test_ids_are_not_reused_after_a_delete(client, add_post):
    """A post created after a delete never takes the deleted post's id."""
    first, second = add_post("one"), add_post("two")
    client.delete(f"/api/posts/{second['id']}")

    third = add_post("three")

    assert third["id"] not in {first["id"], second["id"]}


def test_a_post_names_its_author(client, add_user, add_post):
    """A post's JSON has its author as {"id", "email", "created_at"}, in the list and alone."""
    grace = add_user("grace@example.com")
    post = add_post("By Grace", author_id=grace["id"])

    listed = client.get("/api/posts").get_json()
    alone = client.get(f"/api/posts/{post['id']}").get_json()

    assert post["author"] == grace
    assert listed == [post]
    assert alone == post
    assert set(grace) >= {"id", "email", "created_at"}


def test_search_also_finds_words_in_the_content(client, add_post):
    """GET /api/posts?q=word looks in the content too, not only in the title."""
    add_post("Cooking", "Pasta tonight.")
    in_content = add_post("Templates", "Jinja comes with Flask.")

    response = client.get("/api/posts", query_string={"q": "jinja"})

    assert response.get_json() == [in_content]


def test_search_and_limit_together(client, add_post):
    """GET /api/posts?q=word&limit=N answers the N newest of the posts that mention the word."""
    matches = [add_post(f"Flask {n}") for n in range(3)]
    add_post("Cooking")

    response = client.get("/api/posts", query_string={"q": "flask", "limit": 2})

    assert response.get_json() == [matches[2], matches[1]]


@pytest.mark.reference
@pytest.mark.parametrize(
    ("q", "expected"), [("%", ["100% Flask"]), ("_", ["snake_case"]), ("\\", ["back\\slash"])]
)
def test_search_words_are_not_patterns(client, add_post, q, expected):
    """In ?q=, % and _ (and \\) match themselves: they are not SQL LIKE's wildcards."""
    for title in ["100% Flask", "snake_case", "back\\slash", "Plain"]:
        add_post(title)

    response = client.get("/api/posts", query_string={"q": q})

    assert [post["title"] for post in response.get_json()] == expected


@pytest.mark.reference
def test_posts_of_the_same_instant_are_listed_newest_id_first(app, client, add_post):
    """Posts with the same created_at are listed by id, the highest first."""
    add_post("one")
    add_post("two")
    db = app.extensions["sqlalchemy"]
    posts = db.metadata.tables["posts"]
    with app.app_context():
        db.session.execute(posts.update().values(created_at=datetime(2026, 1, 1, tzinfo=UTC)))
        db.session.commit()

    titles = [post["title"] for post in client.get("/api/posts").get_json()]

    assert titles == ["two", "one"]
