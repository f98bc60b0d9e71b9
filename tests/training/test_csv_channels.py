"""Reading the CSV channels of the built-in XGBoost algorithm."""

import math

import numpy as np
import pytest

from churn_studio_ext.training.csv_channels import check_labels, load_csv_channel
from churn_studio_ext.training.errors import ChannelDataError


def test_tour_train_file_matches_numpy(tour_channels):
    data = load_csv_channel("train", tour_channels["train"])
    expected = np.loadtxt(tour_channels["train"], delimiter=",")

    assert data.row_count == expected.shape[0]
    assert data.feature_count == expected.shape[1] - 1
    assert np.array_equal(data.labels, expected[:, 0])
    assert np.array_equal(data.features, expected[:, 1:])
    assert data.weights is None


def test_folder_files_read_in_sorted_order(write_csv, tmp_path):
    write_csv("channel/b.csv", "1,20,21\n")
    write_csv("channel/a.csv", "0,10,11\n")
    write_csv("channel/nested/c.csv", "1,30,31\n")
    write_csv("channel/.hidden", "not,a,number\n")

    data = load_csv_channel("train", tmp_path / "channel")

    assert data.labels.tolist() == [0.0, 1.0, 1.0]
    assert data.features[:, 0].tolist() == [10.0, 20.0, 30.0]
    assert [name for name, _ in data.sources] == ["a.csv", "b.csv", "c.csv"]


def test_blank_lines_keep_row_numbers(write_csv):
    path = write_csv("data.csv", "0,1\n\n1,2\n")

    data = load_csv_channel("train", path)

    assert data.sources == (("data.csv", 1), ("data.csv", 3))


def test_empty_feature_cell_is_missing(write_csv):
    path = write_csv("data.csv", "0,,2\n1,3,4\n")

    data = load_csv_channel("train", path)

    assert math.isnan(data.features[0, 0])
    assert data.features[1].tolist() == [3.0, 4.0]


def test_weights_come_from_second_column(write_csv):
    path = write_csv("data.csv", "0,0.5,7\n1,2,8\n")

    data = load_csv_channel("train", path, csv_weights=True)

    assert data.weights.tolist() == [0.5, 2.0]
    assert data.features.tolist() == [[7.0], [8.0]]


def test_non_numeric_cell_names_file_row_column(write_csv):
    path = write_csv("data.csv", "0,1,2\n1,abc,3\n")

    with pytest.raises(ChannelDataError) as raised:
        load_csv_channel("validation", path)

    message = str(raised.value)
    assert "Channel 'validation', file 'data.csv', row 2, column 2" in message
    assert "the cell 'abc' is not a number" in message
    assert "remove it" not in message


def test_header_line_gets_hint(write_csv):
    path = write_csv("data.csv", "Churn,Account Length\n0,1\n")

    with pytest.raises(ChannelDataError) as raised:
        load_csv_channel("train", path)

    message = str(raised.value)
    assert "row 1, column 1: the label 'Churn' is not a number" in message
    assert "If row 1 is a header line, remove it." in message


def test_empty_label_is_rejected(write_csv):
    path = write_csv("data.csv", "0,1\n,2\n")

    with pytest.raises(ChannelDataError, match="row 2, column 1: the label '' is not a number"):
        load_csv_channel("train", path)


def test_ragged_row_is_rejected(write_csv):
    path = write_csv("data.csv", "0,1,2\n1,2\n")

    with pytest.raises(ChannelDataError) as raised:
        load_csv_channel("train", path)

    assert "row 2: found 2 columns, but earlier rows have 3" in str(raised.value)


def test_label_only_row_is_rejected(write_csv):
    path = write_csv("data.csv", "0\n")

    with pytest.raises(ChannelDataError, match="needs the label and at least one feature"):
        load_csv_channel("train", path)


def test_missing_path_is_rejected(tmp_path):
    missing = tmp_path / "nowhere"

    with pytest.raises(ChannelDataError) as raised:
        load_csv_channel("train", missing)

    assert f"the data path '{missing}' does not exist" in str(raised.value)


def test_empty_folder_is_rejected(tmp_path):
    (tmp_path / "empty").mkdir()

    with pytest.raises(ChannelDataError, match="contains no data files"):
        load_csv_channel("train", tmp_path / "empty")


def test_file_without_rows_is_rejected(write_csv):
    path = write_csv("data.csv", "\n\n")

    with pytest.raises(ChannelDataError, match="contain no rows"):
        load_csv_channel("train", path)


def test_binary_file_is_rejected(tmp_path):
    path = tmp_path / "model.bin"
    path.write_bytes(b"\xff\xfe\x00\x81")

    with pytest.raises(ChannelDataError, match="cannot read it as UTF-8 CSV text"):
        load_csv_channel("train", path)


def test_binary_label_error_names_first_bad_value(write_csv):
    path = write_csv("data.csv", "0,1\n1,2\n2,3\n0.5,4\n")
    data = load_csv_channel("train", path)

    with pytest.raises(ChannelDataError) as raised:
        check_labels(data, "binary:logistic", None)

    message = str(raised.value)
    assert "file 'data.csv', row 3: the label 2 is invalid" in message
    assert "expected 0 or 1" in message
    assert "2 row(s) of this channel" in message


def test_multi_class_label_must_be_below_num_class(write_csv):
    path = write_csv("data.csv", "0,1\n2,2\n3,3\n")
    data = load_csv_channel("train", path)

    check_labels(data, "multi:softmax", 4)
    with pytest.raises(ChannelDataError, match="row 3: the label 3 is invalid"):
        check_labels(data, "multi:softmax", 3)


def test_regression_labels_are_not_checked(write_csv):
    path = write_csv("data.csv", "-5,1\n7.25,2\n")
    data = load_csv_channel("train", path)

    check_labels(data, "reg:squarederror", None)
    assert data.labels.tolist() == [-5.0, 7.25]


# Inputs where numpy.loadtxt reads the file and inputs where the row parser must, compared
# with the row parser's own result, so the two paths cannot drift apart.
_PARSER_CASES = {
    "plain": "0,1.5,2\n1,-3e2,4\n",
    "no final newline": "0,1,2\n1,3,4",
    "crlf": "0,1,2\r\n1,3,4\r\n",
    "spaces around cells": "0, 1 ,2\n1,3 , 4\n",
    "nan and inf features": "0,nan,inf\n1,-inf,2\n",
    "quoted cell": '0,"1",2\n1,3,4\n',
    "blank line": "0,1,2\n\n1,3,4\n",
    "empty feature": "0,,2\n1,3,4\n",
}


def _row_parser_result(path):
    from churn_studio_ext.training import csv_channels

    rows, sources = [], []
    csv_channels._read_file_rows("train", path, False, None, rows, sources)
    return np.asarray(rows, dtype=np.float64), tuple(sources)


@pytest.mark.parametrize("case", sorted(_PARSER_CASES))
def test_fast_path_matches_row_parser(write_csv, case):
    path = write_csv("data.csv", _PARSER_CASES[case])
    expected_table, expected_sources = _row_parser_result(path)

    data = load_csv_channel("train", path)

    assert np.array_equal(data.labels, expected_table[:, 0])
    assert np.array_equal(data.features, expected_table[:, 1:], equal_nan=True)
    assert data.sources == expected_sources


def test_mixed_folder_keeps_sources(write_csv, tmp_path):
    write_csv("channel/a.csv", "0,1,2\n1,3,4\n")
    write_csv("channel/b.csv", "1,,6\n\n0,7,8\n")

    data = load_csv_channel("train", tmp_path / "channel")

    assert data.labels.tolist() == [0.0, 1.0, 1.0, 0.0]
    assert data.sources == (("a.csv", 1), ("a.csv", 2), ("b.csv", 1), ("b.csv", 3))


def test_width_change_between_files_is_rejected(write_csv, tmp_path):
    write_csv("channel/a.csv", "0,1,2\n")
    write_csv("channel/b.csv", "1,3\n")

    with pytest.raises(ChannelDataError) as caught:
        load_csv_channel("train", tmp_path / "channel")

    assert str(caught.value) == (
        "Channel 'train', file 'b.csv', row 1: found 2 columns, but earlier rows have 3. "
        "Every row needs the same columns."
    )


def test_non_finite_label_is_rejected(write_csv):
    path = write_csv("data.csv", "nan,1\n")

    with pytest.raises(ChannelDataError) as caught:
        load_csv_channel("train", path)

    assert "row 1, column 1: the label 'nan' is not a number" in str(caught.value)
