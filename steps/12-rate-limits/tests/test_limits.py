"""Rate limits: each client may send so many requests in a while, then gets 429 Too Many Requests.

Each test builds an app with small limits of its own, sends exactly as many requests as a limit
allows, then one more. The client is the test client, 127.0.0.1, unless a test gives another
address (REMOTE_ADDR) or the X-Forwarded-For header of a proxy.
"""

import logging
import os
import time
import uuid

import pytest
import redis

from support import assert_json_error, describe, find_form, parse_page

SECRETS = {
    "SECRET_KEY": "a-secret-for-tests-only-0123456789abcdef",
    "JWT_SECRET_KEY": "a-jwt-secret-for-tests-only-0123456789abcdef",
}
FAST_PASSWORD_HASH = "pbkdf2:sha256:1"
PASSWORD = "correct horse battery"
WRONG_PASSWORD = "a wrong guess"
# The Redis server of the Redis tests. Each test counts under a key prefix of its own, so that tests
# running side by side (pytest-xdist) or one after the other never add to each other's counts.
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
NO_REDIS = "redis://127.0.0.1:1/0"  # a port where no Redis listens
# What a reverse proxy tells the app: the client's address, and the scheme and host it asked for.
PROXY_HEADERS = {
    "X-Forwarded-For": "203.0.113.7",
    "X-Forwarded-Proto": "https",
    "X-Forwarded-Host": "public.example",
}


@pytest.fixture(params=["testing", "production"])
def config_name(request):
    """The limits hold alike under the testing and the production settings."""
    return request.param


@pytest.fixture
def limited(make_app, config_name):
    """limited(RATELIMIT_DEFAULT="3 per minute", ...): a new app with these settings, under the test's
    settings name, counting in its own memory unless RATELIMIT_STORAGE_URI says otherwise."""

    def make(**settings):
        return make_app(config_name, PASSWORD_HASH_METHOD=FAST_PASSWORD_HASH, **SECRETS, **settings)

    return make


def statuses(client, count: int, method: str = "GET", url: str = "/api/posts", **options) -> list[int]:
    """The statuses of `count` requests in a row, all alike."""
    return [client.open(url, method=method, **options).status_code for _ in range(count)]


def sign_up(client, email: str = "ada@example.com") -> dict:
    """Register a user with POST /auth/register: their JSON."""
    response = client.post("/auth/register", json={"email": email, "password": PASSWORD})
    assert response.status_code == 201, describe(response)
    return response.get_json()


def api_sign_in(client, password: str = WRONG_PASSWORD, email: str = "ada@example.com", **options):
    """One sign-in attempt with POST /auth/login: the response."""
    return client.post("/auth/login", json={"email": email, "password": password}, **options)


def form_sign_in(client, password: str = WRONG_PASSWORD, email: str = "ada@example.com"):
    """One sign-in attempt with the form of /login, CSRF token and all: the response."""
    return find_form(client, "/login", field="password").submit(client, email=email, password=password)


def bearer(client, email: str = "ada@example.com", **options) -> dict:
    """The headers of a request signed in as this user, with an access token from POST /auth/login."""
    response = api_sign_in(client, PASSWORD, email, **options)
    assert response.status_code == 200, describe(response)
    return {"Authorization": f"Bearer {response.get_json()['access_token']}"}


def assert_too_many_requests(response) -> dict:
    """The response is the API's JSON 429, with the headers that say how long to wait."""
    body = assert_json_error(response, 429, "too_many_requests")
    assert int(response.headers["Retry-After"]) >= 0, describe(response)
    assert response.headers["X-RateLimit-Remaining"] == "0", describe(response)
    return body


# The default limit --------------------------------------------------------------------------------


def test_the_default_limit(limited):
    """RATELIMIT_DEFAULT "3 per minute": the 3rd request of a minute is answered, the 4th is a JSON 429."""
    client = limited(RATELIMIT_DEFAULT="3 per minute").test_client()

    assert statuses(client, 3) == [200, 200, 200]
    assert_too_many_requests(client.get("/api/posts"))


def test_the_headers_say_where_the_client_stands(limited):
    """X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset on each answer; a 429 says in
    Retry-After how many seconds are left of the window."""
    client = limited(RATELIMIT_DEFAULT="3 per minute").test_client()
    started = time.time()

    answers = [client.get("/api/posts") for _ in range(4)]

    assert [answer.headers["X-RateLimit-Limit"] for answer in answers] == ["3"] * 4
    assert [answer.headers["X-RateLimit-Remaining"] for answer in answers] == ["2", "1", "0", "0"]
    reset = int(answers[-1].headers["X-RateLimit-Reset"])  # when the window ends, in Unix time
    assert started < reset <= time.time() + 61
    assert 0 < int(answers[-1].headers["Retry-After"]) <= 61


def test_each_view_has_its_own_count(limited):
    """The default limit counts each view apart: /api/posts used up, /api/users still answers."""
    client = limited(RATELIMIT_DEFAULT="2 per minute").test_client()

    assert statuses(client, 3, url="/api/posts") == [200, 200, 429]
    assert statuses(client, 3, url="/api/users") == [200, 200, 429]


def test_each_client_address_has_its_own_count(limited):
    """Each client address counts apart: one over the limit leaves another one its whole allowance."""
    client = limited(RATELIMIT_DEFAULT="2 per minute").test_client()

    one, other = {"REMOTE_ADDR": "192.0.2.1"}, {"REMOTE_ADDR": "192.0.2.2"}
    assert statuses(client, 3, environ_base=one) == [200, 200, 429]
    assert statuses(client, 3, environ_base=other) == [200, 200, 429]


def test_a_page_over_the_limit_is_the_html_error_page(limited):
    """Past the limit, a page answers 429 with an HTML error page that links back to /, not JSON."""
    client = limited(RATELIMIT_DEFAULT="1 per minute").test_client()

    assert client.get("/").status_code == 200
    response = client.get("/")

    assert response.status_code == 429, describe(response)
    assert "/" in parse_page(response).links()
    assert "Retry-After" in response.headers


def test_a_refused_request_is_logged(limited, caplog):
    """A 429 leaves its line in the log, with its request id, as every answer does."""
    caplog.set_level(logging.INFO)
    client = limited(RATELIMIT_DEFAULT="1 per minute").test_client()
    client.get("/api/posts")

    response = client.get("/api/posts", headers={"X-Request-ID": "over-the-limit"})

    assert response.status_code == 429, describe(response)
    assert response.headers["X-Request-ID"] == "over-the-limit"
    lines = [record.getMessage() for record in caplog.records if "over-the-limit" in str(vars(record))]
    assert len(lines) == 1, lines
    assert " 429 " in f" {lines[0]} ", lines


def test_limits_can_be_switched_off(limited):
    """RATELIMIT_ENABLED = False, Flask-Limiter's switch, turns every limit off; the views still answer."""
    app = limited(RATELIMIT_ENABLED=False, RATELIMIT_DEFAULT="1 per minute", RATELIMIT_LOGIN="1 per minute")
    client = app.test_client()

    assert statuses(client, 3) == [200, 200, 200]
    assert [api_sign_in(client).status_code for _ in range(3)] == [401, 401, 401]


def test_a_page_of_an_allowed_origin_reads_how_long_to_wait(limited):
    """A 429 carries the CORS headers too, and lets a page's script read Retry-After and the
    X-RateLimit-* headers (Access-Control-Expose-Headers)."""
    origin = "https://reader.example.com"
    client = limited(CORS_ORIGINS=[origin], RATELIMIT_DEFAULT="1 per minute").test_client()
    client.get("/api/posts", headers={"Origin": origin})

    response = client.get("/api/posts", headers={"Origin": origin})

    assert_too_many_requests(response)
    assert response.headers.get("Access-Control-Allow-Origin") == origin, describe(response)
    exposed = {
        name.strip().lower() for name in response.headers.get("Access-Control-Expose-Headers", "").split(",")
    }
    assert exposed >= {"retry-after", "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"}, (
        exposed
    )


def test_a_preflight_is_not_counted(limited):
    """The preflight (OPTIONS) that a browser sends before a request of another origin counts against
    no limit: the page's script gets the real answer, the API's 429 included."""
    origin = "https://reader.example.com"
    client = limited(CORS_ORIGINS=[origin], RATELIMIT_DEFAULT="1 per minute").test_client()
    asks = {
        "Origin": origin,
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "authorization",
    }

    assert statuses(client, 3, "OPTIONS", url="/api/users", headers=asks) == [200, 200, 200]
    assert statuses(client, 2, url="/api/users") == [200, 429]


# Signing in ---------------------------------------------------------------------------------------


def test_sign_in_attempts_are_limited(limited):
    """RATELIMIT_LOGIN "3 per minute": three wrong passwords are 401s, then even the right one is a 429."""
    client = limited(RATELIMIT_LOGIN="3 per minute").test_client()
    sign_up(client)

    assert [api_sign_in(client).status_code for _ in range(3)] == [401, 401, 401]
    assert_too_many_requests(api_sign_in(client, PASSWORD))


def test_the_api_and_the_form_share_one_count_of_sign_ins(limited):
    """POST /auth/login and POST /login count together: the form is no way around the API's limit."""
    client = limited(RATELIMIT_LOGIN="3 per minute").test_client()
    sign_up(client)

    assert api_sign_in(client).status_code == 401
    assert form_sign_in(client).status_code == 400
    assert api_sign_in(client).status_code == 401
    assert form_sign_in(client, PASSWORD).status_code == 429
    assert_too_many_requests(api_sign_in(client, PASSWORD))


def test_showing_the_login_form_is_no_sign_in_attempt(limited):
    """GET /login counts against the default limit, not the sign-ins: the form shows after the 429."""
    client = limited(RATELIMIT_LOGIN="1 per minute").test_client()

    assert api_sign_in(client).status_code == 401
    assert api_sign_in(client).status_code == 429
    assert statuses(client, 3, url="/login") == [200, 200, 200]


def test_sign_ins_are_five_a_minute_by_default(make_app, config_name):
    """Out of the box, the 6th sign-in attempt of a minute from one address is refused."""
    client = make_app(config_name, PASSWORD_HASH_METHOD=FAST_PASSWORD_HASH, **SECRETS).test_client()

    assert [api_sign_in(client).status_code for _ in range(5)] == [401] * 5
    assert_too_many_requests(api_sign_in(client))


# Publishing ---------------------------------------------------------------------------------------


def test_new_posts_are_limited(limited):
    """RATELIMIT_NEW_POSTS "2 per minute": two posts are published, the third is a 429 and is not."""
    client = limited(RATELIMIT_NEW_POSTS="2 per minute").test_client()
    sign_up(client)
    headers = bearer(client)
    post = {"title": "Hello", "content": "Once more."}

    assert statuses(client, 2, "POST", json=post, headers=headers) == [201, 201]
    assert_too_many_requests(client.post("/api/posts", json=post, headers=headers))
    assert client.get("/api/posts").headers["X-Total-Count"] == "2"


def test_the_api_and_the_form_share_one_count_of_new_posts(limited):
    """POST /api/posts and POST /posts/new count together: the form is no way around the API's limit."""
    client = limited(RATELIMIT_NEW_POSTS="2 per minute").test_client()
    sign_up(client)
    headers = bearer(client)
    assert form_sign_in(client, PASSWORD).status_code == 303
    post = {"title": "Hello", "content": "Once more."}

    assert client.post("/api/posts", json=post, headers=headers).status_code == 201
    assert find_form(client, "/posts/new", field="title").submit(client, **post).status_code == 303
    assert find_form(client, "/posts/new", field="title").submit(client, **post).status_code == 429
    assert_too_many_requests(client.post("/api/posts", json=post, headers=headers))
    assert client.get("/api/posts").headers["X-Total-Count"] == "2"


def test_reading_posts_is_not_publishing(limited):
    """GET /api/posts counts against the default limit, not RATELIMIT_NEW_POSTS."""
    client = limited(RATELIMIT_NEW_POSTS="1 per minute", RATELIMIT_DEFAULT="3 per minute").test_client()

    assert statuses(client, 4) == [200, 200, 200, 429]


# The window ends ----------------------------------------------------------------------------------


def test_every_limit_allows_requests_again_once_its_window_ends(make_app):
    """With limits per second, the request over a limit is refused, and once its window has ended the
    next one is answered: the default limit, the sign-ins and the new posts alike."""
    # Not "1 per second" for both limits of /api/posts: Flask-Limiter would keep GET's and POST's
    # counts under one key, that of /api/posts and "1 per second".
    per_second = {
        "RATELIMIT_DEFAULT": "2 per second",
        "RATELIMIT_LOGIN": "1 per second",
        "RATELIMIT_NEW_POSTS": "1 per second",
    }
    client = make_app(
        "testing", PASSWORD_HASH_METHOD=FAST_PASSWORD_HASH, **SECRETS, **per_second
    ).test_client()
    sign_up(client)
    # The token comes from another address, whose sign-in leaves this one's count alone.
    headers = bearer(client, environ_base={"REMOTE_ADDR": "192.0.2.99"})
    post = {"title": "Hello", "content": "Once a second."}

    def one_request_for_each_limit() -> list:
        return [
            client.get("/api/posts"),
            api_sign_in(client),
            client.post("/api/posts", json=post, headers=headers),
        ]

    assert client.get("/api/posts").status_code == 200
    assert [response.status_code for response in one_request_for_each_limit()] == [200, 401, 201]
    counted_until = time.monotonic()  # every request counted so far was sent before this
    assert [response.status_code for response in one_request_for_each_limit()] == [429, 429, 429]

    # A second after the last request counted, none of them is in any window of one second.
    time.sleep(max(counted_until + 1.05 - time.monotonic(), 0))

    assert [response.status_code for response in one_request_for_each_limit()] == [200, 401, 201]


# One count for each app, or one for all of them: memory:// and Redis -------------------------------


def test_each_app_counts_with_its_own_limits(limited):
    """Apps built one after the other, or both before any request, each count alone, under their own
    limits: nothing of one app's counts or limits reaches another."""
    first = limited(RATELIMIT_DEFAULT="2 per minute").test_client()
    second = limited(RATELIMIT_DEFAULT="3 per minute").test_client()

    assert statuses(first, 3) == [200, 200, 429]
    assert statuses(second, 4) == [200, 200, 200, 429]
    third = limited(RATELIMIT_DEFAULT="2 per minute").test_client()
    assert statuses(third, 3) == [200, 200, 429]
    assert statuses(first, 1) == [429]


def test_in_memory_two_workers_allow_twice_the_limit(limited):
    """memory://: two apps, as two gunicorn workers, each count alone: together twice the limit."""
    workers = [limited(RATELIMIT_STORAGE_URI="memory://", RATELIMIT_DEFAULT="2 per minute") for _ in range(2)]

    answered = [statuses(worker.test_client(), 3) for worker in workers]

    assert answered == [[200, 200, 429], [200, 200, 429]]


@pytest.fixture
def redis_url():
    """The URL of a Redis server that answers, TEST_REDIS_URL; without one the test is skipped, and
    fails instead where the environment variable CI is set."""
    try:
        redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        message = f"No Redis server answers at {TEST_REDIS_URL} ({error}): start one, or set TEST_REDIS_URL"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return TEST_REDIS_URL


def test_two_workers_on_one_redis_share_the_count(make_app, redis_url):
    """Two production apps, as two gunicorn workers, on one Redis server: together they allow exactly
    the limit, then both refuse."""
    shared = {
        "RATELIMIT_STORAGE_URI": redis_url,
        "RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex}",  # this test's counts only
        "RATELIMIT_DEFAULT": "5 per minute",
    }
    workers = [make_app("production", **SECRETS, **shared).test_client() for _ in range(2)]

    answered = [[], []]
    for _ in range(4):  # the requests alternate between the workers, as a load balancer sends them
        for worker, statuses_seen in zip(workers, answered, strict=True):
            statuses_seen.append(worker.get("/api/posts").status_code)

    assert sum(seen.count(200) for seen in answered) == 5, answered
    assert [seen[-1] for seen in answered] == [429, 429], answered


def test_a_redis_that_does_not_answer_leaves_the_limits_to_each_worker(limited, caplog):
    """When Redis does not answer, each worker counts in its own memory: the limits hold, no 500."""
    client = limited(RATELIMIT_STORAGE_URI=NO_REDIS, RATELIMIT_DEFAULT="2 per minute").test_client()

    assert statuses(client, 3) == [200, 200, 429]


# Behind a reverse proxy ---------------------------------------------------------------------------


def test_without_a_proxy_x_forwarded_for_changes_nothing(limited):
    """PROXY_COUNT 0: a client that writes a new X-Forwarded-For into each request is still one client."""
    client = limited(RATELIMIT_DEFAULT="2 per minute").test_client()

    made_up = [{"X-Forwarded-For": f"198.51.100.{n}"} for n in range(3)]

    assert [client.get("/api/posts", headers=headers).status_code for headers in made_up] == [200, 200, 429]


def test_behind_one_proxy_the_client_is_the_address_it_reports(limited):
    """PROXY_COUNT 1: the client is the right-most X-Forwarded-For address, the one the proxy added;
    whatever the client wrote to its left changes nothing."""
    client = limited(RATELIMIT_DEFAULT="2 per minute", PROXY_COUNT=1).test_client()

    def status_for(forwarded_for: str) -> int:
        return client.get("/api/posts", headers={"X-Forwarded-For": forwarded_for}).status_code

    assert status_for("203.0.113.7") == 200
    assert status_for("6.6.6.6, 203.0.113.7") == 200
    assert status_for("7.7.7.7, 203.0.113.7") == 429
    assert status_for("203.0.113.8") == 200  # another client


@pytest.mark.parametrize(
    ("proxies", "first_page"), [(1, "https://public.example/"), (0, "http://localhost/")]
)
def test_link_urls_behind_a_proxy(limited, proxies, first_page):
    """Behind one proxy, the Link header's URLs have the scheme and host it reports (X-Forwarded-Proto,
    X-Forwarded-Host); without one, those headers change nothing."""
    client = limited(PROXY_COUNT=proxies).test_client()

    response = client.get("/api/posts", headers=PROXY_HEADERS)

    assert response.status_code == 200, describe(response)
    assert response.headers["Link"].startswith(f"<{first_page}api/posts?"), response.headers["Link"]


def test_behind_a_proxy_trusted_hosts_checks_the_host_it_reports(limited):
    """Behind one proxy, TRUSTED_HOSTS checks the host it reports (X-Forwarded-Host): a trusted one
    is in the Link header's URLs, and a request for another answers a JSON 400."""
    client = limited(PROXY_COUNT=1, TRUSTED_HOSTS=["public.example"]).test_client()

    trusted = client.get("/api/posts", headers=PROXY_HEADERS)
    other = client.get("/api/posts", headers={**PROXY_HEADERS, "X-Forwarded-Host": "evil.example"})

    assert trusted.status_code == 200, describe(trusted)
    assert trusted.headers["Link"].startswith("<https://public.example/api/posts?"), trusted.headers["Link"]
    assert_json_error(other, 400, "bad_request")


# The settings -------------------------------------------------------------------------------------


def test_limits_and_proxies_come_from_the_environment(monkeypatch, make_app):
    """FLASK_RATELIMIT_DEFAULT and FLASK_PROXY_COUNT set RATELIMIT_DEFAULT and PROXY_COUNT."""
    monkeypatch.setenv("FLASK_RATELIMIT_DEFAULT", "1 per minute")
    monkeypatch.setenv("FLASK_PROXY_COUNT", "1")
    client = make_app("testing").test_client()

    assert client.get("/api/posts", headers=PROXY_HEADERS).status_code == 200
    assert client.get("/api/posts", headers=PROXY_HEADERS).status_code == 429
    assert client.get("/api/posts", headers={"X-Forwarded-For": "203.0.113.8"}).status_code == 200


def refusal(config_name: str = "testing", **settings) -> str:
    """create_app() refuses to build this app: the refusal's message, which must be one line."""
    from app import create_app

    with pytest.raises(RuntimeError) as refused:
        create_app(config_name, **settings)
    message = str(refused.value).strip()
    assert message, "say what to set"
    assert "\n" not in message, "one line says what to set"
    return message


def test_production_needs_a_storage_for_the_counts():
    """Production refuses to start without RATELIMIT_STORAGE_URI, and says so."""
    assert "RATELIMIT_STORAGE_URI" in refusal("production", **SECRETS)


@pytest.mark.parametrize("storage", ["bogus://", "memcached://127.0.0.1:11211", "5"])
def test_a_storage_flask_limiter_cannot_open_is_refused(monkeypatch, storage):
    """An app whose FLASK_RATELIMIT_STORAGE_URI names no storage, one whose client library is not
    installed (pymemcache), or is a number (the variable is read as JSON) does not start, and names
    the setting in one line."""
    monkeypatch.setenv("FLASK_RATELIMIT_STORAGE_URI", storage)

    assert "RATELIMIT_STORAGE_URI" in refusal("production", **SECRETS)


def test_production_takes_the_storage_from_the_environment(monkeypatch, make_app):
    """FLASK_RATELIMIT_STORAGE_URI sets where production counts; memory:// set on purpose is accepted."""
    monkeypatch.setenv("FLASK_RATELIMIT_STORAGE_URI", "memory://")

    app = make_app("production", RATELIMIT_STORAGE_URI=None, **SECRETS)

    assert app.config["RATELIMIT_STORAGE_URI"] == "memory://"


@pytest.mark.parametrize("setting", ["RATELIMIT_DEFAULT", "RATELIMIT_LOGIN", "RATELIMIT_NEW_POSTS"])
@pytest.mark.parametrize("limit", ["5 per minit", "", None, 5, ["5 per minute"]])
def test_a_limit_flask_limiter_cannot_read_is_refused(setting, limit):
    """An app whose limit is no limit string ("5 per minute") does not start, and names the setting."""
    assert setting in refusal(**{setting: limit})


@pytest.mark.parametrize("count", [-1, "1", 1.5, True, None])
def test_proxy_count_must_be_a_whole_number(count):
    """PROXY_COUNT must be a whole number, 0 or more: anything else stops the app, naming PROXY_COUNT."""
    assert "PROXY_COUNT" in refusal(PROXY_COUNT=count)


# This app's own words and numbers -----------------------------------------------------------------


@pytest.mark.reference
def test_too_many_requests_wording(limited):
    """A 429 says the limit and where to read how long to wait, in these words."""
    client = limited(RATELIMIT_DEFAULT="1 per minute").test_client()
    client.get("/api/posts")

    body = client.get("/api/posts").get_json()

    assert body == {
        "error": "too_many_requests",
        "message": "Too many requests: this client may send 1 per 1 minute. "
        "Try again once the seconds in the Retry-After header have passed.",
        "code": 429,
    }


@pytest.mark.reference
def test_the_html_page_says_the_same(limited):
    """The HTML 429 page says what the JSON one says."""
    client = limited(RATELIMIT_DEFAULT="1 per minute").test_client()
    client.get("/")

    page = parse_page(client.get("/"))

    assert page.find("h1").text == "429 Too Many Requests"
    assert "Too many requests: this client may send 1 per 1 minute." in page.text


@pytest.mark.reference
def test_the_limits_of_the_settings(make_app):
    """The settings' limits: 100 requests a minute to each view, 5 sign-ins, 10 new posts; no proxy;
    a second at most for Redis to answer, and counts in memory while it does not."""
    config = make_app("testing").config

    assert config["RATELIMIT_DEFAULT"] == "100 per minute"
    assert config["RATELIMIT_LOGIN"] == "5 per minute"
    assert config["RATELIMIT_NEW_POSTS"] == "10 per minute"
    assert config["PROXY_COUNT"] == 0
    # Redis: a second at most for each answer, and this process's memory while it gives none.
    assert dict(config["RATELIMIT_STORAGE_OPTIONS"]) == {"socket_connect_timeout": 1, "socket_timeout": 1}
    assert config["RATELIMIT_IN_MEMORY_FALLBACK_ENABLED"] is True


@pytest.mark.reference
def test_a_right_password_counts_too(limited):
    """Every sign-in attempt counts, a right password too."""
    client = limited(RATELIMIT_LOGIN="2 per minute").test_client()
    sign_up(client)

    assert [api_sign_in(client, PASSWORD).status_code for _ in range(3)] == [200, 200, 429]


@pytest.mark.reference
def test_refusal_wordings():
    """Each refusal says what to set, in these words."""
    assert refusal("production", **SECRETS) == (
        "RATELIMIT_STORAGE_URI is not set: set FLASK_RATELIMIT_STORAGE_URI to a Redis server "
        "that every worker shares, such as redis://127.0.0.1:6379/0."
    )
    assert refusal(RATELIMIT_LOGIN="5 per minit") == (
        "RATELIMIT_LOGIN is '5 per minit', which is no rate limit: set it to a number of requests, "
        "per, and second, minute, hour or day, such as '5 per minute'."
    )
    assert refusal(PROXY_COUNT="one") == (
        "PROXY_COUNT is 'one': set FLASK_PROXY_COUNT to the number of reverse proxies in front of the "
        "app, 0 if there are none."
    )
