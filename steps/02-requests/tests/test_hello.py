import pytest

from support import describe


def test_home_page_answers_some_text(client):
    """GET / still answers 200 with some text."""
    response = client.get("/")

    assert response.status_code == 200, describe(response)
    assert response.text.strip()


@pytest.mark.reference
def test_home_page_says_hello(client):
    """GET / still answers the text "Hello, Flask!"."""
    assert client.get("/").text == "Hello, Flask!"
