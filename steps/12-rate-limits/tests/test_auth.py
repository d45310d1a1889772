"""Signing in to the API: POST /auth/login, /auth/refresh and /auth/logout, GET /auth/me.

Registering, POST /auth/register, is in test_users.py with the rest of what makes a user.
"""

import sys
from contextlib import contextmanager

import jwt as pyjwt
import pytest
from werkzeug.security import check_password_hash, generate_password_hash

from support import assert_json_error, database_rows, describe

PASSWORD = "correct horse battery"


# Every refusal is the same under the testing and the production settings: the tests of refusals
# run under both (conftest.py's config_name), the others under the testing settings.
UNDER_BOTH_SETTINGS = pytest.mark.parametrize("config_name", ["testing", "production"])


def login(client, email="ada@example.com", password=PASSWORD, **request):
    """POST /auth/login with this email and password: the response. `request` is what client.post()
    takes besides: headers=..."""
    return client.post("/auth/login", json={"email": email, "password": password}, **request)


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def rows_in_all(app) -> int:
    """How many rows the app's database holds, in all its tables."""
    return sum(len(rows) for rows in database_rows(app).values())


@contextmanager
def calls_to(function):
    """The arguments of each call to `function` made inside the block, by name, in order.

    Python's profiler hook sees every call the program makes; nothing is replaced, the function
    runs as always. So a test can see which hash a sign-in checks, without timing anything.
    """
    calls = []

    def profile(frame, event, arg):
        if event == "call" and frame.f_code is function.__code__:
            calls.append(dict(frame.f_locals))

    before = sys.getprofile()
    sys.setprofile(profile)
    try:
        yield calls
    finally:
        sys.setprofile(before)


def method_of(password_hash: str) -> str:
    """The method a Werkzeug hash was made with: "scrypt:32768:8:1$salt$hash" -> "scrypt:32768:8:1"."""
    return password_hash.split("$", 1)[0]


# Signing in -----------------------------------------------------------------------------------


def test_login(app, client, author):
    """POST /auth/login with a user's email and password answers 200 {access_token, refresh_token, user};
    the tokens are JSON Web Tokens that JWT_SECRET_KEY signs."""
    response = login(client)

    assert response.status_code == 200, describe(response)
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) >= {"access_token", "refresh_token", "user"}
    assert body["user"] == author
    for kind in ["access_token", "refresh_token"]:
        assert isinstance(body[kind], str), body
        claims = pyjwt.decode(body[kind], app.config["JWT_SECRET_KEY"], algorithms=["HS256"])
        assert claims["sub"] == str(author["id"]), kind
    assert body["access_token"] != body["refresh_token"]


@pytest.mark.parametrize("email", ["ADA@example.com", "  ada@Example.COM "])
def test_login_takes_the_email_spelled_otherwise(client, author, email):
    """POST /auth/login finds the user by their email in any case, with spaces around."""
    response = login(client, email)

    assert response.status_code == 200, describe(response)
    assert response.get_json()["user"] == author


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("ada@example.com", "wrong password"),
        ("ada@example.com", PASSWORD.upper()),
        ("ada@example.com", "short"),  # no user has a password this short: still a wrong password
        ("grace@example.com", PASSWORD),
        ("ada", PASSWORD),  # not even an address: no user has it
    ],
)
@UNDER_BOTH_SETTINGS
def test_wrong_email_or_password_is_a_401(client, author, email, password):
    """A wrong password, an unknown email, or an email that is no address answers a JSON 401, no token."""
    response = login(client, email, password)

    body = assert_json_error(response, 401, "unauthorized")
    assert "access_token" not in body
    assert "refresh_token" not in body


@UNDER_BOTH_SETTINGS
def test_login_email_of_at_most_254_characters(client, author):
    """POST /auth/login with an email longer than any address (254 characters) is a JSON 400 naming email."""
    response = login(client, "a" * 250 + "@example.com")

    assert_json_error(response, 400, "bad_request", mentions=("email",))


@UNDER_BOTH_SETTINGS
def test_unknown_email_and_wrong_password_answer_alike(client, author):
    """An unknown email and a wrong password answer the very same 401: nobody learns who has an account."""
    # One request id for both, as an app may put it in its error bodies (step 08's exercise 1).
    same_id = {"headers": {"X-Request-ID": "sign-in-1"}}
    wrong_password = login(client, "ada@example.com", "wrong password", **same_id)
    unknown_email = login(client, "nobody@example.com", PASSWORD, **same_id)

    assert_json_error(wrong_password, 401, "unauthorized")
    assert unknown_email.status_code == wrong_password.status_code
    assert unknown_email.get_json() == wrong_password.get_json()
    assert unknown_email.headers.get("WWW-Authenticate") == wrong_password.headers.get("WWW-Authenticate")


def test_unknown_email_checks_a_hash_as_a_wrong_password_does(app, client, author):
    """Signing in with an unknown email checks the password once, with check_password_hash, against a
    hash made by the configured PASSWORD_HASH_METHOD: as long as a wrong password takes."""
    method = app.config["PASSWORD_HASH_METHOD"]

    with calls_to(check_password_hash) as wrong_password:
        login(client, "ada@example.com", "wrong password")
    with calls_to(check_password_hash) as unknown_email:
        login(client, "nobody@example.com", "wrong password")

    assert [method_of(call["pwhash"]) for call in wrong_password] == [method]
    assert [method_of(call["pwhash"]) for call in unknown_email] == [method], "one hash of the same method"
    assert [call["password"] for call in unknown_email] == ["wrong password"]


def test_the_dummy_hash_is_made_once(client, author):
    """Signing in with unknown emails makes no hash for each request: the dummy hash is made once."""
    login(client, "nobody@example.com")  # the first sign-in may make it

    with calls_to(generate_password_hash) as hashes_made:
        login(client, "somebody@example.com")

    assert hashes_made == []


@UNDER_BOTH_SETTINGS
def test_a_deleted_user_cannot_sign_in(client, author, api):
    """Once a user has deleted their account, their email and password answer a 401."""
    api.delete(f"/api/users/{author['id']}")

    assert_json_error(login(client), 401, "unauthorized")


# Who am I ------------------------------------------------------------------------------------


def test_me(client, add_user, accounts):
    """GET /auth/me with an access token answers 200 with the token's user."""
    add_user("ada@example.com")
    grace = add_user("grace@example.com")

    response = client.get("/auth/me", headers=bearer(accounts.sign_in(grace)["access_token"]))

    assert response.status_code == 200, describe(response)
    assert response.get_json() == grace


# Refreshing ----------------------------------------------------------------------------------


def test_refresh(client, author, tokens):
    """POST /auth/refresh with the refresh token answers 200 {access_token}: a new one, of the same user."""
    response = client.post("/auth/refresh", headers=bearer(tokens["refresh_token"]))

    assert response.status_code == 200, describe(response)
    new = response.get_json()["access_token"]
    assert isinstance(new, str)
    assert new != tokens["access_token"]
    assert client.get("/auth/me", headers=bearer(new)).get_json() == author


# Signing out ---------------------------------------------------------------------------------


@UNDER_BOTH_SETTINGS
def test_logout_revokes_the_access_token(app, client, author, tokens):
    """POST /auth/logout with the access token answers 204 and writes its revocation to the database;
    that token is refused from then on, and the refresh token still works."""
    rows = rows_in_all(app)

    response = client.post("/auth/logout", headers=bearer(tokens["access_token"]))

    assert response.status_code == 204, describe(response)
    assert response.data == b""
    assert rows_in_all(app) == rows + 1, "the revoked token is kept in the database"
    assert_json_error(client.get("/auth/me", headers=bearer(tokens["access_token"])), 401, "unauthorized")
    assert client.post("/auth/refresh", headers=bearer(tokens["refresh_token"])).status_code == 200


@UNDER_BOTH_SETTINGS
def test_logout_revokes_the_refresh_token(client, tokens):
    """POST /auth/logout with the refresh token answers 204; that refresh token is refused from then on."""
    response = client.post("/auth/logout", headers=bearer(tokens["refresh_token"]))

    assert response.status_code == 204, describe(response)
    assert_json_error(
        client.post("/auth/refresh", headers=bearer(tokens["refresh_token"])), 401, "unauthorized"
    )


def test_logout_revokes_only_that_token(client, author, tokens):
    """Signing out revokes the token sent, not the user: a token from another sign-in still works."""
    other = login(client).get_json()["access_token"]

    response = client.post("/auth/logout", headers=bearer(tokens["access_token"]))

    assert response.status_code == 204, describe(response)
    assert client.get("/auth/me", headers=bearer(tokens["access_token"])).status_code == 401
    assert client.get("/auth/me", headers=bearer(other)).get_json() == author


# This app's own words ------------------------------------------------------------------------


@pytest.mark.reference
@UNDER_BOTH_SETTINGS
def test_wrong_credentials_message(client, author):
    """A refused sign-in says "The email or the password is wrong.", with no WWW-Authenticate."""
    response = login(client, "ada@example.com", "wrong password")

    message = "The email or the password is wrong."
    assert response.get_json() == {"error": "unauthorized", "message": message, "code": 401}
    assert "WWW-Authenticate" not in response.headers


@pytest.mark.reference
def test_token_answers_are_not_stored(client, tokens):
    """The answers that hold tokens, of POST /auth/login and /auth/refresh, say Cache-Control: no-store."""
    refreshed = client.post("/auth/refresh", headers=bearer(tokens["refresh_token"]))

    assert login(client).headers["Cache-Control"] == "no-store"
    assert refreshed.headers["Cache-Control"] == "no-store"


@pytest.mark.reference
def test_login_and_refresh_json_shape(client, author, tokens):
    """POST /auth/login answers exactly access_token, refresh_token and user; /auth/refresh access_token."""
    refreshed = client.post("/auth/refresh", headers=bearer(tokens["refresh_token"])).get_json()

    assert list(tokens) == ["access_token", "refresh_token", "user"]
    assert list(refreshed) == ["access_token"]
    assert pyjwt.decode(refreshed["access_token"], options={"verify_signature": False})["type"] == "access"


@pytest.mark.reference
def test_revoked_token_row(app, client, tokens):
    """POST /auth/logout keeps the token's jti and expiry in revoked_tokens."""
    claims = pyjwt.decode(tokens["access_token"], options={"verify_signature": False})

    client.post("/auth/logout", headers=bearer(tokens["access_token"]))

    db = app.extensions["sqlalchemy"]
    with app.app_context():
        rows = db.session.execute(db.metadata.tables["revoked_tokens"].select()).all()
    assert [(row.jti, int(row.expires_at.timestamp())) for row in rows] == [(claims["jti"], claims["exp"])]


@pytest.mark.reference
@UNDER_BOTH_SETTINGS
def test_login_problem_messages(client):
    """A sign-in without an email or a password names both, in this app's words."""
    response = client.post("/auth/login", json={"password": 42})

    problems = {
        "email": "email is required, as text that is not blank.",
        "password": "password is required, as text of at most 128 characters, "
        "with no NUL and no lone surrogate.",
    }
    assert response.get_json() == {
        "error": "bad_request",
        "message": " ".join(problems.values()),
        "code": 400,
        "fields": problems,
    }
