"""workbook.changes and workbook.unified_diff: what `nox -s diff` and the READMEs rely on."""

import subprocess

import pytest

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


# Which folders are steps, and final/.


def test_only_numbered_folders_are_steps(tmp_path, monkeypatch):
    """A steps/final folder, notes or a .DS_Store in steps/ are not steps (and diff does not crash)."""
    write(tmp_path / "steps", {"01-hello/app.py": "a\n", "02-requests/app.py": "b\n", "notes/idea.md": "x\n"})
    write(tmp_path / "steps", {"final/app.py": "c\n", ".DS_Store": b"\x00"})
    monkeypatch.setattr(workbook, "STEPS_DIR", tmp_path / "steps")
    monkeypatch.setattr(workbook, "FINAL_DIR", tmp_path / "final")

    assert [step.name for step in workbook.steps()] == ["01-hello", "02-requests"]
    assert workbook.final() is None
    assert workbook.previous_step(workbook.find_step("02")).name == "01-hello"


def test_final_comes_after_the_last_step(tmp_path, monkeypatch):
    write(tmp_path / "steps", {"01-hello/app.py": "a\n", "02-requests/app.py": "b\n"})
    monkeypatch.setattr(workbook, "STEPS_DIR", tmp_path / "steps")
    monkeypatch.setattr(workbook, "FINAL_DIR", tmp_path / "final")
    with pytest.raises(LookupError, match="There is no final/ folder yet"):
        workbook.find_step("final")

    write(tmp_path / "final", {"app.py": "c\n"})
    final = workbook.find_step("final")

    assert final == workbook.final()
    assert (final.name, final.label, final.is_final) == ("final", "final", True)
    assert workbook.previous_step(final).name == "02-requests"
    assert [str(change) for change in workbook.changes(workbook.previous_step(final).path, final.path)] == [
        "changed  app.py"
    ]


# Which files belong to a step: git's list in a checkout, a walk elsewhere.

LITTER = {
    ".DS_Store": b"\x00\x00",
    ".ruff_cache/0.1/cache": "x",
    ".mypy_cache/3.11/app.json": "{}",
    ".ipynb_checkpoints/app-checkpoint.py": "x",
    "__pycache__/app.cpython-311.pyc": b"\x00",
    "instance/blog.sqlite": b"\x00",
}


def test_outside_git_every_file_but_litter_counts(tmp_path):
    old = write(tmp_path / "01-old", {"app.py": "a\n"})
    new = write(tmp_path / "02-new", {"app.py": "a\n", **LITTER})

    assert workbook.git_files(new) is None
    assert workbook.changes(old, new) == []


def git(folder, *arguments):
    subprocess.run(["git", *arguments], cwd=folder, check=True, capture_output=True)


def test_in_git_the_files_are_those_git_knows_or_would_add(tmp_path):
    """Tracked files and new ones no .gitignore leaves out; never a .DS_Store or a cache."""
    repo = write(tmp_path / "repo", {"steps/01-old/app.py": "a\n"})
    new = write(
        repo / "steps" / "02-new",
        {"app.py": "a\n", "tracked.py": "t\n", "untracked.py": "u\n", "ignored.log": "i\n", **LITTER},
    )
    write(repo, {".gitignore": "*.log\n"})
    write(new, {".ruff_cache/.gitignore": "*\n"})  # as ruff writes it
    git(repo, "init", "-q")
    git(repo, "add", "steps/01-old/app.py", "steps/02-new/app.py", "steps/02-new/tracked.py")
    (new / "tracked.py").unlink()  # tracked, but deleted since

    listed = workbook.git_files(new)
    assert {"app.py", "tracked.py", "untracked.py", ".DS_Store"} <= set(listed)
    assert "ignored.log" not in listed  # a walk would find it: git's list is the one used
    assert not [name for name in listed if name.startswith(".ruff_cache/")]
    assert set(workbook.folder_files(new)) == {"app.py", "untracked.py"}
    assert [str(change) for change in workbook.changes(repo / "steps" / "01-old", new)] == [
        "added    untracked.py"
    ]
