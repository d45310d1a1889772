def test_home_page_says_hello(client):
    """GET / still answers 200 with the text "Hello, Flask!"."""
    response = client.get("/")

    assert response.status_code == 200
    assert response.text == "Hello, Flask!"
