"""Local training for the embedded SageMaker backend: the built-in XGBoost algorithm.

The names from ``xgboost_algorithm`` load on first use (module ``__getattr__``), because that
module imports xgboost, and a framework-mode worker, which never trains in its own process,
should not pay for that import.
"""

import importlib

from .errors import AlgorithmError, ChannelDataError, HyperparameterError, XGBoostTrainingError
from .hyperparameters import XGBoostHyperparameters, parse_hyperparameters

_XGBOOST_ALGORITHM_NAMES = frozenset(
    {
        "MODEL_ARCHIVE_NAME",
        "MODEL_FILE_NAME",
        "TrainingResult",
        "format_evaluation_line",
        "load_model_archive",
        "train_xgboost",
    }
)


def __getattr__(name: str):
    if name in _XGBOOST_ALGORITHM_NAMES:
        module = importlib.import_module(".xgboost_algorithm", __name__)
        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "AlgorithmError",
    "ChannelDataError",
    "HyperparameterError",
    "MODEL_ARCHIVE_NAME",
    "MODEL_FILE_NAME",
    "TrainingResult",
    "XGBoostHyperparameters",
    "XGBoostTrainingError",
    "format_evaluation_line",
    "load_model_archive",
    "parse_hyperparameters",
    "train_xgboost",
]
