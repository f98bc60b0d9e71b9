"""`churn-studio monitor run-due` pointed at a folder that is not a studio home."""

from churn_studio_ext.cli import main


def test_run_due_missing_home_rejected(tmp_path, capsys):
    missing = tmp_path / "no-such-home"

    code = main(["monitor", "run-due", "--home", str(missing)])

    assert code == 2
    error = capsys.readouterr().err
    assert str(missing) in error
    assert "--home" in error
    # A mistyped --home must not leave an empty home behind.
    assert not missing.exists()


def test_run_due_home_is_file_rejected(tmp_path, capsys):
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("not a studio home")

    code = main(["monitor", "run-due", "--home", str(not_a_folder)])

    assert code == 2
    assert str(not_a_folder) in capsys.readouterr().err
    assert not_a_folder.read_text() == "not a studio home"


def test_run_due_empty_default_home(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CHURN_STUDIO_HOME", str(tmp_path / "fresh-home"))

    code = main(["monitor", "run-due"])

    assert code == 0
    assert "Started 0 monitoring execution(s)" in capsys.readouterr().err
