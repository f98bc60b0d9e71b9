"""Load the tour's customer-churn data from the package and prepare its CSV files.

The SageMaker Studio tour notebook (aws/amazon-sagemaker-examples,
`aws_sagemaker_studio/getting_started/`, commit 12085f3be) ships seven prepared CSV files and never
reads the raw `churn.txt`. The 2019 preprocessing of the AWS churn notebook (commit 475b86b8a of
`introduction_to_applying_machine_learning/xgboost_customer_churn/`) rebuilds all seven byte for
byte from `churn.txt`. `prepare_tour_files` applies it, and `tests/test_tour_data.py` checks the
result against the shipped copies.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from importlib import resources
from pathlib import Path

import pandas as pd

RAW_FILE_NAME = "churn.txt"
PREPARED_FOLDER_NAME = "studio_getting_started"

LABEL_COLUMN = "Churn"
DROPPED_COLUMNS = ("Phone", "Day Charge", "Eve Charge", "Night Charge", "Intl Charge")
SHUFFLE_SEED = 1729
# Split points as fractions of the row count: rows before int(0.7 n) train, rows up to int(0.9 n)
# validate, the rest test. For the 3,333 rows of churn.txt that is 2,333 / 666 / 334.
TRAIN_FRACTION = 0.7
VALIDATION_END_FRACTION = 0.9
# The tour's endpoint sample is the first 120 lines of test-dataset-input-cols.csv.
TEST_SAMPLE_LINES = 120

# The seven files the tour notebook ships, in the order `prepare_tour_files` writes them.
TOUR_FILE_NAMES = (
    "train.csv",
    "validation.csv",
    "test-dataset.csv",
    "training-dataset-with-header.csv",
    "training-dataset-without-header.csv",
    "test-dataset-input-cols.csv",
    "test_sample.csv",
)


@dataclass(frozen=True)
class TourSplit:
    """The prepared churn table split into the tour's three row sets (label column first)."""

    train: pd.DataFrame
    validation: pd.DataFrame
    test: pd.DataFrame


def package_data_dir() -> Path:
    """Return the folder of the data files shipped in the package."""
    # The package is always installed as plain files (wheel or editable), so the traversable
    # returned by importlib.resources is a real path.
    return Path(str(resources.files("churn_studio_ext") / "data"))


def raw_churn_path() -> Path:
    """Return the path of the shipped raw `churn.txt` (3,333 customers, 21 columns)."""
    return package_data_dir() / RAW_FILE_NAME


def shipped_tour_file(name: str) -> Path:
    """Return the path of one of the tour's prepared CSV files shipped in the package."""
    if name not in TOUR_FILE_NAMES:
        raise ValueError(
            f"Unknown tour data file {name!r}; expected one of: {', '.join(TOUR_FILE_NAMES)}."
        )
    return package_data_dir() / PREPARED_FOLDER_NAME / name


def load_raw_churn(path: str | Path | None = None) -> pd.DataFrame:
    """Read the raw churn table; `path` defaults to the copy shipped in the package."""
    return pd.read_csv(raw_churn_path() if path is None else path)


def encode_churn_features(raw: pd.DataFrame) -> pd.DataFrame:
    """Turn the raw table into the tour's 70-column numeric table, label `Churn` first.

    Drops `Phone` and the four charge columns, one-hot encodes every text column (Area Code
    included, as a category) and moves `Churn?_True.` to the front as `Churn`.
    """
    frame = raw.drop(columns=list(DROPPED_COLUMNS))
    # Area codes are labels, not quantities, so get_dummies must see them as a category.
    frame["Area Code"] = frame["Area Code"].astype(object)

    # pandas 2.0 and later returns bool dummies, which to_csv writes as True/False. The tour's
    # files hold 0/1, as pandas 1.x wrote them, so the dtype is fixed to int.
    encoded = pd.get_dummies(frame, dtype=int)

    label = encoded["Churn?_True."].rename(LABEL_COLUMN)
    features = encoded.drop(columns=["Churn?_False.", "Churn?_True."])
    return pd.concat([label, features], axis=1)


def split_churn_table(encoded: pd.DataFrame) -> TourSplit:
    """Shuffle the encoded table with the tour's seed and split it 70 / 20 / 10."""
    # sample(frac=1, random_state=1729) is the permutation numpy.random.RandomState(1729)
    # would draw, so the split does not depend on the pandas version.
    shuffled = encoded.sample(frac=1, random_state=SHUFFLE_SEED)
    row_count = len(shuffled)
    train_end = int(TRAIN_FRACTION * row_count)
    validation_end = int(VALIDATION_END_FRACTION * row_count)
    return TourSplit(
        train=shuffled.iloc[:train_end],
        validation=shuffled.iloc[train_end:validation_end],
        test=shuffled.iloc[validation_end:],
    )


def to_csv_bytes(frame: pd.DataFrame, *, header: bool) -> bytes:
    """Write a table the way the tour's files are written: LF line ends, no index column.

    Floats use Python's shortest round-trip form (`274.4`, `6.0`), which pandas' default
    `float_format=None` produces.
    """
    return frame.to_csv(header=header, index=False, lineterminator="\n").encode("utf-8")


def corrupted_input_columns(test_csv: bytes) -> bytes:
    """Rebuild `test-dataset-input-cols.csv` from the bytes of `test-dataset.csv`.

    The tour's file was made by reading the headerless test file with a header, so its first data
    row became column names that pandas de-duplicated (`0.1`, `0.2`, ...), then dropping the label
    column. The result starts with a line that is not data; the tour sends it to the endpoint all
    the same, so it is kept.
    """
    misread = pd.read_csv(BytesIO(test_csv))
    without_label = misread.drop(columns=misread.columns[0])
    return to_csv_bytes(without_label, header=True)


def build_tour_files(raw: pd.DataFrame | None = None) -> dict[str, bytes]:
    """Compute the bytes of the tour's seven CSV files from the raw churn table."""
    split = split_churn_table(encode_churn_features(load_raw_churn() if raw is None else raw))

    train = to_csv_bytes(split.train, header=False)
    test = to_csv_bytes(split.test, header=False)
    input_columns = corrupted_input_columns(test)
    test_sample = b"".join(input_columns.splitlines(keepends=True)[:TEST_SAMPLE_LINES])

    return {
        "train.csv": train,
        "validation.csv": to_csv_bytes(split.validation, header=False),
        "test-dataset.csv": test,
        "training-dataset-with-header.csv": to_csv_bytes(split.train, header=True),
        "training-dataset-without-header.csv": train,
        "test-dataset-input-cols.csv": input_columns,
        "test_sample.csv": test_sample,
    }


def prepare_tour_files(
    output_dir: str | Path, raw_path: str | Path | None = None
) -> dict[str, Path]:
    """Write the tour's seven CSV files into `output_dir` and return their paths by file name.

    `raw_path` defaults to the `churn.txt` shipped in the package. The folder is created if
    missing, and existing files of the same names are replaced.
    """
    target = Path(output_dir)
    target.mkdir(parents=True, exist_ok=True)

    written: dict[str, Path] = {}
    for name, content in build_tour_files(load_raw_churn(raw_path)).items():
        path = target / name
        path.write_bytes(content)
        written[name] = path
    return written
