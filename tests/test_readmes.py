"""The READMEs say what the workbook holds, and say it truthfully."""

import fnmatch
import re

import workbook

SECTIONS = ["What you will learn", "What changed", "Run it", "Exercises", "Read more"]


def headings(text: str) -> list[str]:
    return re.findall(r"^## (.+)$", text, flags=re.MULTILINE)


def section(text: str, title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, flags=re.MULTILINE | re.DOTALL)
    assert match, f"no section {title!r}"
    return match.group(1)


def test_readme_title_names_the_step(step):
    first_line = (step.path / "README.md").read_text().splitlines()[0]

    assert first_line.startswith(f"# Step {step.number:02d} — ")


def test_readme_has_the_sections_in_order(step):
    assert headings((step.path / "README.md").read_text()) == SECTIONS


def test_readme_has_two_or_three_exercises(step):
    exercises = section((step.path / "README.md").read_text(), "Exercises")

    assert len(re.findall(r"^\d\. ", exercises, flags=re.MULTILINE)) in (2, 3)


def test_last_exercise_leads_to_the_next_step(step):
    exercises = section((step.path / "README.md").read_text(), "Exercises")
    last = re.split(r"^\d\. ", exercises, flags=re.MULTILINE)[-1]
    following = f"{step.number + 1:02d}"

    assert f"step {following}" in last.lower(), f"{step.name}'s last exercise should lead to step {following}"
    if list(workbook.STEPS_DIR.glob(f"{following}-*")):
        assert f"check -- {following}" in last, "say how to check the exercise against the next step"


def test_readme_shows_how_to_run_it(step):
    run = section((step.path / "README.md").read_text(), "Run it")

    assert "-r requirements.txt pytest -c ../../constraints.txt" in run
    assert "flask --app app run" in run
    assert "curl" in run
    assert "pytest" in run


def test_what_changed_names_exactly_the_files_that_changed(step):
    """Each path in backticks on a bullet of "What changed" (globs allowed) matches a changed file,
    and every changed file (README.md aside) is named."""
    previous = workbook.previous_step(step)
    changed = set()
    for change in workbook.changes(previous.path if previous else None, step.path):
        changed |= change.paths
    what_changed = section((step.path / "README.md").read_text(), "What changed")
    bullets = re.findall(r"^- (.+?)(?= — |$)", what_changed, flags=re.MULTILINE)
    named = [path for bullet in bullets for path in re.findall(r"`([^`]+)`", bullet)]

    for pattern in named:
        assert fnmatch.filter(changed, pattern), f"{step.name} README names {pattern}, which did not change"
    unnamed = {path for path in changed if not any(fnmatch.fnmatch(path, pattern) for pattern in named)}
    assert not unnamed, f"{step.name} README does not say why these changed: {sorted(unnamed)}"


def test_root_readme_maps_every_step():
    readme = (workbook.ROOT / "README.md").read_text()
    linked = re.findall(r"^\| \[(\d\d-[a-z-]+)\]\(steps/\1/\) \|", readme, flags=re.MULTILINE)

    assert linked == [step.name for step in workbook.steps()]


def test_root_readme_starts_with_the_two_commands():
    readme = (workbook.ROOT / "README.md").read_text()
    first_block = re.search(r"```console\n(.*?)```", readme, flags=re.DOTALL).group(1)

    commands = [line.split("#")[0].strip() for line in first_block.splitlines()]
    assert commands == ["python noxfile.py -s serve", "python noxfile.py"]


def test_ci_runs_the_readme_test_command():
    ci = (workbook.ROOT / ".ci" / "run").read_text()

    assert "python3 noxfile.py" in ci


def test_relative_links_lead_somewhere():
    """Every link from one file of the workbook to another points at a file or folder that exists."""
    pages = [workbook.ROOT / "README.md", workbook.ROOT / "CONTRIBUTING.md"]
    pages += [step.path / "README.md" for step in workbook.steps()]
    for page in pages:
        for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", page.read_text()):
            if not re.match(r"[a-z]+:", target):
                assert (page.parent / target).exists(), f"{page.relative_to(workbook.ROOT)} links to {target}"
