"""Forms that only this site can send: CSRFProtect refuses every POST of the pages that lacks the
token of a form this site gave out, with a 400 page, and changes nothing. The JSON API needs none:
only the client's own code sends its bearer token; a browser adds no token by itself, as it adds a cookie.

CSRF protection is on in every test of this step, the testing settings' too: the tests send each
form with the token the page put in it, as a browser does (conftest.py's `auth`, support.py's Form).
"""

import pytest

from support import database_rows, delete_form, describe, find_form, parse_page

PASSWORD = "correct horse battery"  # the password of the users add_user makes

FORMS = ["sign in", "sign up", "new post", "delete a post", "sign out"]
TOKENS = ["no token", "a wrong token", "another visitor's token"]


@pytest.fixture(params=["testing", "production"])
def config_name(request):
    """CSRF protection refuses alike under the testing and the production settings."""
    return request.param


def the_form(name: str, client, auth, add_post):
    """The form `name` as its page gives it, and what to type into it: (Form, fields). The user
    ada@example.com exists; she is signed in for the forms that need it."""
    if name == "sign in":
        return find_form(client, "/login", field="password"), {
            "email": "ada@example.com",
            "password": PASSWORD,
        }
    if name == "sign up":
        return find_form(client, "/signup", field="password"), {
            "email": "grace@example.com",
            "password": PASSWORD,
        }
    assert auth.log_in().status_code == 303
    if name == "new post":
        return find_form(client, "/posts/new", field="title"), {"title": "Hello", "content": "Some text."}
    if name == "delete a post":
        return delete_form(client, add_post()["id"]), {}
    return find_form(client, "/", path="/logout"), {}


def with_token(form, fields: dict, token: str, app) -> dict:
    """The form's fields with the token changed: left out, made up, or taken from another visitor's form."""
    sent = {**form.fields, **fields}
    if token == "no token":
        return {name: value for name, value in sent.items() if name not in form.hidden}
    if token == "a wrong token":
        return {**sent, **{name: "not-a-token-of-this-site" for name in form.hidden}}
    other_visitor = app.test_client()
    return {**sent, **find_form(other_visitor, "/login", field="password").hidden}


@pytest.mark.parametrize("token", TOKENS)
@pytest.mark.parametrize("name", FORMS)
def test_a_form_without_its_token_is_refused(app, client, author, auth, add_post, name, token):
    """A form sent without its CSRF token, with a wrong one or with another visitor's answers a 400 HTML
    page and changes nothing; sent with its own token, the same form is accepted."""
    form, fields = the_form(name, client, auth, add_post)
    rows, signed_in = database_rows(app), auth.is_signed_in()

    refused = client.post(form.action, data=with_token(form, fields, token, app))

    assert refused.status_code == 400, describe(refused)
    assert "/" in parse_page(refused).links(), "the app's HTML error page, which links home"
    assert database_rows(app) == rows, "nothing changed in the database"
    assert auth.is_signed_in() == signed_in, "nobody was signed in or out"
    accepted = client.post(form.action, data={**form.fields, **fields})
    assert accepted.status_code == 303, describe(accepted)


def test_a_form_from_before_signing_out_is_refused(client, signed_in, auth):
    """Signing out empties the session, its CSRF token too: a form the page gave before is refused after."""
    old_form = find_form(client, "/login", field="password")
    auth.log_out()

    response = old_form.submit(client, email="ada@example.com", password=PASSWORD)

    assert response.status_code == 400, describe(response)
    assert not auth.is_signed_in()


def test_the_api_needs_no_token(client, signed_in):
    """The JSON API and /auth take no CSRF token, and the pages' cookie signs no one in to them: a
    browser signed in to the pages writes to the API with a bearer token only."""
    body = {"title": "Hi", "content": "Text"}
    cookie_only = client.post("/api/posts", json=body)
    created = client.post("/auth/register", json={"email": "grace@example.com", "password": PASSWORD})
    login = client.post("/auth/login", json={"email": "ada@example.com", "password": PASSWORD})
    token = {"Authorization": f"Bearer {login.get_json()['access_token']}"}
    post = client.post("/api/posts", json=body, headers=token)

    assert cookie_only.status_code == 401, describe(cookie_only)
    assert created.status_code == 201, describe(created)
    assert post.status_code == 201, describe(post)
    assert post.get_json()["author"] == signed_in
    url = f"/api/posts/{post.get_json()['id']}"
    assert client.put(url, json={"title": "New", "content": "Text"}, headers=token).status_code == 200
    assert client.patch(url, json={"title": "Newer"}, headers=token).status_code == 200
    assert client.delete(url, headers=token).status_code == 204
    assert client.post("/auth/logout", headers=token).status_code == 204


# This app's own words ---------------------------------------------------------------------------


@pytest.mark.reference
@pytest.mark.parametrize(
    ("token", "reason"),
    [
        ("no token", "The CSRF token is missing."),
        ("a wrong token", "The CSRF token is invalid."),
        ("another visitor's token", "The CSRF tokens do not match."),
    ],
)
def test_csrf_error_page_wording(app, client, author, auth, add_post, token, reason):
    """The 400 page says Flask-WTF's reason, under the heading "400 Bad Request"."""
    form, fields = the_form("sign in", client, auth, add_post)

    page = client.post(form.action, data=with_token(form, fields, token, app)).text

    assert "<h1>400 Bad Request</h1>" in page
    assert f"<p>{reason}</p>" in page
