import pytest
from flask import abort
from sqlalchemy.exc import DBAPIError

from support import assert_json_error, describe, parse_page

# This app's exact messages, for the reference tests; the others only ask that a message names its field.
NOT_JSON = "Send JSON, with the header Content-Type: application/json."
NOT_AN_OBJECT = 'Send a JSON object: {"title": "...", "content": "..."}.'
TITLE_PROBLEM = (
    "title is required, as text that is not blank, of at most 200 characters, "
    "with no NUL and no lone surrogate."
)
CONTENT_PROBLEM = (
    "content is required, as text that is not blank, of at most 10000 characters, "
    "with no NUL and no lone surrogate."
)
SECRET = "a detail only the log may show"


def refusal(**problems: str) -> dict:
    """This app's JSON 400 for these fields at fault: each problem in "fields", all of them in "message"."""
    return {"error": "bad_request", "message": " ".join(problems.values()), "code": 400, "fields": problems}


@pytest.fixture(params=["testing", "production"])
def config_name(request):
    """Every error answers the same under the testing and the production settings."""
    return request.param


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_missing_post_is_not_found(api, method):
    """GET, PUT, PATCH or DELETE /api/posts/<id> of a post that does not exist answers a JSON 404."""
    response = getattr(api, method)("/api/posts/42", json={"title": "Hello", "content": "Hi"})

    assert_json_error(response, 404, "not_found")
    assert api.get("/api/posts").get_json() == []


@pytest.mark.reference
def test_missing_post_message(client):
    """The 404 for a missing post says "There is no post with id 42."."""
    response = client.get("/api/posts/42")

    message = "There is no post with id 42."
    assert response.get_json() == {"error": "not_found", "message": message, "code": 404}


def test_id_must_be_a_number(client):
    """GET /api/posts/abc answers a JSON 404: only numbers are post ids."""
    assert_json_error(client.get("/api/posts/abc"), 404, "not_found")


@pytest.mark.parametrize("url", ["/api/nothing-here", "/api/", "/api", "/auth/nothing-here", "/auth"])
def test_unknown_url_is_not_found(client, url):
    """A URL of the API (/api, /auth and below) with no route answers 404 as JSON; other URLs are pages."""
    assert_json_error(client.get(url), 404, "not_found")


def test_wrong_method_is_not_allowed(client, add_post):
    """POST /api/posts/<id> answers a JSON 405, with an Allow header that lists GET, PUT, PATCH and DELETE."""
    post = add_post()

    response = client.post(f"/api/posts/{post['id']}", json={"title": "New", "content": "Hi"})

    assert_json_error(response, 405, "method_not_allowed")
    assert response.allow >= {"GET", "PUT", "PATCH", "DELETE"}
    assert client.get("/api/posts").get_json() == [post]


def test_wrong_method_on_the_list(client, add_post):
    """PUT /api/posts answers a JSON 405, with an Allow header that lists GET and POST."""
    post = add_post()

    response = client.put("/api/posts", json={"title": "New", "content": "Hi"})

    assert_json_error(response, 405, "method_not_allowed")
    assert response.allow >= {"GET", "POST"}
    assert client.get("/api/posts").get_json() == [post]


@pytest.mark.reference
def test_allow_lists_exactly_the_methods_of_a_post(client, add_post):
    """The Allow header of a post's URL lists GET, HEAD, OPTIONS, PUT, PATCH and DELETE, nothing else."""
    post = add_post()

    response = client.post(f"/api/posts/{post['id']}")

    assert response.allow == {"GET", "HEAD", "OPTIONS", "PUT", "PATCH", "DELETE"}


def test_create_needs_a_json_body(api):
    """POST /api/posts with a form instead of JSON answers a JSON 415 Unsupported Media Type."""
    response = api.post("/api/posts", data={"title": "Hello", "content": "Hi"})

    assert_json_error(response, 415, "unsupported_media_type")
    assert api.get("/api/posts").get_json() == []


@pytest.mark.reference
def test_create_needs_a_json_body_message(api):
    """The 415 says how to send JSON: "Send JSON, with the header Content-Type: application/json."."""
    response = api.post("/api/posts", data={"title": "Hello", "content": "Hi"})

    assert response.get_json() == {"error": "unsupported_media_type", "message": NOT_JSON, "code": 415}


def test_create_with_broken_json(api):
    """POST /api/posts with JSON that does not parse answers a JSON 400, and saves nothing."""
    response = api.post("/api/posts", data="{not json", content_type="application/json")

    assert_json_error(response, 400, "bad_request")
    assert api.get("/api/posts").get_json() == []


@pytest.mark.parametrize("body", ["[]", '["title"]', '"Hello"', "42", "null"])
def test_create_needs_a_json_object(api, body):
    """POST /api/posts with JSON that is not an object answers a JSON 400."""
    response = api.post("/api/posts", data=body, content_type="application/json")

    assert_json_error(response, 400, "bad_request")


@pytest.mark.reference
@pytest.mark.parametrize("body", ["{not json", "[]"])
def test_create_needs_a_json_object_message(api, body):
    """Broken JSON, or JSON that is not an object, answers a 400 that shows the object to send."""
    response = api.post("/api/posts", data=body, content_type="application/json")

    assert response.get_json() == {"error": "bad_request", "message": NOT_AN_OBJECT, "code": 400}


@pytest.mark.parametrize("field", ["title", "content"])
@pytest.mark.parametrize("value", [None, "", "   ", 42, ["a list"]])
def test_create_needs_title_and_content(api, field, value):
    """A title or content that is missing, blank or not text answers a JSON 400 that names the field."""
    body = {"title": "Hello", "content": "Hi"}
    if value is None:
        del body[field]
    else:
        body[field] = value

    response = api.post("/api/posts", json=body)

    assert_json_error(response, 400, "bad_request", mentions=(field,))
    assert api.get("/api/posts").get_json() == []  # nothing half-saved


@pytest.mark.reference
@pytest.mark.parametrize("field", ["title", "content"])
def test_create_needs_title_and_content_message(api, field):
    """A missing field answers "<field> is required, as text that is not blank, of at most <N> characters."""
    body = {"title": "Hello", "content": "Hi"}
    del body[field]

    response = api.post("/api/posts", json=body)

    message = TITLE_PROBLEM if field == "title" else CONTENT_PROBLEM
    assert response.get_json() == refusal(**{field: message})


@pytest.mark.parametrize(("field", "longest"), [("title", 200), ("content", 10_000)])
def test_create_length_limits(api, field, longest):
    """A title may have 200 characters and content 10,000; one more is a JSON 400 naming the field."""
    body = {"title": "Hello", "content": "Hi"}

    body[field] = "x" * longest
    response = api.post("/api/posts", json=body)
    assert response.status_code == 201, describe(response)

    body[field] = "x" * (longest + 1)
    response = api.post("/api/posts", json=body)
    assert_json_error(response, 400, "bad_request", mentions=(field,))
    assert len(api.get("/api/posts").get_json()) == 1


@pytest.mark.reference
@pytest.mark.parametrize(("field", "longest"), [("title", 200), ("content", 10_000)])
def test_create_length_limits_message(api, field, longest):
    """A field that is too long answers the same message as a missing one, which gives the limit."""
    body = {"title": "Hello", "content": "Hi"}
    body[field] = "x" * (longest + 1)

    response = api.post("/api/posts", json=body)

    message = (
        f"{field} is required, as text that is not blank, of at most {longest} characters, "
        "with no NUL and no lone surrogate."
    )
    assert response.get_json() == refusal(**{field: message})


@pytest.mark.parametrize(("field", "longest"), [("title", 200), ("content", 10_000)])
def test_length_limits_leave_out_surrounding_spaces(api, field, longest):
    """Spaces around a title or content are trimmed before its length is checked."""
    body = {"title": "Hello", "content": "Hi"}
    body[field] = "  " + "x" * longest + "  "

    response = api.post("/api/posts", json=body)

    assert response.status_code == 201, describe(response)
    assert response.get_json()[field] == "x" * longest


# Ids of the author, of another user, and of no one: none may name a post's author.
@pytest.mark.parametrize("author_id", ["author", "another user", 999])
def test_create_refuses_author_id(client, api, add_user, author, author_id):
    """POST /api/posts refuses author_id (the author is the token's user) with a JSON 400 naming it."""
    ids = {"author": author["id"], "another user": add_user("grace@example.com")["id"]}
    body = {"title": "Hello", "content": "Hi", "author_id": ids.get(author_id, author_id)}

    response = api.post("/api/posts", json=body)

    body = assert_json_error(response, 400, "bad_request", mentions=("author_id",))
    assert set(body.get("fields", {})) == {"author_id"}, body
    assert client.get("/api/posts").get_json() == []


@pytest.mark.reference
def test_create_refuses_author_id_message(api, author):
    """author_id in a POST is an unknown field, and the answer lists the fields there are."""
    response = api.post("/api/posts", json={"title": "Hello", "content": "Hi", "author_id": author["id"]})

    assert response.get_json() == refusal(
        author_id="author_id is an unknown field: the fields are title, content."
    )


def test_huge_post_id_is_not_found(client, api):
    """GET, PUT, PATCH or DELETE /api/posts/<id> with an id too large for the database is a JSON 404."""
    too_large = 2**63  # one more than the largest whole number the database stores
    for method in [api.get, api.put, api.patch, api.delete]:
        response = method(f"/api/posts/{too_large}", json={"title": "Hello", "content": "Hi"})
        assert_json_error(response, 404, "not_found")
    assert client.get(f"/posts/{too_large}").status_code == 404


def test_create_without_fields_names_a_missing_one(api):
    """POST /api/posts with an empty object answers a JSON 400 that names a missing field."""
    response = api.post("/api/posts", json={})

    body = assert_json_error(response, 400, "bad_request")
    assert "title" in body["message"].lower() or "content" in body["message"].lower(), body
    assert api.get("/api/posts").get_json() == []


@pytest.mark.reference
def test_create_names_every_problem(api):
    """POST /api/posts with an empty object names the two missing fields, in "fields" and in one message."""
    response = api.post("/api/posts", json={})

    assert response.get_json() == refusal(title=TITLE_PROBLEM, content=CONTENT_PROBLEM)


# Changing a post: PUT and PATCH --------------------------------------------------------------


def unchanged(client, post: dict) -> bool:
    """Whether the post is still exactly as it was."""
    return client.get(f"/api/posts/{post['id']}").get_json() == post


@pytest.mark.parametrize("field", ["title", "content"])
@pytest.mark.parametrize("value", [None, "", "   ", 42, ["a list"]])
def test_replace_needs_title_and_content(api, add_post, field, value):
    """PUT with a title or content that is missing, blank or not text is a JSON 400 naming the field."""
    post = add_post()
    body = {"title": "New", "content": "New text."}
    if value is None:
        del body[field]
    else:
        body[field] = value

    response = api.put(f"/api/posts/{post['id']}", json=body)

    assert_json_error(response, 400, "bad_request", mentions=(field,))
    assert unchanged(api, post)


def test_replace_with_null_is_a_bad_request(api, add_post):
    """PUT with "title": null answers a JSON 400 naming title: null is not text."""
    post = add_post()

    response = api.put(f"/api/posts/{post['id']}", json={"title": None, "content": "New text."})

    assert_json_error(response, 400, "bad_request", mentions=("title",))
    assert unchanged(api, post)


@pytest.mark.parametrize("method", ["put", "patch"])
@pytest.mark.parametrize(("field", "longest"), [("title", 200), ("content", 10_000)])
def test_change_length_limits(api, add_post, method, field, longest):
    """PUT and PATCH keep the limits of a new post: 200 characters of title, 10,000 of content, trimmed."""
    post = add_post()
    body = {"title": "New", "content": "New text."}

    body[field] = "  " + "x" * longest + "  "
    accepted = getattr(api, method)(f"/api/posts/{post['id']}", json=body)
    assert accepted.status_code == 200, describe(accepted)
    assert accepted.get_json()[field] == "x" * longest

    body[field] = "x" * (longest + 1)
    refused = getattr(api, method)(f"/api/posts/{post['id']}", json=body)
    assert_json_error(refused, 400, "bad_request", mentions=(field,))
    assert unchanged(api, accepted.get_json())


def test_patch_needs_title_or_content(api, add_post):
    """PATCH with an empty object answers a JSON 400 that names title and content, and changes nothing."""
    post = add_post()

    response = api.patch(f"/api/posts/{post['id']}", json={})

    assert_json_error(response, 400, "bad_request", mentions=("title", "content"))
    assert unchanged(api, post)


# Another correct answer names only the unknown field; this app also says which fields PATCH takes.
@pytest.mark.reference
@pytest.mark.parametrize("body", [{"author_id": 1}, {"words": "Hello"}])
def test_patch_with_only_unknown_fields_names_what_it_takes(api, add_post, body):
    """PATCH with only fields it does not take answers a JSON 400 that also names title and content."""
    post = add_post()

    response = api.patch(f"/api/posts/{post['id']}", json=body)

    assert_json_error(response, 400, "bad_request", mentions=("title", "content", *body))
    assert unchanged(api, post)


@pytest.mark.parametrize("field", ["title", "content"])
@pytest.mark.parametrize("value", [None, "", "   ", 42, ["a list"]])
def test_patch_checks_what_it_changes(api, add_post, field, value):
    """PATCH with a blank or non-text title or content is a JSON 400 naming it; nothing is changed."""
    post = add_post()
    other = "content" if field == "title" else "title"

    response = api.patch(f"/api/posts/{post['id']}", json={field: value, other: "Fine"})

    assert_json_error(response, 400, "bad_request", mentions=(field,))
    assert unchanged(api, post)


@pytest.mark.parametrize("method", ["put", "patch"])
def test_change_needs_a_json_body(api, add_post, method):
    """PUT or PATCH with a form instead of JSON answers a JSON 415, and changes nothing."""
    post = add_post()

    response = getattr(api, method)(f"/api/posts/{post['id']}", data={"title": "New", "content": "Hi"})

    assert_json_error(response, 415, "unsupported_media_type")
    assert unchanged(api, post)


@pytest.mark.parametrize("method", ["put", "patch"])
@pytest.mark.parametrize("body", ["{not json", "[]", '"title"', "42", "null"])
def test_change_needs_a_json_object(api, add_post, method, body):
    """PUT or PATCH with broken JSON, or JSON that is not an object, is a JSON 400, and changes nothing."""
    post = add_post()

    response = getattr(api, method)(f"/api/posts/{post['id']}", data=body, content_type="application/json")

    assert_json_error(response, 400, "bad_request")
    assert unchanged(api, post)


@pytest.mark.reference
def test_replace_names_every_problem(api, add_post):
    """PUT with an empty object names both missing fields, in this app's words."""
    post = add_post()

    response = api.put(f"/api/posts/{post['id']}", json={})

    assert response.get_json() == refusal(title=TITLE_PROBLEM, content=CONTENT_PROBLEM)


@pytest.mark.reference
def test_patch_without_fields_message(api, add_post):
    """PATCH with neither field answers "Send title, content or both: {"title": "..."}."."""
    post = add_post()

    response = api.patch(f"/api/posts/{post['id']}", json={})

    message = 'Send title, content or both: {"title": "..."}.'
    assert response.get_json() == {"error": "bad_request", "message": message, "code": 400}


@pytest.mark.parametrize("method", ["put", "patch"])
def test_change_refuses_author_id(api, add_user, add_post, method):
    """PUT and PATCH refuse author_id (a post keeps its author) with a JSON 400 naming author_id."""
    grace = add_user("grace@example.com")
    post = add_post()

    response = getattr(api, method)(
        f"/api/posts/{post['id']}", json={"title": "New", "content": "Hi", "author_id": grace["id"]}
    )

    body = assert_json_error(response, 400, "bad_request", mentions=("author_id",))
    assert set(body.get("fields", {})) == {"author_id"}, body
    assert unchanged(api, post)


@pytest.mark.reference
@pytest.mark.parametrize("method", ["put", "patch"])
def test_author_id_is_unknown_to_a_change_message(api, add_post, method):
    """author_id in a PUT or PATCH is an unknown field there, and the answer lists the fields there are."""
    post = add_post()

    response = getattr(api, method)(f"/api/posts/{post['id']}", json={"title": "New", "author_id": 1})

    problem = "author_id is an unknown field: the fields are title, content."
    if method == "put":
        assert response.get_json() == refusal(content=CONTENT_PROBLEM, author_id=problem)
    else:
        assert response.get_json() == refusal(author_id=problem)


# Paging: ?page= and ?per_page= ----------------------------------------------------------------

BAD_NUMBERS = ["0", "-1", "ten", "1.5", ""]


@pytest.mark.parametrize("url", ["/api/posts", "/api/users"])
@pytest.mark.parametrize(
    ("name", "value"),
    [("page", value) for value in BAD_NUMBERS] + [("per_page", value) for value in [*BAD_NUMBERS, "101"]],
)
def test_bad_page_or_per_page_is_a_bad_request(client, add_post, url, name, value):
    """?page= must be a whole number from 1, ?per_page= from 1 to 100: else a JSON 400 naming it."""
    post = add_post()

    response = client.get(url, query_string={name: value})

    assert_json_error(response, 400, "bad_request", mentions=(name,))
    assert client.get("/api/posts").get_json() == [post]


@pytest.mark.parametrize("url", ["/api/posts", "/api/users"])
@pytest.mark.parametrize("name", ["page", "per_page"])
def test_page_with_thousands_of_digits_is_a_bad_request(client, url, name):
    """?page= or ?per_page= with a number of 5,000 digits answers a JSON 400 naming the parameter."""
    response = client.get(url, query_string={name: "1" * 5000})

    assert_json_error(response, 400, "bad_request", mentions=(name,))


@pytest.mark.reference
@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("page", "0"),
        ("page", "²"),
        ("page", "٣"),  # an Arabic-Indic 3: a digit to int(), not plain ASCII
        ("page", "+2"),
        ("page", " 2"),
        ("page", "1_0"),
        ("page", "1000001"),
        ("per_page", "101"),
        ("per_page", "ten"),
        pytest.param("per_page", "1" * 5000, id="per_page-5000-digits"),
    ],
)
def test_bad_paging_message(client, name, value):
    """A bad ?page= or ?per_page= answers "<name> must be a whole number from 1 to <largest>."."""
    response = client.get("/api/posts", query_string={name: value})

    largest = 1_000_000 if name == "page" else 100
    message = f"{name} must be a whole number from 1 to {largest}."
    assert response.get_json() == refusal(**{name: message})


@pytest.mark.reference
def test_bad_page_and_per_page_are_both_named(client):
    """?page=0&per_page=0 names both parameters, in "fields" and in one message."""
    response = client.get("/api/posts?page=0&per_page=0")

    assert response.get_json() == refusal(
        page="page must be a whole number from 1 to 1000000.",
        per_page="per_page must be a whole number from 1 to 100.",
    )


@pytest.mark.reference
def test_largest_page(client):
    """?page=1000000 is the largest page: a page past the end, so 200 and []."""
    response = client.get("/api/posts?page=1000000&per_page=100")

    assert response.status_code == 200, describe(response)
    assert response.get_json() == []


# A body that is too large --------------------------------------------------------------------


def test_too_large_body(api):
    """A request body over 1 MB answers 413 Request Entity Too Large, before anything is saved."""
    body = {"title": "Big", "content": "x" * (1024 * 1024)}

    response = api.post("/api/posts", json=body)

    assert_json_error(response, 413, "request_entity_too_large")
    assert api.get("/api/posts").get_json() == []


def test_body_limit_is_exactly_1_mb(api):
    """A request body of exactly 1 MB (1,048,576 bytes) is accepted; one byte more answers 413."""
    body = b'{"title": "Big", "content": "Hi"}'
    padded = body + b" " * (1024 * 1024 - len(body))  # spaces after the JSON object are allowed

    accepted = api.post("/api/posts", data=padded, content_type="application/json")
    refused = api.post("/api/posts", data=padded + b" ", content_type="application/json")

    assert accepted.status_code == 201, describe(accepted)
    assert_json_error(refused, 413, "request_entity_too_large")
    assert len(api.get("/api/posts").get_json()) == 1


# A view that fails unexpectedly ---------------------------------------------------------------


@pytest.mark.own_app
def test_unexpected_error_is_a_json_500(app, client, caplog):
    """A view that fails unexpectedly answers a JSON 500 that reveals nothing, and the traceback is logged."""

    @app.get("/api/boom")
    def boom():
        raise RuntimeError("a detail only the log may show")

    response = client.get("/api/boom")

    assert_json_error(response, 500, "internal_server_error")
    assert "a detail only the log may show" not in response.get_data(as_text=True)
    assert any(
        record.exc_info and "a detail only the log may show" in str(record.exc_info[1])
        for record in caplog.records
    )


def drop_tables(app):
    """Break the app's database: its tables are gone, so every query of the API fails."""
    with app.app_context():
        app.extensions["sqlalchemy"].drop_all()


@pytest.mark.own_app
@pytest.mark.parametrize("url", ["/api/posts", "/api/posts/1", "/api/users", "/api/users/1"])
def test_failing_database_is_a_json_500(app, client, caplog, url):
    """A resource whose database fails answers a JSON 500 that hides the error; the log has the traceback."""
    drop_tables(app)

    response = client.get(url)

    assert_json_error(response, 500, "internal_server_error")
    logged = [record.exc_info[1] for record in caplog.records if record.exc_info]
    # SQLite says "no such table: posts", PostgreSQL 'relation "posts" does not exist'.
    assert any(isinstance(error, DBAPIError) for error in logged), "the log has the database's error"
    for error in logged:
        assert str(error.orig) not in response.get_data(as_text=True)


@pytest.mark.own_app
@pytest.mark.reference
def test_an_error_without_a_short_name_is_called_error(app, client):
    """An HTTP error missing from the app's list of short names answers the short name "error"."""

    @app.get("/api/teapot")
    def teapot():
        abort(418)

    assert_json_error(client.get("/api/teapot"), 418, "error")


# Errors outside the API answer HTML pages ----------------------------------------------------


def test_missing_post_page_is_an_html_404(client):
    """GET /posts/<id> of a post that does not exist answers a 404 HTML page that links back to /."""
    response = client.get("/posts/42")

    assert response.status_code == 404, describe(response)
    assert "/" in parse_page(response).links()


@pytest.mark.parametrize("url", ["/no-such-page", "/apiary", "/authors"])
def test_unknown_page_is_an_html_404(client, url):
    """A URL outside /api/ and /auth/ with no route (even /apiary, /authors) answers a 404 HTML page."""
    response = client.get(url)

    assert response.status_code == 404, describe(response)
    assert "/" in parse_page(response).links()


def test_wrong_method_on_a_page(client):
    """DELETE / answers a 405 HTML page, with the Allow header listing GET."""
    response = client.delete("/")

    assert response.status_code == 405, describe(response)
    parse_page(response)
    assert "GET" in response.allow


@pytest.mark.own_app
def test_unexpected_error_is_an_html_500(app, client, caplog):
    """A page that fails unexpectedly answers a 500 HTML page that reveals nothing; the log has it."""

    @app.get("/boom")
    def boom():
        raise RuntimeError(SECRET)

    response = client.get("/boom")

    assert response.status_code == 500, describe(response)
    parse_page(response)
    assert SECRET not in response.get_data(as_text=True)
    assert any(record.exc_info and SECRET in str(record.exc_info[1]) for record in caplog.records)


@pytest.mark.reference
@pytest.mark.parametrize(
    ("method", "url", "heading", "words"),
    [
        ("get", "/posts/42", "404 Not Found", "There is no post with id 42."),
        ("get", "/no-such-page", "404 Not Found", "The requested URL was not found on the server."),
        ("delete", "/", "405 Method Not Allowed", "The method is not allowed for the requested URL."),
    ],
)
def test_error_page_markup(client, method, url, heading, words):
    """An error page has the heading "<code> <name>", the description, and "Back to the posts"."""
    response = getattr(client, method)(url)

    assert f"<h1>{heading}</h1>" in response.text
    assert f"<p>{words}" in response.text
    assert '<a href="/">Back to the posts</a>' in response.text


@pytest.mark.reference
def test_allow_on_a_page(client):
    """The Allow header of / lists GET, HEAD and OPTIONS, nothing more."""
    assert client.delete("/").allow == {"GET", "HEAD", "OPTIONS"}


# A host the app does not serve ----------------------------------------------------------------

# A request naming a host the app was not told to serve.
OTHER_HOST = {"Host": "evil.example"}


@pytest.fixture
def trusting_localhost(app, monkeypatch):
    """The app, told to answer only requests for localhost, the test client's own host: TRUSTED_HOSTS,
    which FLASK_TRUSTED_HOSTS='["blog.example.com"]' sets from the environment. Flask reads it at
    each request; monkeypatch gives the app its own setting back when the test ends."""
    monkeypatch.setitem(app.config, "TRUSTED_HOSTS", ["localhost"])
    return app


@pytest.mark.parametrize("url", ["/api/posts", "/api/nothing-here"])
def test_the_api_answers_a_host_it_does_not_trust_with_a_400(trusting_localhost, client, url):
    """A request to the API for a host that TRUSTED_HOSTS leaves out answers a JSON 400, not a 500;
    one for localhost is answered as before."""
    assert_json_error(client.get(url, headers=OTHER_HOST), 400, "bad_request")
    assert client.get("/api/posts").status_code == 200


def test_a_page_answers_a_host_it_does_not_trust_with_a_400(trusting_localhost, client):
    """A page asked for a host that TRUSTED_HOSTS leaves out answers 400, not a 500; for localhost,
    the page as before."""
    refused = client.get("/", headers=OTHER_HOST)

    assert refused.status_code == 400, describe(refused)
    assert client.get("/").status_code == 200
