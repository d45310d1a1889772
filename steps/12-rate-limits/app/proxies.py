"""Behind reverse proxies: the client's address, scheme and host, as the proxies report them."""

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix


def init_app(app: Flask) -> None:
    """Trust the X-Forwarded-For, -Proto and -Host headers of PROXY_COUNT proxies, and no one else's.

    Each proxy adds the address it got the request from to the right of X-Forwarded-For: the
    right-most PROXY_COUNT addresses are theirs, and whatever is on their left, the client wrote.
    """
    count = app.config["PROXY_COUNT"]
    if count:
        # Around app.wsgi_app, not around app: the test client goes through it too.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)
