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
# # Step 11: CORS
#
# Same blog, same pages, same API and tokens as step 10. What changes is who may call the API from
# a web page of **another origin** (another scheme, host or port), a JavaScript front end on
# `http://localhost:5173`, say. A browser lets a page's script read the answers of its own origin
# only, unless the answer's CORS headers name the page's origin. Now the API names the origins of
# the setting `CORS_ORIGINS`, on `/api` and `/auth` only.
#
# | File                    | What changed                                                            |
# |-------------------------|-------------------------------------------------------------------------|
# | `app/cors.py`           | new: Flask-CORS on `/api` and `/auth`, for the origins of `CORS_ORIGINS` |
# | `app/config.py`         | `CORS_ORIGINS` for each settings; anything that is not an origin refused |
# | `app/__init__.py`       | `CORS_ORIGINS` from the environment; `cors.init_app(app)`                |
# | `requirements.txt`      | `flask-cors`, and `selenium` for the browser test                        |
#
# This notebook plays the browser's part with `requests`: it sends the headers a browser sends, and
# reads the headers a browser would obey. (`tests/test_browser.py` lets a real one obey them.)

# %% [markdown]
# ## Start the app
#
# In development, `CORS_ORIGINS` lists a front end's development server on this machine:

# %%
from helpers import AppDidNotStart, start_app

app = start_app("11")

ALLOWED = "http://localhost:5173"
OTHER = "https://evil.example"

# %% [markdown]
# `app/cors.py` gives Flask-CORS its options, the same for `/api` and for `/auth`:

# %%
import ast


def show_source(path, name: str) -> None:
    """Print the function, class or assignment called `name` in the Python file at `path`."""
    source = path.read_text()
    for node in ast.parse(source).body:
        names = [target.id for target in getattr(node, "targets", []) if isinstance(target, ast.Name)]
        if getattr(node, "name", None) == name or name in names:
            print("\n".join(source.splitlines()[node.lineno - 1 : node.end_lineno]))
            return
    raise LookupError(f"{name} is not in {path}")


show_source(app.folder / "app" / "cors.py", "init_app")

# %% [markdown]
# ## A preflight from an allowed origin
#
# Before a request that carries a token or JSON, a browser asks first, with an `OPTIONS` request:
# its page's origin, the method it wants to send, and the headers. This is what it sends before
# `fetch("/api/posts", {method: "POST", headers: {Authorization: ..., "Content-Type": ...}})`:

# %%
PREFLIGHT = {
    "Access-Control-Request-Method": "POST",
    "Access-Control-Request-Headers": "authorization, content-type",
}

response = app.request("OPTIONS", "/api/posts", headers={"Origin": ALLOWED, **PREFLIGHT})

assert response.headers["Access-Control-Allow-Origin"] == ALLOWED
assert "POST" in response.headers["Access-Control-Allow-Methods"]
assert response.headers["Access-Control-Allow-Headers"] == "authorization, content-type"
assert "Access-Control-Allow-Credentials" not in response.headers

# %% [markdown]
# The answer names the page's origin, and allows the method and both headers: the browser would now
# send the `POST`. `Access-Control-Max-Age` lets it remember the answer for ten minutes. There is
# no `Access-Control-Allow-Credentials`: the browser sends no cookie to the API, which needs none,
# since its client sends a token.
#
# ## The same preflight from another origin

# %%
response = app.request("OPTIONS", "/api/posts", headers={"Origin": OTHER, **PREFLIGHT})

assert not [name for name in response.headers if name.lower().startswith("access-control-")]

# %% [markdown]
# Not one `Access-Control-*` header: the browser would send nothing more, and the page's `fetch()`
# would reject with `TypeError: Failed to fetch`.
#
# A header the API does not list is refused the same way, even to an allowed origin:

# %%
response = app.request(
    "OPTIONS",
    "/api/posts",
    headers={
        "Origin": ALLOWED,
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "x-colour",
    },
)

assert "Access-Control-Allow-Headers" not in response.headers

# %% [markdown]
# ## What a page's script may read
#
# A post, then the list from an allowed origin. A script sees only the few headers every answer
# shows and those that `Access-Control-Expose-Headers` lists: the list's `X-Total-Count` and
# `Link`, and the `X-Request-ID` to quote in a bug report.

# %%
credentials = {"email": "ada@example.com", "password": "correct horse"}
app.post("/auth/register", json=credentials)
token = app.post("/auth/login", json=credentials).json()["access_token"]
response = app.post(
    "/api/posts", json={"title": "Hello", "content": "First."}, headers={"Authorization": f"Bearer {token}"}
)
assert response.status_code == 201

# %%
response = app.get("/api/posts", headers={"Origin": ALLOWED})

exposed = {name.strip().lower() for name in response.headers["Access-Control-Expose-Headers"].split(",")}
assert {"x-total-count", "link", "x-request-id"} <= exposed
assert response.headers["X-Total-Count"] == "1"

# %% [markdown]
# ## CORS protects no server
#
# The same request from the other origin. The API answers it in full: only a browser would keep the
# answer from its page, because there is no `Access-Control-Allow-Origin`. `requests`, like curl,
# reads it anyway. CORS protects a browser's user from other sites' scripts; who may publish is
# still the tokens' business.

# %%
response = app.get("/api/posts", headers={"Origin": OTHER})

assert response.status_code == 200
assert "Access-Control-Allow-Origin" not in response.headers
assert response.json()[0]["title"] == "Hello"

# %% [markdown]
# ## Pages outside `/api` and `/auth`
#
# The HTML pages never answer CORS headers, not even to an allowed origin: no other site's script
# needs to read them.

# %%
response = app.get("/", headers={"Origin": ALLOWED})

assert response.status_code == 200
assert "Access-Control-Allow-Origin" not in response.headers

# %% [markdown]
# ## The origins come from the environment, checked at start
#
# `CORS_ORIGINS` in the environment lists the origins, separated by commas. An entry that is not an
# origin, `*` above all, stops the app at start, with one line that says what to set:

# %%
app.stop()

try:
    start_app("11", env={"CORS_ORIGINS": "https://reader.example.com,*"})
except AppDidNotStart as error:
    refusal = [line for line in str(error).splitlines() if "CORS_ORIGINS" in line][-1]
    print(refusal)
else:
    raise AssertionError("the app started with CORS_ORIGINS=*")

assert "CORS_ORIGINS must not be *" in refusal

# %% [markdown]
# And a list of real origins replaces the development ones:

# %%
app = start_app("11", env={"CORS_ORIGINS": "https://reader.example.com"})

response = app.get("/api/posts", headers={"Origin": "https://reader.example.com"})
assert response.headers["Access-Control-Allow-Origin"] == "https://reader.example.com"

response = app.get("/api/posts", headers={"Origin": ALLOWED})
assert "Access-Control-Allow-Origin" not in response.headers

app.stop()
