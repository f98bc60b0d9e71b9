"""Loading of a built-in XGBoost ``model.tar.gz`` for serving.

The archive contains the booster in XGBoost's native format under the name ``xgboost-model``, as
the local training jobs and SageMaker's built-in XGBoost write it. This module imports only
xgboost and the standard library, so a model server starts fast.
"""

from __future__ import annotations

import tarfile
from pathlib import Path

import xgboost

MODEL_FILE_NAME = "xgboost-model"


class ModelLoadError(Exception):
    """A model archive that is missing or contains no loadable booster."""


def load_booster(path: str | Path, model_data_url: str) -> xgboost.Booster:
    """Load the booster of the archive at ``path`` (the local copy of ``model_data_url``).

    Raises ModelLoadError with a message that names the ModelDataUrl and the problem.
    """
    archive_path = Path(path)
    if not archive_path.is_file():
        raise ModelLoadError(
            f"The model archive {model_data_url} does not exist (local path {archive_path}). "
            "Check the model's ModelDataUrl and that its training job completed."
        )
    try:
        with tarfile.open(archive_path, mode="r:gz") as archive:
            member = archive.getmember(MODEL_FILE_NAME)
            model_bytes = archive.extractfile(member).read()
    except KeyError:
        raise ModelLoadError(
            f"The model archive {model_data_url} has no {MODEL_FILE_NAME!r} file. Built-in "
            "XGBoost archives hold the booster under that name."
        ) from None
    except (tarfile.TarError, OSError, EOFError) as error:
        raise ModelLoadError(
            f"The model archive {model_data_url} is not a readable tar.gz file: {error}."
        ) from None

    booster = xgboost.Booster()
    try:
        booster.load_model(bytearray(model_bytes))
    except xgboost.core.XGBoostError as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else "no detail"
        raise ModelLoadError(
            f"The {MODEL_FILE_NAME!r} file in {model_data_url} is not an XGBoost model: "
            f"{first_line}"
        ) from None
    return booster
