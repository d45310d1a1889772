import pytest


@pytest.fixture(params=["testing", "production"])
def config_name(request):
    """Every error answers the same under the testing and the production settings."""
    return request.param


def assert_json_error(response, status, error, message=None):
    """The response is the JSON error shape: {"error", "message", "code"}."""
    assert response.status_code == status
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"error", "message", "code"}
    assert body["error"] == error
    assert body["code"] == status
    if message is None:
        assert body["message"].endswith(".")  # at least a sentence
    else:
        assert body["message"] == message


@pytest.mark.parametrize("method", ["get", "delete"])
def test_missing_post_is_not_found(client, method):
    """GET or DELETE /api/posts/<id> of a post that does not exist answers 404."""
    response = getattr(client, method)("/api/posts/42")

    assert_json_error(response, 404, "not_found", "There is no post with id 42.")


def test_id_must_be_a_number(client):
    """GET /api/posts/abc answers 404: the <int:post_id> converter only matches numbers."""
    assert_json_error(client.get("/api/posts/abc"), 404, "not_found")


@pytest.mark.parametrize("url", ["/api/nothing-here", "/api/", "/api"])
def test_unknown_api_url_is_not_found(client, url):
    """A URL of the API (/api and below) with no route answers 404 as JSON."""
    assert_json_error(client.get(url), 404, "not_found")


def test_wrong_method_is_not_allowed(client, add_post):
    """PUT /api/posts/<id> answers 405 with the Allow header listing the methods that work."""
    post = add_post()

    response = client.put(f"/api/posts/{post['id']}", json={"title": "New"})

    assert_json_error(response, 405, "method_not_allowed")
    assert response.allow == {"GET", "HEAD", "OPTIONS", "DELETE"}


def test_create_needs_a_json_body(client):
    """POST /api/posts with a form instead of JSON answers 415 Unsupported Media Type."""
    response = client.post("/api/posts", data={"title": "Hello", "content": "Hi"})

    assert_json_error(
        response, 415, "unsupported_media_type", "Send JSON, with the header Content-Type: application/json."
    )


def test_create_with_broken_json(client):
    """POST /api/posts with JSON that does not parse answers 400 and says what to send."""
    response = client.post("/api/posts", data="{not json", content_type="application/json")

    assert_json_error(response, 400, "bad_request", 'Send a JSON object: {"title": "...", "content": "..."}.')
    assert client.get("/api/posts").get_json() == []


@pytest.mark.parametrize("body", ["[]", '["title"]', '"Hello"', "42", "null"])
def test_create_needs_a_json_object(client, body):
    """POST /api/posts with JSON that is not an object answers 400 and says what to send."""
    response = client.post("/api/posts", data=body, content_type="application/json")

    assert_json_error(response, 400, "bad_request", 'Send a JSON object: {"title": "...", "content": "..."}.')


@pytest.mark.parametrize("field", ["title", "content"])
@pytest.mark.parametrize("value", [None, "", "   ", 42, ["a list"]])
def test_create_needs_title_and_content(client, field, value):
    """POST /api/posts without a title or content (or with a blank one) answers 400."""
    body = {"title": "Hello", "content": "Hi"}
    if value is None:
        del body[field]
    else:
        body[field] = value

    response = client.post("/api/posts", json=body)

    assert_json_error(response, 400, "bad_request", f"{field} is required, as text that is not blank.")
    assert client.get("/api/posts").get_json() == []  # nothing half-saved


@pytest.mark.parametrize(("field", "longest"), [("title", 200), ("content", 10_000)])
def test_create_length_limits(client, field, longest):
    """A title may have 200 characters and content 10,000; one more answers 400."""
    body = {"title": "Hello", "content": "Hi"}

    body[field] = "x" * longest
    assert client.post("/api/posts", json=body).status_code == 201

    body[field] = "x" * (longest + 1)
    response = client.post("/api/posts", json=body)
    assert_json_error(response, 400, "bad_request", f"{field} must be at most {longest} characters.")
    assert len(client.get("/api/posts").get_json()) == 1


@pytest.mark.parametrize(("field", "longest"), [("title", 200), ("content", 10_000)])
def test_length_limits_leave_out_surrounding_spaces(client, field, longest):
    """Spaces around a title or content are trimmed before its length is checked."""
    body = {"title": "Hello", "content": "Hi"}
    body[field] = "  " + "x" * longest + "  "

    response = client.post("/api/posts", json=body)

    assert response.status_code == 201
    assert response.get_json()[field] == "x" * longest


def test_create_names_every_problem(client):
    """POST /api/posts with an empty object names both missing fields in one message."""
    response = client.post("/api/posts", json={})

    assert_json_error(
        response,
        400,
        "bad_request",
        "title is required, as text that is not blank. content is required, as text that is not blank.",
    )


def test_too_large_body(client):
    """A request body over 1 MB answers 413 Request Entity Too Large, before anything is saved."""
    body = {"title": "Big", "content": "x" * (1024 * 1024)}

    response = client.post("/api/posts", json=body)

    assert_json_error(response, 413, "request_entity_too_large")
    assert client.get("/api/posts").get_json() == []


def test_body_limit_is_exactly_1_mb(client):
    """A request body of exactly 1 MB (1,048,576 bytes) is accepted; one byte more answers 413."""
    body = b'{"title": "Big", "content": "Hi"}'
    padded = body + b" " * (1024 * 1024 - len(body))  # spaces after the JSON object are allowed

    accepted = client.post("/api/posts", data=padded, content_type="application/json")
    refused = client.post("/api/posts", data=padded + b" ", content_type="application/json")

    assert accepted.status_code == 201
    assert_json_error(refused, 413, "request_entity_too_large")
    assert len(client.get("/api/posts").get_json()) == 1


# Pages answer errors as HTML ------------------------------------------------


def test_missing_post_page_is_an_html_404(client):
    """GET /posts/<id> of a post that does not exist answers a 404 HTML page that links back to /."""
    response = client.get("/posts/42")

    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert "<h1>404 Not Found</h1>" in response.text
    assert "There is no post with id 42." in response.text
    assert '<a href="/">Back to the posts</a>' in response.text


@pytest.mark.parametrize("url", ["/no-such-page", "/apiary"])
def test_unknown_page_is_an_html_404(client, url):
    """A URL outside /api/ with no route (even /apiary) answers a 404 HTML page, not JSON."""
    response = client.get(url)

    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert "<h1>404 Not Found</h1>" in response.text


def test_wrong_method_on_a_page(client):
    """DELETE / answers a 405 HTML page that keeps the Allow header."""
    response = client.delete("/")

    assert response.status_code == 405
    assert response.mimetype == "text/html"
    assert "<h1>405 Method Not Allowed</h1>" in response.text
    assert response.allow == {"GET", "HEAD", "OPTIONS"}
