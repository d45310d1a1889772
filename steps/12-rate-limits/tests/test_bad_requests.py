"""Every endpoint that takes a JSON body refuses a bad one the same way, and changes nothing.

Those endpoints are POST /auth/register, POST /auth/login, POST /api/posts, PUT and PATCH
/api/posts/<id>, the last three sent with the author's access token. A refusal is
the JSON error {"error", "message", "code"}; when particular fields are at fault, "fields" names
each of them: {"title": "what is wrong with it", ...}. After a refusal, every table of the database
holds exactly the rows it held before.
"""

import json

import pytest
from sqlalchemy import event

from support import assert_json_error, database_rows, describe

PASSWORD = "correct horse battery"
SECRET_KEY = "a-secret-for-tests-only-0123456789abcdef"  # long enough for production
JWT_SECRET_KEY = "a-jwt-secret-for-tests-only-0123456789abcdef"
FAST_PASSWORD_HASH = "pbkdf2:sha256:1"  # production's scrypt takes a tenth of a second a user
ONE_MB = 1024 * 1024

ENDPOINTS = [
    "POST /auth/register",
    "POST /auth/login",
    "POST /api/posts",
    "PUT /api/posts/<id>",
    "PATCH /api/posts/<id>",
]

# Values of the wrong type for each field: text where a number belongs, and the other way round.
WRONG_TYPES = {
    "email": [5, ["ada@example.com"], {"address": "ada@example.com"}, True],
    "password": [12345678, [PASSWORD], {"secret": PASSWORD}],
    "title": [5, ["Hello"], {"text": "Hello"}, False],
    "content": [5, 1.5, ["Some text."]],
}


@pytest.fixture(params=["testing", "production"])
def config_name(request):
    """Every refusal is the same under the testing and the production settings."""
    return request.param


def refused(client, method: str, url: str, **request):
    """Send a request that must be refused, check that no row of any table changed, and give back
    the response. `request` is what client.open() takes: json=..., data=..., headers=..."""
    before = database_rows(client.application)
    response = client.open(url, method=method, **request)
    after = database_rows(client.application)
    counts = {table: (len(before[table]), len(after[table])) for table in before}
    assert after == before, f"rows (before, after) {counts}, after {describe(response)}"
    return response


def assert_fields(response, status: int, error: str, names) -> dict:
    """The response is this JSON error; "fields" names exactly these fields, each with a message, and
    "message" names them too. Gives back the body."""
    body = assert_json_error(response, status, error, mentions=tuple(names))
    fields = body.get("fields")
    assert isinstance(fields, dict), f'the fields at fault are named in "fields": {body}'
    assert set(fields) == set(names), f'"fields" should name {sorted(names)}, and only those: {body}'
    for problem in fields.values():
        assert isinstance(problem, str), f'each field of "fields" has a message: {body}'
        assert problem.strip(), f'each field of "fields" has a message: {body}'
    return body


class Endpoint:
    """An endpoint that takes a JSON body, with a body it accepts."""

    def __init__(self, client, method: str, url: str, good: dict):
        self.client, self.method, self.url, self.good = client, method, url, good

    def refused(self, **request):
        """Send the endpoint a request it must refuse: see refused()."""
        return refused(self.client, self.method, self.url, **request)


@pytest.fixture(params=ENDPOINTS)
def endpoint(request, client, author, add_post, accounts):
    """Each endpoint that takes a JSON body in turn, those of /api with the author's access token.
    The author, ada@example.com, exists; so does the post that PUT and PATCH change, hers."""
    method, url = request.param.split()
    good = {
        "POST /auth/register": {"email": "grace@example.com", "password": PASSWORD},
        "POST /auth/login": {"email": "ada@example.com", "password": PASSWORD},
        "POST /api/posts": {"title": "New", "content": "New text."},
        "PUT /api/posts/<id>": {"title": "New", "content": "New text."},
        "PATCH /api/posts/<id>": {"title": "New", "content": "New text."},
    }[request.param]
    if "<id>" in url:
        url = url.replace("<id>", str(add_post()["id"]))
    sender = accounts.client(author) if url.startswith("/api/") else client
    return Endpoint(sender, method, url, good)


# The body as a whole ------------------------------------------------------------------------


def test_good_body_is_accepted(endpoint):
    """Each endpoint accepts its good body: what the tests below refuse differs from it in one way."""
    response = endpoint.client.open(endpoint.url, method=endpoint.method, json=endpoint.good)

    assert response.status_code in (200, 201), describe(response)


def test_broken_json(endpoint):
    """JSON that does not parse answers a JSON 400, and changes nothing."""
    response = endpoint.refused(data='{"title": "Hello",', content_type="application/json")

    assert_json_error(response, 400, "bad_request")


@pytest.mark.parametrize("body", ["[]", '["title"]', '"Hello"', "42", "true", "null"])
def test_json_that_is_not_an_object(endpoint, body):
    """JSON that is not an object ({...}) answers a JSON 400, and changes nothing."""
    response = endpoint.refused(data=body, content_type="application/json")

    assert_json_error(response, 400, "bad_request")


def test_json_nested_too_deep(endpoint):
    """JSON nested 50,000 deep, more than Python's parser can follow, answers a JSON 400, not a 500."""
    response = endpoint.refused(data="[" * 50_000 + "]" * 50_000, content_type="application/json")

    assert_json_error(response, 400, "bad_request")


@pytest.mark.parametrize("sent", ["a form", "JSON as text/plain", "no body"])
def test_body_that_is_not_json(endpoint, sent):
    """A form, JSON sent as text/plain, or no body at all answers a JSON 415, and changes nothing."""
    request = {
        "a form": {"data": {key: str(value) for key, value in endpoint.good.items()}},
        "JSON as text/plain": {"data": json.dumps(endpoint.good), "content_type": "text/plain"},
        "no body": {},
    }[sent]

    response = endpoint.refused(**request)

    assert_json_error(response, 415, "unsupported_media_type")


def test_body_over_the_size_limit(endpoint):
    """A body over MAX_CONTENT_LENGTH, 1 MB, answers a JSON 413, and changes nothing."""
    padded = json.dumps(endpoint.good) + " " * ONE_MB  # spaces after a JSON object are allowed

    response = endpoint.refused(data=padded, content_type="application/json")

    assert_json_error(response, 413, "request_entity_too_large")


# Fields at fault ----------------------------------------------------------------------------


def test_unknown_field(endpoint):
    """A field the endpoint does not take, such as "colour", answers a JSON 400 naming it in "fields"."""
    response = endpoint.refused(json={**endpoint.good, "colour": "red"})

    assert_fields(response, 400, "bad_request", ["colour"])


def test_null(endpoint):
    """A field that is null answers a JSON 400 that names that field, and only it, in "fields"."""
    for name in endpoint.good:
        response = endpoint.refused(json={**endpoint.good, name: None})

        assert_fields(response, 400, "bad_request", [name])


@pytest.mark.parametrize("blank", ["", "   ", "\t\n"])
def test_blank(endpoint, blank):
    """A field that is blank text answers a JSON 400 that names that field, and only it, in "fields"."""
    for name in endpoint.good:
        response = endpoint.refused(json={**endpoint.good, name: blank})

        assert_fields(response, 400, "bad_request", [name])


def test_wrong_type(endpoint):
    """A field of the wrong type ({"email": 5}, {"password": [...]}, {"title": 5}...) is a 400 naming it."""
    for name in endpoint.good:
        for value in WRONG_TYPES[name]:
            response = endpoint.refused(json={**endpoint.good, name: value})

            assert_fields(response, 400, "bad_request", [name])


def test_every_field_at_fault_is_named(endpoint):
    """With every field wrong and one unknown, one JSON 400 names all of them in "fields"."""
    body = {name: None for name in endpoint.good} | {"colour": "red"}

    response = endpoint.refused(json=body)

    assert_fields(response, 400, "bad_request", [*endpoint.good, "colour"])


@pytest.mark.parametrize("url", ["/api/posts", "/api/users"])
def test_bad_query_parameters_are_named_in_fields(client, url):
    """?page=0&per_page=101 answers a JSON 400 whose "fields" names page and per_page."""
    response = refused(client, "GET", url, query_string={"page": "0", "per_page": "101"})

    assert_fields(response, 400, "bad_request", ["page", "per_page"])


# What is not there, and what a URL does not take ----------------------------------------------


@pytest.mark.parametrize("method", ["PUT", "PATCH"])
def test_change_of_a_missing_post(api, add_post, method):
    """PUT or PATCH of a post that does not exist answers a JSON 404, and changes nothing."""
    add_post()

    response = refused(api, method, "/api/posts/999", json={"title": "New", "content": "New text."})

    assert_json_error(response, 404, "not_found")


@pytest.mark.parametrize(
    ("method", "url", "allowed"),
    [
        ("DELETE", "/api/posts", {"GET", "POST"}),
        ("PUT", "/api/users", {"GET"}),
        ("GET", "/auth/login", {"POST"}),
        ("POST", "/api/posts/1", {"GET", "PUT", "PATCH", "DELETE"}),
        ("PATCH", "/api/users/1", {"GET", "DELETE"}),
    ],
)
def test_wrong_method(client, add_post, method, url, allowed):
    """A method the URL does not take answers a JSON 405 whose Allow header lists those it takes."""
    add_post()  # post 1, by user 1

    response = refused(client, method, url, json={"title": "New", "content": "New text."})

    assert_json_error(response, 405, "method_not_allowed")
    assert response.allow >= allowed, describe(response)


# A taken email: the database's unique constraint decides -------------------------------------------


@pytest.mark.parametrize("email", ["ada@example.com", " ADA@Example.com "])
def test_taken_email(client, add_user, email):
    """POST /auth/register with a taken email answers a 409 naming email in "fields"; no user is made."""
    add_user("ada@example.com")

    response = refused(client, "POST", "/auth/register", json={"email": email, "password": PASSWORD})

    assert_fields(response, 409, "conflict", ["email"])


def test_two_sign_ups_at_once(make_app, config_name, tmp_path):
    """Two requests that sign up one email at once: one gets 201, the other a JSON 409 naming email,
    and one user is stored. The database's unique constraint decides, not a look-up before the INSERT."""
    # Two apps on one database file, like two server processes.
    database = f"sqlite:///{tmp_path / 'blog.sqlite'}"
    settings = {
        "SECRET_KEY": SECRET_KEY,
        "JWT_SECRET_KEY": JWT_SECRET_KEY,
        "SQLALCHEMY_DATABASE_URI": database,
        "PASSWORD_HASH_METHOD": FAST_PASSWORD_HASH,
    }
    app, other = make_app(config_name, **settings), make_app(config_name, **settings)
    body = {"email": "ada@example.com", "password": PASSWORD}
    other_answers = []

    def meanwhile(connection, cursor, statement, *rest):
        # Just before the app's first INSERT, the other app signs up the same email, and commits.
        if statement.lstrip().upper().startswith("INSERT") and not other_answers:
            other_answers.append(other.test_client().post("/auth/register", json=body))

    with app.app_context():
        engine = app.extensions["sqlalchemy"].engine
    event.listen(engine, "before_cursor_execute", meanwhile)
    try:
        response = app.test_client().post("/auth/register", json=body)
    finally:
        event.remove(engine, "before_cursor_execute", meanwhile)

    assert other_answers, "the app never sent an INSERT"
    assert other_answers[0].status_code == 201, describe(other_answers[0])
    assert_fields(response, 409, "conflict", ["email"])
    stored = app.test_client().get("/api/users").get_json()
    assert [user["email"] for user in stored] == ["ada@example.com"]
    assert len(database_rows(app)["users"]) == 1


def test_session_is_rolled_back_after_a_conflict(app, client, add_user):
    """After a 409 for a taken email, the app has rolled back its database session: the next request works."""
    add_user("ada@example.com")

    # Requests sent inside an app context share it, and with it one database session.
    with app.app_context():
        taken = client.post("/auth/register", json={"email": "ada@example.com", "password": PASSWORD})
        free = client.post("/auth/register", json={"email": "grace@example.com", "password": PASSWORD})

    assert_fields(taken, 409, "conflict", ["email"])
    assert free.status_code == 201, describe(free)
    assert len(database_rows(app)["users"]) == 2


# This app's own words --------------------------------------------------------------------------


@pytest.mark.reference
def test_unknown_field_message(api):
    """An unknown field is named with the list of the fields there are, in this app's words."""
    body = {"title": "Hello", "content": "Hi", "colour": "red"}

    response = api.post("/api/posts", json=body)

    problem = "colour is an unknown field: the fields are title, content."
    assert response.get_json() == {
        "error": "bad_request",
        "message": problem,
        "code": 400,
        "fields": {"colour": problem},
    }


@pytest.mark.reference
@pytest.mark.parametrize("data", ['{"email": ', "[" * 50_000 + "]" * 50_000], ids=["broken", "too deep"])
def test_unreadable_json_message(client, data):
    """JSON that cannot be read, broken or nested too deep, answers the object to send, and no "fields"."""
    response = client.post("/auth/register", data=data, content_type="application/json")

    message = 'Send a JSON object: {"email": "...", "password": "..."}.'
    assert response.get_json() == {"error": "bad_request", "message": message, "code": 400}
