# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Step 10: Tokens, signing in to the API
#
# Same blog, same pages as step 09, which keep their cookie. The JSON API now knows who calls it,
# with **bearer tokens** (Flask-JWT-Extended): a client signs in with `POST /auth/login`, gets an
# *access token* and a *refresh token*, and sends the access token in an
# `Authorization: Bearer ...` header with every request that writes.
#
# | File              | What changed                                                                |
# |-------------------|-----------------------------------------------------------------------------|
# | `app/auth.py`     | new: `/auth/register`, `/login`, `/refresh`, `/me` and `/logout`            |
# | `app/tokens.py`   | new: `jwt = JWTManager()`, its loaders, the blocklist, the refusals         |
# | `app/api.py`      | `@jwt_required()` on every write; the author is the token's user; 403s     |
# | `app/models.py`   | `RevokedToken`, the tokens signed out of, and a migration for its table    |
# | `app/config.py`   | `JWT_SECRET_KEY`, from the environment; the tokens' lifetimes              |
# | `app/errors.py`   | 401 `"unauthorized"`, 403 `"forbidden"`; `/auth` answers JSON too           |
#
# Here you will be a program, not a browser: nothing keeps a token for you. Each request that needs
# one sends it, in the `headers=` of the cell.

# %% [markdown]
# ## Start the app
#
# `start_app("10")` runs `flask db upgrade` on a new, empty database, then the server: three
# migrations now, the third one making the table of revoked tokens. `app.schema()` shows the tables.

# %%
from helpers import as_table, start_app

app = start_app("10")

assert "revoked_tokens" in app.schema()

# %% [markdown]
# ## Register
#
# `POST /auth/register` makes a user, with step 08's rules: it replaces `POST /api/users`.

# %%
ada_credentials = {"email": "ada@example.com", "password": "correct horse"}

response = app.post("/auth/register", json=ada_credentials)

assert response.status_code == 201
ada = response.json()

# %% [markdown]
# `POST /api/users` is gone: a **405**, whose `Allow` header lists what `/api/users` still takes.

# %%
response = app.post("/api/users", json={"email": "grace@example.com", "password": "correct horse"})

assert response.status_code == 405
assert "POST" not in response.headers["Allow"]

# %% [markdown]
# ## Sign in
#
# `POST /auth/login` answers two tokens and the user. The answer says `Cache-Control: no-store`:
# no browser or proxy should keep a copy of a token.

# %%
response = app.post("/auth/login", json=ada_credentials)

assert response.status_code == 200
assert response.headers["Cache-Control"] == "no-store"
tokens = response.json()
assert tokens["user"] == ada

# %% [markdown]
# A token is a JSON Web Token: three parts in base64url, separated by dots. The header and the
# claims are only encoded, not hidden: anyone can read them. Only the app, which knows
# `JWT_SECRET_KEY`, can make the signature, the third part, fit them.

# %%
import jwt  # PyJWT, which Flask-JWT-Extended uses

access_claims = jwt.decode(tokens["access_token"], options={"verify_signature": False})
refresh_claims = jwt.decode(tokens["refresh_token"], options={"verify_signature": False})
# repr() shows each value as Python writes it: text in quotes, numbers without.
rows = [
    (name, repr(access_claims[name]), repr(refresh_claims[name])) for name in ["sub", "type", "jti", "iat"]
]
rows.append(
    ("exp - iat", access_claims["exp"] - access_claims["iat"], refresh_claims["exp"] - refresh_claims["iat"])
)
print(jwt.get_unverified_header(tokens["access_token"]))
print(as_table(["claim", "access token", "refresh token"], rows))

assert access_claims["sub"] == refresh_claims["sub"] == str(ada["id"])
assert access_claims["exp"] - access_claims["iat"] == 15 * 60  # 15 minutes
assert refresh_claims["exp"] - refresh_claims["iat"] == 30 * 24 * 60 * 60  # 30 days

# %% [markdown]
# `iat` (issued at) and `exp` (expires) are seconds since 1970, in UTC. `sub`, the subject, is
# `'1'`: the user's id as **text**. RFC 7519 says so, and PyJWT 2.10 and
# later refuse a token whose `sub` is a number when it comes back. `identity_of()`, the
# `user_identity_loader`, makes it; `user_of()`, the `user_lookup_loader`, turns it back into the
# user, `current_user`, or into `None` for a user who was deleted, which refuses the token:

# %%
import ast


def show_source(path, name: str) -> None:
    """Print the function or class called `name` in the Python file at `path`, with its decorators."""
    source = path.read_text()
    for node in ast.parse(source).body:
        if getattr(node, "name", None) == name:
            decorators = [decorator.lineno for decorator in getattr(node, "decorator_list", [])]
            print("\n".join(source.splitlines()[min([node.lineno, *decorators]) - 1 : node.end_lineno]))
            return
    raise LookupError(f"{name} is not in {path}")


tokens_py = app.folder / "app" / "tokens.py"
show_source(tokens_py, "identity_of")
print()
show_source(tokens_py, "user_of")

# %% [markdown]
# A wrong password and an email nobody has answer the very same 401: a different answer would tell
# anyone who tries an email whether it has an account here.

# %%
wrong_password = app.post("/auth/login", json={**ada_credentials, "password": "wrong horse"})
unknown_email = app.post("/auth/login", json={**ada_credentials, "email": "nobody@example.com"})

assert wrong_password.status_code == unknown_email.status_code == 401
assert wrong_password.json() == unknown_email.json()

# %% [markdown]
# They take about the same time too: for an unknown email, `user_with_password()` checks the
# password against the hash of a random password, made with the same method as the stored ones,
# so the slow hash is checked either way.

# %%
users_py = app.folder / "app" / "users.py"
show_source(users_py, "user_with_password")

# %% [markdown]
# ## Who am I
#
# `GET /auth/me` answers the user that the access token names. The cell sends the token in the
# `Authorization` header; `helpers.py` shortens it when it prints the request.

# %%
as_ada = {"Authorization": f"Bearer {tokens['access_token']}"}

response = app.get("/auth/me", headers=as_ada)

assert response.status_code == 200
assert response.json() == ada

# %% [markdown]
# ## A post, written with the token
#
# The author of a new post is the token's user: the body says only the title and the content.

# %%
response = app.post("/api/posts", json={"title": "Hello", "content": "Written with a token."}, headers=as_ada)

assert response.status_code == 201
post = response.json()
assert post["author"] == ada

# %% [markdown]
# Reading needs no token; writing does. Without one, a **401** in the API's error shape, and a
# `WWW-Authenticate: Bearer` header that says which kind of credentials to send:

# %%
response = app.post("/api/posts", json={"title": "Hello", "content": "No token."})

assert response.status_code == 401
assert response.json()["error"] == "unauthorized"
assert response.headers["WWW-Authenticate"] == "Bearer"

# %% [markdown]
# A token says who is asking; what they may do is the app's to decide. Grace, signed in with her
# own token, may not change Ada's post: a **403** `"forbidden"`, and the post stays as it was.

# %%
grace_credentials = {"email": "grace@example.com", "password": "another horse"}
assert app.session.post(f"{app.url}/auth/register", json=grace_credentials).status_code == 201
grace_tokens = app.session.post(f"{app.url}/auth/login", json=grace_credentials).json()
as_grace = {"Authorization": f"Bearer {grace_tokens['access_token']}"}

response = app.patch(f"/api/posts/{post['id']}", json={"title": "Mine now"}, headers=as_grace)

assert response.status_code == 403
assert response.json()["error"] == "forbidden"
assert app.session.get(f"{app.url}/api/posts/{post['id']}").json() == post

# %% [markdown]
# ## Refused tokens
#
# Every problem with a token is a 401, in the same shape. Here are a few, sent quietly with
# `app.session`: a token that is no token; Ada's token with its `sub` changed to Grace's id, its
# signature kept, which no longer fits; the refresh token where an access token belongs; and an
# expired token, made with PyJWT and the development `JWT_SECRET_KEY`, which `app/config.py`
# publishes (production refuses to start with it).

# %%
import base64
import json
import time


def with_claims(token: str, **changes) -> str:
    """The token with some claims changed, and its old signature."""
    header, _, signature = token.split(".")
    claims = {**jwt.decode(token, options={"verify_signature": False}), **changes}
    payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{header}.{payload}.{signature}"


DEVELOPMENT_KEY = "development-only-not-a-secret-for-tokens"
an_hour_ago = int(time.time()) - 3600
expired = jwt.encode({**access_claims, "exp": an_hour_ago}, DEVELOPMENT_KEY, algorithm="HS256")

bad_tokens = {
    "not a token": "not-a-token",
    "sub changed to Grace's": with_claims(tokens["access_token"], sub=str(grace_tokens["user"]["id"])),
    "a refresh token": tokens["refresh_token"],
    "expired an hour ago": expired,
}
for kind, token in bad_tokens.items():
    response = app.session.get(f"{app.url}/auth/me", headers={"Authorization": f"Bearer {token}"})
    print(f"{kind}: {response.status_code}, {response.json()['message']}")
    assert response.status_code == 401
    assert response.json()["error"] == "unauthorized"

# %% [markdown]
# Flask-JWT-Extended would answer these with `{"msg": ...}`, and a token it cannot read with a 422.
# `app/tokens.py` replaces its error loaders; and this app's `Api` hands every error straight to Flask
# (its `error_router`, in `app/api.py`), where Flask-RESTful's own would turn them into 500s outside
# debug mode:

# %%
show_source(tokens_py, "invalid_token")
print()
show_source(app.folder / "app" / "api.py", "Api")

# %% [markdown]
# ## Refresh
#
# An access token lasts 15 minutes. The refresh token gets a new one, without the password:

# %%
response = app.post("/auth/refresh", headers={"Authorization": f"Bearer {tokens['refresh_token']}"})

assert response.status_code == 200
new_access_token = response.json()["access_token"]
assert new_access_token != tokens["access_token"]
assert (
    app.session.get(f"{app.url}/auth/me", headers={"Authorization": f"Bearer {new_access_token}"}).json()
    == ada
)

# %% [markdown]
# Only the refresh token does: the access token there is refused.

# %%
response = app.post("/auth/refresh", headers=as_ada)

assert response.status_code == 401

# %% [markdown]
# ## Sign out
#
# The app cannot take a token back: it is text on the client, valid until its `exp`. So
# `POST /auth/logout` puts the token's `jti` in the table `revoked_tokens`, and from then on the
# `token_in_blocklist_loader` refuses it.

# %%
response = app.post("/auth/logout", headers=as_ada)

assert response.status_code == 204
assert app.sql("SELECT jti, expires_at FROM revoked_tokens")[0][0] == access_claims["jti"]

# %% [markdown]
# The revoked token is refused:

# %%
response = app.get("/auth/me", headers=as_ada)

assert response.status_code == 401
assert "revoked" in response.json()["message"]

# %% [markdown]
# Logout revoked the token it was sent, and no other: the refresh token, and the access token it
# made, still work. A client that signs out sends each token it holds:

# %%
for token in [new_access_token, tokens["refresh_token"]]:
    response = app.session.post(f"{app.url}/auth/logout", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 204

response = app.post("/auth/refresh", headers={"Authorization": f"Bearer {tokens['refresh_token']}"})

assert response.status_code == 401
assert len(app.sql("SELECT jti FROM revoked_tokens")) == 3

# %% [markdown]
# ## Stop the server
#
# `app.stop()` stops the server and deletes the temporary folder with its database.

# %%
app.stop()

assert not app.database.exists()

# %% [markdown]
# **Next:** the API has its clients, and a web page's JavaScript could be one, if the page were
# served from the API's own origin. A front end served from elsewhere, `http://localhost:5173`
# say, cannot read the API's answers: the browser keeps them from it. Step 11, `11-cors`, lets the
# origins the settings list read them, with Flask-CORS.
