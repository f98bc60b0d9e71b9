"""Training channels: ``TrainingInput`` and the conversion of ``fit`` inputs to InputDataConfig.

The argument names and the channel dictionaries match ``sagemaker.inputs.TrainingInput`` and
``_Job._format_inputs_to_input_config`` of SageMaker Python SDK v2, so equal arguments give an
equal ``InputDataConfig``.
"""

from __future__ import annotations

from collections.abc import Mapping

# A bare URI passed to fit() becomes this channel, as in SDK v2.
DEFAULT_CHANNEL_NAME = "training"


class ShuffleConfig:
    """The seed SageMaker uses to shuffle a channel's S3 objects each epoch."""

    def __init__(self, seed):
        self.seed = seed


class TrainingInput:
    """Channel's S3 data source and its settings, with the InputDataConfig entry in ``config``.

    ``s3_data`` is an ``s3://bucket/prefix`` URI. On the local backend it names files in the
    studio home's object store, so upload local files with ``session.upload_data`` first.
    """

    def __init__(
        self,
        s3_data,
        distribution=None,
        compression=None,
        content_type=None,
        record_wrapping=None,
        s3_data_type="S3Prefix",
        instance_groups=None,
        input_mode=None,
        attribute_names=None,
        target_attribute_name=None,
        shuffle_config=None,
    ):
        source = {"S3DataType": s3_data_type, "S3Uri": s3_data}
        # SDK v2 defaults the distribution unless a target attribute is set.
        if not (target_attribute_name or distribution):
            distribution = "FullyReplicated"
        if distribution is not None:
            source["S3DataDistributionType"] = distribution
        if instance_groups is not None:
            source["InstanceGroupNames"] = instance_groups
        if attribute_names is not None:
            source["AttributeNames"] = attribute_names

        self.config = {"DataSource": {"S3DataSource": source}}
        optional = {
            "CompressionType": compression,
            "ContentType": content_type,
            "RecordWrapperType": record_wrapping,
            "InputMode": input_mode,
            "TargetAttributeName": target_attribute_name,
        }
        self.config.update({key: value for key, value in optional.items() if value is not None})
        if shuffle_config is not None:
            self.config["ShuffleConfig"] = {"Seed": shuffle_config.seed}

    def __repr__(self):
        return f"TrainingInput({self.config['DataSource']['S3DataSource']['S3Uri']!r})"


def input_data_config(inputs) -> list[dict] | None:
    """Convert ``fit``'s ``inputs`` to CreateTrainingJob's ``InputDataConfig`` list.

    ``inputs`` is an ``s3://`` URI or a ``TrainingInput`` (one channel named ``training``), or a
    dict of channel name to either. ``None`` means no channels. Raises ``ValueError`` for
    anything else, including local paths and ``file://`` URIs, which CreateTrainingJob does not
    accept.
    """
    if inputs is None:
        return None
    if isinstance(inputs, (str, TrainingInput)):
        inputs = {DEFAULT_CHANNEL_NAME: inputs}
    if not isinstance(inputs, Mapping):
        raise ValueError(
            f"Invalid training inputs {inputs!r}: expected an s3:// URI, a TrainingInput, or a "
            "dict of channel name to either."
        )

    channels = []
    for name, channel_input in inputs.items():
        channel = _training_input(name, channel_input)
        channels.append({"ChannelName": name, **channel.config})
    return channels


def _training_input(name: str, channel_input) -> TrainingInput:
    if isinstance(channel_input, TrainingInput):
        return channel_input
    if isinstance(channel_input, str) and channel_input.startswith("s3://"):
        return TrainingInput(channel_input)
    raise ValueError(
        f"Invalid input {channel_input!r} for channel {name!r}: expected an s3:// URI or a "
        "TrainingInput. Upload local files with session.upload_data(path, bucket, key_prefix) "
        "and pass the URI it returns."
    )
