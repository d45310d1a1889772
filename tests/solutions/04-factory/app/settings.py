"""The three kinds of settings. Each subclass says what differs from the base, and what it refuses."""

from __future__ import annotations

from typing import ClassVar

from flask import Flask

DEV_KEY = "dev-key-anyone-can-read-this"
SHORTEST_KEY = 32
MAKE_ONE = "python -c 'import secrets; print(secrets.token_hex())'"


class Settings:
    MAX_CONTENT_LENGTH = 1 << 20  # 1 MB
    SECRET_KEY: str | None = DEV_KEY

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


class Testing(Settings):
    name = "testing"
    TESTING = True


class Production(Settings):
    name = "production"
    SECRET_KEY = None
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_SAMESITE = "Lax"

    @classmethod
    def refuse_unsafe(cls, app: Flask) -> None:
        if app.debug:
            raise RuntimeError("Debug mode is not for production: remove FLASK_DEBUG (or DEBUG) and retry.")
        key = app.config.get("SECRET_KEY") or ""
        if not isinstance(key, str) or key == DEV_KEY or len(key) < SHORTEST_KEY:
            raise RuntimeError(f"Production needs a SECRET_KEY of {SHORTEST_KEY}+ characters: {MAKE_ONE}")
