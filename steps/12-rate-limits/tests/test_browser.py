"""A real browser, headless Chromium, obeys the API's CORS headers: a page of an allowed origin reads
the API's answers, a page of any other origin reads none. Two web sites and the app, each a server
on a port of its own on 127.0.0.1, are three origins; Chromium opens a page of each site and runs
fetch() there, and the test reads what the page's script got.

Chromium comes from the environment variables CHROMIUM and CHROMEDRIVER, else from the PATH.
Without it these tests are skipped; where the environment variable CI is set they fail instead."""

import json
import os
import shutil
import threading

import pytest
from conftest import PASSWORD, build_app, close_database
from werkzeug.serving import make_server
from werkzeug.wrappers import Response

from support import describe

pytestmark = pytest.mark.browser

NO_CHROMIUM = "no Chromium: install chromium and chromium-driver (Debian) to run the browser test"
NO_SELENIUM = "no Selenium: pip install -r requirements.txt -c ../../constraints.txt to run the browser test"
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
SCRIPT_TIMEOUT = 10  # seconds a page's script may take to give its result

# fetch() in the page. What it got comes back to the test as a dict: the status, the headers the
# script can read and the JSON body, or, when fetch() rejects, the error's name and message.
FETCH = """
const [url, init, done] = arguments;
fetch(url, init).then(
    async (response) => done({
        status: response.status,
        headers: Object.fromEntries(response.headers),
        body: await response.json(),
    }),
    (error) => done({rejected: error.name, message: error.message}),
);
"""


def unavailable(reason: str):
    """Skip the test, saying why; where CI is set, fail instead: CI has a browser."""
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def find(variable: str, names: tuple[str, ...]) -> str | None:
    """The program the environment variable names, else the first of `names` on the PATH: its path,
    or None if it is not there (or not a program)."""
    if os.environ.get(variable):
        return shutil.which(os.environ[variable])
    return next((path for path in map(shutil.which, names) if path), None)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for every browser test, driven by Selenium."""
    chromium, chromedriver = find("CHROMIUM", BROWSERS), find("CHROMEDRIVER", ("chromedriver",))
    if not chromium or not chromedriver:
        unavailable(NO_CHROMIUM)
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        unavailable(NO_SELENIUM)
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    options.add_argument("--headless=new")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        options.add_argument("--no-sandbox")  # Chromium's sandbox cannot start as root (in a container)
    options.add_argument("--disable-dev-shm-usage")  # a container's /dev/shm, often 64 MB, is too small
    # Given both paths, Selenium never runs Selenium Manager, which would download a browser and a driver.
    driver = webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)
    driver.set_script_timeout(SCRIPT_TIMEOUT)
    yield driver
    driver.quit()


class Server:
    """A WSGI app served on 127.0.0.1, on a free port, from a thread; its origin, http://127.0.0.1:PORT.

    threaded: each connection in a thread of its own, so that a connection Chromium opens ahead of
    time and never uses cannot keep the server from answering the others, or from stopping."""

    def __init__(self, wsgi_app):
        self.server = make_server("127.0.0.1", 0, wsgi_app, threaded=True)
        self.origin = f"http://127.0.0.1:{self.server.server_port}"
        # poll_interval: how soon serve_forever() sees that close() asks it to stop.
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05})
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


def empty_page(environ, start_response):
    """A web site whose every page is empty: the script it runs is the test's."""
    return Response("<!doctype html><title>A page</title>", mimetype="text/html")(environ, start_response)


@pytest.fixture(scope="module")
def sites():
    """Two web sites on this machine, the allowed one and another: their origins differ by their port."""
    allowed, other = Server(empty_page), Server(empty_page)
    yield allowed, other
    allowed.close()
    other.close()


@pytest.fixture(scope="module")
def served(sites):
    """The app, with three posts by ada@example.com, served on a third port, allowing the first site's
    origin only: its origin, the app, and ada's access token."""
    allowed, _ = sites
    app = build_app("testing", CORS_ORIGINS=[allowed.origin])
    client = app.test_client()
    credentials = {"email": "ada@example.com", "password": PASSWORD}
    assert client.post("/auth/register", json=credentials).status_code == 201
    token = client.post("/auth/login", json=credentials).get_json()["access_token"]
    for number in range(3):
        post = {"title": f"Post {number}", "content": "Hello."}
        response = client.post("/api/posts", json=post, headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 201, describe(response)
    server = Server(app)
    yield server.origin, app, token
    server.close()
    with app.app_context():
        close_database(app)


def fetch_from(browser, site, url, **init) -> dict:
    """What the script of a page of `site` gets from fetch(url, init): {status, headers, body}, or
    {rejected, message} when fetch() rejects."""
    if not browser.current_url.startswith(site.origin + "/"):
        browser.get(site.origin + "/")
    return browser.execute_async_script(FETCH, url, init)


def with_token(token: str, **headers) -> dict:
    return {"Authorization": f"Bearer {token}", **headers}


def test_allowed_page_reads_the_posts_and_their_headers(browser, sites, served):
    """A page of an allowed origin reads the posts, and X-Total-Count, Link and X-Request-ID."""
    api, _, _ = served

    seen = fetch_from(browser, sites[0], f"{api}/api/posts?per_page=2")

    assert seen.get("status") == 200, seen
    assert [post["title"] for post in seen["body"]] == ["Post 2", "Post 1"]
    assert seen["headers"].get("x-total-count") == "3", seen["headers"]
    assert 'rel="next"' in seen["headers"].get("link", ""), seen["headers"]
    assert seen["headers"].get("x-request-id"), seen["headers"]


def test_allowed_page_sends_a_token(browser, sites, served):
    """The preflight lets a page of an allowed origin send its bearer token: GET /auth/me reads the user."""
    api, _, token = served

    seen = fetch_from(browser, sites[0], f"{api}/auth/me", headers=with_token(token))

    assert seen.get("status") == 200, seen
    assert seen["body"]["email"] == "ada@example.com"


def test_allowed_page_reads_a_json_error(browser, sites, served):
    """A page of an allowed origin reads the API's JSON errors too: a POST of {} is a 400 it can show."""
    api, _, token = served
    headers = with_token(token, **{"Content-Type": "application/json"})

    seen = fetch_from(browser, sites[0], f"{api}/api/posts", method="POST", headers=headers, body="{}")

    assert seen.get("status") == 400, seen
    assert seen["body"]["error"] == "bad_request"


def test_allowed_page_cannot_send_other_headers(browser, sites, served):
    """The preflight refuses a header the API does not list: fetch() rejects, nothing is sent."""
    api, _, _ = served

    seen = fetch_from(browser, sites[0], f"{api}/api/posts", headers={"X-Colour": "blue"})

    assert seen.get("rejected") == "TypeError", seen


def test_other_page_reads_nothing(browser, sites, served):
    """A page of any other origin reads nothing of the API: fetch() rejects."""
    api, _, _ = served

    seen = fetch_from(browser, sites[1], f"{api}/api/posts")

    assert seen.get("rejected") == "TypeError", seen


def test_other_page_cannot_publish(browser, sites, served):
    """A page of another origin cannot publish, even with a token: the preflight fails, no post is stored."""
    api, app, token = served
    post = json.dumps({"title": "Forged", "content": "From another site."})
    headers = with_token(token, **{"Content-Type": "application/json"})

    seen = fetch_from(browser, sites[1], f"{api}/api/posts", method="POST", headers=headers, body=post)

    assert seen.get("rejected") == "TypeError", seen
    assert app.test_client().get("/api/posts").headers["X-Total-Count"] == "3"


def test_allowed_page_reads_how_long_to_wait(browser, sites):
    """A page of an allowed origin that sends too many requests reads the API's 429, and how long to
    wait: Retry-After and the X-RateLimit-* headers."""
    allowed, _ = sites
    limits = {"RATELIMIT_ENABLED": True, "RATELIMIT_DEFAULT": "2 per minute"}
    app = build_app("testing", CORS_ORIGINS=[allowed.origin], **limits)
    server = Server(app)
    try:
        seen = [fetch_from(browser, allowed, f"{server.origin}/api/posts") for _ in range(3)]
    finally:
        server.close()
        with app.app_context():
            close_database(app)

    assert [answer.get("status") for answer in seen] == [200, 200, 429], seen
    assert seen[-1]["body"]["error"] == "too_many_requests"
    headers = seen[-1]["headers"]
    assert headers.get("x-ratelimit-limit") == "2", headers
    assert headers.get("x-ratelimit-remaining") == "0", headers
    assert int(headers.get("retry-after", "0")) > 0, headers
