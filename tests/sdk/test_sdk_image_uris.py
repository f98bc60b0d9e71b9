"""image_uris.retrieve gives SDK v2's URIs for the XGBoost and Debugger rule images."""

from __future__ import annotations

import pytest

from churn_studio_ext.sdk import image_uris

sagemaker = pytest.importorskip("sagemaker")
from sagemaker import image_uris as sdk_image_uris  # noqa: E402

ALL_VERSIONS = (
    *image_uris.LEGACY_XGBOOST_VERSIONS,
    *image_uris.XGBOOST_VERSIONS,
)


@pytest.mark.parametrize("region", sorted(image_uris.XGBOOST_ACCOUNTS))
def test_xgboost_uris_match_sdk(region):
    for version in ALL_VERSIONS:
        assert image_uris.retrieve("xgboost", region, version) == sdk_image_uris.retrieve(
            "xgboost", region, version
        ), version


@pytest.mark.parametrize("region", sorted(image_uris.DEBUGGER_RULE_ACCOUNTS))
def test_debugger_uri_matches_sdk(region):
    assert image_uris.retrieve("debugger", region) == sdk_image_uris.retrieve("debugger", region)


def test_tour_image_uri():
    uri = image_uris.retrieve("xgboost", "us-east-1", "0.90-2", py_version="py3", instance_type="ml.m4.xlarge")
    assert uri == "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:0.90-2-cpu-py3"


def test_default_region_is_local_session_region():
    assert image_uris.retrieve("xgboost", version="1.7-1").split(".")[3] == "us-east-1"


@pytest.mark.parametrize(
    ("arguments", "fragment"),
    [
        (("xgboost", "us-east-1", "9.9"), "Unsupported xgboost version '9.9'"),
        (("xgboost", "us-east-1", None), "Unsupported xgboost version None"),
        (("xgboost", "mars-north-1", "1.7-1"), "Unsupported region 'mars-north-1'"),
        (("pytorch", "us-east-1", "2.0"), "Unsupported framework 'pytorch'"),
    ],
)
def test_invalid_arguments_raise(arguments, fragment):
    with pytest.raises(ValueError, match=fragment):
        image_uris.retrieve(*arguments)
