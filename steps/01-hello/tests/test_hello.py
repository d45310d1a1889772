import pytest


def test_home_page_answers_some_text(client):
    """GET / answers 200 with some text, as an HTML page."""
    response = client.get("/")

    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert response.text.strip()


@pytest.mark.reference
def test_home_page_says_hello(client):
    """GET / answers the text "Hello, Flask!"."""
    response = client.get("/")

    assert response.text == "Hello, Flask!"


def test_unknown_url_is_not_found(client):
    """A URL with no route answers 404 Not Found."""
    response = client.get("/no-such-page")

    assert response.status_code == 404


def test_home_page_only_answers_get(client):
    """POST / answers 405 Method Not Allowed, and says in the Allow header that GET works."""
    response = client.post("/")

    assert response.status_code == 405
    assert response.allow >= {"GET"}
