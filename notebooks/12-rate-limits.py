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
# # Step 12: Rate limits
#
# Same blog, same pages, same API as step 11. What changes is how much of it one client may use:
# every view counts each client's requests, and a client over a limit gets **429 Too Many
# Requests**. Every answer of a limited view says where the client stands:
#
# | Header                  | What it says                                               |
# |-------------------------|------------------------------------------------------------|
# | `X-RateLimit-Limit`     | how many requests the window allows                        |
# | `X-RateLimit-Remaining` | how many of them are left                                  |
# | `X-RateLimit-Reset`     | when the window ends, in seconds since 1970 (Unix time)    |
# | `Retry-After`           | how many seconds that is from now: with a 429, how long to wait |
#
# | File                  | What changed                                                           |
# |-----------------------|------------------------------------------------------------------------|
# | `app/limits.py`       | new: a `Limiter` for each app, and the views' own limits               |
# | `app/proxies.py`      | new: `ProxyFix`, for the `PROXY_COUNT` proxies in front of the app     |
# | `app/config.py`       | the limits and where they are counted; production needs Redis          |
# | `app/errors.py`       | a 429 in the API's error shape, its message a sentence                 |
# | `app/cors.py`         | a page's script may read the rate limit headers                        |
#
# The limits are settings, so this notebook makes them small and short: every `FLASK_*`
# environment variable reaches the settings through `app.config.from_prefixed_env()`, and
# `FLASK_RATELIMIT_DEFAULT="5 per 2 seconds"` sets `RATELIMIT_DEFAULT`.

# %%
import time

from helpers import start_app

SMALL_LIMITS = {
    "FLASK_RATELIMIT_DEFAULT": "5 per 2 seconds",  # for each view, counted apart
    "FLASK_RATELIMIT_LOGIN": "3 per minute",  # POST /auth/login and POST /login, together
}
app = start_app("12", env=SMALL_LIMITS)

# %% [markdown]
# ## Where a client stands
#
# One request: the default limit allows 5 requests in 2 seconds, and this one leaves 4.

# %%
response = app.get("/api/posts")
assert response.headers["X-RateLimit-Limit"] == "5"
assert response.headers["X-RateLimit-Remaining"] == "4"


# %% [markdown]
# The window is a *fixed window*: it starts with a client's first request, lasts the limit's
# period, and then the count starts again from zero. A client that wants to start afresh waits
# until `X-RateLimit-Reset`:


# %%
def wait_for_the_window_to_end(response) -> None:
    """Sleep until the X-RateLimit-Reset of this response: then its window has ended."""
    time.sleep(max(0, int(response.headers["X-RateLimit-Reset"]) - time.time()))


wait_for_the_window_to_end(response)

# %% [markdown]
# ## A burst
#
# Now 40 requests, one every 0.1 seconds for four seconds: a script that loops over the pages of
# `/api/posts` without waiting. `app.session` sends them without printing each one; the cell keeps,
# for each, when it was sent and how it was answered.

# %%
sent = []  # (seconds since the first request, status)
started = time.monotonic()
for n in range(40):
    time.sleep(max(0, started + n * 0.1 - time.monotonic()))  # one every 0.1 s, on time
    answer = app.session.get(app.url + "/api/posts")
    sent.append((time.monotonic() - started, answer.status_code))

allowed = [at for at, status in sent if status == 200]
refused = [at for at, status in sent if status == 429]
print("The first six:", [status for _, status in sent[:6]])
assert [status for _, status in sent[:6]] == [200, 200, 200, 200, 200, 429]

# %% [markdown]
# Each dot is a request: up, answered; down, refused. Each shaded band is a window: it starts with
# the first request answered, and the five first requests in it are answered, the others refused.

# %%
import matplotlib.pyplot as plt

figure, axes = plt.subplots(figsize=(9, 2.5))
for window_start in allowed[::5]:  # each window starts with its first answered request
    axes.axvspan(window_start, window_start + 2, color="tab:green", alpha=0.08)
axes.scatter(allowed, [1] * len(allowed), color="tab:green", label="200 answered")
axes.scatter(refused, [0] * len(refused), color="tab:red", marker="x", label="429 Too Many Requests")
axes.set_yticks([0, 1], ["429", "200"])
axes.set_ylim(-0.5, 1.5)
axes.set_xlabel("seconds since the first request")
axes.set_title("40 requests in 4 seconds, under a limit of 5 per 2 seconds")
axes.legend(loc="center right")
plt.show()

# %% [markdown]
# A refused request costs the app little: Flask-Limiter answers it before the view runs, so it
# sends no query to the database.
#
# ## A 429, whole
#
# Once the window has ended, five requests, and a sixth: the API's error shape, with how long to
# wait in `Retry-After`.

# %%
wait_for_the_window_to_end(answer)
for _ in range(5):
    app.session.get(app.url + "/api/posts")
response = app.get("/api/posts")
assert response.status_code == 429
assert response.json()["error"] == "too_many_requests"

# %% [markdown]
# ## Sign-in attempts
#
# Guessing a password takes many attempts, so sign-ins have a strict limit of their own:
# `RATELIMIT_LOGIN`, 5 a minute in the app's settings, 3 here. It counts the API's `POST /auth/login`
# and the form's `POST /login` together, so that the form is no way around it. An account first:

# %%
response = app.post("/auth/register", json={"email": "ada@example.com", "password": "correct horse"})
assert response.status_code == 201

# %% [markdown]
# Three wrong guesses, each a 401; the fourth attempt is refused before the app even looks at the
# password, the right one included:

# %%
for guess in ["password", "123456", "qwerty"]:
    answer = app.session.post(app.url + "/auth/login", json={"email": "ada@example.com", "password": guess})
    remaining = answer.headers["X-RateLimit-Remaining"]
    print(f"{guess:10} {answer.status_code}  X-RateLimit-Remaining: {remaining}")
    assert answer.status_code == 401

response = app.post("/auth/login", json={"email": "ada@example.com", "password": "correct horse"})
assert response.status_code == 429

# %% [markdown]
# ## Who is the client?
#
# Flask-Limiter counts by the client's address, `request.remote_addr`: the other end of the
# connection, 127.0.0.1 here, which a client cannot choose. `X-Forwarded-For` is only a header that
# anyone can write. With `PROXY_COUNT` 0, the app's default, it changes nothing: a made-up address
# does not make a new client, and the sign-in limit still holds.

# %%
response = app.post(
    "/auth/login",
    json={"email": "ada@example.com", "password": "letmein"},
    headers={"X-Forwarded-For": "203.0.113.99"},
)
assert response.status_code == 429

# %% [markdown]
# Behind one reverse proxy, with `FLASK_PROXY_COUNT=1`, the app believes the right-most address of
# `X-Forwarded-For`: the one the proxy added, the address it got the request from. Whatever the
# client wrote to its left changes nothing. A second server plays the app behind its proxy, and
# this notebook plays the proxy, adding the address it "saw", 198.51.100.7, to what the client sent:

# %%
behind_a_proxy = start_app("12", env={**SMALL_LIMITS, "FLASK_PROXY_COUNT": "1"})

seen_by_the_proxy = "198.51.100.7"
for written_by_the_client in ["1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4"]:
    forwarded_for = f"{written_by_the_client}, {seen_by_the_proxy}"
    answer = behind_a_proxy.session.post(
        behind_a_proxy.url + "/auth/login",
        json={"email": "ada@example.com", "password": "guess"},
        headers={"X-Forwarded-For": forwarded_for},
    )
    print(f"X-Forwarded-For: {forwarded_for:22} -> {answer.status_code}")
assert answer.status_code == 429

# %% [markdown]
# The proxy reports the scheme and the host the client asked for too, in `X-Forwarded-Proto` and
# `X-Forwarded-Host`, so that the URLs the app writes, in the `Link` header, are the public ones:

# %%
reported = {
    "X-Forwarded-For": "198.51.100.8",  # the address the proxy saw
    "X-Forwarded-Proto": "https",  # the scheme and the host the client asked for
    "X-Forwarded-Host": "blog.example",
}
response = behind_a_proxy.get("/api/posts", headers=reported)
assert response.headers["Link"].startswith("<https://blog.example/api/posts?")
behind_a_proxy.stop()

# %% [markdown]
# ## Two workers, each counting in its own memory
#
# `memory://`, where the development settings count, is one process's memory.
# `gunicorn --workers 2` runs two processes, each with its own app and its own memory. Two servers
# show what that does: each allows the whole limit, and a client whose requests reach both gets
# twice as many through.

# %%
second_worker = start_app("12", env=SMALL_LIMITS)
wait_for_the_window_to_end(app.session.get(app.url + "/api/users"))

first = [app.session.get(app.url + "/api/users").status_code for _ in range(6)]
second = [second_worker.session.get(second_worker.url + "/api/users").status_code for _ in range(6)]
print("first worker: ", first)
print("second worker:", second)
assert first.count(200) == second.count(200) == 5
second_worker.stop()

# %% [markdown]
# Production counts in Redis instead, `FLASK_RATELIMIT_STORAGE_URI=redis://127.0.0.1:6379/0`, which
# every worker shares: then the two together allow 5. The step's tests prove it with two apps on one
# Redis server, and production refuses to start until `RATELIMIT_STORAGE_URI` says where to count.

# %%
app.stop()
