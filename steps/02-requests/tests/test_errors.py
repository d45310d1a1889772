import pytest


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


def test_unknown_url_is_not_found(client):
    """A URL with no route answers 404 as JSON too."""
    assert_json_error(client.get("/api/nothing-here"), 404, "not_found")


def test_wrong_method_is_not_allowed(client, add_post):
    """PUT /api/posts/<id> answers 405 with the Allow header listing the methods that work."""
    post = add_post()

    response = client.put(f"/api/posts/{post['id']}", json={"title": "New"})

    assert_json_error(response, 405, "method_not_allowed")
    assert response.allow == {"GET", "HEAD", "OPTIONS", "DELETE"}


def test_home_page_only_answers_get(client):
    """POST / answers 405 Method Not Allowed, as JSON, with the Allow header listing GET."""
    response = client.post("/")

    assert_json_error(response, 405, "method_not_allowed")
    assert response.allow == {"GET", "HEAD", "OPTIONS"}


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
