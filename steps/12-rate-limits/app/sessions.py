"""Signing in to the pages, in the session cookie, and keeping other sites from sending their forms.

Flask-Login keeps the signed-in user's id in the session, the cookie Flask signs with SECRET_KEY,
and gives every view and template `current_user`. Flask-WTF's CSRFProtect refuses every POST that
does not carry the token of a form this site gave out. The JSON API signs no one in with the cookie,
so create_app() leaves it out of both.
"""

from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

from app.models import User
from app.users import find_user

login_manager = LoginManager()
# A visitor who is not signed in and asks for a page marked @login_required is redirected to the
# login page, with ?next= the page they asked for, and sees this message there (rather than a 401).
login_manager.login_view = "pages.login"
login_manager.login_message = "Sign in first, please."

csrf = CSRFProtect()

# A browser drops a tab or a newline inside a URL, and reads \ as /: with them, "/\t/evil.example"
# and "/\evil.example" lead to another site, as "//evil.example" does.
CONTROL_CHARACTERS = {chr(code) for code in range(32)} | {"\x7f"}


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """The signed-in user, from the id the session keeps: get_id()'s text, "42".

    None for an id that is no user's any more (deleted since): the visitor is then signed out. Only
    this app writes the id, into a cookie signed with SECRET_KEY, so it is always a whole number.
    Flask-Login's "How it Works" page says what a user_loader must do.
    """
    return find_user(int(user_id))


def safe_next_page(target: str | None) -> str | None:
    """`target` if it is a path of this site, to go back to after signing in; None if it is not.

    An open redirect would let a link that shows this site's address take someone, just signed in,
    to a copy of the site that asks for their password again. A path of this site starts with one
    "/", never two: so it has no scheme ("https://evil.example") and no host ("//evil.example",
    and "///evil.example", in which urllib.parse.urlsplit finds no host, but a browser does). And it
    holds no "\\" and no control character. Flask-Login's "Login Example" warns that `next` must be
    checked; OWASP's "Unvalidated Redirects and Forwards" cheat sheet says why.
    """
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or CONTROL_CHARACTERS.intersection(target):
        return None
    return target
