"""The API's bearer tokens: what they say, and every way a token can be refused.

A refused token is a JSON 401 {"error": "unauthorized", "message", "code"}, like every other error
of the API, under the testing and the production settings alike: never Flask-JWT-Extended's own
{"msg": ...}, never its 422, never a 500 from Flask-RESTful.
"""

import base64
import json
from datetime import UTC, datetime, timedelta

import jwt as pyjwt
import pytest

from support import assert_json_error, describe

# Another key, as long as PyJWT wants one to be (32 bytes), that the app does not sign with.
OTHER_KEY = "not-the-key-of-this-app-0123456789abcdef"


@pytest.fixture(params=["testing", "production"])
def config_name(request):
    """Every refusal is the same under the testing and the production settings."""
    return request.param


def claims_of(token: str) -> dict:
    """What a token says: its claims, read without checking its signature, as anyone can."""
    return pyjwt.decode(token, options={"verify_signature": False})


def signed(claims: dict, key: str) -> str:
    """A token with these claims, signed with this key (HS256, Flask-JWT-Extended's default)."""
    return pyjwt.encode(claims, key, algorithm="HS256")


def with_claims(token: str, **changes) -> str:
    """The token with some claims changed and its signature kept: the signature no longer fits."""
    header, _, signature = token.split(".")
    claims = json.dumps({**claims_of(token), **changes}).encode()
    payload = base64.urlsafe_b64encode(claims).rstrip(b"=").decode()
    return f"{header}.{payload}.{signature}"


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


# What a token says ------------------------------------------------------------------------------


@pytest.mark.parametrize("config_name", ["testing"])  # no refusal here: one settings name is enough
def test_tokens_name_their_user_as_text(tokens, author):
    """The tokens' "sub" is the user's id as text ("1", not 1), as RFC 7519 and PyJWT want it."""
    for kind in ["access_token", "refresh_token"]:
        assert claims_of(tokens[kind])["sub"] == str(author["id"]), kind


@pytest.mark.parametrize("config_name", ["testing"])  # no refusal here: one settings name is enough
def test_access_tokens_last_15_minutes_and_refresh_tokens_30_days(tokens):
    """An access token expires 15 minutes after it is made, a refresh token 30 days after."""
    access, refresh = claims_of(tokens["access_token"]), claims_of(tokens["refresh_token"])

    assert access["exp"] - access["iat"] == 15 * 60
    assert refresh["exp"] - refresh["iat"] == 30 * 24 * 60 * 60


def test_token_lifetimes_are_settings(make_app):
    """JWT_ACCESS_TOKEN_EXPIRES and JWT_REFRESH_TOKEN_EXPIRES set how long the tokens last."""
    lifetimes = {
        "JWT_ACCESS_TOKEN_EXPIRES": timedelta(minutes=5),
        "JWT_REFRESH_TOKEN_EXPIRES": timedelta(hours=1),
    }
    client = make_app("testing", **lifetimes).test_client()
    credentials = {"email": "ada@example.com", "password": "correct horse"}
    client.post("/auth/register", json=credentials)

    tokens = client.post("/auth/login", json=credentials).get_json()

    access, refresh = claims_of(tokens["access_token"]), claims_of(tokens["refresh_token"])
    assert access["exp"] - access["iat"] == 5 * 60
    assert refresh["exp"] - refresh["iat"] == 60 * 60


# Every way a token is refused -------------------------------------------------------------------


def assert_each_is_a_json_401(client, problems: dict) -> None:
    """Send each request, {problem: (method, url, headers)}: each answers a JSON 401 "unauthorized"."""
    for problem, (method, url, headers) in problems.items():
        response = client.open(url, method=method, headers=headers)
        assert response.status_code == 401, f"{problem}: {describe(response)}"
        assert_json_error(response, 401, "unauthorized")


def an_hour_ago() -> int:
    """An "exp" that has passed: an hour ago, in seconds since 1970."""
    return int((datetime.now(UTC) - timedelta(hours=1)).timestamp())


def test_every_access_token_problem_is_a_json_401(app, client, tokens, add_user, api_as, accounts):
    """GET /auth/me with a missing, malformed, forged, unsigned or expired token, a refresh token, a
    deleted user's token, or a token anywhere but the Authorization header answers a JSON 401."""
    access, refresh = tokens["access_token"], tokens["refresh_token"]
    grace, gone = add_user("grace@example.com"), add_user("gone@example.com")
    gone_token = accounts.sign_in(gone)["access_token"]
    assert api_as(gone).delete(f"/api/users/{gone['id']}").status_code == 204
    expired = signed({**claims_of(access), "exp": an_hour_ago()}, app.config["JWT_SECRET_KEY"])

    assert_each_is_a_json_401(
        client,
        {
            "no Authorization header": ("GET", "/auth/me", {}),
            "another scheme": ("GET", "/auth/me", {"Authorization": "Basic YWRhOmNvcnJlY3QgaG9yc2U="}),
            "Bearer without a token": ("GET", "/auth/me", {"Authorization": "Bearer"}),
            "two words after Bearer": ("GET", "/auth/me", {"Authorization": f"Bearer {access} {access}"}),
            "not a token": ("GET", "/auth/me", bearer("not-a-token")),
            "three parts of nothing": ("GET", "/auth/me", bearer("a.b.c")),
            "signed with another key": ("GET", "/auth/me", bearer(signed(claims_of(access), OTHER_KEY))),
            "unsigned (alg none)": ("GET", "/auth/me", bearer(pyjwt.encode(claims_of(access), None, "none"))),
            "another user's id put in": (
                "GET",
                "/auth/me",
                bearer(with_claims(access, sub=str(grace["id"]))),
            ),
            "expired": ("GET", "/auth/me", bearer(expired)),
            "a refresh token": ("GET", "/auth/me", bearer(refresh)),
            "a deleted user's": ("GET", "/auth/me", bearer(gone_token)),
            # A token counts in the Authorization header only: one in a URL ends up in logs and histories.
            "in the query string": ("GET", f"/auth/me?jwt={access}", {}),
            "in a cookie": ("GET", "/auth/me", {"Cookie": f"access_token_cookie={access}"}),
        },
    )
    assert client.get("/auth/me", headers=bearer(access)).status_code == 200, "the good token still works"


def test_every_refresh_token_problem_is_a_json_401(app, client, tokens, add_user, api_as, accounts):
    """POST /auth/refresh without a token, with an access token, or with an expired, revoked or deleted
    user's refresh token answers a JSON 401."""
    access, refresh = tokens["access_token"], tokens["refresh_token"]
    revoked = accounts.sign_in(add_user("grace@example.com"))["refresh_token"]
    assert client.post("/auth/logout", headers=bearer(revoked)).status_code == 204
    gone = add_user("gone@example.com")
    gone_token = accounts.sign_in(gone)["refresh_token"]
    assert api_as(gone).delete(f"/api/users/{gone['id']}").status_code == 204
    expired = signed({**claims_of(refresh), "exp": an_hour_ago()}, app.config["JWT_SECRET_KEY"])

    assert_each_is_a_json_401(
        client,
        {
            "no Authorization header": ("POST", "/auth/refresh", {}),
            "an access token": ("POST", "/auth/refresh", bearer(access)),
            "expired": ("POST", "/auth/refresh", bearer(expired)),
            "revoked": ("POST", "/auth/refresh", bearer(revoked)),
            "a deleted user's": ("POST", "/auth/refresh", bearer(gone_token)),
        },
    )
    assert client.post("/auth/refresh", headers=bearer(refresh)).status_code == 200, "the good one works"


# Claims that Flask-JWT-Extended's own tokens never hold, each a change to a real token's claims;
# None takes the claim out.
CLAIMS_THE_APP_NEVER_WRITES = {
    '"sub" not a number': {"sub": "abc"},
    '"sub" a decimal': {"sub": "1.0"},
    '"sub" with a space': {"sub": " 1"},
    '"sub" in other digits': {"sub": "\u0661"},
    '"sub" past 64 bits': {"sub": str(2**63)},
    '"sub" of 5000 digits': {"sub": "9" * 5000},
    '"sub" with a NUL': {"sub": "1\x00"},
    'no "jti"': {"jti": None},
    '"jti" too long': {"jti": "x" * 100},
    '"jti" with a NUL': {"jti": "\x00" * 36},
    '"jti" a number': {"jti": 36},
    '"exp" past the year 9999': {"exp": 10**15},
    '"type" of another kind': {"type": "weird"},
}


def test_a_token_signed_with_the_key_but_never_made_by_the_app_is_a_json_401(app, client, tokens):
    """A token signed with JWT_SECRET_KEY, as anything holding the key can sign one, whose claims
    the app never writes answers a JSON 401 at GET /auth/me, POST /auth/logout and POST
    /auth/refresh, never a 500, and revokes nothing: the real tokens still work."""
    key = app.config["JWT_SECRET_KEY"]
    problems = {}
    for problem, changes in CLAIMS_THE_APP_NEVER_WRITES.items():
        access = signed_with_changes(tokens["access_token"], changes, key)
        refresh = signed_with_changes(tokens["refresh_token"], changes, key)
        problems[f"{problem}, GET /auth/me"] = ("GET", "/auth/me", bearer(access))
        problems[f"{problem}, POST /auth/logout"] = ("POST", "/auth/logout", bearer(access))
        problems[f"{problem}, POST /auth/refresh"] = ("POST", "/auth/refresh", bearer(refresh))

    assert_each_is_a_json_401(client, problems)
    assert client.get("/auth/me", headers=bearer(tokens["access_token"])).status_code == 200
    assert client.post("/auth/refresh", headers=bearer(tokens["refresh_token"])).status_code == 200


def signed_with_changes(token: str, changes: dict, key: str) -> str:
    """The token's claims with these changes (None takes a claim out), signed with the key."""
    claims = {**claims_of(token), **changes}
    return signed({name: value for name, value in claims.items() if value is not None}, key)


WRITES = [
    ("POST", "/api/posts"),
    ("PUT", "/api/posts/{post}"),
    ("PATCH", "/api/posts/{post}"),
    ("DELETE", "/api/posts/{post}"),
    ("DELETE", "/api/users/{author}"),
]


def test_every_write_needs_a_token(client, add_post):
    """POST, PUT, PATCH and DELETE on /api answer a JSON 401 without a token, and change nothing."""
    post = add_post()
    body = {"title": "New", "content": "New text."}

    for method, url in WRITES:
        url = url.format(post=post["id"], author=post["author"]["id"])
        response = client.open(url, method=method, json=body)
        assert response.status_code == 401, f"{method} {url}: {describe(response)}"
        assert_json_error(response, 401, "unauthorized")
    assert client.get("/api/posts").get_json() == [post]
    assert client.get("/api/users").get_json() == [post["author"]]


def test_a_write_with_a_bad_token_changes_nothing(client, add_post, tokens):
    """A write with a refused token (here a refresh token) answers 401 and changes nothing."""
    post = add_post()

    response = client.delete(f"/api/posts/{post['id']}", headers=bearer(tokens["refresh_token"]))

    assert_json_error(response, 401, "unauthorized")
    assert client.get("/api/posts").get_json() == [post]


@pytest.mark.parametrize("config_name", ["testing"])  # no refusal here: one settings name is enough
def test_reading_needs_no_token(client, add_post):
    """GET /api/posts, /api/posts/<id>, /api/users and /api/users/<id> answer 200 without a token."""
    post = add_post()

    for url in ["/api/posts", f"/api/posts/{post['id']}", "/api/users", f"/api/users/{post['author']['id']}"]:
        assert client.get(url).status_code == 200, url


# This app's own words ---------------------------------------------------------------------------


@pytest.mark.reference
def test_token_refusals_in_this_apps_words(client, tokens, app):
    """Each kind of refused token has its own message, and a WWW-Authenticate header (RFC 6750)."""
    access, refresh = tokens["access_token"], tokens["refresh_token"]
    key = app.config["JWT_SECRET_KEY"]
    expired = an_hour_ago()
    client.post("/auth/logout", headers=bearer(refresh))
    cases = [
        (
            {},
            "/auth/me",
            "Send a token in the header Authorization: Bearer <token>, from POST /auth/login.",
            "Bearer",
        ),
        (bearer("a.b.c"), "/auth/me", "The token is not valid: Invalid header padding.", None),
        (
            bearer(signed(claims_of(access), OTHER_KEY)),
            "/auth/me",
            "The token is not valid: Signature verification failed.",
            None,
        ),
        (bearer(refresh), "/auth/me", "The token is not valid: Only non-refresh tokens are allowed.", None),
        (
            bearer(signed({**claims_of(access), "exp": expired}, key)),
            "/auth/me",
            "The access token has expired: get a new one from POST /auth/refresh.",
            None,
        ),
    ]
    for headers, url, message, challenge in cases:
        response = client.get(url, headers=headers)
        assert response.get_json() == {"error": "unauthorized", "message": message, "code": 401}
        assert response.headers["WWW-Authenticate"] == (challenge or "Bearer error=invalid_token")


@pytest.mark.reference
def test_more_token_refusals_in_this_apps_words(client, tokens, app, api_as, author):
    """An expired refresh token, a revoked token and a deleted user's token, in this app's words."""
    refresh = tokens["refresh_token"]
    key = app.config["JWT_SECRET_KEY"]
    expired = an_hour_ago()
    expired_refresh = signed({**claims_of(refresh), "exp": expired}, key)
    client.post("/auth/logout", headers=bearer(refresh))

    answers = {
        "expired": client.post("/auth/refresh", headers=bearer(expired_refresh)).get_json()["message"],
        "revoked": client.post("/auth/refresh", headers=bearer(refresh)).get_json()["message"],
    }
    api_as(author).delete(f"/api/users/{author['id']}")
    answers["gone"] = client.get("/auth/me", headers=bearer(tokens["access_token"])).get_json()["message"]

    assert answers == {
        "expired": "The refresh token has expired: sign in again with POST /auth/login.",
        "revoked": "The token was revoked by signing out: sign in again with POST /auth/login.",
        "gone": "The token's user no longer exists.",
    }
