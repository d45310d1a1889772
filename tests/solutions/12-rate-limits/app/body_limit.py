"""MAX_CONTENT_LENGTH for every body, also one that comes without a Content-Length."""

from __future__ import annotations

from flask import abort, request


def refuse_a_cut_off_body() -> None:
    """413 when a body without a Content-Length goes on past MAX_CONTENT_LENGTH.

    A body with a Content-Length over the limit Werkzeug refuses before reading it. A chunked one
    (Transfer-Encoding: chunked) says its length nowhere: Werkzeug reads it up to the limit and stops
    there without a word, and the views would take its first megabyte for all of it. So a body that
    fills the limit to the byte is looked behind: one more byte, and it was too large.
    """
    limit = request.max_content_length
    if limit is None or request.content_length is not None:
        return
    # get_data() keeps what it read: request.form and request.get_json() read it from there.
    if len(request.get_data()) == limit and request.input_stream.read(1) != b"":
        abort(413)
