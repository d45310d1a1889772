"""CORS: which web pages of other origins may call /api and /auth from a browser, and what they may
read there. A browser sends Origin with every cross-origin request, and asks first, with a preflight
(OPTIONS), before a request that carries a token or JSON; these tests send what a browser would.
tests/test_browser.py proves with a real browser that it obeys the answers."""

import pytest
from conftest import ALLOWED_ORIGINS, TEST_JWT_SECRET_KEY, TEST_SECRET_KEY

from app import create_app
from support import describe

ORIGIN = ALLOWED_ORIGINS[0]
# The headers that a page's script must be able to read: the pages of a list, and the request id.
EXPOSED = {"x-total-count", "link", "x-request-id"}
SECRETS = {"SECRET_KEY": TEST_SECRET_KEY, "JWT_SECRET_KEY": TEST_JWT_SECRET_KEY}
# Origins that are not in the list, however close they come to one that is.
REFUSED_ORIGINS = [
    "https://evil.example",
    "http://reader.example.com",  # another scheme
    "https://reader.example.com:8443",  # another port
    "https://reader.example.com.evil.example",  # starts as an allowed one does
    "https://evil.reader.example.com",  # a subdomain
    "http://localhost:5174",
    "null",  # what a sandboxed page or a file opened from disk sends
]


@pytest.fixture(params=["testing", "production"])
def config_name(request):
    """The headers are the same under the testing and the production settings, errors' included."""
    return request.param


def cors_headers(response) -> dict[str, str]:
    """The answer's Access-Control-* headers, by lowercase name."""
    return {name.lower(): value for name, value in response.headers if name.lower().startswith("access-")}


def listed(value: str | None) -> set[str]:
    """A header's comma-separated list, lowercased: "Link, X-Total-Count" -> {"link", "x-total-count"}."""
    return {item.strip().lower() for item in (value or "").split(",") if item.strip()}


def preflight(client, url, method="POST", headers="authorization, content-type", origin=ORIGIN):
    """The OPTIONS request a browser sends before a request with a token, JSON, PUT, PATCH or DELETE."""
    return client.options(
        url,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": method,
            "Access-Control-Request-Headers": headers,
        },
    )


def allows(app, origin: str) -> bool:
    """Whether the app's API lets a page of this origin read its answers."""
    response = app.test_client().get("/api/posts", headers={"Origin": origin})
    return response.headers.get("Access-Control-Allow-Origin") == origin


# A page of an allowed origin ------------------------------------------------------------------

ANSWERS = [
    ("GET", "/api/posts"),
    ("GET", "/api/users"),
    ("GET", "/api/posts/123456"),  # 404
    ("DELETE", "/api/posts"),  # 405
    ("GET", "/auth/me"),  # 401: no token
    ("POST", "/auth/login"),  # 415: no JSON
]


@pytest.mark.parametrize(("method", "url"), ANSWERS)
def test_allowed_origin_may_read_the_answer(client, method, url):
    """An allowed origin reads each /api, /auth answer, errors too, with X-Total-Count, Link, X-Request-ID."""
    response = client.open(url, method=method, headers={"Origin": ORIGIN})

    headers = cors_headers(response)
    assert headers.get("access-control-allow-origin") == ORIGIN, describe(response)
    assert listed(headers.get("access-control-expose-headers")) >= EXPOSED, headers
    assert "access-control-allow-credentials" not in headers, "no cookies across origins"


def test_a_page_reads_a_signed_in_answer(api, author):
    """A request with a token, from an allowed origin, is answered with the CORS headers too."""
    response = api.get("/auth/me", headers={"Origin": ORIGIN})

    assert response.status_code == 200, describe(response)
    assert response.get_json()["id"] == author["id"]
    assert response.headers.get("Access-Control-Allow-Origin") == ORIGIN


def test_each_allowed_origin_is_answered_its_own(client):
    """The answer names the allowed origin that asked: never another, never two, never *."""
    for origin in ALLOWED_ORIGINS:
        response = client.get("/api/posts", headers={"Origin": origin})

        assert response.headers.getlist("Access-Control-Allow-Origin") == [origin], describe(response)


PREFLIGHTS = [
    ("/api/posts", "GET"),
    ("/api/posts", "POST"),
    ("/api/posts/1", "PUT"),
    ("/api/posts/1", "PATCH"),
    ("/api/posts/1", "DELETE"),
    ("/api/users/1", "DELETE"),
    ("/auth/register", "POST"),
    ("/auth/login", "POST"),
    ("/auth/refresh", "POST"),
    ("/auth/me", "GET"),
    ("/auth/logout", "POST"),
]


@pytest.mark.parametrize(("url", "method"), PREFLIGHTS)
def test_preflight_allows_a_token_and_json(client, url, method):
    """A preflight from an allowed origin, with no token, allows the method, Authorization, Content-Type."""
    response = preflight(client, url, method)

    headers = cors_headers(response)
    assert 200 <= response.status_code < 300, describe(response)
    assert headers.get("access-control-allow-origin") == ORIGIN, describe(response)
    assert method.lower() in listed(headers.get("access-control-allow-methods")), headers
    assert {"authorization", "content-type"} <= listed(headers.get("access-control-allow-headers")), headers
    assert "access-control-allow-credentials" not in headers, "no cookies across origins"


def test_preflight_changes_nothing(client, add_post):
    """A preflight for DELETE deletes nothing: the browser only asks."""
    post = add_post()

    response = preflight(client, f"/api/posts/{post['id']}", "DELETE")

    assert 200 <= response.status_code < 300, describe(response)
    assert client.get(f"/api/posts/{post['id']}").status_code == 200


def test_preflight_refuses_other_headers(client):
    """A preflight asking for a header the API does not list does not get it allowed."""
    response = preflight(client, "/api/posts", "GET", headers="x-colour")

    assert "x-colour" not in listed(cors_headers(response).get("access-control-allow-headers")), describe(
        response
    )


# Any other origin, and no origin ---------------------------------------------------------------


@pytest.mark.parametrize("origin", REFUSED_ORIGINS)
def test_other_origins_get_no_cors_headers(client, origin):
    """A request or a preflight from an origin that is not listed gets no CORS header at all."""
    response = client.get("/api/posts", headers={"Origin": origin})
    asked = preflight(client, "/api/posts", "POST", origin=origin)

    assert cors_headers(response) == {}, describe(response)
    assert cors_headers(asked) == {}, describe(asked)


def test_no_origin_no_cors_headers(client):
    """A request without Origin (curl's, another server's) gets no CORS header: they are for browsers."""
    response = client.get("/api/posts")

    assert cors_headers(response) == {}, describe(response)


@pytest.mark.parametrize("origin", [ORIGIN, REFUSED_ORIGINS[0], None])
def test_every_api_answer_varies_by_origin(make_app, origin):
    """Every answer of /api and /auth says Vary: Origin, with an allowed Origin, another or none, and
    with one origin listed as with several: a shared cache must keep one answer for each Origin."""
    client = make_app("testing", CORS_ORIGINS=[ORIGIN]).test_client()
    headers = {"Origin": origin} if origin else {}

    for url in ["/api/posts", "/api/posts/1", "/auth/me"]:
        response = client.get(url, headers=headers)
        assert "origin" in listed(response.headers.get("Vary")), f"{url}: {describe(response)}"


@pytest.mark.parametrize("url", ["/", "/login", "/posts/new", "/apiary", "/authors"])
def test_pages_get_no_cors_headers(client, url):
    """Pages outside /api and /auth, /apiary too, never answer CORS headers, not even to an allowed origin."""
    response = client.get(url, headers={"Origin": ORIGIN})
    asked = preflight(client, url, "POST")

    assert cors_headers(response) == {}, describe(response)
    assert cors_headers(asked) == {}, describe(asked)


# Which origins: the settings and the environment ----------------------------------------------


def test_cors_origins_come_from_the_environment(monkeypatch, make_app):
    """The environment variable CORS_ORIGINS lists the allowed origins, separated by commas."""
    monkeypatch.setenv("CORS_ORIGINS", "https://one.example, http://localhost:8080")

    app = make_app("testing")

    assert allows(app, "https://one.example")
    assert allows(app, "http://localhost:8080")
    assert not allows(app, ORIGIN)


def test_each_app_has_its_own_origins(make_app):
    """Each app allows the origins of its own settings, whatever another app allows."""
    first = make_app("testing", CORS_ORIGINS=["https://one.example"])
    second = make_app("testing", CORS_ORIGINS=["https://two.example"])

    assert allows(first, "https://one.example")
    assert not allows(first, "https://two.example")
    assert allows(second, "https://two.example")
    assert not allows(second, "https://one.example")


def test_development_allows_a_front_end_on_this_machine(make_app):
    """Development allows a front end's development server: http://localhost:5173, http://127.0.0.1:5173."""
    app = make_app("development", DEBUG=True)

    assert allows(app, "http://localhost:5173")
    assert allows(app, "http://127.0.0.1:5173")
    assert not allows(app, ORIGIN)


def test_production_allows_no_origin_unless_listed(make_app):
    """Production without CORS_ORIGINS lets no other origin in, the development ones neither."""
    app = make_app("production", **SECRETS)

    for origin in ["http://localhost:5173", "http://127.0.0.1:5173", ORIGIN]:
        assert not allows(app, origin), origin


def test_production_allows_the_origins_of_the_environment(monkeypatch, make_app):
    """Production allows the origins that CORS_ORIGINS lists, and those only."""
    monkeypatch.setenv("CORS_ORIGINS", "https://reader.example.com")

    app = make_app("production", **SECRETS)

    assert allows(app, "https://reader.example.com")
    assert not allows(app, "http://localhost:5173")


NOT_ORIGINS = [
    "*",
    "https://one.example,*",
    "https://*.example.com",
    "http://localhost:5173/",
    "https://reader.example.com/api",
    "localhost:5173",
    "ftp://files.example.com",
    "null",
]


@pytest.mark.parametrize("origins", NOT_ORIGINS)
def test_production_refuses_what_is_not_an_origin(monkeypatch, origins):
    """Production refuses to start, in one line naming CORS_ORIGINS, * or what is not scheme://host[:port]."""
    monkeypatch.setenv("CORS_ORIGINS", origins)

    with pytest.raises(RuntimeError) as refused:
        create_app("production", **SECRETS, RATELIMIT_STORAGE_URI="memory://")

    message = str(refused.value).strip()
    assert "CORS_ORIGINS" in message
    assert "\n" not in message, "one line says what to set"


# This app's own answers ------------------------------------------------------------------------


@pytest.mark.reference
def test_preflight_answer(client):
    """The preflight's headers, as this app writes them."""
    response = preflight(client, "/api/posts", "POST")

    assert cors_headers(response) == {
        "access-control-allow-origin": ORIGIN,
        "access-control-allow-headers": "authorization, content-type",
        "access-control-allow-methods": "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT",
        "access-control-expose-headers": (
            "Link, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, X-Request-ID, "
            "X-Total-Count"
        ),
        "access-control-max-age": "600",
    }
    assert "origin" in listed(response.headers.get("Vary")), "caches keep one answer for each origin"


@pytest.mark.reference
@pytest.mark.parametrize(
    "origins",
    ["http://[::1]:5173", "https://reader.example.com?page=1", "https://ada@reader.example.com", "http://"],
)
def test_refuses_other_lookalikes_under_every_settings(origins, make_app):
    """An IPv6 address in [ ], a query, a user name or no host at all: refused in development too."""
    with pytest.raises(RuntimeError, match="CORS_ORIGINS"):
        make_app("development", DEBUG=True, CORS_ORIGINS=origins)


@pytest.mark.reference
def test_cors_origins_must_be_a_list_or_text(make_app):
    """A setting that is neither a list nor text (FLASK_CORS_ORIGINS=5) is refused; None is no origin."""
    with pytest.raises(RuntimeError, match="CORS_ORIGINS must be a list or text"):
        make_app("testing", CORS_ORIGINS=5)
    assert not allows(make_app("testing", CORS_ORIGINS=None), ORIGIN)


@pytest.mark.reference
def test_cors_origins_refusal_wording(make_app):
    """What the app says when it refuses CORS_ORIGINS."""
    how = (
        "list each origin as scheme://host[:port], with no path and no / at the end, separated by commas,"
        " for example CORS_ORIGINS=https://reader.example.com,http://localhost:5173"
    )
    with pytest.raises(RuntimeError) as star:
        make_app("testing", CORS_ORIGINS="*")
    with pytest.raises(RuntimeError) as slash:
        make_app("testing", CORS_ORIGINS="http://localhost:5173/")

    assert str(star.value) == f"CORS_ORIGINS must not be *, which lets in every site: {how}"
    assert str(slash.value) == f"CORS_ORIGINS: 'http://localhost:5173/' is not an origin: {how}"
