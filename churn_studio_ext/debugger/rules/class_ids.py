"""Conversion of recorded labels and predictions to integer class ids."""

from __future__ import annotations

import numpy as np

from ..errors import RuleDataError

#: Probability above which a `binary:logistic` prediction counts as class 1 (XGBoost's
#: `error` metric uses the same 0.5 cut).
BINARY_THRESHOLD = 0.5


def labels_to_class_ids(labels: np.ndarray, *, tensor: str, step: int) -> np.ndarray:
    """Return labels as 1-D integer class ids, or raise `RuleDataError` if they are not whole numbers."""
    values = np.asarray(labels, dtype=float).ravel()
    if values.size and (
        not np.all(np.isfinite(values)) or np.any(values != np.round(values)) or np.any(values < 0)
    ):
        raise RuleDataError(
            f"Tensor {tensor} at step {step} contains labels that are not class ids "
            "(whole numbers >= 0). Record the class id of each sample."
        )
    return values.astype(int)


def predictions_to_class_ids(predictions: np.ndarray, *, argmax: bool, tensor: str, step: int) -> np.ndarray:
    """Return 1-D integer class ids from class ids, probabilities or per-class scores.

    A 2-D array is reduced with argmax over its second axis. With `argmax` False, a 1-D array of
    whole numbers is read as class ids, and one of values in [0, 1] as `binary:logistic`
    probabilities cut at 0.5 (our spec). `argmax` True requires a 2-D array.
    """
    values = np.asarray(predictions, dtype=float)
    if values.ndim == 2:
        return np.argmax(values, axis=1)
    if argmax:
        raise RuleDataError(
            f"Tensor {tensor} at step {step} has shape {values.shape}, but argmax=True needs one row "
            "of class scores per sample. Set argmax to False or record 2-D predictions."
        )
    values = values.ravel()
    if not np.all(np.isfinite(values)):
        raise RuleDataError(f"Tensor {tensor} at step {step} contains NaN or infinite predictions.")
    if np.all(values == np.round(values)) and np.all(values >= 0):
        return values.astype(int)
    if np.all((values >= 0) & (values <= 1)):
        return (values > BINARY_THRESHOLD).astype(int)
    raise RuleDataError(
        f"Tensor {tensor} at step {step} contains predictions that are neither class ids nor "
        "probabilities in [0, 1]. Record class ids, probabilities or 2-D class scores."
    )


def paired_class_ids(
    labels: np.ndarray, predictions: np.ndarray, *, argmax: bool, names: tuple[str, str], step: int
) -> tuple[np.ndarray, np.ndarray]:
    """Return label and prediction class ids of one step, or raise `RuleDataError` if their counts differ."""
    label_ids = labels_to_class_ids(labels, tensor=names[0], step=step)
    prediction_ids = predictions_to_class_ids(predictions, argmax=argmax, tensor=names[1], step=step)
    if label_ids.size != prediction_ids.size:
        raise RuleDataError(
            f"At step {step}, tensor {names[0]} has {label_ids.size} labels but {names[1]} has "
            f"{prediction_ids.size} predictions. Record one prediction per label."
        )
    return label_ids, prediction_ids
