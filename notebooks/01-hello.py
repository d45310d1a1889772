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
# # Step 01: Hello, Flask
#
# This notebook runs the app of `steps/01-hello` and talks to it over HTTP, the way a browser
# or `curl` would. The whole app is one file, `app.py`, with one route: `/` answers
# "Hello, Flask!".
#
# Run the cells from top to bottom (Shift+Enter runs one cell and moves to the next).

# %% [markdown]
# ## Start the app
#
# `start_app("01")` does what you would do by hand in a terminal: go into `steps/01-hello` and
# type `flask --app app run --debug`. The only differences: it picks a free port instead of
# 5000, and the server runs in the background, so you need no second terminal. It prints the
# address it listens on.

# %%
from helpers import start_app

app = start_app("01")

# %% [markdown]
# Here is the code the server is running:

# %%
print((app.folder / "app.py").read_text())

# %% [markdown]
# - `Flask(__name__)` makes the application. `__name__` tells Flask where the app lives, so it
#   can find files next to it later (templates, static files).
# - `@app.route("/")` connects the URL `/` to the function below it. Such a function is called a
#   *view*: Flask calls it for each request to that URL and sends back what it returns.

# %% [markdown]
# ## GET /
#
# `app.get(path)` sends a request and prints it in three parts:
#
# 1. the `curl` command that sends the same request (try it in a terminal while the app runs);
# 2. the request as it was sent: the method and the path, the request headers worth reading
#    (`Content-Type`, `Authorization`, `Origin`, `Cookie`), then the body, if it has one;
# 3. the answer: `→` the status code, the headers worth reading, then the body.
#
# JSON bodies, sent or received, are shown indented, one key a line, to be easy to read. What
# actually travels between the client and the server may be compact, all on one line: the
# data is the same. (`response.text` holds the body exactly as the server sent it.)
#
# It also gives back the response, so that the next lines can check it.

# %%
response = app.get("/")

assert response.status_code == 200
assert response.text == "Hello, Flask!"

# %% [markdown]
# **200 OK** means it worked. The view returned a plain string, and Flask turned it into a
# response: status 200, the string as the body, and `Content-Type: text/html; charset=utf-8`.
# Flask assumes a string is HTML, which is why a browser shows "Hello, Flask!" as a page.

# %% [markdown]
# ## A URL with no route: 404
#
# The app has a route for `/` and nothing else. Any other URL is answered by Flask itself:

# %%
response = app.get("/no-such-page")

assert response.status_code == 404

# %% [markdown]
# **404 Not Found**, with a small HTML page that Flask (strictly, Werkzeug, the library Flask
# is built on) writes for us. No view of ours ran: Flask found no route for the URL and answered
# on its own.

# %% [markdown]
# ## The wrong method: 405
#
# A route answers `GET` unless you say otherwise. Sending `POST` to `/` finds the route, but not
# the method:

# %%
response = app.post("/")

assert response.status_code == 405
assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}

# %% [markdown]
# **405 Method Not Allowed** is not the same as 404: the URL exists, but not for this method.
# The `Allow` header lists the methods that would work. We only wrote `GET`; Flask adds two more
# by itself:
#
# - `HEAD`: the same as `GET`, but the server sends only the status and headers, no body;
# - `OPTIONS`: asks "which methods does this URL accept?".
#
# Both are answered without any code of ours:

# %%
response = app.head("/")

assert response.status_code == 200
assert response.content == b""

# %%
response = app.options("/")

assert response.status_code == 200
assert "GET" in response.headers["Allow"]

# %% [markdown]
# ## What the server printed
#
# In a terminal, `flask run` prints a line for every request it answers. Here the server runs in
# the background, and `app.output()` shows what it printed so far: the start-up banner, then one
# line per request, with its status code at the end.

# %%
print(app.output())

# %% [markdown]
# The warning in red is normal: `flask run` starts a *development* server. It is made for trying
# your app on your own computer, not for serving it to the internet.

# %% [markdown]
# ## Stop the server
#
# `app.stop()` is Ctrl+C in the server's terminal. (Forgetting it does no harm: the server stops
# with the notebook's kernel.)

# %%
app.stop()

# %% [markdown]
# **Next:** [02-requests.ipynb](02-requests.ipynb) turns this app into a small JSON API: routes with
# variables in them, query strings, request bodies, and errors as JSON.
