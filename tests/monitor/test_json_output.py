"""Report files: Java's number format and the Jackson layout of the analyzer's files."""

import json

import pytest

from churn_studio_ext.monitor.json_output import dumps, java_double, write_report


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "0.0"),
        (24, "24.0"),
        (2048, "2048.0"),
        (0.64, "0.64"),
        (99.64592817400101, "99.64592817400101"),
        (0.001, "0.001"),
        (1e-4, "1.0E-4"),
        (-1.5e-7, "-1.5E-7"),
        (9999999.0, "9999999.0"),
        (1e7, "1.0E7"),
        (123456789.0, "1.23456789E8"),
        (float("nan"), "NaN"),
    ],
)
def test_java_double(value, text):
    assert java_double(value) == text


def test_layout_matches_jackson_pretty_printer():
    document = {"version": 0.0, "features": [{"name": "a", "data": [[1.0, 2.5]], "empty": []}, {"ok": True}]}

    assert dumps(document) == (
        '{\n'
        '  "version" : 0.0,\n'
        '  "features" : [ {\n'
        '    "name" : "a",\n'
        '    "data" : [ [ 1.0, 2.5 ] ],\n'
        '    "empty" : [ ]\n'
        '  }, {\n'
        '    "ok" : true\n'
        '  } ]\n'
        '}'
    )


def test_written_report_reads_back(tmp_path):
    document = {"violations": [{"feature_name": "Größe", "description": 'a "quoted" text'}], "n": 1e-5}
    write_report(tmp_path / "out" / "report.json", document)

    assert json.loads((tmp_path / "out" / "report.json").read_text()) == document
    assert [path.name for path in (tmp_path / "out").iterdir()] == ["report.json"]
