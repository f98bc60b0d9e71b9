"""ECR image URIs of the SageMaker XGBoost and Debugger rule containers, as SDK v2 builds them.

``retrieve("xgboost", "us-east-1", "0.90-2")`` returns
``683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:0.90-2-cpu-py3``, the string
``sagemaker.image_uris.retrieve`` returns for the same arguments. The local backend never pulls
an image: it reads the repository name to tell the built-in XGBoost algorithm from other images.

Account ids per region and the tag rules come from the image configuration files that
SageMaker Python SDK 2.257.7 ships (``image_uri_config/xgboost.json`` and ``debugger.json``),
for the regions listed below.
"""

from __future__ import annotations

# XGBoost releases from 0.90-1 on are in the `sagemaker-xgboost` repository of one account per
# region. The legacy release `1` (alias `latest`) is in the `xgboost` repository of another.
XGBOOST_ACCOUNTS = {
    "us-east-1": "683313688378",
    "us-east-2": "257758044811",
    "us-west-1": "746614075791",
    "us-west-2": "246618743249",
    "ca-central-1": "341280168497",
    "eu-west-1": "141502667606",
    "eu-west-2": "764974769150",
    "eu-west-3": "659782779980",
    "eu-central-1": "492215442770",
    "eu-north-1": "662702820516",
    "ap-northeast-1": "354813040037",
    "ap-northeast-2": "366743142698",
    "ap-southeast-1": "121021644041",
    "ap-southeast-2": "783357654285",
    "ap-south-1": "720646828776",
    "sa-east-1": "737474898029",
}
LEGACY_XGBOOST_ACCOUNTS = {
    "us-east-1": "811284229777",
    "us-east-2": "825641698319",
    "us-west-1": "632365934929",
    "us-west-2": "433757028032",
    "ca-central-1": "469771592824",
    "eu-west-1": "685385470294",
    "eu-west-2": "644912444149",
    "eu-west-3": "749696950732",
    "eu-central-1": "813361260812",
    "eu-north-1": "669576153137",
    "ap-northeast-1": "501404015308",
    "ap-northeast-2": "306986355934",
    "ap-southeast-1": "475088953585",
    "ap-southeast-2": "544295431143",
    "ap-south-1": "991648021394",
    "sa-east-1": "855470959533",
}
DEBUGGER_RULE_ACCOUNTS = {
    "us-east-1": "503895931360",
    "us-east-2": "915447279597",
    "us-west-1": "685455198987",
    "us-west-2": "895741380848",
    "ca-central-1": "519511493484",
    "eu-west-1": "929884845733",
    "eu-west-2": "250201462417",
    "eu-west-3": "447278800020",
    "eu-central-1": "482524230118",
    "eu-north-1": "314864569078",
    "ap-northeast-1": "430734990657",
    "ap-northeast-2": "578805364391",
    "ap-southeast-1": "972752614525",
    "ap-southeast-2": "184798709955",
    "ap-south-1": "904829902805",
    "sa-east-1": "818342061345",
}

XGBOOST_REPOSITORY = "sagemaker-xgboost"
LEGACY_XGBOOST_REPOSITORY = "xgboost"
DEBUGGER_RULE_REPOSITORY = "sagemaker-debugger-rules"

LEGACY_XGBOOST_VERSIONS = ("1", "latest")
# Releases up to 1.0-1 carry a `-cpu-py3` tag suffix, and later tags are the bare version.
SUFFIXED_XGBOOST_VERSIONS = ("0.90-1", "0.90-2", "1.0-1")
XGBOOST_VERSIONS = (*SUFFIXED_XGBOOST_VERSIONS, "1.2-1", "1.2-2", "1.3-1", "1.5-1", "1.7-1", "3.0-5")
FRAMEWORKS = ("xgboost", "debugger")


def retrieve(
    framework,
    region=None,
    version=None,
    py_version=None,
    instance_type=None,
    image_scope=None,
    **kwargs,
) -> str:
    """Return the ECR URI of ``framework``'s image (``xgboost`` or ``debugger``) in ``region``.

    ``region`` defaults to ``us-east-1``, the region of the local backend's SDK session.
    ``version`` is required for ``xgboost`` (``"0.90-2"``, ``"1.7-1"``, ``"1"``...). The
    arguments ``py_version``, ``instance_type``, ``image_scope`` and any other SDK v2 keyword are
    accepted for compatibility and do not change the URI, because the XGBoost images are the same
    for training and inference and exist for CPU with Python 3 only.
    Raises ``ValueError`` for an unknown framework, version or region.
    """
    region = region or "us-east-1"
    if framework == "debugger":
        account = _account(DEBUGGER_RULE_ACCOUNTS, region, framework)
        return _ecr_uri(account, region, DEBUGGER_RULE_REPOSITORY, "latest")

    if framework != "xgboost":
        raise ValueError(
            f"Unsupported framework {framework!r}: this look-alike of sagemaker.image_uris knows "
            f"{', '.join(FRAMEWORKS)}. Pass image_uri to the estimator for other images."
        )

    if version in LEGACY_XGBOOST_VERSIONS:
        account = _account(LEGACY_XGBOOST_ACCOUNTS, region, framework)
        return _ecr_uri(account, region, LEGACY_XGBOOST_REPOSITORY, version)

    if version not in XGBOOST_VERSIONS:
        known = ", ".join((*LEGACY_XGBOOST_VERSIONS, *XGBOOST_VERSIONS))
        raise ValueError(
            f"Unsupported xgboost version {version!r}. Pass one of: {known} (the tour uses "
            "'0.90-2')."
        )
    tag = f"{version}-cpu-py3" if version in SUFFIXED_XGBOOST_VERSIONS else version
    account = _account(XGBOOST_ACCOUNTS, region, framework)
    return _ecr_uri(account, region, XGBOOST_REPOSITORY, tag)


def _account(accounts: dict[str, str], region: str, framework: str) -> str:
    account = accounts.get(region)
    if account is None:
        raise ValueError(
            f"Unsupported region {region!r} for the {framework} image. Use one of: "
            f"{', '.join(sorted(accounts))}."
        )
    return account


def _ecr_uri(account: str, region: str, repository: str, tag: str) -> str:
    return f"{account}.dkr.ecr.{region}.amazonaws.com/{repository}:{tag}"
