"""Amazon Resource Names of the resources in a local studio home.

Every local resource lives in the pseudo-region ``local`` of the account ``000000000000``, so an
ARN from the local backend can never be mistaken for a real one. SageMaker lower-cases the name
part of experiment, trial and trial component ARNs; the local ARNs do the same.
"""

LOCAL_REGION = "local"
LOCAL_ACCOUNT = "000000000000"
PARTITION = "aws"


def arn(resource_type: str, name: str) -> str:
    """Build the ARN of a local resource, such as ``arn("experiment", "Churn")``."""
    return (
        f"arn:{PARTITION}:sagemaker:{LOCAL_REGION}:{LOCAL_ACCOUNT}:{resource_type}/{name.lower()}"
    )


def is_arn(value: str) -> bool:
    return value.startswith("arn:")


def split_arn(value: str) -> tuple[str, str]:
    """Split an ARN into its resource type and resource name.

    ``arn:aws:sagemaker:local:000000000000:experiment-trial/abc`` gives
    ``("experiment-trial", "abc")``. Raises ``ValueError`` when ``value`` has no
    ``<type>/<name>`` resource part.
    """
    resource = value.split(":", 5)[-1]
    resource_type, separator, name = resource.partition("/")
    if not separator or not name:
        raise ValueError(
            f"Invalid ARN {value!r}: expected arn:<partition>:sagemaker:<region>:<account>:"
            "<resource type>/<name>."
        )
    return resource_type, name
