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
# # Step 09: Sessions, signing in to the pages
#
# Same blog, same JSON API as step 08. The HTML pages now know who reads them: people sign up and
# sign in with a form, and a new post's author is whoever is signed in. Two extensions do the work:
#
# - **Flask-Login** keeps the signed-in user's id in the *session*, the cookie that Flask signs
#   with `SECRET_KEY`, and gives every view and template `current_user`.
# - **Flask-WTF** writes the forms as `FlaskForm` classes, and its `CSRFProtect` refuses every POST
#   that does not carry the token of a form this site gave out.
#
# | File                  | What changed                                                               |
# |-----------------------|----------------------------------------------------------------------------|
# | `app/sessions.py`     | new: `login_manager`, its `user_loader`, `csrf`, and `safe_next_page()`    |
# | `app/forms.py`        | new: the forms to sign in, sign up and write a post, as `FlaskForm`s       |
# | `app/pages.py`        | `/login`, `/logout`, `/signup`; `@login_required` to write or delete posts |
# | `app/users.py`        | `user_with_password()`; a taken email is `EmailTaken`, for pages and API   |
# | `app/config.py`       | the session cookie's flags: `HttpOnly`, `SameSite=Lax`, `Secure` in prod.  |
# | `app/templates/`      | the header says who is signed in; the sign-in and sign-up pages            |
#
# Here you will be a browser: the app's `requests.Session`, `app.session`, keeps the cookies the
# app sets and sends them back with each request, as a browser does.

# %% [markdown]
# ## Start the app
#
# `start_app("09")` runs `flask db upgrade` on a new, empty database, then the server.

# %%
from helpers import start_app

app = start_app("09")

assert app.database.is_file()

# %% [markdown]
# ## The login page
#
# A visitor who is not signed in and asks for the form to write a post is sent to the login page:
# `@login_required` on the view, and `login_manager.login_view`, make Flask-Login answer with a
# redirect, and `?next=` says which page they asked for.

# %%
response = app.get("/posts/new")

assert response.status_code == 302
assert response.headers["Location"] == "/login?next=%2Fposts%2Fnew"

# %% [markdown]
# That redirect also set a cookie: Flask-Login *flashed* a message, "Sign in first, please.",
# which waits in the session until the next page shows it. Here is that page. Its form has the
# two fields you see, `email` and `password`, and a third you do not: a hidden `csrf_token`.

# %%
response = app.get("/login?next=%2Fposts%2Fnew")

assert response.status_code == 200
assert 'name="csrf_token"' in response.text

# %% [markdown]
# `{{ form.csrf_token }}` wrote that hidden field. Its value is signed with `SECRET_KEY`, and made
# from a random value that Flask-WTF keeps in this visitor's session: it is good for this session
# only, for an hour. The cells below read it from the page, the way a browser sends it with the form.

# %%
import re


def csrf_token(page) -> str:
    """The value of the first csrf_token field of a page: the token its forms send."""
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text).group(1)


token = csrf_token(response)
print(token)

# %% [markdown]
# ## Signing up, without a token
#
# First, the sign-up form sent without its token, as a form on another site could send it: that
# site cannot read this site's pages, so it cannot know the token. `CSRFProtect` refuses the POST
# before any view runs: **400**, with the app's HTML error page, and no account is made.

# %%
response = app.post("/signup", data={"email": "ada@example.com", "password": "correct horse"})

assert response.status_code == 400
assert "The CSRF token is missing." in response.text

# %%
rows = app.sql("SELECT id, email FROM users")

assert rows == []

# %% [markdown]
# A token from another visitor would not do either: it was made from that visitor's session, not
# this one's. Here is one, from a second `requests.Session` with cookies of its own:

# %%
import requests

with requests.Session() as other_visitor:
    other_visitor.trust_env = False
    other_token = csrf_token(other_visitor.get(app.url + "/signup"))

response = app.post(
    "/signup", data={"email": "ada@example.com", "password": "correct horse", "csrf_token": other_token}
)

assert response.status_code == 400
assert "The CSRF tokens do not match." in response.text

# %% [markdown]
# ## Signing up, with the token from the form
#
# Now as a browser would: the form's own token, and the session cookie that goes with it, which
# `app.session` sends back by itself (look for `Cookie:` in the request). The sign-up page keeps the
# rules of `POST /api/users`, and signs the new user in: **303** to `/`.

# %%
token = csrf_token(app.get("/signup"))

response = app.post(
    "/signup", data={"email": "Ada@Example.com", "password": "correct horse", "csrf_token": token}
)

assert response.status_code == 303
assert response.headers["Location"] == "/"

# %% [markdown]
# The `Set-Cookie` header has the flags `config.py` sets on purpose: `HttpOnly` (no script on a
# page can read the cookie) and `SameSite=Lax` (a form another site sends here comes without it).
# Production adds `Secure`: the cookie then travels over HTTPS only.

# %%
cookie = response.headers["Set-Cookie"]

assert "HttpOnly" in cookie
assert "SameSite=Lax" in cookie
assert "Secure" not in cookie  # debug mode, on http://127.0.0.1

# %% [markdown]
# The address was stored in its one spelling, as the API stores it:

# %%
rows = app.sql("SELECT id, email FROM users")

assert rows == [(1, "ada@example.com")]

# %% [markdown]
# ## What the session cookie holds
#
# Flask's session cookie is *signed*, not encrypted: anyone who has it can read it, nobody without
# `SECRET_KEY` can change it. Its value is the session's JSON, compressed (the leading `.` says so)
# and base64-encoded, then a timestamp and the signature. Flask writes the JSON with its
# `TaggedJSONSerializer`, which keeps what JSON has no type for, such as tuples; the same class reads
# it back. Here it is, read without the key:

# %%
import base64
import json
import zlib

from flask.json.tag import TaggedJSONSerializer


def read_session(value: str) -> dict:
    """The session a Flask session cookie holds, read without checking its signature."""
    payload = value.removeprefix(".").split(".")[0]
    data = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    text = zlib.decompress(data) if value.startswith(".") else data
    return TaggedJSONSerializer().loads(text.decode())


session = read_session(app.session.cookies["session"])
print(json.dumps(session, indent=2))

assert session["_user_id"] == "1"
assert "csrf_token" in session

# %% [markdown]
# - `_user_id` is what `login_user()` keeps: the user's `get_id()`, as text. On every request, the
#   `@login_manager.user_loader` function turns it back into a `User`, or into nobody if that user
#   was deleted since.
# - `_fresh` and `_id` are Flask-Login's too: whether the user typed their password in this session,
#   and a hash of the browser's address and user agent.
# - `csrf_token` is the random value the forms' tokens are made from.
# - `_flashes` holds "Welcome, ada@example.com: you are signed in." until a page shows it.
#
# Never put a secret in a session: it is only signed. The user's id is no secret.

# %% [markdown]
# The header of every page now says who is signed in, with a button to sign out:

# %%
response = app.session.get(app.url + "/")
nav = re.search(r"<nav>.*?</nav>", response.text, flags=re.DOTALL).group(0)
print(nav)

assert "ada@example.com" in nav
assert 'action="/logout"' in nav

# %% [markdown]
# Signing out is a form that POSTs, never a link: a GET must change nothing, or any page could sign
# you out with `<img src="http://127.0.0.1:5000/logout">`. A GET of `/logout` is a **405**:

# %%
response = app.get("/logout")

assert response.status_code == 405

# %% [markdown]
# ## Publishing a post as yourself
#
# The new-post form no longer lists every user's email: its author is `current_user`. An
# `author_id` sent with it, here 42, is never read.

# %%
token = csrf_token(app.get("/posts/new"))

response = app.post(
    "/posts/new",
    data={"title": "Hello", "content": "Signed in, at last.", "author_id": "42", "csrf_token": token},
)

assert response.status_code == 303
post_url = response.headers["Location"]

# %% [markdown]
# The API shows the post, by Ada. The JSON API needs no CSRF token and reads no session cookie: it
# signs no one in with the cookie, so `create_app` exempts it (`csrf.exempt(api)`).

# %%
response = app.get("/api/posts")

assert [post["author"]["email"] for post in response.json()] == ["ada@example.com"]

# %% [markdown]
# ## Signing out
#
# The header's button sends the form, with its token. `/logout` calls `logout_user()`, then
# `session.clear()`, so that nothing of the signed-in visit stays in the cookie, then **303** to `/`.

# %%
token = csrf_token(app.session.get(app.url + "/"))
old_token = token  # a token of the session that is about to end

response = app.post("/logout", data={"csrf_token": token})

assert response.status_code == 303
assert response.headers["Location"] == "/"

# %% [markdown]
# The session now holds the flashed "You are signed out." and nothing else: no user id, and no
# random value for tokens either.

# %%
session = read_session(app.session.cookies["session"])
print(json.dumps(session, indent=2))

assert set(session) == {"_flashes"}

# %% [markdown]
# So a token from before signing out is refused after it, even in this same browser: the session
# it was made for is gone.

# %%
response = app.post(
    "/login", data={"email": "ada@example.com", "password": "correct horse", "csrf_token": old_token}
)

assert response.status_code == 400

# %% [markdown]
# ## Signing in, and back where you were
#
# A wrong password and an email that has no account answer the same page, **400** with the one
# message "Wrong email or password.": the login page tells nobody which emails have an account.

# %%
answers = []
for email, password in [("ada@example.com", "wrong horse"), ("grace@example.com", "correct horse")]:
    token = csrf_token(app.session.get(app.url + "/login"))
    response = app.session.post(
        app.url + "/login", data={"email": email, "password": password, "csrf_token": token}
    )
    problems = re.findall(r"<li>(.*?)</li>", response.text)
    answers.append((email, password, response.status_code, problems))
    print(email, password, response.status_code, problems)

assert answers[0][2:] == answers[1][2:] == (400, ["Wrong email or password."])

# %% [markdown]
# Signed in from `/login?next=%2Fposts%2Fnew`, where `@login_required` sent us at the start, the
# app goes back to `/posts/new`:

# %%
token = csrf_token(app.session.get(app.url + "/login?next=%2Fposts%2Fnew"))

response = app.post(
    "/login?next=%2Fposts%2Fnew",
    data={"email": "ada@example.com", "password": "correct horse", "csrf_token": token},
)

assert response.status_code == 303
assert response.headers["Location"] == "/posts/new"

# %% [markdown]
# But `next` never leads to another site. A link to `/login?next=//evil.example` would otherwise take
# someone, just signed in on the real site, to a copy of it that asks for their password again.
# `safe_next_page()` keeps only paths of this site: one `/`, not two, no `\`, no control character.

# %%
from urllib.parse import quote

locations = []
for target in ["//evil.example", "https://evil.example", "/\\evil.example", "/\t/evil.example", "/posts/1"]:
    url = f"/login?next={quote(target)}"
    token = csrf_token(app.session.get(app.url + url))
    signing_in = {"email": "ada@example.com", "password": "correct horse", "csrf_token": token}
    response = app.session.post(app.url + url, data=signing_in, allow_redirects=False)
    locations.append((repr(target), response.status_code, response.headers["Location"]))

from helpers import as_table

print(as_table(["next", "status", "Location"], locations))

assert [location for _, _, location in locations] == ["/", "/", "/", "/", "/posts/1"]

# %% [markdown]
# ## Stop the server
#
# `app.stop()` stops the server and deletes the temporary folder with its database.

# %%
app.stop()

assert not app.database.exists()

# %% [markdown]
# **Next:** the pages sign people in with a cookie, which suits a browser. The JSON API still
# signs no one in: anyone can publish as any `author_id`, and delete any post. Step 10,
# `10-jwt`, signs the API's clients in with bearer tokens (Flask-JWT-Extended), which a client
# sends itself in an `Authorization` header, so that the API needs no CSRF token either.
