"""The launch spec of a model server, built from an endpoint config and its model.

The spec is what the server process needs without reading the store: the local path of the
model archive, the variant name, and the data capture settings with the capture destination
as a local folder. A config the local backend cannot serve gives a failure reason instead.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import _hosting_records as records
from .objects import ObjectStore, ObjectStoreError

# Built-in XGBoost images ("<registry>/sagemaker-xgboost:<version>", legacy "<registry>/xgboost").
_XGBOOST_IMAGE = re.compile(r"(^|/)(sagemaker-)?xgboost(:[^/]*)?(@sha256:[0-9a-f]+)?$")


class UnservableConfig(Exception):
    """An endpoint config the local backend cannot serve, with the FailureReason as its message."""


def server_spec(conn, home: Path, config_row) -> dict:
    """Build the launch spec of ``config_row``, or raise UnservableConfig with the reason."""
    config = records.request_of(config_row)
    variants = config["ProductionVariants"]
    if len(variants) != 1:
        raise UnservableConfig(
            f"Endpoint config '{config_row['name']}' has {len(variants)} production variants, but "
            "the local backend serves exactly one. Create a config with one variant."
        )
    variant = variants[0]
    model_row = records.find(conn, "model", variant.get("ModelName", ""))
    if model_row is None:
        raise UnservableConfig(
            f"Model '{variant.get('ModelName')}' of variant {variant['VariantName']} does not "
            "exist. Create the model, then a new endpoint config."
        )
    model = records.request_of(model_row)
    container = model.get("PrimaryContainer") or (model.get("Containers") or [{}])[0]
    image = container.get("Image", "")
    if image and not _XGBOOST_IMAGE.search(image):
        raise UnservableConfig(
            f"The local backend cannot serve image {image!r} of model '{model_row['name']}'. "
            "It serves the built-in XGBoost image (such as "
            "'<registry>/sagemaker-xgboost:1.7-1') with a model.tar.gz ModelDataUrl."
        )
    model_data_url = container.get("ModelDataUrl")
    if not model_data_url:
        raise UnservableConfig(
            f"Model '{model_row['name']}' has no ModelDataUrl. Set PrimaryContainer."
            "ModelDataUrl to the model.tar.gz of a training job."
        )

    objects = ObjectStore(home)
    try:
        model_path = objects.path_for(model_data_url)
    except ObjectStoreError as error:
        raise UnservableConfig(f"Invalid ModelDataUrl of model '{model_row['name']}': {error}")

    spec = {
        "database": str(Path(home) / "studio.db"),
        "variant": variant["VariantName"],
        "image": image,
        "model_data_url": model_data_url,
        "model_path": str(model_path),
        "capture": None,
        "capture_destination": None,
    }
    capture = config.get("DataCaptureConfig")
    if capture and capture.get("EnableCapture", True):
        try:
            destination = objects.path_for(_normalised_prefix(capture["DestinationS3Uri"]))
        except ObjectStoreError as error:
            raise UnservableConfig(f"Invalid DataCaptureConfig.DestinationS3Uri: {error}")
        spec["capture"] = capture
        spec["capture_destination"] = str(destination)
    return spec


def _normalised_prefix(uri: str) -> str:
    # A doubled slash in the capture prefix broke SageMaker's monitoring schedules, so runs of
    # slashes in the key collapse to one, and a trailing slash is dropped.
    scheme, separator, rest = uri.partition("://")
    if not separator:
        return uri.rstrip("/") or uri
    return f"{scheme}://" + re.sub(r"/{2,}", "/", rest).rstrip("/")
