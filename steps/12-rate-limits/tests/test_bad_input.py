"""Input that a database cannot store, or that once broke the app: a clear 400, 404 or 413, never a 500.

Each kind is tried in every field it can reach, under the testing and the production settings, and
on PostgreSQL too when TEST_DATABASE_URL names one (`python noxfile.py -s postgres`).
"""

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from io import BytesIO
from urllib.parse import urlencode

import pytest
from werkzeug.serving import make_server

from support import Form, assert_json_error, describe, find_form, parse_page

PASSWORD = "correct horse battery"
ONE_MB = 1024 * 1024

# Text that no database stores: NUL, which PostgreSQL refuses, and lone surrogates, which JSON can
# write ("\ud800") but UTF-8 cannot encode: a high one and a low one, alone and among other text.
UNSTORABLE = ["\x00", "Hello\x00 world", "\ud800", "Hello \udc80"]


@pytest.fixture(params=["testing", "production"])
def config_name(request):
    """Every refusal is the same under the testing and the production settings."""
    return request.param


def posts(client) -> list[dict]:
    response = client.get("/api/posts")
    assert response.status_code == 200, describe(response)
    return response.get_json()


def users(client) -> list[dict]:
    response = client.get("/api/users")
    assert response.status_code == 200, describe(response)
    return response.get_json()


# Text a database cannot store ----------------------------------------------------------------


@pytest.mark.parametrize("field", ["title", "content"])
@pytest.mark.parametrize("text", UNSTORABLE)
def test_a_post_with_unstorable_text_is_refused(client, api, field, text):
    """A title or content holding NUL or a lone surrogate answers 400 naming the field; nothing is saved."""
    body = {"title": "Hello", "content": "First post.", field: text}

    response = api.post("/api/posts", json=body)

    assert_json_error(response, 400, "bad_request", mentions=(field,))
    assert posts(client) == []


@pytest.mark.parametrize("method", ["put", "patch"])
@pytest.mark.parametrize("field", ["title", "content"])
@pytest.mark.parametrize("text", UNSTORABLE)
def test_a_change_with_unstorable_text_is_refused(client, api, add_post, method, field, text):
    """PUT or PATCH of a title or content holding NUL or a lone surrogate answers 400 naming the field."""
    post = add_post("Hello", "First post.")
    body = {"title": "Hello", "content": "First post.", field: text}

    response = getattr(api, method)(f"/api/posts/{post['id']}", json=body)

    assert_json_error(response, 400, "bad_request", mentions=(field,))
    assert posts(client) == [post]


@pytest.mark.parametrize("url", ["/auth/register", "/auth/login"])
@pytest.mark.parametrize("field", ["email", "password"])
@pytest.mark.parametrize("text", UNSTORABLE)
def test_a_user_with_unstorable_text_is_refused(client, url, field, text):
    """Registering or signing in with an email or password holding NUL or a lone surrogate answers 400
    naming the field, never a 500 from the database or the password hash; nothing is saved."""
    good = {"email": "ada@example.com", "password": PASSWORD}
    # In a password, the bad character comes among eight good ones: the length is not what is wrong.
    bad = text if field == "email" else f"{PASSWORD}{text}"

    response = client.post(url, json={**good, field: bad})

    assert_json_error(response, 400, "bad_request", mentions=(field,))
    assert users(client) == []


def test_a_lone_surrogate_in_raw_utf8_bytes_is_refused(client, api):
    """JSON bytes that encode a lone surrogate (ED A0 80) answer 400 naming the field, like "\\ud800"."""
    body = b'{"title": "Hi \xed\xa0\x80", "content": "Text"}'

    response = api.post("/api/posts", data=body, content_type="application/json")

    assert_json_error(response, 400, "bad_request", mentions=("title",))
    assert posts(client) == []


def new_post_form(client) -> Form:
    """The form of /posts/new, for the client signed in: what it sends, CSRF token and all."""
    return find_form(client, "/posts/new", field="title")


@pytest.mark.parametrize("field", ["title", "content"])
def test_the_form_refuses_a_nul(client, signed_in, field):
    """The new-post form with a NUL in the title or content answers 400 naming the field; nothing is saved."""
    form = {"title": "Hello", "content": "First post.", field: "a\x00b"}
    blank = parse_page(client.get("/posts/new")).text.lower()

    response = new_post_form(client).submit(client, **form)

    assert response.status_code == 400, describe(response)
    # The form's labels name both fields already: the page must name the field once more.
    assert parse_page(response).text.lower().count(field) > blank.count(field), describe(response)
    assert posts(client) == []


def test_the_form_takes_bytes_that_are_not_utf8_without_a_500(client, signed_in):
    """A form field with bytes that are not UTF-8 (a surrogate's ED A0 80) is saved as text UTF-8 encodes."""
    hidden = urlencode(new_post_form(client).hidden).encode()
    form = b"title=Hi+%ED%A0%80&content=Text&" + hidden

    response = client.post("/posts/new", data=form, content_type="application/x-www-form-urlencoded")

    assert response.status_code == 303, describe(response)
    title = posts(client)[0]["title"]
    assert title.startswith("Hi ")
    assert title.encode("utf-8")  # no lone surrogate got in


# Searching -------------------------------------------------------------------------------------


@pytest.mark.parametrize("length", [201, 60_000])
def test_a_search_too_long_is_refused(client, add_post, length):
    """GET /api/posts?q= of more than 200 characters answers 400 naming q."""
    add_post("Hello")

    response = client.get("/api/posts", query_string={"q": "a" * length})

    assert_json_error(response, 400, "bad_request", mentions=("q",))


def test_a_search_of_200_characters_is_answered(client, add_post):
    """GET /api/posts?q= of exactly 200 characters is a search like any other."""
    post = add_post("x" * 200)

    response = client.get("/api/posts", query_string={"q": "x" * 200})

    assert response.status_code == 200, describe(response)
    assert response.get_json() == [post]


@pytest.mark.parametrize("q", ["\x00", "a\x00", "%00"])
def test_a_search_for_a_nul_is_refused(client, add_post, q):
    """GET /api/posts?q= holding NUL answers 400 naming q."""
    add_post("Hello")
    query = "q=%00" if q == "%00" else {"q": q}

    response = client.get("/api/posts", query_string=query)

    assert_json_error(response, 400, "bad_request", mentions=("q",))


# Lower and upper case in other alphabets than English: the same posts on SQLite and PostgreSQL.
CASE_PAIRS = [
    ("Été à Paris", "été"),
    ("été à Paris", "ÉTÉ"),
    ("Über Flask", "über"),
    ("ЖУРНАЛ", "журнал"),
    ("Ωμέγα", "ωΜΈΓΑ"),
    ("Ǆemal", "ǆemal"),
]


@pytest.mark.parametrize(("title", "q"), CASE_PAIRS)
def test_search_ignores_case_in_every_alphabet(client, add_post, title, q):
    """GET /api/posts?q= ignores lower and upper case beyond English: ?q=été finds "Été"."""
    post = add_post(title)
    add_post("Something else")

    response = client.get("/api/posts", query_string={"q": q})

    assert response.status_code == 200, describe(response)
    assert response.get_json() == [post]


@pytest.mark.parametrize(("q", "expected"), [("100%", ["100% sure"]), ("a_b", ["a_b"]), ("%", ["100% sure"])])
def test_search_wildcards_match_only_themselves(client, add_post, q, expected):
    """In ?q=, % and _ match only themselves, not any text as in SQL's LIKE."""
    for title in ["100% sure", "100 sure", "a_b", "axb"]:
        add_post(title)

    response = client.get("/api/posts", query_string={"q": q})

    assert response.status_code == 200, describe(response)
    assert [post["title"] for post in response.get_json()] == expected


# Ids past 32 bits ------------------------------------------------------------------------------

# 2**31 is one more than PostgreSQL's INTEGER holds; 2**63 - 1 is the largest BIGINT; 2**64 is
# more than any database column here holds.
LARGE_IDS = [2**31, 2**63 - 1, 2**64]


@pytest.mark.parametrize("method", ["get", "delete"])
@pytest.mark.parametrize("kind", ["posts", "users"])
@pytest.mark.parametrize("large_id", LARGE_IDS)
def test_a_large_id_in_a_url_is_not_found(api, method, kind, large_id):
    """GET or DELETE /api/posts/<id> and /api/users/<id> with an id past 32 bits answers 404."""
    response = getattr(api, method)(f"/api/{kind}/{large_id}")

    assert_json_error(response, 404, "not_found")


@pytest.mark.parametrize("large_id", LARGE_IDS)
def test_a_large_id_on_a_page_is_not_found(client, large_id):
    """/posts/<id> with an id past 32 bits answers the HTML 404 page."""
    response = client.get(f"/posts/{large_id}")

    assert response.status_code == 404, describe(response)
    assert response.mimetype == "text/html"


@pytest.mark.parametrize("large_id", LARGE_IDS)
def test_a_large_author_id_in_the_form_changes_nothing(client, signed_in, large_id):
    """The new-post form with an author_id past 32 bits publishes the post as who is signed in, no 500."""
    form = {"title": "Hello", "content": "First post.", "author_id": str(large_id)}

    response = new_post_form(client).submit(client, **form)

    assert response.status_code == 303, describe(response)
    assert [post["author"] for post in posts(client)] == [signed_in]


# One address, one account ----------------------------------------------------------------------


def fullwidth(text: str) -> str:
    """The text in fullwidth letters, as Japanese and Chinese keyboards type them."""
    return "".join(chr(ord(letter) + 0xFEE0) for letter in text)


# Each pair: two spellings that email-validator reads as one address, and the one stored.
SAME_ADDRESS = [
    ("ada@example.com", "Ada@Example.COM", "ada@example.com"),
    ("ada@example.com", "  ada@example.com\n", "ada@example.com"),
    ("ada@example.com", f"ada@{fullwidth('EXAMPLE')}.com", "ada@example.com"),
    ("ada@example.com", f"ada@{fullwidth('example.com')}", "ada@example.com"),
    ("ada@bücher.de", "ada@xn--bcher-kva.de", "ada@bücher.de"),  # the same domain, as IDNA writes it
    ("ada@bücher.de", "ADA@BÜCHER.DE", "ada@bücher.de"),
    ("ǆemal@example.com", "ǅemal@example.com", "ǆemal@example.com"),
]


@pytest.mark.parametrize(("first", "second", "stored"), SAME_ADDRESS)
def test_one_address_is_one_account_however_it_is_spelled(client, first, second, stored):
    """Two spellings of one address are one account: the second answers 409 naming email."""
    created = client.post("/auth/register", json={"email": first, "password": PASSWORD})
    again = client.post("/auth/register", json={"email": second, "password": PASSWORD})

    assert created.status_code == 201, describe(created)
    assert created.get_json()["email"] == stored
    assert_json_error(again, 409, "conflict", mentions=("email",))
    assert [user["email"] for user in users(client)] == [stored]


# Passwords -------------------------------------------------------------------------------------


def test_a_password_of_128_characters_is_accepted(client):
    """A password of 128 characters, the most, is accepted."""
    response = client.post("/auth/register", json={"email": "ada@example.com", "password": "p" * 128})

    assert response.status_code == 201, describe(response)


@pytest.mark.parametrize("url", ["/auth/register", "/auth/login"])
@pytest.mark.parametrize("length", [129, 100_000])
def test_a_password_too_long_is_refused(client, url, length):
    """Registering or signing in with a password of more than 128 characters answers 400 naming
    password: nobody makes the server hash 100,000 characters."""
    response = client.post(url, json={"email": "ada@example.com", "password": "p" * length})

    assert_json_error(response, 400, "bad_request", mentions=("password",))
    assert users(client) == []


# Bodies without a Content-Length -------------------------------------------------------------


def without_a_length(client, url, body: bytes, content_type="application/json"):
    """POST the body as a server hands on a chunked one: no Content-Length, the end of the stream
    marked by the server (wsgi.input_terminated), as `flask run` and gunicorn do."""
    return client.post(
        url,
        input_stream=BytesIO(body),
        content_type=content_type,
        headers={"Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True},
    )


def json_post_of(size: int) -> bytes:
    """A JSON post of exactly `size` bytes: spaces after the object fill it up."""
    body = b'{"title": "Big", "content": "Hi"}'
    return body + b" " * (size - len(body))


@pytest.mark.parametrize("size", [ONE_MB + 1, 2 * ONE_MB])
def test_a_body_over_1_mb_without_a_length_is_too_large(client, api, size):
    """A JSON body over 1 MB without a Content-Length answers 413, like one with a length; nothing saved."""
    response = without_a_length(api, "/api/posts", json_post_of(size))

    assert_json_error(response, 413, "request_entity_too_large")
    assert posts(client) == []


def test_a_body_of_1_mb_without_a_length_is_read_whole(client, api):
    """A JSON body of exactly 1 MB without a Content-Length is read to its end and saved."""
    response = without_a_length(api, "/api/posts", json_post_of(ONE_MB))

    assert response.status_code == 201, describe(response)
    assert len(posts(client)) == 1


def test_a_form_over_1_mb_without_a_length_is_too_large(client, signed_in):
    """The new-post form over 1 MB without a Content-Length answers 413; nothing is saved."""
    hidden = urlencode(new_post_form(client).hidden).encode()
    form = hidden + b"&title=Big&content=" + b"x" * (2 * ONE_MB)

    response = without_a_length(client, "/posts/new", form, "application/x-www-form-urlencoded")

    assert response.status_code == 413, describe(response)
    assert posts(client) == []


# The same on real servers: `flask run`'s and gunicorn's -----------------------------------------


def send_chunked(port: int, body: bytes) -> int:
    """POST the body to /api/posts in chunks (no Content-Length) and give back the status."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    chunks = (body[start : start + 65536] for start in range(0, len(body), 65536))
    try:
        headers = {"Content-Type": "application/json"}
        connection.request("POST", "/api/posts", body=chunks, headers=headers, encode_chunked=True)
        return connection.getresponse().status
    except (BrokenPipeError, ConnectionResetError):  # a server may hang up before reading all
        pytest.fail("the server closed the connection instead of answering 413")
    finally:
        connection.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_flask_runs_development_server_refuses_a_large_chunked_body(app):
    """Under `flask run`'s server (Werkzeug's), a chunked JSON body of 2 MB answers 413."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    # serve_forever looks every poll_interval whether shutdown() was called: 0.5 s by default.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    try:
        assert send_chunked(server.port, b'{"title": "' + b"x" * (2 * ONE_MB) + b'"}') == 413
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


def test_gunicorn_refuses_a_large_chunked_body(tmp_path):
    """Under gunicorn, a chunked JSON body of 2 MB answers 413."""
    port = free_port()
    database = f"sqlite:///{tmp_path / 'blog.sqlite'}"
    secrets = {"SECRET_KEY": "s" * 32, "JWT_SECRET_KEY": "j" * 32}
    env = {
        **os.environ,
        **secrets,
        "FLASK_SQLALCHEMY_DATABASE_URI": database,
        "FLASK_RATELIMIT_STORAGE_URI": "memory://",  # one worker: its own memory counts right
    }
    app = "app:create_app('production')"
    command = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", app]
    server = subprocess.Popen(command, env=env, stderr=subprocess.PIPE)
    try:
        wait_for(port, server)
        assert send_chunked(port, b'{"title": "' + b"x" * (2 * ONE_MB) + b'"}') == 413
    finally:
        server.terminate()
        server.communicate(timeout=30)


def wait_for(port: int, server: subprocess.Popen) -> None:
    """Wait until the server accepts connections on the port, for at most 30 seconds."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn stopped: {server.stderr.read().decode()[-2000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    pytest.fail("gunicorn did not start within 30 seconds")
