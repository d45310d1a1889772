"""Users in the database: finding them, checking what makes one, adding them."""

from email_validator import EmailNotValidError, validate_email
from flask import abort

from app.database import LARGEST_ID, db
from app.models import User

MIN_PASSWORD = 8


def normalise_email(email: str) -> str:
    """The one way an address is stored: " Ada@Example.com " and "ada@example.com" are one user."""
    return email.strip().lower()


def check_user(email, password) -> list[str]:
    """What is wrong with an email and a password: an empty list when nothing is."""
    problems = []
    if not isinstance(email, str) or not email.strip():
        problems.append("email is required, as text that is not blank.")
    else:
        try:
            # Syntax only: looking up the domain would need the network, and slow every request.
            validate_email(normalise_email(email), check_deliverability=False)
        except EmailNotValidError as error:
            problems.append(f"email is not a valid address: {error}")
    if not isinstance(password, str) or not password.strip():
        problems.append("password is required, as text that is not blank.")
    elif len(password) < MIN_PASSWORD:
        problems.append(f"password must have at least {MIN_PASSWORD} characters.")
    return problems


def find_user_by_email(email: str) -> User | None:
    return db.session.scalars(db.select(User).where(User.email == normalise_email(email))).first()


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
    user = User(email=normalise_email(email))
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user
