"""What the API shows of a user and of a post, for marshal_with(). The password's hash is never part of it."""

from __future__ import annotations

from datetime import datetime

from flask_restful import fields

# Python's isoformat() of the UTC time: "2026-11-25T09:30:00.123456+00:00".
MOMENT = fields.DateTime(dt_format="iso8601")

USER_SHAPE = {
    "id": fields.Integer,
    "email": fields.String,
    "created_at": MOMENT,
}

POST_SHAPE = {
    "id": fields.Integer,
    "title": fields.String,
    "content": fields.String,
    "author": fields.Nested(USER_SHAPE),
    "created_at": MOMENT,
}


def moment(when: datetime) -> str:
    """The text the API gives a date, for the pages' <time datetime="...">: the same field writes both."""
    return MOMENT.format(when)
