"""``XGBoost``: framework mode, where the XGBoost container runs the user's training script.

Like ``sagemaker.xgboost.XGBoost`` of SDK v2, ``fit`` packs the entry point (or the whole
``source_dir``) as ``sourcedir.tar.gz``, uploads it to
``s3://<output path bucket>/<job name>/source/sourcedir.tar.gz`` and passes its location to the
container in the ``sagemaker_program`` and ``sagemaker_submit_directory`` hyperparameters. All
hyperparameters are JSON-encoded, so the string ``binary:logistic`` is sent as
``"binary:logistic"`` with quotes and the number 5 as ``5``.
"""

from __future__ import annotations

import json
import logging
import tarfile
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from . import image_uris
from .estimator import Estimator

SOURCE_ARCHIVE_NAME = "sourcedir.tar.gz"
SUPPORTED_PY_VERSIONS = ("py3",)


class XGBoost(Estimator):
    """Train with your own script on the SageMaker XGBoost framework image.

    ``entry_point`` is the script's path. With ``source_dir`` it is relative to that folder and
    every file of the folder is shipped. The other arguments are ``Estimator``'s.
    """

    def __init__(
        self,
        entry_point,
        framework_version,
        source_dir=None,
        hyperparameters=None,
        py_version="py3",
        image_uri=None,
        dependencies=None,
        code_location=None,
        container_log_level=logging.INFO,
        **kwargs,
    ):
        if py_version not in SUPPORTED_PY_VERSIONS:
            raise ValueError(
                f"Unsupported py_version {py_version!r} for the XGBoost framework: use 'py3'."
            )
        if dependencies:
            raise ValueError(
                "dependencies are not supported by this XGBoost estimator. Put the modules in "
                "source_dir instead."
            )
        self.entry_point = str(entry_point)
        self.source_dir = str(source_dir) if source_dir is not None else None
        self.framework_version = framework_version
        self.py_version = py_version
        self.code_location = code_location
        self.container_log_level = container_log_level
        self.uploaded_code_uri = None
        _check_source(self.entry_point, self.source_dir)

        super().__init__(image_uri=image_uri, hyperparameters=hyperparameters, **kwargs)
        if self.image_uri is None:
            self.image_uri = image_uris.retrieve(
                "xgboost", self.sagemaker_session.boto_region_name, framework_version
            )

    def hyperparameters(self) -> dict[str, str]:
        """Return the HyperParameters map, every value JSON-encoded as SDK v2 framework jobs do."""
        return {str(name): json.dumps(value) for name, value in self._hyperparameters.items()}

    def _prepare_for_training(self, job_name=None) -> None:
        super()._prepare_for_training(job_name)
        self.uploaded_code_uri = self._upload_source()
        self._hyperparameters.update(
            {
                "sagemaker_submit_directory": self.uploaded_code_uri,
                "sagemaker_program": self._script_name(),
                "sagemaker_container_log_level": self.container_log_level,
                "sagemaker_job_name": self._current_job_name,
                "sagemaker_region": self.sagemaker_session.boto_region_name,
            }
        )

    def _script_name(self) -> str:
        return self.entry_point if self.source_dir else Path(self.entry_point).name

    def _upload_source(self) -> str:
        if self.source_dir and self.source_dir.startswith("s3://"):
            # An S3 source_dir is used as it is, without packing or uploading.
            return self.source_dir

        if self.code_location:
            bucket, prefix = _split_s3_uri(self.code_location)
        else:
            bucket, _ = _split_s3_uri(self.output_path)
            prefix = ""
        key = "/".join(
            part for part in (prefix, self._current_job_name, "source", SOURCE_ARCHIVE_NAME) if part
        )

        with tempfile.TemporaryDirectory(prefix="churn-studio-source-") as folder:
            archive = Path(folder) / SOURCE_ARCHIVE_NAME
            with tarfile.open(archive, "w:gz") as tar:
                for path, name in self._source_files():
                    tar.add(path, arcname=name)
            return self.sagemaker_session.upload_file(archive, bucket, key)

    def _source_files(self) -> list[tuple[Path, str]]:
        if not self.source_dir:
            script = Path(self.entry_point)
            return [(script, script.name)]
        folder = Path(self.source_dir)
        return [(path, path.name) for path in sorted(folder.iterdir())]


def _check_source(entry_point: str, source_dir: str | None) -> None:
    if source_dir is None:
        if not Path(entry_point).is_file():
            raise ValueError(
                f"Entry point {entry_point!r} is not a file. Pass the training script's path, "
                "or its path relative to source_dir."
            )
        return
    if source_dir.startswith("s3://"):
        return
    if not Path(source_dir).is_dir():
        raise ValueError(f"source_dir {source_dir!r} is not a folder. Check the path.")
    if not (Path(source_dir) / entry_point).is_file():
        raise ValueError(
            f"Entry point {entry_point!r} is not a file in source_dir {source_dir!r}. With "
            "source_dir, give the script's path relative to that folder."
        )


def _split_s3_uri(uri: str) -> tuple[str, str]:
    parts = urlsplit(uri)
    if parts.scheme != "s3" or not parts.netloc:
        raise ValueError(f"Invalid S3 URI {uri!r}: expected s3://<bucket>/<prefix>.")
    return parts.netloc, parts.path.strip("/")
