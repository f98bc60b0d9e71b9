"""The tour data shipped in the package, and its preprocessing from the raw churn table."""

import hashlib

import numpy as np
import pandas as pd
import pytest

from churn_studio_ext import tour_data

# sha256 of the files published with the tour (aws/amazon-sagemaker-examples at commit 12085f3be)
# and of the raw churn.txt as the data README of this package lists it.
PUBLISHED_SHA256 = {
    "churn.txt": "f9e636284d9f05e2a44b3aec88a02ac6439bdc9f8b85cb232ff7991fe34c84df",
    "train.csv": "68132e7ec4a94d57fd9f6c2dd1be8e1980f085abed3863413b35dcae10c7b3da",
    "training-dataset-without-header.csv": (
        "68132e7ec4a94d57fd9f6c2dd1be8e1980f085abed3863413b35dcae10c7b3da"
    ),
    "training-dataset-with-header.csv": (
        "383271660e5ffcc194668a4a9bb2fa1daa4c4160b6aca1cbd679a5c763ca527b"
    ),
    "validation.csv": "cccb85cf9b597a8e8fda24e75d4b60e8b73237f458825ea08418d9d302997ab3",
    "test-dataset.csv": "1f395e2e95f746482989c9c943eabe0d9f6c69b505a05e067f6ae87e967aa0fc",
    "test-dataset-input-cols.csv": (
        "76babdd9f36f56b515c4835853a47c7b95721e19e291e477e6313bedfde84348"
    ),
    "test_sample.csv": "354ad684ea40e563bf55fadd249540867ef695bfc9a719dfe527d0d34abdb28b",
}


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


@pytest.fixture(scope="module")
def built_files() -> dict[str, bytes]:
    return tour_data.build_tour_files()


def test_raw_churn_matches_published_hash():
    content = tour_data.raw_churn_path().read_bytes()
    assert sha256_of(content) == PUBLISHED_SHA256["churn.txt"]


@pytest.mark.parametrize("name", tour_data.TOUR_FILE_NAMES)
def test_shipped_file_matches_published_hash(name):
    content = tour_data.shipped_tour_file(name).read_bytes()
    assert sha256_of(content) == PUBLISHED_SHA256[name]


@pytest.mark.parametrize("name", tour_data.TOUR_FILE_NAMES)
def test_built_file_equals_shipped_bytes(built_files, name):
    assert sha256_of(built_files[name]) == PUBLISHED_SHA256[name]
    assert built_files[name] == tour_data.shipped_tour_file(name).read_bytes()


def test_prepare_writes_every_file(tmp_path, built_files):
    written = tour_data.prepare_tour_files(tmp_path / "out")

    assert sorted(written) == sorted(tour_data.TOUR_FILE_NAMES)
    for name, path in written.items():
        assert path.parent == tmp_path / "out"
        assert path.read_bytes() == built_files[name]


def test_split_sizes_follow_row_count():
    encoded = tour_data.encode_churn_features(tour_data.load_raw_churn())
    split = tour_data.split_churn_table(encoded)
    row_count = len(encoded)

    assert row_count == 3333
    assert len(split.train) == int(0.7 * row_count)
    assert len(split.validation) == int(0.9 * row_count) - int(0.7 * row_count)
    assert len(split.train) + len(split.validation) + len(split.test) == row_count


def test_shuffle_is_numpy_permutation():
    encoded = tour_data.encode_churn_features(tour_data.load_raw_churn())
    split = tour_data.split_churn_table(encoded)
    shuffled_index = np.concatenate(
        [split.train.index, split.validation.index, split.test.index]
    )

    expected = np.random.RandomState(1729).permutation(len(encoded))
    assert (shuffled_index == expected).all()


def test_encoded_columns_and_dtypes():
    encoded = tour_data.encode_churn_features(tour_data.load_raw_churn())
    columns = list(encoded.columns)

    assert len(columns) == 70
    assert columns[0] == "Churn"
    assert "Phone" not in columns
    assert not [name for name in columns if "Charge" in name]
    assert columns[-7:] == [
        "Area Code_408",
        "Area Code_415",
        "Area Code_510",
        "Int'l Plan_no",
        "Int'l Plan_yes",
        "VMail Plan_no",
        "VMail Plan_yes",
    ]
    dummy_columns = [name for name in columns if "_" in name]
    assert len(dummy_columns) == 58
    for name in dummy_columns:
        assert pd.api.types.is_integer_dtype(encoded[name]), name


def test_label_counts_match_raw_table():
    raw = tour_data.load_raw_churn()
    encoded = tour_data.encode_churn_features(raw)

    assert int(encoded["Churn"].sum()) == int((raw["Churn?"] == "True.").sum())


def test_with_header_is_header_plus_train(built_files):
    with_header = built_files["training-dataset-with-header.csv"]
    header, _, body = with_header.partition(b"\n")

    assert body == built_files["train.csv"]
    assert header.split(b",")[0] == b"Churn"


def test_input_cols_first_line_is_corrupted(built_files):
    lines = built_files["test-dataset-input-cols.csv"].splitlines()
    first_test_row = built_files["test-dataset.csv"].splitlines()[0].split(b",")

    # Line 1 starts with test row 1 without its label, and its one-hot fields carry pandas'
    # de-duplication suffixes instead of 0 or 1.
    assert lines[0].split(b",")[0] == first_test_row[1]
    assert len(lines) == len(built_files["test-dataset.csv"].splitlines())
    assert b"0.1" in lines[0].split(b",")
    assert built_files["test_sample.csv"].splitlines() == lines[:120]


def test_unknown_shipped_file_names_choices():
    with pytest.raises(ValueError, match="Unknown tour data file 'nope.csv'") as raised:
        tour_data.shipped_tour_file("nope.csv")

    assert "train.csv" in str(raised.value)
