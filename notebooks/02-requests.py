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
# # Step 02: Requests and JSON
#
# The app of `steps/02-requests` is a small blog API. Programs (not people) talk to it, in JSON:
#
# | Method and URL           | What it does                                         |
# |--------------------------|------------------------------------------------------|
# | `GET /`                  | still says "Hello, Flask!"                           |
# | `GET /api/posts`         | lists the posts, newest first (`?q=` and `?limit=`) |
# | `POST /api/posts`        | creates a post from a JSON body                      |
# | `GET /api/posts/<id>`    | one post                                             |
# | `DELETE /api/posts/<id>` | deletes a post                                       |
#
# This notebook calls every one of them over HTTP, then makes them fail in every way the app
# knows about, to see what a client gets back.

# %% [markdown]
# ## Start the app
#
# As in step 01, this is the same as typing `flask --app app run` inside `steps/02-requests`,
# on a free port, with the server in the background.

# %%
from helpers import start_app

app = start_app("02")

# %% [markdown]
# `GET /` has not changed since step 01:

# %%
response = app.get("/")

assert response.text == "Hello, Flask!"

# %% [markdown]
# ## No posts yet
#
# The posts live in a Python list inside the server. It starts empty:

# %%
response = app.get("/api/posts")

assert response.status_code == 200
assert response.json() == []

# %% [markdown]
# The view `list_posts` returns a Python list, and Flask turns a list (or a dict) into JSON by
# itself: the body is `[]` and the `Content-Type` is `application/json`, so the client knows how to
# read it.

# %% [markdown]
# ## Create a post: `POST /api/posts`
#
# To create a post, a client sends its title and content as a JSON object in the request body.
# With `requests`, `json=` does that: it writes the body and sets `Content-Type: application/json`
# (look at the `curl` line).

# %%
response = app.post("/api/posts", json={"title": "Hello", "content": "My first post."})

assert response.status_code == 201
first = response.json()

# %% [markdown]
# Three things to notice:
#
# - **201 Created**, not 200: the request made something new. The view asks for it by returning a
#   tuple, `return post, 201, {"Location": ...}`: body, status, extra headers.
# - The **`Location`** header says where the new post lives. `url_for("get_post", post_id=1)` built
#   it from the name of the view, so it stays right even if the URL pattern changes.
# - The server added an `id` and a `created_at` date (ISO 8601, in UTC, `+00:00`). The client
#   sends only what it knows.
#
# `response.json()` reads the body back into a Python dict, which we keep for later cells:

# %%
print(first["id"], first["title"])

# %% [markdown]
# ## Read it back: `GET /api/posts/<id>`
#
# The route is `@app.get("/api/posts/<int:post_id>")`. The `<int:post_id>` part is a *variable*:
# it matches a whole number in the URL and Flask hands it to the view as `post_id`, already
# turned into an `int`. We can follow the `Location` we were given:

# %%
response = app.get(response.headers["Location"])

assert response.json() == first

# %% [markdown]
# Two more posts, so that the list has something to sort and search. Spaces around a title or
# content are trimmed by the server: look at the second title in the answer.

# %%
app.post("/api/posts", json={"title": "Learning Flask", "content": "Routes, views and JSON."})
response = app.post("/api/posts", json={"title": "  Cooking  ", "content": "Pasta tonight."})

assert response.json()["title"] == "Cooking"

# %% [markdown]
# ## List, search and limit: query strings
#
# The list is newest first:

# %%
response = app.get("/api/posts")

assert [post["title"] for post in response.json()] == ["Cooking", "Learning Flask", "Hello"]

# %% [markdown]
# What comes after `?` in a URL is the *query string*: `name=value` pairs joined by `&`. Flask
# gives them to the view as `request.args`. This app reads two:
#
# - `q`: keep only the posts that mention a word, in the title or the content, in any case;
# - `limit`: answer at most this many posts (20 unless told otherwise).
#
# `params=` writes the query string for us (and escapes it: a space becomes `+`).

# %%
response = app.get("/api/posts", params={"q": "FLASK"})

assert [post["title"] for post in response.json()] == ["Learning Flask"]

# %%
response = app.get("/api/posts", params={"limit": 2})

assert len(response.json()) == 2

# %% [markdown]
# ## When things go wrong: errors as JSON
#
# A client needs to know what went wrong, and a program reads JSON much more easily than an HTML
# page. So this app answers *every* error with the same small JSON object:
# `{"error": ..., "message": ..., "code": ...}`. One function does it, `error_as_json`, registered
# with `@app.errorhandler(HTTPException)`: Flask calls it whenever a request ends in an HTTP error,
# whether Flask raised it or our code did.

# %% [markdown]
# ### A bad query string: 400
#
# `limit` must be a whole number from 1 to 100. Anything else is the client's mistake, so the app
# calls `abort(400, description=...)`, which stops the view and answers **400 Bad Request** with
# that message:

# %%
response = app.get("/api/posts", params={"limit": "ten"})

assert response.status_code == 400
assert response.json()["message"] == "limit must be a whole number from 1 to 100."

# %% [markdown]
# Without that check, `int("ten")` would raise a `ValueError`, and the client would get
# **500 Internal Server Error**: a message that blames the server, for the client's mistake.

# %% [markdown]
# ### A post that does not exist: 404

# %%
response = app.get("/api/posts/42")

assert response.status_code == 404
assert response.json()["message"] == "There is no post with id 42."

# %% [markdown]
# Here the route matched and the view ran; it looked for post 42, found nothing and called
# `abort(404, ...)` with a message of its own.
#
# Compare with an id that is not a number. `<int:post_id>` only matches digits, so no route
# matches `/api/posts/abc` at all, no view runs, and Flask answers 404 with its own, general
# message:

# %%
response = app.get("/api/posts/abc")

assert response.status_code == 404

# %% [markdown]
# Any URL without a route gets the same JSON 404:

# %%
response = app.get("/api/nothing-here")

assert response.status_code == 404

# %% [markdown]
# ### A method the URL does not accept: 405
#
# There is no way to change a post yet: `PUT` is not one of the methods of `/api/posts/<id>`.

# %%
response = app.put(f"/api/posts/{first['id']}", json={"title": "New title"})

assert response.status_code == 405
assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS", "DELETE"}

# %% [markdown]
# The error handler kept the `Allow` header, which lists what does work: `GET` and `DELETE` (ours)
# plus `HEAD` and `OPTIONS` (Flask's).

# %% [markdown]
# ### A body that is not JSON: 415
#
# An HTML form sends its fields as `application/x-www-form-urlencoded`, not JSON. `data=` sends a
# form like that (`curl -d` too):

# %%
response = app.post("/api/posts", data={"title": "Hello", "content": "From a form."})

assert response.status_code == 415

# %% [markdown]
# **415 Unsupported Media Type**: the server does not read this kind of body. `read_post_fields`
# checks `request.is_json` (is the `Content-Type` JSON?) before it reads anything.
#
# A body that says it is JSON but is not valid JSON answers **400**. `request.get_json(silent=True)`
# gives `None` for it, so the app can say what to send, rather than Flask's own vague message:

# %%
response = app.post("/api/posts", data="{not json", headers={"Content-Type": "application/json"})

assert response.status_code == 400
assert response.json()["message"] == 'Send a JSON object: {"title": "...", "content": "..."}.'

# %% [markdown]
# ### JSON, but not the right JSON: 400
#
# Valid JSON is not enough: the body must be an object with a title and content. A list, for
# example, is refused, and the message says what to send:

# %%
response = app.post("/api/posts", json=["Hello", "My first post."])

assert response.status_code == 400

# %% [markdown]
# A missing or blank field, or a field that is not text, is refused too, and the message names it:

# %%
response = app.post("/api/posts", json={"title": "Hello", "content": "   "})

assert response.status_code == 400
assert response.json()["message"] == "content is required, as text that is not blank."

# %% [markdown]
# And a title may have at most 200 characters (content: 10,000):

# %%
response = app.post("/api/posts", json={"title": "x" * 201, "content": "Too long a title."})

assert response.status_code == 400
assert response.json()["message"] == "title must be at most 200 characters."

# %% [markdown]
# None of these requests saved anything. There are still three posts:

# %%
response = app.get("/api/posts")

assert len(response.json()) == 3

# %% [markdown]
# ## Delete a post: `DELETE /api/posts/<id>`

# %%
response = app.delete(f"/api/posts/{first['id']}")

assert response.status_code == 204
assert response.content == b""

# %% [markdown]
# **204 No Content**: it worked, and there is nothing to say, so there is no body at all (the view
# returns `"", 204`). The `Content-Type` is Flask's default for a string; with no body, nobody reads
# it. The post is gone:

# %%
response = app.get(f"/api/posts/{first['id']}")

assert response.status_code == 404

# %% [markdown]
# Deleting it again is a 404 as well: there is nothing left to delete.

# %%
response = app.delete(f"/api/posts/{first['id']}")

assert response.status_code == 404

# %% [markdown]
# A new post gets a new id. Ids are never reused, so an old link to post 1 can never show
# somebody else's post:

# %%
response = app.post("/api/posts", json={"title": "Hello again", "content": "A new post."})

assert response.json()["id"] not in {1, 2, 3}

# %% [markdown]
# ## Posts live only as long as the server
#
# The posts are in a Python list, in the server's memory. Stop the server, start it again, and
# they are gone. Keeping them takes a database.

# %%
app.stop()
app = start_app("02")

response = app.get("/api/posts")

assert response.json() == []

# %% [markdown]
# ## Stop the server

# %%
app.stop()

# %% [markdown]
# **Next:** [03-templates.ipynb](03-templates.ipynb) gives the blog HTML pages for people, with
# templates, a form, and error pages, next to this same JSON API.
