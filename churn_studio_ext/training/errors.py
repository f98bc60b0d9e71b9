"""Exceptions of the built-in XGBoost trainer.

The message of each exception is written to be a training job's `FailureReason`: it names the
value that failed and what to change. SageMaker limits `FailureReason` to 1,024 characters, so
callers that store it must truncate longer messages.
"""


class AlgorithmError(Exception):
    """A training failure of the built-in XGBoost algorithm; `str(error)` is the FailureReason."""


class HyperparameterError(AlgorithmError):
    """A hyperparameter is unknown, missing, not parseable or out of its range."""


class ChannelDataError(AlgorithmError):
    """A data channel is missing, empty or contains a CSV cell or label the algorithm cannot use."""


class XGBoostTrainingError(AlgorithmError):
    """xgboost rejected the parameters or data while training."""
