"""TrainingInput and the fit-input conversion build SDK v2's InputDataConfig entries."""

from __future__ import annotations

import pytest

from churn_studio_ext.sdk.inputs import ShuffleConfig, TrainingInput, input_data_config

sagemaker = pytest.importorskip("sagemaker")
from sagemaker.inputs import ShuffleConfig as SdkShuffleConfig  # noqa: E402
from sagemaker.inputs import TrainingInput as SdkTrainingInput  # noqa: E402

URI = "s3://sagemaker-studio-local/xgboost-churn/train"

CASES = [
    {},
    {"content_type": "csv"},
    {"content_type": "text/csv", "input_mode": "Pipe", "compression": "Gzip"},
    {"distribution": "ShardedByS3Key", "record_wrapping": "RecordIO", "s3_data_type": "ManifestFile"},
    {"target_attribute_name": "label", "attribute_names": ["source-ref", "label"]},
    {"instance_groups": ["group-a"]},
]


@pytest.mark.parametrize("arguments", CASES)
def test_training_input_matches_sdk(arguments):
    assert TrainingInput(URI, **arguments).config == SdkTrainingInput(URI, **arguments).config


def test_shuffle_config_matches_sdk():
    ours = TrainingInput(URI, shuffle_config=ShuffleConfig(7)).config
    theirs = SdkTrainingInput(URI, shuffle_config=SdkShuffleConfig(7)).config
    assert ours == theirs
    assert ours["ShuffleConfig"] == {"Seed": 7}


def test_bare_uri_becomes_training_channel():
    (channel,) = input_data_config(URI)
    assert channel["ChannelName"] == "training"
    assert channel["DataSource"]["S3DataSource"] == {
        "S3DataType": "S3Prefix",
        "S3Uri": URI,
        "S3DataDistributionType": "FullyReplicated",
    }


def test_channel_dict_keeps_order_and_settings():
    channels = input_data_config(
        {"train": TrainingInput(URI, content_type="csv"), "validation": URI + "-validation"}
    )
    assert [channel["ChannelName"] for channel in channels] == ["train", "validation"]
    assert channels[0]["ContentType"] == "csv"
    assert "ContentType" not in channels[1]


def test_no_inputs_give_no_channels():
    assert input_data_config(None) is None


@pytest.mark.parametrize("bad", ["/tmp/train.csv", "file:///tmp/train.csv", 42])
def test_non_s3_inputs_raise(bad):
    with pytest.raises(ValueError, match="session.upload_data"):
        input_data_config({"train": bad})


def test_non_mapping_input_raises():
    with pytest.raises(ValueError, match="expected an s3:// URI, a TrainingInput, or a dict"):
        input_data_config([URI])
