"""The three kinds of settings. Each subclass says what differs from the base, and what it refuses."""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from flask import Flask
from limits import parse_many

DEV_KEY = "dev-key-anyone-can-read-this"
# The key that signs the API's tokens in development. 32 characters at least: PyJWT warns about an
# HS256 key shorter than the 32 bytes of its hash.
DEV_TOKEN_KEY = "dev-token-key-anyone-can-read-this"
SHORTEST_KEY = 32
MAKE_ONE = "python -c 'import secrets; print(secrets.token_hex())'"
# The settings an environment variable of the same name sets, when it is set and not empty.
FROM_THE_ENVIRONMENT = ("SECRET_KEY", "JWT_SECRET_KEY", "CORS_ORIGINS")


class Settings:
    MAX_CONTENT_LENGTH = 1 << 20  # 1 MB
    SECRET_KEY: str | None = DEV_KEY
    PER_PAGE = 20  # how many posts or users a page of the API has without ?per_page=
    # Relative to the instance folder: instance/blog.sqlite.
    SQLALCHEMY_DATABASE_URI = "sqlite:///blog.sqlite"
    # scrypt, Werkzeug's default: slow and memory-hungry on purpose, so that guessing the passwords
    # of a stolen database takes years.
    PASSWORD_HASH_METHOD = "scrypt"
    # The session cookie now says who is logged in. HttpOnly: scripts on a page cannot read it.
    # SameSite=Lax: a browser leaves it out of a form that another site sends here, and still sends
    # it when someone follows a link from another site.
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    # The API's bearer tokens (app/bearer.py), signed with this key: whoever knows it can make a
    # token for any user. HS256, Flask-JWT-Extended's default algorithm.
    JWT_SECRET_KEY: str | None = DEV_TOKEN_KEY
    # Only the Authorization header carries a token (the default, written out; a list would name
    # several places): a token in the query string ends up in logs and histories, one in a cookie
    # would come with every request a browser sends, and need CSRF protection.
    JWT_TOKEN_LOCATION = "headers"
    # An access token opens the API for a quarter of an hour; the refresh token gets new ones for a
    # month, so that a stolen access token is not worth much for long.
    JWT_ACCESS_TOKEN_EXPIRES = timedelta(minutes=15)
    JWT_REFRESH_TOKEN_EXPIRES = timedelta(days=30)
    # Other web sites whose pages may read the API in a browser (app/crossorigin.py): none.
    CORS_ORIGINS: tuple[str, ...] = ()
    # How often one address may ask (app/throttle.py), as Flask-Limiter writes it: "100/minute".
    RATELIMIT_DEFAULT = "100/minute"  # each page and endpoint counted on its own
    RATELIMIT_LOGIN = "5/minute"  # the API's and the page's log-ins, counted together
    RATELIMIT_NEW_POSTS = "10/minute"  # POST /api/posts
    RATELIMIT_HEADERS_ENABLED = True  # X-RateLimit-* and Retry-After on the answers
    RATELIMIT_STORAGE_URI: str | None = "memory://"  # said out loud, or Flask-Limiter warns
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True  # Redis gone: each process counts until it is back
    RATELIMIT_STORAGE_OPTIONS: ClassVar[dict[str, float]] = {
        "socket_timeout": 1.0,
        "socket_connect_timeout": 1.0,
    }
    # The reverse proxies in front of the app, whose X-Forwarded-For, -Proto and -Host it believes.
    PROXY_COUNT = 0

    name: ClassVar[str] = ""
    known: ClassVar[dict[str, type[Settings]]] = {}

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        Settings.known[cls.name] = cls

    @classmethod
    def called(cls, name: str) -> type[Settings]:
        if name not in cls.known:
            raise ValueError(f"There are no settings called {name!r}; use one of {sorted(cls.known)}.")
        return cls.known[name]

    @classmethod
    def refuse_unsafe(cls, app: Flask) -> None:
        if app.config["SECRET_KEY"] == DEV_KEY and not app.debug and not app.testing:
            raise RuntimeError(
                "Refusing the built-in SECRET_KEY outside debug mode: add --debug, or export SECRET_KEY."
            )


class Development(Settings):
    name = "development"
    # A JavaScript front end that its own development server (Vite, port 5173) serves here.
    CORS_ORIGINS = ("http://127.0.0.1:5173", "http://localhost:5173")


class Testing(Settings):
    name = "testing"
    TESTING = True
    # TESTING lets an exception in a view reach the test. Not here: a test gets the 500 a client
    # gets, and the traceback goes to the log, as in production.
    PROPAGATE_EXCEPTIONS = False
    SQLALCHEMY_DATABASE_URI = "sqlite://"  # in memory: every app starts empty
    # The tests make hundreds of users, whose hashes nobody will ever try to crack: one round of
    # PBKDF2 takes microseconds, scrypt a tenth of a second each. Never outside the tests.
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1"


class Production(Settings):
    name = "production"
    SECRET_KEY = None
    JWT_SECRET_KEY = None
    # HTTPS only. Not in development, where `flask run` serves plain http:// and nobody could log in.
    SESSION_COOKIE_SECURE = True
    RATELIMIT_STORAGE_URI = None  # FLASK_RATELIMIT_STORAGE_URI=redis://...: one count for all workers

    @classmethod
    def refuse_unsafe(cls, app: Flask) -> None:
        if app.debug:
            raise RuntimeError("Debug mode is not for production: remove FLASK_DEBUG (or DEBUG) and retry.")
        for name, built_in in [("SECRET_KEY", DEV_KEY), ("JWT_SECRET_KEY", DEV_TOKEN_KEY)]:
            key = app.config.get(name) or ""
            if not isinstance(key, str) or key == built_in or len(key) < SHORTEST_KEY:
                raise RuntimeError(f"Production needs a {name} of {SHORTEST_KEY}+ characters: {MAKE_ONE}")
        if not app.config["RATELIMIT_STORAGE_URI"]:
            raise RuntimeError(
                "Production needs RATELIMIT_STORAGE_URI: export FLASK_RATELIMIT_STORAGE_URI=redis://host:6379"
            )


LIMITS = ("RATELIMIT_DEFAULT", "RATELIMIT_LOGIN", "RATELIMIT_NEW_POSTS")


def refuse_bad_throttling(app: Flask) -> None:
    """Stop the app on a limit Flask-Limiter cannot parse: it would fall back to another limit."""
    for name in LIMITS:
        value = app.config.get(name)
        try:
            good = isinstance(value, str) and len(parse_many(value)) > 0
        except ValueError:
            good = False
        if not good:
            raise RuntimeError(f"{name} = {value!r} is no rate limit; write it like 5/minute or 100/hour.")
    hops = app.config.get("PROXY_COUNT")
    if isinstance(hops, bool) or not isinstance(hops, int) or hops < 0:
        raise RuntimeError(f"PROXY_COUNT = {hops!r}: give how many proxies stand in front, 0 for none.")
