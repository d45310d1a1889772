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
# # Step 04: The application factory
#
# The app of `steps/04-factory` is the blog of step 03, with the same URLs and the same answers,
# reorganised the way most Flask projects are. `app.py` became a package, `app/`:
#
# | File                           | What it holds                                                |
# |--------------------------------|--------------------------------------------------------------|
# | `app/__init__.py`              | `create_app()`, the *application factory*                    |
# | `app/config.py`                | the settings: development, testing, production               |
# | `app/pages.py`                 | the `pages` blueprint: the HTML pages                        |
# | `app/api.py`                   | the `api` blueprint: the JSON API                            |
# | `app/posts.py`                 | the post store, and the checks the pages and the API share   |
# | `app/errors.py`                | the error handler: JSON under `/api/`, HTML elsewhere        |
# | `app/templates/`, `app/static/`| the templates and the stylesheet, moved into the package     |
#
# This notebook checks from the outside that every route still answers as in step 03, shows the
# one thing a visitor can see change (a message after publishing a post), and starts the app with
# the production settings: first without a `SECRET_KEY`, which it refuses, then in debug mode,
# which it refuses too, then as it should run.

# %% [markdown]
# ## Start the app
#
# The command has not changed: `start_app("04")` runs `flask --app app run` inside
# `steps/04-factory`, on a free port, in the background. But `app` is now a package with no
# variable called `app` in it. When Flask finds no app, it looks for a function called
# `create_app` (or `make_app`) and calls it, with no arguments: the development settings.
#
# `--debug` matters more than before. The development settings sign the session cookie with a
# `SECRET_KEY` written in `app/config.py`, for everyone to read; so the app accepts that key only
# in debug mode (or in tests). Without `--debug`, and without a `SECRET_KEY` of your own, it
# refuses to start. `start_app` raises `AppDidNotStart` when the server stops before it answers,
# with everything the server printed; `env={"SECRET_KEY": None}` makes sure the variable is not
# set for the server, even if it is in your own environment:

# %%
from helpers import AppDidNotStart, start_app

try:
    start_app("04", env={"SECRET_KEY": None, "FLASK_DEBUG": None}, debug=False)
except AppDidNotStart as error:
    refusal = str(error)
else:
    raise AssertionError("The development settings started without debug mode and without a secret.")

print(refusal.splitlines()[-1])
assert "SECRET_KEY is the development default" in refusal

# %% [markdown]
# With `--debug`, as you run it while you write the app:

# %%
app = start_app("04", env={"SECRET_KEY": None, "FLASK_DEBUG": None})

# %% [markdown]
# Here is the factory:

# %%
print((app.folder / "app" / "__init__.py").read_text())

# %% [markdown]
# Read it top to bottom, like a table of contents. Each call of `create_app()` builds a new,
# separate app:
#
# 1. **settings**, each line winning over the ones above it: the settings class named by
#    `config_name`; the `SECRET_KEY` environment variable, if it is set and not empty; every
#    `FLASK_*` environment variable (`FLASK_DEBUG=1` sets `DEBUG`, `FLASK_MAX_CONTENT_LENGTH=100`
#    sets `MAX_CONTENT_LENGTH`); last, the keyword arguments: `create_app("testing", SECRET_KEY=...)`;
# 2. **checks**: `refuse_unsafe_settings` stops an app that would put its users at risk;
# 3. a post store of its own (in `app.extensions`), the two blueprints, and the error handler.
#
# The tests call it once per test, so no test sees another test's posts, and pass their settings
# as keyword arguments:

# %%
conftest = (app.folder / "tests" / "conftest.py").read_text()
fixtures = conftest.index("@pytest.fixture(autouse=True)")
print(conftest[fixtures : conftest.index("@pytest.fixture\ndef client")])

# %% [markdown]
# The first fixture runs for every test: it removes `SECRET_KEY` and every `FLASK_*` variable from
# the environment, so that `export FLASK_DEBUG=1` in your shell cannot change what a test finds.
#
# A *blueprint* is a group of routes that is not an app yet: `pages.py` and `api.py` each make
# one and add their routes to it, and `create_app` plugs them into the app. The `api` blueprint
# is registered with `url_prefix="/api"`, so its route `/posts` answers at `/api/posts`.

# %% [markdown]
# ## The pages blueprint
#
# The home page, the stylesheet, the form: all at the same URLs as in step 03.

# %%
response = app.get("/")

assert response.status_code == 200
assert "No posts yet." in response.text

# %% [markdown]
# The stylesheet now lives in `app/static/`, next to the code; Flask still serves it at `/static/`.
# A `HEAD` request is enough to check it is there, without printing it all:

# %%
response = app.head("/static/style.css")

assert response.status_code == 200
assert response.headers["Content-Type"].startswith("text/css")

# %%
response = app.get("/posts/new")

assert '<form method="post" action="/posts/new">' in response.text

# %% [markdown]
# Inside a blueprint, a view's *endpoint* (the name `url_for` knows it by) starts with the
# blueprint's name: the template now says `url_for('pages.new_post')`, not `url_for('new_post')`.
# The URL it builds is the same, `/posts/new`.

# %% [markdown]
# ### A message after publishing: flash and the session cookie
#
# Publishing from the form still answers **303 See Other**. Look at the new header,
# `Set-Cookie`:

# %%
response = app.post("/posts/new", data={"title": "Hello", "content": "Written in a form."})

assert response.status_code == 303
assert response.headers["Location"] == "/posts/1"
assert "session=" in response.headers["Set-Cookie"]

# %% [markdown]
# The view called `flash("Your post is published.")`. The message cannot go into this answer,
# since the browser does not show a redirect's body. So Flask keeps it in the *session*: a cookie
# named `session`, which the client sends back with its next request, and which the next page
# reads to show the message.
#
# The cookie's value is not secret. The part before the first dot is just the session's content,
# in base64:

# %%
import base64
import json

cookie = app.session.cookies["session"]
content = cookie.split(".")[0]
print(json.loads(base64.urlsafe_b64decode(content + "=" * (-len(content) % 4))))

# %% [markdown]
# The rest is a *signature*, made with the app's `SECRET_KEY`. Anybody can read the cookie, but
# without the key nobody can write one that the app accepts. Keep that in mind for the production
# settings below.
#
# Our helper keeps cookies from one request to the next, as a browser does (the `curl` line shows
# the cookie going back). Let's follow the redirect:

# %%
response = app.get(response.headers["Location"])

assert '<p class="flash">Your post is published.</p>' in response.text

# %% [markdown]
# The message is at the top of the page, from `base.html`: `{% for message in
# get_flashed_messages() %}`. Reading the messages also removes them from the session; the session
# is now empty, so Flask tells the client to delete the cookie (`Max-Age=0`). The next page no
# longer shows the message:

# %%
response = app.get("/")

assert "Your post is published." not in response.text
assert '<h2><a href="/posts/1">Hello</a></h2>' in response.text

# %% [markdown]
# A form with a problem is shown again with a 400, as in step 03, and flashes nothing:

# %%
response = app.post("/posts/new", data={"title": "", "content": "No title."})

assert response.status_code == 400
assert "title is required, as text that is not blank." in response.text
assert "flash" not in response.text

# %% [markdown]
# ## The api blueprint, under /api
#
# In `api.py` the routes are `/posts` and `/posts/<int:post_id>`. Registered under `/api`, they
# answer at the same URLs as before:

# %%
response = app.post("/api/posts", json={"title": "From the API", "content": "Same as before."})

assert response.status_code == 201
assert response.headers["Location"] == "/api/posts/2"
post = response.json()

# %% [markdown]
# `Location` comes from `url_for("api.get_post", post_id=...)`: the endpoint's name, with its
# blueprint, and Flask adds the `/api` prefix.

# %%
response = app.get(f"/api/posts/{post['id']}")

assert response.json() == post

# %%
response = app.get("/api/posts", params={"q": "form", "limit": 10})

assert [found["title"] for found in response.json()] == ["Hello"]

# %%
response = app.get("/api/posts")

assert [found["id"] for found in response.json()] == [2, 1]

# %%
response = app.delete(f"/api/posts/{post['id']}")

assert response.status_code == 204

# %% [markdown]
# ## Errors, as before
#
# The error handler moved to `app/errors.py` and `create_app` registers it with
# `app.register_error_handler`, for the whole app: both blueprints get JSON under `/api/` and an
# HTML page elsewhere.

# %%
response = app.get(f"/api/posts/{post['id']}")

assert response.status_code == 404
assert response.json()["message"] == f"There is no post with id {post['id']}."

# %%
response = app.get(f"/posts/{post['id']}")

assert response.status_code == 404
assert "<h1>404 Not Found</h1>" in response.text

# %%
response = app.put("/api/posts/1", json={"title": "New title"})

assert response.status_code == 405
assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS", "DELETE"}

# %%
response = app.post("/api/posts", data={"title": "A form", "content": "Not JSON."})

assert response.status_code == 415

# %%
response = app.post("/api/posts", json={"title": "Hello"})

assert response.status_code == 400
assert response.json()["message"] == "content is required, as text that is not blank."

# %%
response = app.get("/api/posts", params={"limit": 0})

assert response.status_code == 400

# %% [markdown]
# ### New: a body that is too large, 413
#
# `config.py` sets `MAX_CONTENT_LENGTH` to 1 MB for every kind of settings. A bigger request body
# is refused before the view reads it, with **413**, so nobody can fill the server's memory with
# one huge post. (The `curl` line is shortened: the body has more than a million characters.)

# %%
response = app.post("/api/posts", json={"title": "Big", "content": "x" * (1024 * 1024)})

assert response.status_code == 413

# %% [markdown]
# That was the development server. Let's stop it before starting the app with other settings.

# %%
app.stop()

# %% [markdown]
# ## The production settings
#
# `create_app` takes the name of its settings: `"development"` (the default), `"testing"` or
# `"production"`. Both `flask --app` and gunicorn, the production server, accept a call of it:
#
# ```console
# gunicorn --bind 127.0.0.1:8000 --workers 1 "app:create_app('production')"
# ```
#
# gunicorn is in `requirements.txt`; it does not run on Windows itself (use WSL or a container
# there). This notebook starts the production settings with `flask run`, without `--debug`
# (`debug=False`), which is enough to see what they do.
#
# Production will not use the development `SECRET_KEY`. The key has to come from the `SECRET_KEY`
# environment variable, and it must be long. Without it, `create_app` raises an error and the
# server never starts:

# %%
PRODUCTION = "app:create_app('production')"

try:
    start_app("04", env={"SECRET_KEY": None, "FLASK_DEBUG": None}, target=PRODUCTION, debug=False)
except AppDidNotStart as error:
    refusal = str(error)
else:
    raise AssertionError("The production settings started without a SECRET_KEY.")

print(refusal)
assert "RuntimeError: SECRET_KEY is not set." in refusal

# %% [markdown]
# That is what you would see in the terminal: a *traceback*. Read it from the bottom. The last
# line names the error and says how to fix it; the lines above say where it was raised, in
# `refuse_weak_secret_key`, called by `refuse_unsafe_settings`, called by `create_app`. Failing at
# once, at start-up, is on purpose: better no server than a server whose cookies anyone could
# forge.
#
# So let's do what the message says, and make a long random secret with Python's `secrets`
# module:

# %%
import secrets

secret_key = secrets.token_hex()
print(len(secret_key), "characters")

try:
    start_app("04", env={"SECRET_KEY": secret_key, "FLASK_DEBUG": "1"}, target=PRODUCTION, debug=False)
except AppDidNotStart as error:
    refusal = str(error)
else:
    raise AssertionError("The production settings started in debug mode.")

print(refusal.splitlines()[-1])
assert "Production must not run in debug mode" in refusal

# %% [markdown]
# Refused again, for another reason: `FLASK_DEBUG=1` turns on debug mode, which shows a
# traceback, with your code, to anyone who makes a view fail. Production refuses it whether it
# comes from `FLASK_DEBUG`, from `--debug`, or from `create_app("production", DEBUG=True)`.
# Without it:

# %%
env = {"SECRET_KEY": secret_key, "FLASK_DEBUG": None}
production = start_app("04", env=env, target=PRODUCTION, debug=False)

# %% [markdown]
# (In a terminal: `export SECRET_KEY=...`, then the `gunicorn` command above. Never put a real
# secret in your code, or in a notebook you share.)
#
# The production app is a new app from `create_app`, with its own, empty post store:

# %%
response = production.get("/api/posts")

assert response.json() == []

# %% [markdown]
# The routes and the answers are the same as in development. One difference shows in the session
# cookie:

# %%
response = production.post("/posts/new", data={"title": "In production", "content": "Hello."})

assert response.status_code == 303
assert "Secure" in response.headers["Set-Cookie"]
assert "SameSite=Lax" in response.headers["Set-Cookie"]

# %% [markdown]
# The production settings add two attributes to the cookie:
#
# - `Secure`: send it back over HTTPS only, never over plain HTTP where anyone on the way could
#   read it. A real deployment serves the app over HTTPS.
# - `SameSite=Lax`: do not send it along with a form posted from another website.
#
# What happens to a `Secure` cookie on `http://127.0.0.1` depends on the client. This notebook's
# client is Python's `requests`: it keeps the cookie, but never sends a `Secure` cookie over
# `http://`, not even to 127.0.0.1. So the next page comes without the message:

# %%
response = production.get(response.headers["Location"])

assert [cookie.secure for cookie in production.session.cookies] == [True]
assert "Cookie" not in response.request.headers
assert "Your post is published." not in response.text

# %% [markdown]
# A browser does better on your own machine. Chromium (tried with version 156) and curl (7.88,
# with a cookie jar: `curl -c jar.txt -b jar.txt ...`) count `http://127.0.0.1` and
# `http://localhost` as secure: they send the cookie back, and the message shows. On the
# machine's network address over plain HTTP they drop it, as `requests` does. The cure is the
# same everywhere: serve production over HTTPS.
#
# ### One post store per process
#
# gunicorn can start several *worker* processes (`--workers 2`) to answer requests side by side.
# Each process imports the app and calls `create_app` for itself, so each has its own post store
# in memory: a post published through one worker is missing from the other, and the list of
# posts changes from one request to the next. Use `--workers 1` until step 05 keeps the posts in
# a database that every worker shares.
#
# Errors answer the same way in production too:

# %%
response = production.get("/api/posts/42")

assert response.status_code == 404
assert response.json()["message"] == "There is no post with id 42."

# %% [markdown]
# ## Stop the server

# %%
production.stop()

# %% [markdown]
# **Next:** the posts still vanish when the server stops, and differ between gunicorn workers.
# Step 05 keeps them in a database.
