"""GET trial-components: tag, date and type filters, and the tags of each row."""

import json
import time
from datetime import datetime, timedelta, timezone

import pytest

from churn_studio_ext.local._trial_components import insert_trial_component
from churn_studio_ext.server.errors import BadRequest
from churn_studio_ext.server.search_request import validate_filters

LIST = "/trial-components"


async def list_names(api, filters, **params):
    status, body = await api("trial-components", params={"filter": json.dumps(filters), **params})
    assert status == 200, body
    return sorted(item["name"] for item in body["items"])


@pytest.fixture
def tagged_components(sagemaker_client):
    """Three components: team=churn with stage=prod, team=churn-lab, and one without tags."""
    sagemaker_client.create_trial_component(
        TrialComponentName="tagged-prod",
        Tags=[{"Key": "team", "Value": "churn"}, {"Key": "stage", "Value": "prod"}],
    )
    sagemaker_client.create_trial_component(
        TrialComponentName="tagged-lab", Tags=[{"Key": "team", "Value": "churn-lab"}]
    )
    sagemaker_client.create_trial_component(TrialComponentName="untagged")


@pytest.fixture
def typed_components(sagemaker_client):
    """One training-job component, one processing-job component and one without a source."""
    store = sagemaker_client.store
    with store.write() as conn:
        insert_trial_component(
            conn,
            "job-training",
            source_arn="arn:aws:sagemaker:local:000000000000:training-job/job",
            source_type="SageMakerTrainingJob",
        )
        insert_trial_component(
            conn,
            "job-processing",
            source_arn="arn:aws:sagemaker:local:000000000000:processing-job/job",
            source_type="SageMakerProcessingJob",
        )
    sagemaker_client.create_trial_component(TrialComponentName="no-source")


async def test_rows_carry_tags(api, tagged_components, check_response):
    status, body = await api("trial-components")

    assert status == 200
    check_response(LIST, 200, body)
    tags = {item["name"]: item["tags"] for item in body["items"]}
    assert tags["tagged-prod"] == {"team": "churn", "stage": "prod"}
    assert tags["tagged-lab"] == {"team": "churn-lab"}
    assert tags["untagged"] == {}


async def test_tag_value_equals(api, tagged_components):
    names = await list_names(api, [{"Name": "Tags.team", "Operator": "Equals", "Value": "churn"}])

    assert names == ["tagged-prod"]


async def test_tag_value_contains(api, tagged_components):
    names = await list_names(api, [{"Name": "Tags.team", "Operator": "Contains", "Value": "lab"}])

    assert names == ["tagged-lab"]


async def test_tag_key_exists(api, tagged_components):
    assert await list_names(api, [{"Name": "Tags.stage", "Operator": "Exists"}]) == ["tagged-prod"]
    assert await list_names(api, [{"Name": "Tags.team", "Operator": "NotExists"}]) == ["untagged"]


async def test_created_after_and_before(api, sagemaker_client):
    sagemaker_client.create_trial_component(TrialComponentName="early")
    # CreationTime has whole seconds in the filter, so the two components are a second apart.
    time.sleep(1.1)
    boundary = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
    time.sleep(1.1)
    sagemaker_client.create_trial_component(TrialComponentName="late")

    after = await list_names(api, [{"Name": "CreationTime", "Operator": "GreaterThan", "Value": boundary}])
    before = await list_names(api, [{"Name": "CreationTime", "Operator": "LessThan", "Value": boundary}])

    assert after == ["late"]
    assert before == ["early"]


async def test_last_modified_after(api, sagemaker_client):
    sagemaker_client.create_trial_component(TrialComponentName="touched")
    sagemaker_client.create_trial_component(TrialComponentName="untouched")
    time.sleep(1.1)
    boundary = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
    time.sleep(1.1)
    sagemaker_client.update_trial_component(TrialComponentName="touched", DisplayName="Touched")

    names = await list_names(
        api, [{"Name": "LastModifiedTime", "Operator": "GreaterThan", "Value": boundary}]
    )

    assert names == ["touched"]


async def test_time_with_zone_sent_as_utc(api, sagemaker_client):
    sagemaker_client.create_trial_component(TrialComponentName="recent")
    # Half an hour from now, written at UTC-1: its wall-clock text is half an hour in the past,
    # so the component matches only if the server converts the zone instead of dropping it.
    boundary = (datetime.now(timezone.utc) + timedelta(minutes=30)).astimezone(timezone(timedelta(hours=-1)))

    names = await list_names(
        api, [{"Name": "CreationTime", "Operator": "LessThan", "Value": boundary.isoformat()}]
    )

    assert names == ["recent"]


async def test_invalid_time_is_400(api, tour_data):
    status, body = await api(
        "trial-components",
        params={"filter": json.dumps([{"Name": "CreationTime", "Operator": "GreaterThan", "Value": "yesterday"}])},
    )

    assert status == 400
    assert "'yesterday'" in body["message"]
    assert "YYYY-mm-ddTHH:MM:SS" in body["message"]


async def test_type_training_job(api, typed_components):
    names = await list_names(
        api, [{"Name": "Source.SourceType", "Operator": "Equals", "Value": "SageMakerTrainingJob"}]
    )

    assert names == ["job-training"]


async def test_type_other(api, typed_components):
    names = await list_names(
        api,
        [
            {"Name": "Source.SourceType", "Operator": "NotEquals", "Value": "SageMakerTrainingJob"},
            {"Name": "Source.SourceType", "Operator": "NotEquals", "Value": "SageMakerProcessingJob"},
        ],
    )

    assert names == ["no-source"]


def test_time_value_normalized_to_utc():
    (checked,) = validate_filters(
        [{"Name": "LastModifiedTime", "Operator": "LessThan", "Value": "2026-12-04T21:30:15+01:00"}]
    )

    assert checked == {"Name": "LastModifiedTime", "Operator": "LessThan", "Value": "2026-12-04T20:30:15"}


def test_time_value_without_zone_kept():
    (checked,) = validate_filters(
        [{"Name": "CreationTime", "Operator": "GreaterThanOrEqualTo", "Value": "2026-12-04T20:00:00"}]
    )

    assert checked["Value"] == "2026-12-04T20:00:00"


def test_contains_on_time_rejected():
    with pytest.raises(BadRequest, match="Operator 'Contains' for the time property CreationTime"):
        validate_filters([{"Name": "CreationTime", "Operator": "Contains", "Value": "2026"}])


def test_tag_without_key_rejected():
    with pytest.raises(BadRequest, match="names the tag key"):
        validate_filters([{"Name": "Tags.", "Operator": "Exists"}])


def test_time_exists_takes_no_value():
    (checked,) = validate_filters([{"Name": "EndTime", "Operator": "NotExists"}])

    assert checked == {"Name": "EndTime", "Operator": "NotExists"}
