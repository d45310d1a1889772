"""workbook.changes and workbook.unified_diff: what `nox -s diff` and the READMEs rely on."""

import workbook


def write(folder, files):
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text) if isinstance(text, bytes) else path.write_text(text)
    return folder


def test_changes_sorts_files_into_kinds(tmp_path):
    layout = "<html>\n<body>\n{% block content %}{% endblock %}\n</body>\n</html>\n"
    old = write(
        tmp_path / "03-old",
        {"app.py": "a = 1\n", "same.txt": "x\n", "gone.txt": "bye\n", "templates/base.html": layout},
    )
    new = write(
        tmp_path / "04-new",
        {"app.py": "a = 2\n", "same.txt": "x\n", "fresh.txt": "hi\n", "app/templates/base.html": layout},
    )

    found = {(change.kind, change.path, change.old_path) for change in workbook.changes(old, new)}

    assert found == {
        ("changed", "app.py", None),
        ("removed", "gone.txt", None),
        ("added", "fresh.txt", None),
        ("moved", "app/templates/base.html", "templates/base.html"),
    }


def test_generated_files_and_readme_are_left_out(tmp_path):
    old = write(tmp_path / "01-old", {"README.md": "old\n"})
    new = write(
        tmp_path / "02-new",
        {
            "README.md": "new\n",
            "__pycache__/app.cpython-311.pyc": b"\x00",
            ".pytest_cache/v": "x",
            ".coverage": "x",
            "instance/blog.db": b"\x00",
        },
    )

    assert workbook.changes(old, new) == []


def test_unified_diff_reads_like_git(tmp_path):
    old = write(tmp_path / "01-old", {"app.py": "one\ntwo\n", "gone.txt": "bye\n"})
    new = write(tmp_path / "02-new", {"app.py": "one\nthree\n", "logo.png": b"\x89PNG\xff\x00"})

    text = workbook.unified_diff(old, new)

    assert "--- 01-old/app.py\n+++ 02-new/app.py\n" in text
    assert "-two\n+three\n" in text
    assert "--- 01-old/gone.txt\n+++ /dev/null\n" in text
    assert "Binary file logo.png added" in text


def test_first_step_is_all_new(tmp_path):
    new = write(tmp_path / "01-new", {"app.py": "print('hi')"})

    assert [str(change) for change in workbook.changes(None, new)] == ["added    app.py"]
    assert "--- /dev/null\n+++ 01-new/app.py\n" in workbook.unified_diff(None, new)
    assert "\\ No newline at end of file" in workbook.unified_diff(None, new)


def test_find_step_accepts_short_names():
    assert workbook.find_step("2").name == "02-requests"
    assert workbook.find_step("02").name == "02-requests"
    assert workbook.find_step("02-requests").name == "02-requests"
