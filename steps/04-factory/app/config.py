"""Settings for each way the app runs. Secrets come from the environment."""

import os

from flask import Flask

DEVELOPMENT_SECRET_KEY = "development-only-not-a-secret"
MIN_SECRET_KEY_LENGTH = 32


class Config:
    SECRET_KEY = DEVELOPMENT_SECRET_KEY
    MAX_CONTENT_LENGTH = 1024 * 1024  # a request body over 1 MB answers 413


class DevelopmentConfig(Config):
    pass


class TestingConfig(Config):
    TESTING = True


class ProductionConfig(Config):
    SECRET_KEY = None  # only from the environment
    SESSION_COOKIE_SECURE = True  # the session cookie travels over HTTPS only
    SESSION_COOKIE_SAMESITE = "Lax"


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def load_config(app: Flask, config_name: str) -> None:
    """Apply the named settings, then the SECRET_KEY environment variable, if set."""
    if config_name not in CONFIGS:
        raise ValueError(f"Unknown config {config_name!r}: choose one of {', '.join(CONFIGS)}.")
    app.config.from_object(CONFIGS[config_name])
    if os.environ.get("SECRET_KEY"):  # set and not empty
        app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
    if config_name == "production":
        refuse_weak_secret_key(app.config["SECRET_KEY"])


def refuse_weak_secret_key(secret_key: str | None) -> None:
    """Stop production from starting with a secret anyone could guess: it signs the session cookie."""
    if not secret_key:
        problem = "SECRET_KEY is not set"
    elif secret_key == DEVELOPMENT_SECRET_KEY:
        problem = "SECRET_KEY is the development default"
    elif len(secret_key) < MIN_SECRET_KEY_LENGTH:
        problem = f"SECRET_KEY is shorter than {MIN_SECRET_KEY_LENGTH} characters"
    else:
        return
    raise RuntimeError(
        f"{problem}. Production needs a long random secret: set the SECRET_KEY environment variable, "
        'for example to the output of: python -c "import secrets; print(secrets.token_hex())"'
    )
