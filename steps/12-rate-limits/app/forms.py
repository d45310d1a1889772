"""The pages' forms, as Flask-WTF FlaskForm classes.

A form reads its fields from the request, checks them with the same rules as the API, and renders
itself, with a hidden field for the CSRF token: {{ form.csrf_token }}.
"""

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField, TextAreaField, ValidationError

from app.models import MAX_TITLE
from app.posts import MAX_CONTENT
from app.text import text_of_at_most
from app.users import MAX_PASSWORD, MIN_PASSWORD, canonical_email, valid_password


def checked_by(check):
    """A WTForms validator made of one of the app's own checks, so that the pages keep the API's rules:
    the field is refused, with the check's message, when check(field.data) raises ValueError.
    (WTForms' "Custom validators" shows the pattern.)"""

    def validate(form, field) -> None:
        try:
            check(field.data)
        except ValueError as problem:
            raise ValidationError(str(problem)) from None

    return validate


class SignInForm(FlaskForm):
    # No validators: whatever is wrong, the page answers the same message (pages.login says why).
    email = EmailField("Email", render_kw={"required": True, "autocomplete": "username"})
    password = PasswordField("Password", render_kw={"required": True, "autocomplete": "current-password"})


class SignUpForm(FlaskForm):
    email = EmailField(
        "Email",
        validators=[checked_by(canonical_email)],
        render_kw={"required": True, "autocomplete": "username"},
    )
    # A PasswordField never shows what was typed: a form shown again has an empty password.
    password = PasswordField(
        "Password",
        validators=[checked_by(valid_password)],
        render_kw={
            "required": True,
            "minlength": MIN_PASSWORD,
            "maxlength": MAX_PASSWORD,
            "autocomplete": "new-password",
        },
    )


class PostForm(FlaskForm):
    # No author: it is whoever is signed in.
    title = StringField(
        "Title",
        validators=[checked_by(text_of_at_most("title", MAX_TITLE))],
        render_kw={"required": True, "maxlength": MAX_TITLE},
    )
    content = TextAreaField(
        "Content",
        validators=[checked_by(text_of_at_most("content", MAX_CONTENT))],
        render_kw={"required": True, "rows": 8},
    )
