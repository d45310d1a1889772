from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from werkzeug.security import check_password_hash

from support import assert_json_error, describe

PASSWORD = "correct horse battery"


@pytest.fixture(params=["testing", "production"])
def config_name(request):
    """Every answer, errors too, is the same under the testing and the production settings."""
    return request.param


def users(client) -> list[dict]:
    """GET /api/users, as a list."""
    response = client.get("/api/users")
    assert response.status_code == 200, describe(response)
    return response.get_json()


def keys_naming_a_password(value) -> list[str]:
    """Every key, at any depth of a JSON value, that has "password" in its name."""
    if isinstance(value, dict):
        found = [key for key in value if "password" in key.lower()]
        return found + [key for item in value.values() for key in keys_naming_a_password(item)]
    if isinstance(value, list):
        return [key for item in value for key in keys_naming_a_password(item)]
    return []


def stored_values(app) -> list:
    """Every value of every row of every table of the app's database."""
    db = app.extensions["sqlalchemy"]  # Flask-SQLAlchemy's `db`, wherever the app defines it
    with app.app_context():
        return [
            value
            for table in db.metadata.sorted_tables
            for row in db.session.execute(table.select())
            for value in row
        ]


# Creating a user -----------------------------------------------------------------------------


def test_no_users_yet(client):
    """GET /api/users answers an empty JSON array when there are no users."""
    response = client.get("/api/users")

    assert response.status_code == 200, describe(response)
    assert response.mimetype == "application/json"
    assert response.get_json() == []


def test_create_user(client):
    """POST /auth/register answers 201 with the user {id, email, created_at} and a Location leading to it."""
    before = datetime.now(UTC)
    response = client.post("/auth/register", json={"email": "ada@example.com", "password": PASSWORD})

    assert response.status_code == 201, describe(response)
    assert response.mimetype == "application/json"
    user = response.get_json()
    assert set(user) >= {"id", "email", "created_at"}
    assert isinstance(user["id"], int)
    assert user["email"] == "ada@example.com"
    assert urlsplit(response.headers["Location"]).path == f"/api/users/{user['id']}"
    assert client.get(response.headers["Location"]).get_json() == user
    created_at = datetime.fromisoformat(user["created_at"])
    assert created_at.utcoffset() == timedelta(0)  # ISO 8601 with its UTC offset
    assert before.replace(microsecond=0) <= created_at <= datetime.now(UTC)


@pytest.mark.parametrize("email", ["Ada@Example.COM", "  ada@example.com  ", " ADA@EXAMPLE.COM\n"])
def test_email_is_trimmed_and_lower_cased(client, email):
    """POST /auth/register stores the email trimmed, in lower case: " Ada@Example.COM " is ada@example.com."""
    response = client.post("/auth/register", json={"email": email, "password": PASSWORD})

    assert response.status_code == 201, describe(response)
    assert response.get_json()["email"] == "ada@example.com"
    assert [user["email"] for user in users(client)] == ["ada@example.com"]


@pytest.mark.parametrize(
    "email", ["ada@example.com", "ADA@example.com", " ada@example.com ", "Ada@Example.Com"]
)
def test_an_email_has_one_account(client, add_user, email):
    """POST /auth/register with an email that is taken, in any case and with spaces around, answers a 409."""
    ada = add_user("ada@example.com")

    response = client.post("/auth/register", json={"email": email, "password": "another password"})

    assert_json_error(response, 409, "conflict", mentions=("email",))
    assert users(client) == [ada]


def test_password_of_8_characters_is_enough(client):
    """A password may be as short as 8 characters."""
    response = client.post("/auth/register", json={"email": "ada@example.com", "password": "12345678"})

    assert response.status_code == 201, describe(response)


def test_list_users(client, add_user):
    """GET /api/users lists every user."""
    ada, grace = add_user("ada@example.com"), add_user("grace@example.com")

    listed = users(client)

    assert sorted(listed, key=lambda user: user["id"]) == [ada, grace]


def test_users_are_listed_a_page_at_a_time(client, add_user):
    """GET /api/users?per_page=2 answers two users a page, with X-Total-Count and a Link to the next."""
    created = [add_user(f"user{n}@example.com") for n in range(3)]

    first = client.get("/api/users?per_page=2")
    second = client.get("/api/users?per_page=2&page=2")

    assert first.status_code == 200, describe(first)
    assert len(first.get_json()) == 2
    assert sorted(first.get_json() + second.get_json(), key=lambda user: user["id"]) == created
    assert first.headers.get("X-Total-Count") == "3"
    assert 'rel="next"' in first.headers.get("Link", ""), describe(first)


def test_users_pages_hold_20_by_default(client, add_user):
    """GET /api/users answers 20 users at most unless ?per_page= says otherwise."""
    for n in range(21):
        add_user(f"user{n}@example.com")

    assert len(users(client)) == 20
    assert len(client.get("/api/users?page=2").get_json()) == 1


def test_get_user(client, add_user):
    """GET /api/users/<id> answers the user as JSON."""
    add_user("ada@example.com")
    grace = add_user("grace@example.com")

    response = client.get(f"/api/users/{grace['id']}")

    assert response.status_code == 200, describe(response)
    assert response.get_json() == grace


# The password --------------------------------------------------------------------------------


def test_user_json_never_shows_the_password(client, add_user, add_post):
    """No JSON about a user has a key naming a password, nor the password: not even its hash."""
    user = add_user("grace@example.com", PASSWORD)
    post = add_post(author_id=user["id"])

    answers = [
        user,
        users(client),
        client.get(f"/api/users/{user['id']}").get_json(),
        client.get("/api/posts").get_json(),
        client.get(f"/api/posts/{post['id']}").get_json(),
    ]

    for answer in answers:
        assert keys_naming_a_password(answer) == [], answer
        assert PASSWORD not in str(answer)
    for value in stored_values(client.application):
        if isinstance(value, str) and check_password_hash(value, PASSWORD):
            assert value not in str(answers), "the JSON shows the password's hash"


def test_password_is_stored_only_as_a_hash(app, add_user):
    """The database keeps no password, only a Werkzeug hash of it that check_password_hash accepts."""
    add_user("ada@example.com", PASSWORD)

    values = stored_values(app)

    assert not any(isinstance(value, str) and PASSWORD in value for value in values)
    hashes = [value for value in values if isinstance(value, str) and check_password_hash(value, PASSWORD)]
    assert len(hashes) == 1, "one stored value is the password's hash"


@pytest.mark.parametrize("settings", ["production", "development"])
def test_passwords_are_hashed_with_scrypt_outside_the_tests(make_app, settings):
    """Production and development hash passwords with scrypt, Werkzeug's default, slow on purpose."""
    app = make_app(settings, SECRET_KEY="s" * 32, JWT_SECRET_KEY="j" * 32)

    response = app.test_client().post(
        "/auth/register", json={"email": "ada@example.com", "password": PASSWORD}
    )

    assert response.status_code == 201, describe(response)
    hashes = [value for value in stored_values(app) if isinstance(value, str) and value.startswith("scrypt:")]
    assert len(hashes) == 1, "the password's hash is made with scrypt"


# Deleting a user -----------------------------------------------------------------------------


def test_delete_user(client, add_user, api_as):
    """DELETE /api/users/<id> with that user's own token answers 204 with no body; the user is gone."""
    ada, grace = add_user("ada@example.com"), add_user("grace@example.com")

    response = api_as(ada).delete(f"/api/users/{ada['id']}")

    assert response.status_code == 204, describe(response)
    assert response.data == b""
    assert client.get(f"/api/users/{ada['id']}").status_code == 404
    assert users(client) == [grace]


def test_deleting_a_user_deletes_their_posts(client, add_user, add_post, api_as):
    """DELETE /api/users/<id> deletes the user's posts too; other users' posts stay."""
    ada, grace = add_user("ada@example.com"), add_user("grace@example.com")
    by_ada = [add_post("One", author_id=ada["id"]), add_post("Two", author_id=ada["id"])]
    by_grace = add_post("Three", author_id=grace["id"])

    response = api_as(ada).delete(f"/api/users/{ada['id']}")

    assert response.status_code == 204, describe(response)
    assert client.get("/api/posts").get_json() == [by_grace]
    for post in by_ada:
        assert client.get(f"/api/posts/{post['id']}").status_code == 404
        assert client.get(f"/posts/{post['id']}").status_code == 404


def test_an_email_is_free_again_after_a_delete(client, add_user, api_as):
    """Once a user is deleted, their email can make a new account."""
    ada = add_user("ada@example.com")
    api_as(ada).delete(f"/api/users/{ada['id']}")

    response = client.post("/auth/register", json={"email": "ada@example.com", "password": PASSWORD})

    assert response.status_code == 201, describe(response)


# Errors --------------------------------------------------------------------------------------

BAD_EMAILS = [
    None,
    "",
    "   ",
    42,
    ["ada@example.com"],
    "ada",
    "ada@",
    "@example.com",
    "ada@example",
    "ada lovelace@example.com",
    "ada@@example.com",
    "a" * 250 + "@example.com",
]


@pytest.mark.parametrize("email", BAD_EMAILS)
def test_create_needs_a_valid_email(client, email):
    """An email that is missing, blank, not text or not an address answers a JSON 400 naming email."""
    body = {"password": PASSWORD} if email is None else {"email": email, "password": PASSWORD}

    response = client.post("/auth/register", json=body)

    assert_json_error(response, 400, "bad_request", mentions=("email",))
    assert users(client) == []  # nothing saved


@pytest.mark.parametrize("password", [None, "", "        ", 12345678, ["a list"], "1234567", "short"])
def test_create_needs_a_password_of_8_characters(client, password):
    """A password that is missing, blank, not text or under 8 characters is a JSON 400 naming password."""
    body = {"email": "ada@example.com"}
    if password is not None:
        body["password"] = password

    response = client.post("/auth/register", json=body)

    assert_json_error(response, 400, "bad_request", mentions=("password",))
    assert users(client) == []


def test_create_user_needs_a_json_body(client):
    """POST /auth/register with a form instead of JSON answers a JSON 415, and saves nothing."""
    response = client.post("/auth/register", data={"email": "ada@example.com", "password": PASSWORD})

    assert_json_error(response, 415, "unsupported_media_type")
    assert users(client) == []


@pytest.mark.parametrize("body", ["{not json", "[]", '"ada@example.com"', "null"])
def test_create_user_needs_a_json_object(client, body):
    """POST /auth/register with broken JSON, or JSON that is not an object, answers a JSON 400."""
    response = client.post("/auth/register", data=body, content_type="application/json")

    assert_json_error(response, 400, "bad_request")
    assert users(client) == []


@pytest.mark.parametrize("method", ["get", "delete"])
@pytest.mark.parametrize("user_id", ["42", str(2**63)])  # 2**63: one more than the database stores
def test_missing_user_is_not_found(api, method, user_id):
    """GET or DELETE /api/users/<id> of a user that does not exist (even a huge id) answers a JSON 404."""
    response = getattr(api, method)(f"/api/users/{user_id}")

    assert_json_error(response, 404, "not_found")


def test_users_are_made_by_registering(client):
    """POST /api/users answers a JSON 405 whose Allow lists GET: POST /auth/register makes users."""
    response = client.post("/api/users", json={"email": "ada@example.com", "password": PASSWORD})

    assert_json_error(response, 405, "method_not_allowed")
    assert "GET" in response.allow
    assert "POST" not in response.allow
    assert users(client) == []


def test_only_users_delete_their_own_account(client, api, add_user):
    """DELETE /api/users/<id> of another user's account answers a JSON 403 "forbidden", and deletes no one."""
    grace = add_user("grace@example.com")

    response = api.delete(f"/api/users/{grace['id']}")

    assert_json_error(response, 403, "forbidden")
    assert client.get(f"/api/users/{grace['id']}").get_json() == grace
    assert len(users(client)) == 2


def test_wrong_method_on_a_user(client, add_user):
    """PUT /api/users/<id> answers a JSON 405, with an Allow header that lists GET and DELETE."""
    user = add_user()

    response = client.put(f"/api/users/{user['id']}", json={"email": "new@example.com"})

    assert_json_error(response, 405, "method_not_allowed")
    assert response.allow >= {"GET", "DELETE"}


# This app's own words ------------------------------------------------------------------------


@pytest.mark.reference
def test_users_are_listed_by_id(client, add_user):
    """GET /api/users lists the users in the order they were created."""
    grace, ada = add_user("grace@example.com"), add_user("ada@example.com")

    assert users(client) == [grace, ada]


@pytest.mark.reference
def test_user_ids_are_not_reused_after_a_delete(add_user, api_as):
    """A user created after a delete never takes the deleted user's id."""
    ada = add_user("ada@example.com")
    api_as(ada).delete(f"/api/users/{ada['id']}")

    grace = add_user("grace@example.com")

    assert grace["id"] != ada["id"]


@pytest.mark.reference
def test_conflict_message(client, add_user):
    """A taken email answers "A user with the email ada@example.com already exists: ..."."""
    add_user("ada@example.com")

    response = client.post("/auth/register", json={"email": " ADA@example.com", "password": PASSWORD})

    message = "A user with the email ada@example.com already exists: choose another email."
    assert response.get_json() == {
        "error": "conflict",
        "message": message,
        "code": 409,
        "fields": {"email": message},
    }


EMAIL_PROBLEM = "email is required, as a valid address such as ada@example.com."
PASSWORD_PROBLEM = "password is required, as text of 8 to 128 characters, with no NUL and no lone surrogate."


@pytest.mark.reference
@pytest.mark.parametrize(
    ("body", "problems"),
    [
        ({}, {"email": EMAIL_PROBLEM, "password": PASSWORD_PROBLEM}),
        ({"email": "ada@example.com", "password": "short"}, {"password": PASSWORD_PROBLEM}),
        ({"email": "  ", "password": PASSWORD}, {"email": EMAIL_PROBLEM}),
        ({"email": "ada", "password": PASSWORD}, {"email": EMAIL_PROBLEM}),
        ({"email": None, "password": None}, {"email": EMAIL_PROBLEM, "password": PASSWORD_PROBLEM}),
        (
            {"email": "ada@example.com", "password": PASSWORD, "name": "Ada"},
            {"name": "name is an unknown field: the fields are email, password."},
        ),
    ],
)
def test_user_problem_messages(client, body, problems):
    """Each problem with a new user is named in this app's words, in "fields" and all in one message."""
    response = client.post("/auth/register", json=body)

    message = " ".join(problems.values())
    assert response.get_json() == {
        "error": "bad_request",
        "message": message,
        "code": 400,
        "fields": problems,
    }


@pytest.mark.reference
def test_user_json_shape(add_user):
    """A user's JSON has exactly the keys id, email and created_at."""
    assert set(add_user()) == {"id", "email", "created_at"}


@pytest.mark.reference
def test_missing_user_message(client):
    """The 404 for a missing user says "There is no user with id 42."."""
    response = client.get("/api/users/42")

    message = "There is no user with id 42."
    assert response.get_json() == {"error": "not_found", "message": message, "code": 404}


@pytest.mark.reference
def test_not_an_object_message(client):
    """JSON that is not an object answers a 400 that shows the object to send."""
    response = client.post("/auth/register", json=[])

    message = 'Send a JSON object: {"email": "...", "password": "..."}.'
    assert response.get_json() == {"error": "bad_request", "message": message, "code": 400}
