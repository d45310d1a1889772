import pytest
from flask import abort
from sqlalchemy.exc import DBAPIError

from support import assert_json_error, describe, parse_page

# This app's exact messages, for the reference tests; the others only ask that a message names its field.
NOT_JSON = "Send JSON, with the header Content-Type: application/json."
NOT_AN_OBJECT = 'Send a JSON object: {"title": "...", "content": "...", "author_id": 1}.'
NOT_A_USER_OBJECT = 'Send a JSON object: {"email": "...", "password": "..."}.'
# Valid JSON, but nested deeper than Python's parser follows.
TOO_DEEP = "[" * 50_000 + "]" * 50_000
TITLE_PROBLEM = (
    "title is required, as text that is not blank, of at most 200 characters, "
    "with no NUL and no lone surrogate."
)
CONTENT_PROBLEM = (
    "content is required, as text that is not blank, of at most 10000 characters, "
    "with no NUL and no lone surrogate."
)
SECRET = "a detail only the log may show"


@pytest.fixture(params=["testing", "production"])
def config_name(request):
    """Every error answers the same under the testing and the production settings."""
    return request.param


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_missing_post_is_not_found(client, method):
    """GET, PUT, PATCH or DELETE /api/posts/<id> of a post that does not exist answers a JSON 404."""
    response = getattr(client, method)("/api/posts/42", json={"title": "Hello", "content": "Hi"})

    assert_json_error(response, 404, "not_found")
    assert client.get("/api/posts").get_json() == []


@pytest.mark.reference
def test_missing_post_message(client):
    """The 404 for a missing post says "There is no post with id 42."."""
    response = client.get("/api/posts/42")

    message = "There is no post with id 42."
    assert response.get_json() == {"error": "not_found", "message": message, "code": 404}


def test_id_must_be_a_number(client):
    """GET /api/posts/abc answers a JSON 404: only numbers are post ids."""
    assert_json_error(client.get("/api/posts/abc"), 404, "not_found")


@pytest.mark.parametrize("url", ["/api/nothing-here", "/api/", "/api"])
def test_unknown_url_is_not_found(client, url):
    """A URL of the API (/api and below) with no route answers 404 as JSON; other URLs are pages."""
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


def test_create_needs_a_json_body(client):
    """POST /api/posts with a form instead of JSON answers a JSON 415 Unsupported Media Type."""
    response = client.post("/api/posts", data={"title": "Hello", "content": "Hi"})

    assert_json_error(response, 415, "unsupported_media_type")
    assert client.get("/api/posts").get_json() == []


@pytest.mark.reference
def test_create_needs_a_json_body_message(client):
    """The 415 says how to send JSON: "Send JSON, with the header Content-Type: application/json."."""
    response = client.post("/api/posts", data={"title": "Hello", "content": "Hi"})

    assert response.get_json() == {"error": "unsupported_media_type", "message": NOT_JSON, "code": 415}


def test_create_with_broken_json(client):
    """POST /api/posts with JSON that does not parse answers a JSON 400, and saves nothing."""
    response = client.post("/api/posts", data="{not json", content_type="application/json")

    assert_json_error(response, 400, "bad_request")
    assert client.get("/api/posts").get_json() == []


@pytest.mark.reference
@pytest.mark.parametrize(
    ("url", "message"), [("/api/posts", NOT_AN_OBJECT), ("/api/users", NOT_A_USER_OBJECT)]
)
def test_create_with_json_nested_too_deep(client, url, message):
    """POST /api/posts or /api/users with JSON nested 50,000 deep answers a JSON 400, not a 500."""
    response = client.post(url, data=TOO_DEEP, content_type="application/json")

    assert_json_error(response, 400, "bad_request")
    assert response.get_json()["message"] == message
    assert client.get(url).get_json() == []  # nothing saved


@pytest.mark.parametrize("body", ["[]", '["title"]', '"Hello"', "42", "null"])
def test_create_needs_a_json_object(client, body):
    """POST /api/posts with JSON that is not an object answers a JSON 400."""
    response = client.post("/api/posts", data=body, content_type="application/json")

    assert_json_error(response, 400, "bad_request")


@pytest.mark.reference
@pytest.mark.parametrize("body", ["{not json", "[]"])
def test_create_needs_a_json_object_message(client, body):
    """Broken JSON, or JSON that is not an object, answers a 400 that shows the object to send."""
    response = client.post("/api/posts", data=body, content_type="application/json")

    assert response.get_json() == {"error": "bad_request", "message": NOT_AN_OBJECT, "code": 400}


@pytest.mark.parametrize("field", ["title", "content"])
@pytest.mark.parametrize("value", [None, "", "   ", 42, ["a list"]])
def test_create_needs_title_and_content(client, author, field, value):
    """A title or content that is missing, blank or not text answers a JSON 400 that names the field."""
    body = {"title": "Hello", "content": "Hi", "author_id": author["id"]}
    if value is None:
        del body[field]
    else:
        body[field] = value

    response = client.post("/api/posts", json=body)

    assert_json_error(response, 400, "bad_request", mentions=(field,))
    assert client.get("/api/posts").get_json() == []  # nothing half-saved


@pytest.mark.reference
@pytest.mark.parametrize("field", ["title", "content"])
def test_create_needs_title_and_content_message(client, author, field):
    """A missing field answers "<field> is required, as text that is not blank, of at most <N> characters."""
    body = {"title": "Hello", "content": "Hi", "author_id": author["id"]}
    del body[field]

    response = client.post("/api/posts", json=body)

    message = TITLE_PROBLEM if field == "title" else CONTENT_PROBLEM
    assert response.get_json() == {"error": "bad_request", "message": message, "code": 400}


@pytest.mark.parametrize(("field", "longest"), [("title", 200), ("content", 10_000)])
def test_create_length_limits(client, author, field, longest):
    """A title may have 200 characters and content 10,000; one more is a JSON 400 naming the field."""
    body = {"title": "Hello", "content": "Hi", "author_id": author["id"]}

    body[field] = "x" * longest
    response = client.post("/api/posts", json=body)
    assert response.status_code == 201, describe(response)

    body[field] = "x" * (longest + 1)
    response = client.post("/api/posts", json=body)
    assert_json_error(response, 400, "bad_request", mentions=(field,))
    assert len(client.get("/api/posts").get_json()) == 1


@pytest.mark.reference
@pytest.mark.parametrize(("field", "longest"), [("title", 200), ("content", 10_000)])
def test_create_length_limits_message(client, author, field, longest):
    """A field that is too long answers the same message as a missing one, which gives the limit."""
    body = {"title": "Hello", "content": "Hi", "author_id": author["id"]}
    body[field] = "x" * (longest + 1)

    response = client.post("/api/posts", json=body)

    message = (
        f"{field} is required, as text that is not blank, of at most {longest} characters, "
        "with no NUL and no lone surrogate."
    )
    assert response.get_json() == {"error": "bad_request", "message": message, "code": 400}


@pytest.mark.parametrize(("field", "longest"), [("title", 200), ("content", 10_000)])
def test_length_limits_leave_out_surrounding_spaces(client, author, field, longest):
    """Spaces around a title or content are trimmed before its length is checked."""
    body = {"title": "Hello", "content": "Hi", "author_id": author["id"]}
    body[field] = "  " + "x" * longest + "  "

    response = client.post("/api/posts", json=body)

    assert response.status_code == 201, describe(response)
    assert response.get_json()[field] == "x" * longest


BAD_AUTHOR_IDS = [None, "1", 1.5, True, [1], 0, -1, 999, 2**63]  # 2**63: one more than the database stores


@pytest.mark.parametrize("author_id", BAD_AUTHOR_IDS)
def test_create_needs_an_author(client, author, author_id):
    """An author_id that is missing, not a whole number or no user's id is a JSON 400 naming author_id."""
    body = {"title": "Hello", "content": "Hi"}
    if author_id is not None:
        body["author_id"] = author_id

    response = client.post("/api/posts", json=body)

    assert_json_error(response, 400, "bad_request", mentions=("author_id",))
    assert client.get("/api/posts").get_json() == []
    assert client.get("/api/users").get_json() == [author]


@pytest.mark.reference
@pytest.mark.parametrize("author_id", ["1", 999])
def test_create_needs_an_author_message(client, author, author_id):
    """A bad author_id answers "author_id must be the id of an existing user."."""
    response = client.post("/api/posts", json={"title": "Hello", "content": "Hi", "author_id": author_id})

    message = "author_id must be the id of an existing user."
    assert response.get_json() == {"error": "bad_request", "message": message, "code": 400}


def test_huge_post_id_is_not_found(client):
    """GET, PUT, PATCH or DELETE /api/posts/<id> with an id too large for the database is a JSON 404."""
    too_large = 2**63  # one more than the largest whole number the database stores
    for method in [client.get, client.put, client.patch, client.delete]:
        response = method(f"/api/posts/{too_large}", json={"title": "Hello", "content": "Hi"})
        assert_json_error(response, 404, "not_found")
    assert client.get(f"/posts/{too_large}").status_code == 404


def test_create_without_fields_names_a_missing_one(client):
    """POST /api/posts with an empty object answers a JSON 400 that names a missing field."""
    response = client.post("/api/posts", json={})

    body = assert_json_error(response, 400, "bad_request")
    assert "title" in body["message"].lower() or "content" in body["message"].lower(), body
    assert client.get("/api/posts").get_json() == []


@pytest.mark.reference
def test_create_names_every_problem(client):
    """POST /api/posts with an empty object names the three missing fields in one message."""
    response = client.post("/api/posts", json={})

    message = f"{TITLE_PROBLEM} {CONTENT_PROBLEM} author_id must be the id of an existing user."
    assert response.get_json() == {"error": "bad_request", "message": message, "code": 400}


# Changing a post: PUT and PATCH --------------------------------------------------------------


def unchanged(client, post: dict) -> bool:
    """Whether the post is still exactly as it was."""
    return client.get(f"/api/posts/{post['id']}").get_json() == post


@pytest.mark.parametrize("field", ["title", "content"])
@pytest.mark.parametrize("value", [None, "", "   ", 42, ["a list"]])
def test_replace_needs_title_and_content(client, add_post, field, value):
    """PUT with a title or content that is missing, blank or not text is a JSON 400 naming the field."""
    post = add_post()
    body = {"title": "New", "content": "New text."}
    if value is None:
        del body[field]
    else:
        body[field] = value

    response = client.put(f"/api/posts/{post['id']}", json=body)

    assert_json_error(response, 400, "bad_request", mentions=(field,))
    assert unchanged(client, post)


def test_replace_with_null_is_a_bad_request(client, add_post):
    """PUT with "title": null answers a JSON 400 naming title: null is not text."""
    post = add_post()

    response = client.put(f"/api/posts/{post['id']}", json={"title": None, "content": "New text."})

    assert_json_error(response, 400, "bad_request", mentions=("title",))
    assert unchanged(client, post)


@pytest.mark.parametrize("method", ["put", "patch"])
@pytest.mark.parametrize(("field", "longest"), [("title", 200), ("content", 10_000)])
def test_change_length_limits(client, add_post, method, field, longest):
    """PUT and PATCH keep the limits of a new post: 200 characters of title, 10,000 of content, trimmed."""
    post = add_post()
    body = {"title": "New", "content": "New text."}

    body[field] = "  " + "x" * longest + "  "
    accepted = getattr(client, method)(f"/api/posts/{post['id']}", json=body)
    assert accepted.status_code == 200, describe(accepted)
    assert accepted.get_json()[field] == "x" * longest

    body[field] = "x" * (longest + 1)
    refused = getattr(client, method)(f"/api/posts/{post['id']}", json=body)
    assert_json_error(refused, 400, "bad_request", mentions=(field,))
    assert unchanged(client, accepted.get_json())


@pytest.mark.parametrize("body", [{}, {"author_id": 1}, {"words": "Hello"}])
def test_patch_needs_title_or_content(client, add_post, body):
    """PATCH with neither a title nor content answers a JSON 400 that names both, and changes nothing."""
    post = add_post()

    response = client.patch(f"/api/posts/{post['id']}", json=body)

    assert_json_error(response, 400, "bad_request", mentions=("title", "content"))
    assert unchanged(client, post)


@pytest.mark.parametrize("field", ["title", "content"])
@pytest.mark.parametrize("value", [None, "", "   ", 42, ["a list"]])
def test_patch_checks_what_it_changes(client, add_post, field, value):
    """PATCH with a blank or non-text title or content is a JSON 400 naming it; nothing is changed."""
    post = add_post()
    other = "content" if field == "title" else "title"

    response = client.patch(f"/api/posts/{post['id']}", json={field: value, other: "Fine"})

    assert_json_error(response, 400, "bad_request", mentions=(field,))
    assert unchanged(client, post)


@pytest.mark.parametrize("method", ["put", "patch"])
def test_change_needs_a_json_body(client, add_post, method):
    """PUT or PATCH with a form instead of JSON answers a JSON 415, and changes nothing."""
    post = add_post()

    response = getattr(client, method)(f"/api/posts/{post['id']}", data={"title": "New", "content": "Hi"})

    assert_json_error(response, 415, "unsupported_media_type")
    assert unchanged(client, post)


@pytest.mark.parametrize("method", ["put", "patch"])
@pytest.mark.parametrize("body", ["{not json", "[]", '"title"', "42", "null"])
def test_change_needs_a_json_object(client, add_post, method, body):
    """PUT or PATCH with broken JSON, or JSON that is not an object, is a JSON 400, and changes nothing."""
    post = add_post()

    response = getattr(client, method)(f"/api/posts/{post['id']}", data=body, content_type="application/json")

    assert_json_error(response, 400, "bad_request")
    assert unchanged(client, post)


@pytest.mark.reference
@pytest.mark.parametrize("method", ["put", "patch"])
def test_change_with_json_nested_too_deep(client, add_post, method):
    """PUT or PATCH with JSON nested 50,000 deep answers a JSON 400, not a 500, and changes nothing."""
    post = add_post()

    response = getattr(client, method)(
        f"/api/posts/{post['id']}", data=TOO_DEEP, content_type="application/json"
    )

    assert_json_error(response, 400, "bad_request")
    assert unchanged(client, post)


@pytest.mark.reference
def test_replace_names_every_problem(client, add_post):
    """PUT with an empty object names both missing fields, in this app's words."""
    post = add_post()

    response = client.put(f"/api/posts/{post['id']}", json={})

    message = f"{TITLE_PROBLEM} {CONTENT_PROBLEM}"
    assert response.get_json() == {"error": "bad_request", "message": message, "code": 400}


@pytest.mark.reference
def test_patch_without_fields_message(client, add_post):
    """PATCH with neither field answers "Send title, content or both: {"title": "..."}."."""
    post = add_post()

    response = client.patch(f"/api/posts/{post['id']}", json={"author_id": 1})

    message = 'Send title, content or both: {"title": "..."}.'
    assert response.get_json() == {"error": "bad_request", "message": message, "code": 400}


@pytest.mark.reference
@pytest.mark.parametrize("method", ["put", "patch"])
def test_change_ignores_author_id(client, add_user, add_post, method):
    """PUT and PATCH leave the author as it is, even when the body names another author_id."""
    grace = add_user("grace@example.com")
    post = add_post()

    response = getattr(client, method)(
        f"/api/posts/{post['id']}", json={"title": "New", "content": "Hi", "author_id": grace["id"]}
    )

    assert response.get_json()["author"] == post["author"]


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
    assert response.get_json() == {"error": "bad_request", "message": message, "code": 400}


@pytest.mark.reference
def test_bad_page_and_per_page_are_both_named(client):
    """?page=0&per_page=0 names both parameters in one message."""
    response = client.get("/api/posts?page=0&per_page=0")

    message = "page must be a whole number from 1 to 1000000. per_page must be a whole number from 1 to 100."
    assert response.get_json() == {"error": "bad_request", "message": message, "code": 400}


@pytest.mark.reference
def test_largest_page(client):
    """?page=1000000 is the largest page: a page past the end, so 200 and []."""
    response = client.get("/api/posts?page=1000000&per_page=100")

    assert response.status_code == 200, describe(response)
    assert response.get_json() == []


# A body that is too large --------------------------------------------------------------------


def test_too_large_body(client, author):
    """A request body over 1 MB answers 413 Request Entity Too Large, before anything is saved."""
    body = {"title": "Big", "content": "x" * (1024 * 1024), "author_id": author["id"]}

    response = client.post("/api/posts", json=body)

    assert_json_error(response, 413, "request_entity_too_large")
    assert client.get("/api/posts").get_json() == []


def test_body_limit_is_exactly_1_mb(client, author):
    """A request body of exactly 1 MB (1,048,576 bytes) is accepted; one byte more answers 413."""
    body = b'{"title": "Big", "content": "Hi", "author_id": %d}' % author["id"]
    padded = body + b" " * (1024 * 1024 - len(body))  # spaces after the JSON object are allowed

    accepted = client.post("/api/posts", data=padded, content_type="application/json")
    refused = client.post("/api/posts", data=padded + b" ", content_type="application/json")

    assert accepted.status_code == 201, describe(accepted)
    assert_json_error(refused, 413, "request_entity_too_large")
    assert len(client.get("/api/posts").get_json()) == 1


# A view that fails unexpectedly ---------------------------------------------------------------


@pytest.mark.own_app
@pytest.mark.parametrize("config_name", ["production"])  # where exceptions are not propagated
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
@pytest.mark.parametrize("config_name", ["production"])  # where exceptions are not propagated
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
@pytest.mark.parametrize("config_name", ["testing"])
def test_failing_database_reaches_the_tests(app, client):
    """Under the testing settings, an exception in a resource reaches the test instead of becoming a 500."""
    drop_tables(app)

    with pytest.raises(DBAPIError, match="posts"):
        client.get("/api/posts")


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


@pytest.mark.parametrize("url", ["/no-such-page", "/apiary"])
def test_unknown_page_is_an_html_404(client, url):
    """A URL outside /api/ with no route (even /apiary) answers a 404 HTML page, not JSON."""
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
@pytest.mark.parametrize("config_name", ["production"])  # where exceptions are not propagated
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
