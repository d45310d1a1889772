"""Signing up on a page, with the rules of POST /api/users: one canonical email, a password of 8 to
128 characters, no text a database cannot store, and a taken email decided by the database."""

from urllib.parse import urlsplit

import pytest
from sqlalchemy import event

from support import database_rows, describe, find_form, forms_of, parse_page

PASSWORD = "correct horse battery"
SECRET_KEY = "a-secret-for-tests-only-0123456789abcdef"  # long enough for production
JWT_SECRET_KEY = "a-jwt-secret-for-tests-only-0123456789abcdef"
FAST_PASSWORD_HASH = "pbkdf2:sha256:1"  # production's scrypt takes a tenth of a second a user


@pytest.fixture(params=["testing", "production"])
def config_name(request):
    """Signing up works, and refuses, alike under the testing and the production settings."""
    return request.param


def emails(client) -> list[str]:
    """The email of every user, by id, as GET /api/users lists them."""
    response = client.get("/api/users")
    assert response.status_code == 200, describe(response)
    return [user["email"] for user in response.get_json()]


def times_named(page, word: str) -> int:
    """How many times the page's text says a word, in any case."""
    return page.text.lower().count(word.lower())


def shown_again(response):
    """The sign-up form of a page that answered a POST to /signup."""
    forms = [form for form in forms_of(response, "/signup") if "password" in form.fields]
    assert forms, f"the sign-up form is shown again: {describe(response)}"
    return forms[0]


def test_signup_page_has_a_form(client):
    """GET /signup shows a form that POSTs an email and a password (<input type=password>), with a button."""
    form = find_form(client, "/signup", field="password")

    assert "email" in form.fields
    assert form.field("password").attrs.get("type") == "password"
    assert form.has_submit_button()


def test_signing_up(client, auth):
    """Signing up makes the account, signs its user in, and redirects (303) to /."""
    response = auth.sign_up("ada@example.com", PASSWORD)

    assert response.status_code == 303, describe(response)
    assert urlsplit(response.headers["Location"]).path == "/"
    assert emails(client) == ["ada@example.com"]
    assert auth.is_signed_in()
    assert "ada@example.com" in parse_page(client.get("/")).text


def test_the_new_account_can_sign_in(client, auth):
    """The password given at sign-up signs the user in again after signing out."""
    auth.sign_up("ada@example.com", PASSWORD)
    auth.log_out()

    response = auth.log_in("ada@example.com", PASSWORD)

    assert response.status_code == 303, describe(response)
    assert auth.is_signed_in()


@pytest.mark.parametrize("email", ["Ada@Example.COM", "  ada@example.com\n"])
def test_signing_up_stores_one_spelling(client, auth, email):
    """The email is stored as POST /api/users stores it: trimmed and in lower case."""
    response = auth.sign_up(email, PASSWORD)

    assert response.status_code == 303, describe(response)
    assert emails(client) == ["ada@example.com"]


@pytest.mark.parametrize(
    ("email", "password", "wrong"),
    [
        ("ada", PASSWORD, "email"),
        ("ada@", PASSWORD, "email"),
        ("", PASSWORD, "email"),
        ("   ", PASSWORD, "email"),
        ("ada@example.com\x00", PASSWORD, "email"),
        ("a" * 250 + "@example.com", PASSWORD, "email"),
        ("ada@example.com", "", "password"),
        ("ada@example.com", "1234567", "password"),  # 7 characters
        ("ada@example.com", "p" * 129, "password"),
        ("ada@example.com", "        ", "password"),
        ("ada@example.com", PASSWORD + "\x00", "password"),
    ],
)
def test_a_sign_up_with_a_problem_is_shown_again(client, auth, email, password, wrong):
    """A wrong email or password answers 400, names the field, keeps the email typed but never the
    password, and makes no account."""
    blank = parse_page(client.get("/signup"))

    response = auth.sign_up(email, password)

    assert response.status_code == 400, describe(response)
    page = parse_page(response)
    assert times_named(page, wrong) > times_named(blank, wrong), f"the page does not name {wrong}"
    form = shown_again(response)
    if "\x00" not in email:  # a page cannot show a NUL
        assert form.fields["email"].strip() == email.strip(), "the email typed is shown again"
    assert form.fields["password"] == "", "the password typed is never shown again"
    assert emails(client) == []
    assert not auth.is_signed_in()


def test_a_sign_up_names_every_problem(client, auth):
    """A sign-up without an email and a password answers 400 and names both."""
    blank = parse_page(client.get("/signup"))

    response = auth.sign_up("", "")

    assert response.status_code == 400, describe(response)
    page = parse_page(response)
    for wrong in ["email", "password"]:
        assert times_named(page, wrong) > times_named(blank, wrong), f"the page does not name {wrong}"


@pytest.mark.parametrize("email", ["ada@example.com", " ADA@Example.com "])
def test_a_taken_email_is_refused(client, add_user, auth, email):
    """Signing up with a taken email, in any spelling, answers 400 naming the email; no account is made."""
    add_user("ada@example.com")
    blank = parse_page(client.get("/signup"))

    response = auth.sign_up(email, "another password")

    assert response.status_code == 400, describe(response)
    assert times_named(parse_page(response), "email") > times_named(blank, "email")
    assert emails(client) == ["ada@example.com"]
    assert not auth.is_signed_in()


def test_two_sign_ups_at_once(make_app, config_name, tmp_path):
    """Two sign-ups of one email at once, on the page and in the API: the page's answers 400 naming the
    email, and one user is stored. The database's unique constraint decides, not a look-up."""
    # Two apps on one database file, like two server processes.
    database = f"sqlite:///{tmp_path / 'blog.sqlite'}"
    settings = {
        "SECRET_KEY": SECRET_KEY,
        "JWT_SECRET_KEY": JWT_SECRET_KEY,
        "SQLALCHEMY_DATABASE_URI": database,
        "PASSWORD_HASH_METHOD": FAST_PASSWORD_HASH,
    }
    app, other = make_app(config_name, **settings), make_app(config_name, **settings)
    client = app.test_client()
    form = find_form(client, "/signup", field="password")
    other_answers = []

    def meanwhile(connection, cursor, statement, *rest):
        # Just before the page's INSERT, the other app signs up the same email, and commits.
        if statement.lstrip().upper().startswith("INSERT") and not other_answers:
            body = {"email": "ada@example.com", "password": PASSWORD}
            other_answers.append(other.test_client().post("/auth/register", json=body))

    with app.app_context():
        engine = app.extensions["sqlalchemy"].engine
    event.listen(engine, "before_cursor_execute", meanwhile)
    try:
        response = form.submit(client, email="ada@example.com", password=PASSWORD)
    finally:
        event.remove(engine, "before_cursor_execute", meanwhile)

    assert other_answers, "the page never sent an INSERT"
    assert other_answers[0].status_code == 201, describe(other_answers[0])
    assert response.status_code == 400, describe(response)
    assert "email" in parse_page(response).text.lower()
    assert len(database_rows(app)["users"]) == 1


def test_the_session_is_rolled_back_after_a_taken_email(app, client, add_user):
    """After a sign-up refused for a taken email, the app has rolled back its database session: the next
    sign-up works."""
    add_user("ada@example.com")

    # Requests sent inside an app context share it, and with it one database session.
    with app.app_context():
        form = find_form(client, "/signup", field="password")
        taken = form.submit(client, email="ada@example.com", password=PASSWORD)
        free = form.submit(client, email="grace@example.com", password=PASSWORD)

    assert taken.status_code == 400, describe(taken)
    assert free.status_code == 303, describe(free)
    assert len(database_rows(app)["users"]) == 2


def test_the_way_to_sign_up(client):
    """The login page links to /signup, and so does the header, for a visitor who is not signed in."""
    assert "/signup" in parse_page(client.get("/login")).links()
    assert "/signup" in parse_page(client.get("/")).links()


# This app's own words ---------------------------------------------------------------------------


@pytest.mark.reference
def test_signup_page_markup(client):
    """The sign-up page: "Sign up" as its heading, WTForms' inputs with the password's limits."""
    page = client.get("/signup").text

    assert "<h1>Sign up</h1>" in page
    assert '<form method="post" action="/signup">' in page
    assert '<input id="csrf_token" name="csrf_token" type="hidden" value="' in page
    assert '<input autocomplete="username" id="email" name="email" required type="email" value="">' in page
    assert (
        '<input autocomplete="new-password" id="password" maxlength="128" minlength="8" name="password"'
        ' required type="password" value="">'
    ) in page
    assert '<button type="submit">Sign up</button>' in page
    assert '<p>Have an account? <a href="/login">Sign in</a>.</p>' in page


@pytest.mark.reference
@pytest.mark.parametrize(
    ("email", "password", "problems"),
    [
        ("ada@example.com", "short", ["password must have at least 8 characters."]),
        (
            "",
            "",
            [
                "email is required, as text that is not blank.",
                "password is required, as text that is not blank.",
            ],
        ),
        ("a\x00@example.com", PASSWORD, ["email must not contain the NUL character (\\u0000)."]),
    ],
)
def test_sign_up_problem_wording(client, auth, email, password, problems):
    """The problems are listed in ul.problems, in the words of the API's checks."""
    page = parse_page(auth.sign_up(email, password))

    assert [item.text for item in page.find("ul", class_="problems").find_all("li")] == problems


@pytest.mark.reference
def test_taken_email_wording(client, add_user, auth):
    """A taken email is named in the API's words."""
    add_user("ada@example.com")

    page = parse_page(auth.sign_up("Ada@Example.com", PASSWORD))

    assert [item.text for item in page.find("ul", class_="problems").find_all("li")] == [
        "A user with the email ada@example.com already exists: choose another email."
    ]


@pytest.mark.reference
def test_signing_up_flashes_a_welcome(client, auth):
    """Signing up flashes "Welcome, <email>: you are signed in."."""
    auth.sign_up("ada@example.com", PASSWORD)

    assert '<p class="flash">Welcome, ada@example.com: you are signed in.</p>' in client.get("/").text
