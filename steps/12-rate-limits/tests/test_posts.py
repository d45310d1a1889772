import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import event

from support import assert_json_error, describe


def titles(response) -> list[str]:
    """The titles of the posts a list answers, in its order."""
    assert response.status_code == 200, describe(response)
    return [post["title"] for post in response.get_json()]


def links(response) -> dict[str, str]:
    """The URLs of the Link header (RFC 8288) by their rel: {"next": "http://localhost/api/...", ...}."""
    found = {}
    for url, parameters in re.findall(r"<([^>]*)>([^,]*)", response.headers.get("Link", "")):
        rel = re.search(r'rel\s*=\s*"?([^";]+)"?', parameters)
        for name in rel.group(1).split() if rel else []:
            found[name.lower()] = url
    return found


def pages_linked(response) -> dict[str, str]:
    """The page numbers the Link header gives for first, prev, next and last (other rels left out)."""
    found = links(response)
    return {rel: query(found[rel]).get("page") for rel in ["first", "prev", "next", "last"] if rel in found}


def query(url: str) -> dict[str, str]:
    """The query string of a URL as a dict: {"page": "2", "per_page": "20"}."""
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}


def add_posts(add_post, count: int) -> list[dict]:
    """Publish posts "post 0", "post 1"... and give them back, oldest first."""
    return [add_post(f"post {n}") for n in range(count)]


def test_no_posts_yet(client):
    """GET /api/posts answers an empty JSON array when there are no posts."""
    response = client.get("/api/posts")

    assert response.status_code == 200, describe(response)
    assert response.mimetype == "application/json"
    assert response.get_json() == []


def test_create_post(client, api, author):
    """POST /api/posts answers 201 with the new post, trimmed, and a Location header that leads to it;
    its author is the user the access token names."""
    before = datetime.now(UTC)
    body = {"title": " Hello ", "content": " First post. "}
    response = api.post("/api/posts", json=body)

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


# A page at a time ----------------------------------------------------------------------------


def test_list_pages_hold_20_posts_by_default(client, add_post):
    """GET /api/posts answers the 20 newest posts; ?page=2 the next ones."""
    add_posts(add_post, 21)

    first, second = client.get("/api/posts"), client.get("/api/posts?page=2")

    assert titles(first) == [f"post {n}" for n in range(20, 0, -1)]
    assert titles(second) == ["post 0"]


def test_per_page_sets_the_page_size(client, add_post):
    """GET /api/posts?per_page=N answers the N newest posts (N from 1 to 100)."""
    add_posts(add_post, 101)

    for per_page in [1, 2, 100]:  # one test: publishing 101 posts takes longer than asking three times
        response = client.get(f"/api/posts?per_page={per_page}")

        newest = [f"post {n}" for n in range(100, 100 - per_page, -1)]
        assert titles(response) == newest, f"?per_page={per_page}"


def test_pages_follow_each_other(client, add_post):
    """?page=1, 2, 3 with ?per_page=2 answer the five posts newest first, two at a time."""
    add_posts(add_post, 5)

    pages = [titles(client.get(f"/api/posts?per_page=2&page={page}")) for page in [1, 2, 3]]

    assert pages == [["post 4", "post 3"], ["post 2", "post 1"], ["post 0"]]


def test_total_count_header(client, add_post):
    """X-Total-Count says how many posts the list has in all pages, those matching ?q= if it is given."""
    add_posts(add_post, 3)
    add_post("Flask", "Routes.")
    add_post("Flask again", "Views.")

    every = client.get("/api/posts?per_page=1")
    matching = client.get("/api/posts?per_page=1&q=flask")

    assert every.headers.get("X-Total-Count") == "5", describe(every)
    assert matching.headers.get("X-Total-Count") == "2", describe(matching)


def test_link_header_on_a_middle_page(client, add_post):
    """On page 2 of 3, the Link header leads to the first, previous, next and last pages, as full URLs."""
    add_posts(add_post, 5)

    response = client.get("/api/posts?page=2&per_page=2")

    found = links(response)
    assert pages_linked(response) == {"first": "1", "prev": "1", "next": "3", "last": "3"}, found
    for url in found.values():
        parts = urlsplit(url)
        assert parts.scheme in ("http", "https"), f"{url} is not a full URL"
        assert parts.netloc, f"{url} is not a full URL"
        assert parts.path == "/api/posts", url
        assert query(url).get("per_page") == "2", f"{url} does not keep ?per_page=2"


def test_links_keep_the_search(client, add_post):
    """The Link header's URLs keep ?q= and ?per_page=, and follow the pages of the search."""
    for n in range(3):
        add_post(f"Flask {n}", "Routes.")
    add_post("Cooking", "Pasta tonight.")

    found = links(client.get("/api/posts?q=flask&per_page=2"))
    second = client.get(found["next"])

    for url in found.values():
        assert query(url).get("q") == "flask", url
        assert query(url).get("per_page") == "2", url
    assert titles(second) == ["Flask 0"]
    assert query(found["last"]).get("page") == "2"


def test_first_page_has_no_prev_and_last_page_no_next(client, add_post):
    """The first page's Link header has no rel="prev", the last page's no rel="next"."""
    add_posts(add_post, 3)

    first = links(client.get("/api/posts?per_page=2"))
    last = links(client.get("/api/posts?per_page=2&page=2"))

    assert "prev" not in first, first
    assert "next" in first, first
    assert "next" not in last, last
    assert "prev" in last, last


def test_one_page_has_neither_prev_nor_next(client, add_post):
    """When every post fits on one page, the Link header has first and last (page 1), no prev, no next."""
    add_posts(add_post, 2)

    response = client.get("/api/posts")

    assert pages_linked(response) == {"first": "1", "last": "1"}, response.headers.get("Link")


def test_page_past_the_end_is_empty(client, add_post):
    """A page past the last one answers 200 with [], and still X-Total-Count and the Link header."""
    add_posts(add_post, 3)

    response = client.get("/api/posts?per_page=2&page=5")

    assert response.status_code == 200, describe(response)
    assert response.get_json() == []
    assert response.headers.get("X-Total-Count") == "3"
    found = links(response)
    assert query(found["first"]).get("page") == "1", found
    assert query(found["last"]).get("page") == "2", found
    assert "next" not in found, found


def test_no_posts_has_paging_headers(client):
    """With no posts, GET /api/posts answers [], X-Total-Count 0, and first and last links to page 1."""
    response = client.get("/api/posts")

    assert response.get_json() == []
    assert response.headers.get("X-Total-Count") == "0"
    assert pages_linked(response) == {"first": "1", "last": "1"}, response.headers.get("Link")


@pytest.fixture
def sql_statements(app):
    """The list of SQL statements the app sends to its database, from now on; clear() it to start again."""
    statements = []

    def record(connection, cursor, statement, *rest):
        statements.append(statement)

    with app.app_context():
        engine = app.extensions["sqlalchemy"].engine
    event.listen(engine, "before_cursor_execute", record)
    yield statements
    event.remove(engine, "before_cursor_execute", record)


def test_listing_posts_loads_their_authors_at_once(client, add_user, add_post, sql_statements):
    """GET /api/posts sends as many SQL statements for 100 posts by 5 authors as for 1, and at most 3."""
    authors = [add_user(f"author{n}@example.com")["id"] for n in range(5)]
    for n in range(105):
        add_post(f"post {n}", author_id=authors[n % 5])

    counted = {}
    for per_page in [1, 100]:
        sql_statements.clear()
        response = client.get(f"/api/posts?per_page={per_page}")
        assert len(response.get_json()) == per_page, describe(response)
        counted[per_page] = len(sql_statements)

    assert counted[1] == counted[100] <= 3, f"SQL statements for per_page 1 and 100: {counted}"


# Changing a post -------------------------------------------------------------------------------


def test_replace_post(client, api, add_post):
    """PUT /api/posts/<id> with a title and content answers 200 with the post, trimmed; GET shows it."""
    post = add_post("Hello", "First version.")

    response = api.put(f"/api/posts/{post['id']}", json={"title": " Hi ", "content": " Second version. "})

    assert response.status_code == 200, describe(response)
    assert response.mimetype == "application/json"
    changed = response.get_json()
    assert changed == {**post, "title": "Hi", "content": "Second version."}
    assert client.get(f"/api/posts/{post['id']}").get_json() == changed


def test_replace_keeps_the_author_and_the_date(add_user, add_post, api_as):
    """PUT /api/posts/<id> changes the title and content only: the id, author and created_at stay."""
    grace = add_user("grace@example.com")
    post = add_post("By Grace", author_id=grace["id"])

    changed = (
        api_as(grace)
        .put(f"/api/posts/{post['id']}", json={"title": "New", "content": "New text."})
        .get_json()
    )

    assert (changed["id"], changed["author"], changed["created_at"]) == (
        post["id"],
        grace,
        post["created_at"],
    )


@pytest.mark.parametrize(("field", "other"), [("title", "content"), ("content", "title")])
def test_patch_changes_one_field(client, api, add_post, field, other):
    """PATCH /api/posts/<id> with only a title (or only content) changes that, trimmed, and keeps the rest."""
    post = add_post("Hello", "First version.")

    response = api.patch(f"/api/posts/{post['id']}", json={field: "  Changed  "})

    assert response.status_code == 200, describe(response)
    changed = response.get_json()
    assert changed == {**post, field: "Changed"}
    assert changed[other] == post[other]
    assert client.get(f"/api/posts/{post['id']}").get_json() == changed


def test_patch_changes_both_fields(api, add_post):
    """PATCH /api/posts/<id> with a title and content changes both, and keeps the author."""
    post = add_post("Hello", "First version.")

    response = api.patch(f"/api/posts/{post['id']}", json={"title": "Hi", "content": "Again."})

    assert response.status_code == 200, describe(response)
    assert response.get_json() == {**post, "title": "Hi", "content": "Again."}


def test_changed_post_keeps_its_place(client, api, add_post):
    """A changed post keeps its created_at, so the list keeps its order: newest first by creation."""
    first = add_post("one")
    add_post("two")

    api.patch(f"/api/posts/{first['id']}", json={"title": "one, changed"})

    assert titles(client.get("/api/posts")) == ["two", "one, changed"]


def test_delete_post(client, api, add_post):
    """DELETE /api/posts/<id> answers 204 with no body; the post is gone."""
    post = add_post()
    kept = add_post("Kept")

    response = api.delete(f"/api/posts/{post['id']}")

    assert response.status_code == 204, describe(response)
    assert response.data == b""
    assert client.get(f"/api/posts/{post['id']}").status_code == 404
    assert client.get("/api/posts").get_json() == [kept]


@pytest.mark.parametrize("config_name", ["testing", "production"])
@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_only_the_author_changes_a_post(client, add_user, add_post, api_as, method):
    """PUT, PATCH or DELETE of another user's post answers a JSON 403 "forbidden"; the post stays as it is."""
    post = add_post()
    grace = add_user("grace@example.com")

    response = getattr(api_as(grace), method)(
        f"/api/posts/{post['id']}", json={"title": "Mine now", "content": "Hi"}
    )

    assert_json_error(response, 403, "forbidden")
    assert client.get("/api/posts").get_json() == [post]


def test_ids_are_not_reused_after_a_delete(api, add_post):
    """A post created after a delete never takes the deleted post's id."""
    first, second = add_post("one"), add_post("two")
    api.delete(f"/api/posts/{second['id']}")

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


def test_search_and_per_page_together(client, add_post):
    """GET /api/posts?q=word&per_page=N answers the N newest of the posts that mention the word."""
    matches = [add_post(f"Flask {n}") for n in range(3)]
    add_post("Cooking")

    response = client.get("/api/posts", query_string={"q": "flask", "per_page": 2})

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


@pytest.mark.reference
def test_link_header_text(client, add_post):
    """The Link header lists first, prev, next and last, in that order, each URL with page, per_page and q."""
    for n in range(5):
        add_post(f"Flask {n}")

    response = client.get("/api/posts?q=flask&per_page=2&page=2")

    url = "http://localhost/api/posts?page={}&per_page=2&q=flask"
    assert response.headers["Link"] == (
        f'<{url.format(1)}>; rel="first", <{url.format(1)}>; rel="prev", '
        f'<{url.format(3)}>; rel="next", <{url.format(3)}>; rel="last"'
    )


@pytest.mark.reference
def test_links_name_the_default_page_size(client, add_post):
    """Without ?per_page=, the links say per_page=20; without ?q=, they have no q."""
    add_post()

    response = client.get("/api/posts")

    url = "http://localhost/api/posts?page=1&per_page=20"
    assert response.headers["Link"] == f'<{url}>; rel="first", <{url}>; rel="last"'


@pytest.mark.reference
@pytest.mark.parametrize(("page", "prev"), [("3", "2"), ("4", "2"), ("9", "2")])
def test_prev_from_past_the_end_is_the_last_page(client, add_post, page, prev):
    """From a page past the end, rel="prev" leads back to the last page, not to another empty one."""
    add_posts(add_post, 3)

    response = client.get(f"/api/posts?per_page=2&page={page}")

    assert pages_linked(response) == {"first": "1", "prev": prev, "last": "2"}


@pytest.mark.reference
def test_limit_is_no_longer_read(client, add_post):
    """?limit= of step 05 is gone: GET /api/posts?limit=1 answers a page of 20, as without it."""
    add_posts(add_post, 3)

    assert len(client.get("/api/posts?limit=1").get_json()) == 3


@pytest.mark.reference
def test_created_at_is_isoformat(client, add_post):
    """created_at is Python's isoformat() of the UTC time: microseconds and "+00:00", as step 05 wrote it."""
    post = add_post()

    created_at = datetime.fromisoformat(post["created_at"])

    assert post["created_at"] == created_at.isoformat()
    assert post["created_at"].endswith("+00:00")
    assert post["author"]["created_at"].endswith("+00:00")


@pytest.mark.reference
def test_post_json_shape(client, add_post):
    """A post's JSON has exactly the keys id, title, content, author and created_at."""
    post = add_post()

    assert list(post) == ["id", "title", "content", "author", "created_at"]
    assert list(post["author"]) == ["id", "email", "created_at"]
