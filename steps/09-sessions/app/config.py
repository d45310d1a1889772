"""Settings for each way the app runs, and the checks that keep an unsafe app from starting."""

from flask import Flask

DEVELOPMENT_SECRET_KEY = "development-only-not-a-secret"
MIN_SECRET_KEY_LENGTH = 32
HOW_TO_MAKE_A_SECRET = 'for example to the output of: python -c "import secrets; print(secrets.token_hex())"'


class Config:
    SECRET_KEY = DEVELOPMENT_SECRET_KEY
    MAX_CONTENT_LENGTH = 1024 * 1024  # a request body over 1 MB answers 413
    # A relative SQLite path is in the app's instance folder: instance/blog.sqlite.
    # FLASK_SQLALCHEMY_DATABASE_URI=... in the environment sets another database.
    SQLALCHEMY_DATABASE_URI = "sqlite:///blog.sqlite"
    # Werkzeug's default, scrypt: slow on purpose, and using memory on purpose, so that someone who
    # steals the database needs years, not days, to guess its passwords.
    PASSWORD_HASH_METHOD = "scrypt"
    # The session cookie says who is signed in, so its flags are set on purpose, under every settings
    # class. HttpOnly: no script on a page can read it (Flask's default, written out). SameSite=Lax:
    # a form that another site sends here comes without it; a link followed from there brings it.
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"


class DevelopmentConfig(Config):
    pass


class TestingConfig(Config):
    TESTING = True
    # TESTING alone would let an exception inside a view escape to the test. Instead the test gets
    # what a client gets, a 500 that shows nothing, and the traceback goes to the log, which pytest
    # shows for a failing test: errors answer alike under the testing and production settings.
    PROPAGATE_EXCEPTIONS = False
    SQLALCHEMY_DATABASE_URI = "sqlite://"  # in memory: a new, empty database for each app
    # The tests create hundreds of users, and no attacker ever sees their hashes: a single round
    # of PBKDF2 takes microseconds where scrypt takes a tenth of a second. Only ever for tests.
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1"


class ProductionConfig(Config):
    SECRET_KEY = None  # only from the environment
    # Browsers send the session cookie back over HTTPS only. Not in development: the development
    # server speaks plain http://, and nobody could stay signed in.
    SESSION_COOKIE_SECURE = True


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def settings_class(config_name: str) -> type[Config]:
    if config_name not in CONFIGS:
        raise ValueError(f"Unknown config {config_name!r}: choose one of {', '.join(CONFIGS)}.")
    return CONFIGS[config_name]


def refuse_unsafe_settings(app: Flask, config_name: str) -> None:
    """Stop an app from starting with settings that would put its users at risk, saying what to set."""
    secret_key = app.config["SECRET_KEY"]
    if config_name == "production":
        # Debug mode shows tracebacks to visitors and lets errors escape the error pages.
        if app.debug:
            raise RuntimeError(
                "Production must not run in debug mode: unset FLASK_DEBUG and leave out --debug."
            )
        refuse_weak_secret_key(secret_key)
        refuse_unguarded_sessions(app)
    elif secret_key == DEVELOPMENT_SECRET_KEY and not (app.debug or app.testing):
        # Anyone can read this key in config.py, so anyone could sign a session cookie with it.
        raise RuntimeError(
            "SECRET_KEY is the development default, which is only for debug mode: "
            "run flask with --debug, or set the SECRET_KEY environment variable."
        )


# What keeps a signed-in visitor's session safe, which FLASK_* variables could switch off: the cookie
# over HTTPS only, out of reach of the page's scripts, and forms that need their CSRF token.
# (WTF_CSRF_CHECK_DEFAULT off, CSRFProtect would check no POST unless a view asked it to.)
SESSION_GUARDS = [
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "WTF_CSRF_ENABLED",
    "WTF_CSRF_CHECK_DEFAULT",
]
# The session cookie's SameSite values that keep it off the requests other sites' pages send
# (Werkzeug reads them in any case). With SameSite=None the CSRF token would be the only guard left.
SAFE_SAME_SITE = ("Lax", "Strict")


def refuse_unguarded_sessions(app: Flask) -> None:
    """Stop production from starting with any of SESSION_GUARDS switched off, FLASK_WTF_CSRF_ENABLED=false
    say, or with a session cookie that goes along with other sites' requests: SameSite other than
    Lax or Strict. (CSRFProtect sets WTF_CSRF_ENABLED to True later, when it is not set at all.)"""
    for name in SESSION_GUARDS:
        if not app.config.get(name, True):
            raise RuntimeError(f"Production keeps {name} on: unset FLASK_{name}.")
    same_site = app.config["SESSION_COOKIE_SAMESITE"]
    if not isinstance(same_site, str) or same_site.title() not in SAFE_SAME_SITE:
        raise RuntimeError(
            "Production sends the session cookie with SameSite=Lax or Strict: "
            "unset FLASK_SESSION_COOKIE_SAMESITE."
        )


def refuse_weak_secret_key(secret_key: str | None) -> None:
    """Stop production from starting with a secret anyone could guess: it signs the session cookie."""
    if not secret_key:
        problem = "SECRET_KEY is not set"
    elif not isinstance(secret_key, str):
        problem = "SECRET_KEY is not text (FLASK_SECRET_KEY is read as JSON, where digits alone are a number)"
    elif secret_key == DEVELOPMENT_SECRET_KEY:
        problem = "SECRET_KEY is the development default"
    elif len(secret_key) < MIN_SECRET_KEY_LENGTH:
        problem = f"SECRET_KEY is shorter than {MIN_SECRET_KEY_LENGTH} characters"
    else:
        return
    raise RuntimeError(
        f"{problem}. Production needs a long random secret: set the SECRET_KEY environment variable, "
        + HOW_TO_MAKE_A_SECRET
    )
