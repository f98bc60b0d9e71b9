"""Local training for the embedded SageMaker backend: the built-in XGBoost algorithm."""

from .errors import AlgorithmError, ChannelDataError, HyperparameterError, XGBoostTrainingError
from .hyperparameters import XGBoostHyperparameters, parse_hyperparameters
from .xgboost_algorithm import (
    MODEL_ARCHIVE_NAME,
    MODEL_FILE_NAME,
    TrainingResult,
    format_evaluation_line,
    load_model_archive,
    train_xgboost,
)

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
