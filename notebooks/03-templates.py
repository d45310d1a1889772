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
# # Step 03: Templates, forms and error pages
#
# The app of `steps/03-templates` keeps the JSON API of step 02 and adds HTML pages for people,
# made from Jinja templates (in `templates/`), with a stylesheet (in `static/`):
#
# | Method and URL             | What it answers                                        |
# |----------------------------|--------------------------------------------------------|
# | `GET /`                    | a page listing the posts, newest first                 |
# | `GET /posts/<id>`          | a page showing one post                                |
# | `GET /posts/new`           | a form to write a post                                 |
# | `POST /posts/new`          | publishes what the form sent, then redirects           |
# | `GET /static/style.css`    | the stylesheet                                         |
# | `/api/posts`...            | the JSON API of step 02, unchanged for its clients     |
#
# This notebook visits every page, sends the form the way a browser does, shows why typing
# `<script>` into a post is harmless, and compares the app's two kinds of errors: HTML pages for
# people, JSON for programs.

# %% [markdown]
# ## Start the app
#
# The same as typing `flask --app app run` inside `steps/03-templates`, on a free port, with the
# server in the background.

# %%
from helpers import start_app

app = start_app("03")

# %% [markdown]
# ## The home page
#
# A browser asks for `/` with a `GET`, like any client:

# %%
response = app.get("/")

assert response.status_code == 200
assert "No posts yet." in response.text

# %% [markdown]
# The view is now one line, `render_template("index.html", posts=...)`. Flask finds
# `templates/index.html`, fills it in with the posts, and answers the HTML.
#
# A whole page is long, so only its `<main>` element is printed above. The rest comes from
# `templates/base.html`: `index.html` starts with `{% extends "base.html" %}` and only fills in the
# blocks that change from page to page, the title and the content. Every page shares the rest,
# such as the header and the link to the stylesheet:

# %%
print(response.text)

# %% [markdown]
# In the template the stylesheet's address is `{{ url_for('static', filename='style.css') }}`.
# Flask serves every file of the `static/` folder under `/static/`, with no view to write:

# %%
response = app.get("/static/style.css")

assert response.status_code == 200
assert response.headers["Content-Type"].startswith("text/css")

# %% [markdown]
# ## Writing a post with the form
#
# `GET /posts/new` shows an empty form:

# %%
response = app.get("/posts/new")

assert '<form method="post" action="/posts/new">' in response.text

# %% [markdown]
# `<form method="post" action="/posts/new">` tells the browser what to do when you click
# "Publish": send a `POST` to `/posts/new`, with the fields as `title=...&content=...` in the body
# (`application/x-www-form-urlencoded`, not JSON). `data=` sends exactly that:

# %%
response = app.post("/posts/new", data={"title": "Hello", "content": "Written in a form."})

assert response.status_code == 303
assert response.headers["Location"] == "/posts/1"

# %% [markdown]
# The view read the fields from `request.form`, saved the post, and answered
# **303 See Other** with `Location: /posts/1`: "the result is over there, go and `GET` it". A
# browser does that at once, so you end up on the new post's page. (The little "Redirecting..."
# page in the body is for clients that do not follow redirects by themselves.)
#
# Why not show the post page directly in the answer to the `POST`? Because then the browser's
# address bar would show the `POST`, and reloading the page would send the form again and publish
# the post twice. After a redirect, reloading repeats the harmless `GET`. This pattern is called
# *Post/Redirect/Get*.
#
# Our helper does not follow redirects, so that you can see them. Let's follow this one by hand,
# as the browser would:

# %%
response = app.get(response.headers["Location"])

assert response.status_code == 200
assert "<h1>Hello</h1>" in response.text

# %% [markdown]
# ## A form with a problem
#
# If a field is blank, nothing is saved. The view shows the form again, with the problems listed
# and with what you typed still in the fields, so that you do not have to type it all again:

# %%
response = app.post("/posts/new", data={"title": "   ", "content": "Some text I do not want to lose."})

assert response.status_code == 400
assert "title is required" in response.text
assert "Some text I do not want to lose." in response.text

# %% [markdown]
# The status is **400 Bad Request**, not 200: the form page is shown, but the post was not made.
# A person reads the page; a program (or a test) can rely on the status code.
#
# The checks are the very ones the API uses (`check_post` in `app.py`), so the form and the API
# can never disagree about what a valid post is.

# %% [markdown]
# ## Why `<script>` in a post is harmless: escaping
#
# Anyone can write a post, so a post may contain HTML, even a script. Let's publish one through the
# API:

# %%
SCRIPT = '<script>alert("hi")</script>'

response = app.post("/api/posts", json={"title": SCRIPT, "content": f"Look: {SCRIPT}"})

assert response.status_code == 201
assert response.json()["title"] == SCRIPT
script_post = response.json()

# %% [markdown]
# The API stores and returns the text exactly as it was sent: JSON is data, and no browser runs a
# script found in a JSON string.
#
# A page is different. If the title went into the HTML as it is, every visitor's browser would
# run that script. Now look at the post's page:

# %%
response = app.get(f"/posts/{script_post['id']}")

ESCAPED = "&lt;script&gt;alert(&#34;hi&#34;)&lt;/script&gt;"
assert SCRIPT not in response.text
assert ESCAPED in response.text

# %% [markdown]
# Jinja *escaped* the text: `<` became `&lt;`, `>` became `&gt;` and `"` became `&#34;`. A browser
# shows these as the characters `<`, `>` and `"`, as text, and never reads them as a tag. We did
# nothing for this: Flask turns on autoescaping for `.html` templates, so whatever goes through
# `{{ ... }}` is escaped. The page title, in `<title>`, is escaped too, and so is the home page's
# list:

# %%
response = app.get("/")

assert SCRIPT not in response.text
assert ESCAPED in response.text

# %% [markdown]
# Escaping also protects the form when it is shown again. Here the title tries to close the
# `value="..."` attribute with a `"` and slip in a tag; the empty content makes the form come back:

# %%
response = app.post("/posts/new", data={"title": '"><script>alert(1)</script>', "content": ""})

assert response.status_code == 400
assert 'value="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in response.text

# %% [markdown]
# The `"` became `&#34;`, so the attribute never closes: the browser shows the title, as typed, in
# the field.

# %% [markdown]
# ## Errors: a page for people, JSON for programs
#
# In step 02 every error was JSON. Now the error handler looks at the URL: under `/api/` it
# answers JSON as before; anywhere else, it renders `templates/error.html`, a page with the same
# layout as the rest of the site. The status code is the same either way.
#
# A post that does not exist, as a page:

# %%
response = app.get("/posts/42")

assert response.status_code == 404
assert response.headers["Content-Type"].startswith("text/html")
assert "There is no post with id 42." in response.text

# %% [markdown]
# The same post, from the API:

# %%
response = app.get("/api/posts/42")

assert response.status_code == 404
assert response.json()["message"] == "There is no post with id 42."

# %% [markdown]
# Both come from the same line, `abort(404, description=f"There is no post with id {post_id}.")`
# in `find_post`, which the page view and the API view share. Only the way the error is shown
# differs.
#
# URLs that have no route at all follow the same rule:

# %%
response = app.get("/no-such-page")

assert response.status_code == 404
assert "<h1>404 Not Found</h1>" in response.text

# %%
response = app.get("/api/nothing-here")

assert response.status_code == 404
assert response.json()["error"] == "not_found"

# %% [markdown]
# And a wrong method on a page gets a 405 page, which keeps the `Allow` header:

# %%
response = app.delete("/")

assert response.status_code == 405
assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}

# %% [markdown]
# ## The API, one more time
#
# The API has the same routes as in step 02, and it shares its posts with the pages: the list
# holds the post made with the form and the one made through the API.

# %%
response = app.get("/api/posts")

assert [post["id"] for post in response.json()] == [script_post["id"], 1]

# %% [markdown]
# `?q=` and `?limit=` work as before:

# %%
response = app.get("/api/posts", params={"q": "form", "limit": 5})

assert [post["title"] for post in response.json()] == ["Hello"]

# %%
response = app.get("/api/posts/1")

assert response.json()["content"] == "Written in a form."

# %% [markdown]
# One thing is new: since the checks are shared with the form, the API names *every* problem of a
# post, not just the first one:

# %%
response = app.post("/api/posts", json={})

assert response.status_code == 400
assert response.json()["message"] == (
    "title is required, as text that is not blank. content is required, as text that is not blank."
)

# %% [markdown]
# Deleting through the API removes the post from the pages too:

# %%
response = app.delete("/api/posts/1")

assert response.status_code == 204

# %%
response = app.get("/posts/1")

assert response.status_code == 404

# %% [markdown]
# ## Stop the server

# %%
app.stop()

# %% [markdown]
# **Next:** [04-factory.ipynb](04-factory.ipynb) serves this same blog from a package: an
# *application factory*, `create_app()`, with the pages and the API in two blueprints, and
# settings for development and for production.
