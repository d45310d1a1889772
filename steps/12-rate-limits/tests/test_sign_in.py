"""Signing in and out of the pages: Flask-Login keeps the user's id in the session cookie.

The forms are sent as a browser sends them (tests/support.py's Form): with what the page put in
them, the CSRF token too. Whether someone is signed in is what the header says: a button to sign out.
"""

from urllib.parse import quote, urlsplit

import pytest
from flask.sessions import SecureCookieSessionInterface

from support import describe, find_form, forms_of, parse_page

PASSWORD = "correct horse battery"  # the password of the users add_user makes


@pytest.fixture(params=["testing", "production"])
def config_name(request):
    """Signing in and out works, and fails, alike under the testing and the production settings."""
    return request.param


def where(response) -> str:
    """Where a redirect leads on this site: its path, and ?query if it has one. A Location on another
    host (or scheme) fails the test."""
    assert response.status_code in (301, 302, 303, 307, 308), describe(response)
    location = urlsplit(response.headers["Location"])
    assert location.scheme in ("", "http"), f"Location {response.headers['Location']!r} leaves the site"
    assert location.netloc in ("", "localhost"), f"Location {response.headers['Location']!r} leaves the site"
    return f"{location.path}?{location.query}" if location.query else location.path


def session_of(client) -> dict:
    """What the client's session cookie holds, read with the app's SECRET_KEY as Flask reads it."""
    app = client.application
    cookie = client.get_cookie("session")
    if cookie is None:
        return {}
    serializer = SecureCookieSessionInterface().get_signing_serializer(app)
    return serializer.loads(cookie.value)


# The login page -------------------------------------------------------------------------------


def test_login_page_has_a_form(client):
    """GET /login shows a form that POSTs an email and a password (<input type=password>), with a button."""
    form = find_form(client, "/login", field="password")

    assert "email" in form.fields
    assert form.field("password").attrs.get("type") == "password"
    assert form.has_submit_button()


def test_signing_in(client, author, auth):
    """The right email and password sign the user in, and redirect (303) to /."""
    assert not auth.is_signed_in()

    response = auth.log_in("ada@example.com", PASSWORD)

    assert response.status_code == 303, describe(response)
    assert where(response) == "/"
    assert auth.is_signed_in()


@pytest.mark.parametrize("email", ["Ada@Example.COM", "  ada@example.com "])
def test_signing_in_with_another_spelling_of_the_email(client, author, auth, email):
    """The email is read as canonical_email() stores it: " Ada@Example.COM " signs ada@example.com in."""
    response = auth.log_in(email, PASSWORD)

    assert response.status_code == 303, describe(response)
    assert auth.is_signed_in()


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("grace@example.com", PASSWORD),  # no such user
        ("ada@example.com", "wrong horse battery"),
        ("ada@example.com", PASSWORD.upper()),
        ("ada@example.com", ""),
        ("", PASSWORD),
        ("ada", PASSWORD),  # not an email
        ("ada@example.com\x00", PASSWORD),
        ("ada@example.com", PASSWORD + "\x00"),
        ("ada@example.com", PASSWORD * 20),  # longer than any password can be
    ],
)
def test_a_failed_sign_in_shows_the_form_again(client, author, auth, email, password):
    """A wrong email or password answers 400 with the sign-in form again, and signs nobody in."""
    response = auth.log_in(email, password)

    assert response.status_code == 400, describe(response)
    forms = forms_of(response, "/login")
    assert any("password" in form.fields for form in forms), "the sign-in form is shown again"
    assert not auth.is_signed_in()


def test_a_failed_sign_in_does_not_say_which_was_wrong(client, author, auth):
    """An unknown email and a wrong password answer the same page: it tells nobody who has an account."""
    unknown = auth.log_in("grace@example.com", PASSWORD)
    wrong = auth.log_in("ada@example.com", "wrong horse battery")

    assert unknown.status_code == wrong.status_code == 400, describe(unknown)
    unknown_text = parse_page(unknown).text.replace("grace@example.com", "EMAIL")
    wrong_text = parse_page(wrong).text.replace("ada@example.com", "EMAIL")
    assert unknown_text == wrong_text


# Who is signed in -------------------------------------------------------------------------------


def test_the_header_offers_to_sign_in(client, add_post):
    """Every page's header, for a visitor who is not signed in, links to /login and offers no sign-out."""
    post = add_post()

    for url in ["/", f"/posts/{post['id']}", "/login", "/no-such-page"]:
        response = client.get(url)
        assert "/login" in parse_page(response).links(), url
        assert not [form for form in forms_of(response, url) if form.path == "/logout"], url


def test_the_header_says_who_is_signed_in(client, signed_in, add_post):
    """Signed in, every page's header shows the user's email and a button, a form that POSTs to /logout."""
    post = add_post()

    for url in ["/", f"/posts/{post['id']}", "/posts/new", "/no-such-page"]:
        response = client.get(url)
        assert "ada@example.com" in parse_page(response).text, url
        sign_out = [form for form in forms_of(response, url) if form.path == "/logout"]
        assert sign_out, f"{url} has no form that POSTs to /logout"
        assert sign_out[0].has_submit_button(), url


def test_a_deleted_user_is_signed_out(client, signed_in, auth, api):
    """A user deleted while signed in (DELETE /api/users/<id>) is signed out at the next page, no error."""
    client.get("/")  # shows, and so ends, what signing in flashed: it may name the user
    assert api.delete(f"/api/users/{signed_in['id']}").status_code == 204

    response = client.get("/")

    assert response.status_code == 200, describe(response)
    assert "ada@example.com" not in parse_page(response).text
    assert not auth.is_signed_in()


# Signing out ------------------------------------------------------------------------------------


def test_signing_out(client, signed_in, auth):
    """The header's button POSTs to /logout, which signs the user out and redirects (303) to /."""
    response = auth.log_out()

    assert response.status_code == 303, describe(response)
    assert where(response) == "/"
    assert not auth.is_signed_in()


def test_a_get_of_logout_signs_nobody_out(client, signed_in, auth):
    """GET /logout changes nothing: else any page could sign its visitors out with an <img src=/logout>."""
    response = client.get("/logout")

    assert response.status_code < 500, describe(response)
    assert auth.is_signed_in()


# Back where you were, and nowhere else -------------------------------------------------------------


def test_signing_in_leads_back_to_the_page_asked_for(client, author, auth):
    """A visitor sent from /posts/new to the login page is led back to /posts/new once signed in."""
    login_page = where(client.get("/posts/new"))

    response = auth.log_in(url=login_page)

    assert response.status_code == 303, describe(response)
    assert where(response) == "/posts/new"


@pytest.mark.parametrize("target", ["/posts/new", "/posts/1", "/?q=hello", "/api/posts?per_page=5"])
def test_next_may_be_any_path_of_this_site(client, author, auth, target):
    """/login?next=<a path of this site> leads there once signed in, its query string kept."""
    response = auth.log_in(url=f"/login?next={quote(target)}")

    assert response.status_code == 303, describe(response)
    assert where(response) == target


OTHER_SITES = [
    "//evil.example",  # another host, with this page's scheme
    "//evil.example/posts/new",
    "///evil.example",  # urlsplit finds no host in it; a browser finds evil.example
    "https://evil.example",
    "http://localhost.evil.example/",
    "javascript:alert(1)",
    "/\\evil.example",  # browsers read \ as /
    "\\\\evil.example",
    "/\t/evil.example",  # browsers drop a tab or a newline inside a URL
    "/\n/evil.example",
    "/\r\n/evil.example",
    " //evil.example",
    "evil.example",
    "",
]


@pytest.mark.parametrize("target", OTHER_SITES)
def test_next_never_leads_to_another_site(client, author, auth, target):
    """/login?next=<anything but a path of this site>, //evil.example say, leads to / once signed in."""
    response = auth.log_in(url=f"/login?next={quote(target)}")

    assert response.status_code == 303, describe(response)
    assert where(response) == "/"
    assert auth.is_signed_in()


# This app's own words and cookie ----------------------------------------------------------------


@pytest.mark.reference
def test_sign_in_problem_wording(client, author, auth):
    """A failed sign-in lists one problem, "Wrong email or password.", and keeps the email typed."""
    page = parse_page(auth.log_in("ada@example.com", "wrong horse battery"))

    assert [item.text for item in page.find("ul", class_="problems").find_all("li")] == [
        "Wrong email or password."
    ]
    assert page.find("input", name="email").attrs["value"] == "ada@example.com"
    assert page.find("input", name="password").attrs["value"] == ""


@pytest.mark.reference
def test_login_page_markup(client):
    """The login page: "Sign in" as its heading, WTForms' inputs, a link to /signup."""
    page = client.get("/login").text

    assert "<h1>Sign in</h1>" in page
    assert '<form method="post" action="/login">' in page
    assert '<input id="csrf_token" name="csrf_token" type="hidden" value="' in page
    assert '<input autocomplete="username" id="email" name="email" required type="email" value="">' in page
    assert (
        '<input autocomplete="current-password" id="password" name="password" required type="password"'
        in page
    )
    assert '<button type="submit">Sign in</button>' in page
    assert '<p>No account yet? <a href="/signup">Sign up</a>.</p>' in page


@pytest.mark.reference
def test_login_page_keeps_a_safe_next_only(client):
    """The form's action keeps ?next= when it is a path of this site, and drops it when it is not."""
    safe = client.get("/login?next=/posts/new").text
    unsafe = client.get("/login?next=//evil.example").text

    assert '<form method="post" action="/login?next=/posts/new">' in safe
    assert '<form method="post" action="/login">' in unsafe
    assert "evil.example" not in unsafe


@pytest.mark.reference
def test_being_sent_to_the_login_page_says_why(client):
    """A visitor sent to the login page by @login_required reads "Sign in first, please." there, flashed."""
    response = client.get("/posts/new")

    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=%2Fposts%2Fnew"
    assert '<p class="flash">Sign in first, please.</p>' in client.get("/login?next=%2Fposts%2Fnew").text


@pytest.mark.reference
def test_the_header_markup(client, signed_in):
    """Signed in, the nav shows span.signed-in with the email and form.sign-out, with the CSRF token."""
    page = client.get("/").text

    assert '<span class="signed-in">ada@example.com</span>' in page
    assert '<form class="sign-out" method="post" action="/logout">' in page
    assert '<input type="hidden" name="csrf_token" value="' in page
    assert '<button type="submit">Sign out</button>' in page
    assert '<a href="/login">' not in page


@pytest.mark.reference
def test_the_session_keeps_the_user_id(client, signed_in):
    """Signed in, the session cookie keeps the user's id as Flask-Login writes it: _user_id, as text."""
    assert session_of(client)["_user_id"] == str(signed_in["id"])


@pytest.mark.reference
def test_signing_out_empties_the_session(client, signed_in, auth):
    """After signing out, the session holds the flashed "You are signed out." and nothing else."""
    assert "csrf_token" in session_of(client)

    auth.log_out()

    assert session_of(client) == {"_flashes": [("message", "You are signed out.")]}


@pytest.mark.reference
def test_get_of_logout_is_not_allowed(client, signed_in):
    """GET /logout answers the HTML 405 page: /logout takes POST only."""
    response = client.get("/logout")

    assert response.status_code == 405, describe(response)
    assert response.allow == {"POST", "OPTIONS"}
