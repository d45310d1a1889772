"""Users in the database: finding them, checking what makes one, adding them."""

from email_validator import validate_email
from flask import abort

from app.database import LARGEST_ID, db
from app.models import User

MIN_PASSWORD = 8


def normalise_email(email: str) -> str:
    """The one way an address is stored: " Ada@Example.com " and "ada@example.com" are one user."""
    return email.strip().lower()


def valid_email(email) -> str:
    """The email, normalised, if it is a valid address; ValueError if it is not."""
    if not isinstance(email, str) or not email.strip():
        raise ValueError("An email is text that is not blank.")
    # Syntax only: looking up the domain would need the network, and slow every request.
    # EmailNotValidError, which says what is wrong, is a ValueError.
    validate_email(normalise_email(email), check_deliverability=False)
    return normalise_email(email)


def valid_password(password) -> str:
    """The password, if it is text of at least MIN_PASSWORD characters; ValueError if it is not."""
    if not isinstance(password, str) or not password.strip() or len(password) < MIN_PASSWORD:
        raise ValueError(f"A password is text of at least {MIN_PASSWORD} characters.")
    return password


def find_user_or_404(user_id: int) -> User:
    description = f"There is no user with id {user_id}."
    if user_id > LARGEST_ID:
        abort(404, description=description)
    return db.get_or_404(User, user_id, description=description)


def find_author(author_id) -> User | None:
    """The user whose id this is, or None if it is not the id of a user (nor even a whole number)."""
    # True is an int to Python (True == 1), but no client means it as an id.
    if isinstance(author_id, bool) or not isinstance(author_id, int) or not 1 <= author_id <= LARGEST_ID:
        return None
    return db.session.get(User, author_id)


def users_by_email() -> list[User]:
    return list(db.session.scalars(db.select(User).order_by(User.email)))


def add_user(email: str, password: str) -> User:
    """Insert the user. IntegrityError if the email is taken: the database's unique constraint says."""
    user = User(email=normalise_email(email))
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user
