"""CreateExperiment, DescribeExperiment, ListExperiments, UpdateExperiment and DeleteExperiment
on the local sagemaker client, plus the paging and tag rules they share with the other lists."""

import datetime
import threading

import pytest
from botocore.exceptions import ClientError, ParamValidationError

NAME_PATTERN = "^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,119}"


def test_create_and_describe_round_trip(sm, assert_output_shape):
    created = sm.create_experiment(
        ExperimentName="Churn-Study",
        DisplayName="Churn-Study-Display",
        Description="Customer churn",
    )
    assert_output_shape("CreateExperiment", created)
    assert created["ExperimentArn"] == "arn:aws:sagemaker:local:000000000000:experiment/churn-study"

    described = sm.describe_experiment(ExperimentName="Churn-Study")
    assert_output_shape("DescribeExperiment", described)
    assert described["ExperimentName"] == "Churn-Study"
    assert described["ExperimentArn"] == created["ExperimentArn"]
    assert described["DisplayName"] == "Churn-Study-Display"
    assert described["Description"] == "Customer churn"
    assert described["CreationTime"].tzinfo is not None
    assert described["LastModifiedTime"] == described["CreationTime"]
    assert described["CreatedBy"] == described["LastModifiedBy"]
    assert "Source" not in described


def test_display_name_defaults_to_name(sm):
    sm.create_experiment(ExperimentName="plain")

    described = sm.describe_experiment(ExperimentName="plain")

    assert described["DisplayName"] == "plain"
    assert "Description" not in described


def test_describe_ignores_name_case(sm):
    sm.create_experiment(ExperimentName="MixedCase")

    described = sm.describe_experiment(ExperimentName="mixedcase")

    assert described["ExperimentName"] == "MixedCase"


def test_response_metadata_matches_boto3(sm):
    response = sm.create_experiment(ExperimentName="meta")

    metadata = response["ResponseMetadata"]
    assert metadata["HTTPStatusCode"] == 200
    assert metadata["HTTPHeaders"] == {}
    assert metadata["RetryAttempts"] == 0
    assert len(metadata["RequestId"]) == 36


@pytest.mark.parametrize("name", ["churn", "CHURN", "Churn"])
def test_duplicate_name_rejected_any_case(sm, error_of, name):
    sm.create_experiment(ExperimentName="churn")

    with pytest.raises(ClientError) as excinfo:
        sm.create_experiment(ExperimentName=name)

    code, message = error_of(excinfo)
    assert code == "ValidationException"
    assert "already exists" in message
    assert f"'{name}'" in message


def test_invalid_name_pattern(sm, error_of):
    with pytest.raises(ClientError) as excinfo:
        sm.create_experiment(ExperimentName="a_b")

    assert error_of(excinfo) == (
        "ValidationException",
        "1 validation error detected: Value 'a_b' at 'experimentName' failed to satisfy "
        f"constraint: Member must satisfy regular expression pattern: {NAME_PATTERN}",
    )


@pytest.mark.parametrize("name", ["-lead", "trail-", "dot.name", "space name"])
def test_names_outside_pattern_rejected(sm, error_of, name):
    with pytest.raises(ClientError) as excinfo:
        sm.create_experiment(ExperimentName=name)

    code, message = error_of(excinfo)
    assert code == "ValidationException"
    assert f"Value '{name}' at 'experimentName'" in message


def test_name_of_120_characters_accepted(sm):
    name = "a" * 120

    sm.create_experiment(ExperimentName=name)

    assert sm.describe_experiment(ExperimentName=name)["ExperimentName"] == name


def test_name_of_121_characters_rejected(sm, error_of):
    with pytest.raises(ClientError) as excinfo:
        sm.create_experiment(ExperimentName="a" * 121)

    code, message = error_of(excinfo)
    assert code == "ValidationException"
    assert message.startswith("2 validation errors detected: ")
    assert "Member must have length less than or equal to 120" in message
    assert "Member must satisfy regular expression pattern" in message


def test_description_limit(sm, error_of):
    sm.create_experiment(ExperimentName="long-ok", Description="d" * 3072)

    with pytest.raises(ClientError) as excinfo:
        sm.create_experiment(ExperimentName="too-long", Description="d" * 3073)

    code, message = error_of(excinfo)
    assert code == "ValidationException"
    assert "at 'description'" in message
    assert "Member must have length less than or equal to 3072" in message


def test_empty_name_rejected_by_client_side_check(sm):
    with pytest.raises(ParamValidationError, match="ExperimentName"):
        sm.create_experiment(ExperimentName="")


def test_unknown_parameter_rejected(sm):
    with pytest.raises(ParamValidationError, match='Unknown parameter in input: "Name"'):
        sm.create_experiment(Name="x")


def test_missing_required_parameter_rejected(sm):
    with pytest.raises(ParamValidationError, match="Missing required parameter"):
        sm.create_experiment(DisplayName="x")


def test_wrong_type_rejected(sm):
    with pytest.raises(ParamValidationError, match="Invalid type for parameter ExperimentName"):
        sm.create_experiment(ExperimentName=5)


def test_positional_arguments_rejected(sm):
    with pytest.raises(TypeError, match="only accepts keyword arguments"):
        sm.create_experiment("positional")


def test_describe_missing_raises_resource_not_found(sm):
    with pytest.raises(sm.exceptions.ResourceNotFound) as excinfo:
        sm.describe_experiment(ExperimentName="missing")

    assert excinfo.value.response["Error"]["Code"] == "ResourceNotFound"
    assert excinfo.value.response["Error"]["Message"] == "Experiment 'missing' does not exist."
    assert excinfo.value.operation_name == "DescribeExperiment"


def test_update_changes_fields_and_time(sm, assert_output_shape):
    created = sm.create_experiment(ExperimentName="upd", Description="old")
    before = sm.describe_experiment(ExperimentName="upd")

    updated = sm.update_experiment(ExperimentName="upd", DisplayName="New", Description="new")

    assert_output_shape("UpdateExperiment", updated)
    assert updated["ExperimentArn"] == created["ExperimentArn"]
    after = sm.describe_experiment(ExperimentName="upd")
    assert after["DisplayName"] == "New"
    assert after["Description"] == "new"
    assert after["CreationTime"] == before["CreationTime"]
    assert after["LastModifiedTime"] >= before["LastModifiedTime"]


def test_update_keeps_unsent_fields(sm):
    sm.create_experiment(ExperimentName="keep", DisplayName="Shown", Description="kept")

    sm.update_experiment(ExperimentName="keep", DisplayName="Renamed")

    described = sm.describe_experiment(ExperimentName="keep")
    assert described["DisplayName"] == "Renamed"
    assert described["Description"] == "kept"


def test_update_missing_raises_resource_not_found(sm):
    with pytest.raises(sm.exceptions.ResourceNotFound):
        sm.update_experiment(ExperimentName="missing", DisplayName="x")


def test_delete_then_describe_fails(sm, assert_output_shape):
    created = sm.create_experiment(ExperimentName="gone", Tags=[{"Key": "k", "Value": "v"}])

    deleted = sm.delete_experiment(ExperimentName="gone")

    assert_output_shape("DeleteExperiment", deleted)
    assert deleted["ExperimentArn"] == created["ExperimentArn"]
    with pytest.raises(sm.exceptions.ResourceNotFound):
        sm.describe_experiment(ExperimentName="gone")
    sm.create_experiment(ExperimentName="gone")
    assert sm.list_tags(ResourceArn=created["ExperimentArn"])["Tags"] == []


def test_delete_with_trials_rejected(sm, error_of):
    sm.create_experiment(ExperimentName="parent")
    sm.create_trial(TrialName="child", ExperimentName="parent")

    with pytest.raises(ClientError) as excinfo:
        sm.delete_experiment(ExperimentName="parent")

    code, message = error_of(excinfo)
    assert code == "ValidationException"
    assert "still has 1 trial(s)" in message
    assert "DeleteTrial" in message
    assert sm.describe_experiment(ExperimentName="parent")["ExperimentName"] == "parent"


def test_delete_missing_raises_resource_not_found(sm):
    with pytest.raises(sm.exceptions.ResourceNotFound):
        sm.delete_experiment(ExperimentName="missing")


def create_experiments(sm, count: int) -> list[str]:
    names = [f"exp-{index:03d}" for index in range(count)]
    for name in names:
        sm.create_experiment(ExperimentName=name)
    return names


def list_all(sm, **params) -> list[str]:
    names = []
    response = sm.list_experiments(**params)
    names += [summary["ExperimentName"] for summary in response["ExperimentSummaries"]]
    while "NextToken" in response:
        response = sm.list_experiments(NextToken=response["NextToken"], **params)
        names += [summary["ExperimentName"] for summary in response["ExperimentSummaries"]]
    return names


def test_list_defaults_newest_first_ten(sm, assert_output_shape):
    names = create_experiments(sm, 12)

    response = sm.list_experiments()

    assert_output_shape("ListExperiments", response)
    assert [s["ExperimentName"] for s in response["ExperimentSummaries"]] == names[::-1][:10]
    assert "NextToken" in response


def test_list_summary_members(sm):
    sm.create_experiment(ExperimentName="summary", DisplayName="Shown")

    summary = sm.list_experiments()["ExperimentSummaries"][0]

    assert set(summary) == {
        "ExperimentArn",
        "ExperimentName",
        "DisplayName",
        "CreationTime",
        "LastModifiedTime",
    }
    assert summary["DisplayName"] == "Shown"


def test_list_pages_cover_everything_once(sm):
    names = create_experiments(sm, 25)

    listed = list_all(sm, MaxResults=7)

    assert listed == names[::-1]


def test_list_last_page_has_no_token(sm):
    create_experiments(sm, 4)

    response = sm.list_experiments(MaxResults=4)

    assert len(response["ExperimentSummaries"]) == 4
    assert "NextToken" not in response


def test_list_sort_by_name_ascending(sm):
    for name in ["delta", "Alpha", "charlie", "Bravo"]:
        sm.create_experiment(ExperimentName=name)

    listed = list_all(sm, SortBy="Name", SortOrder="Ascending", MaxResults=3)

    assert listed == ["Alpha", "Bravo", "charlie", "delta"]


def test_list_sort_by_name_descending(sm):
    for name in ["b", "a", "c"]:
        sm.create_experiment(ExperimentName=name)

    listed = list_all(sm, SortBy="Name", SortOrder="Descending")

    assert listed == ["c", "b", "a"]


def test_list_sort_by_creation_time_ascending(sm):
    names = create_experiments(sm, 5)

    listed = list_all(sm, SortBy="CreationTime", SortOrder="Ascending", MaxResults=2)

    assert listed == names


def test_list_pages_stable_under_inserts(sm):
    names = create_experiments(sm, 6)
    first = sm.list_experiments(MaxResults=3, SortOrder="Ascending")

    sm.create_experiment(ExperimentName="late-arrival")
    second = sm.list_experiments(MaxResults=3, SortOrder="Ascending", NextToken=first["NextToken"])
    third = sm.list_experiments(MaxResults=3, SortOrder="Ascending", NextToken=second["NextToken"])

    listed = [
        summary["ExperimentName"]
        for page in (first, second, third)
        for summary in page["ExperimentSummaries"]
    ]
    assert listed == names + ["late-arrival"]
    assert "NextToken" not in third


def test_list_created_after_and_before(sm, clock):
    create_experiments(sm, 5)
    times = {
        summary["ExperimentName"]: summary["CreationTime"]
        for summary in sm.list_experiments(MaxResults=100)["ExperimentSummaries"]
    }
    cutoff = times["exp-002"]

    after = set(list_all(sm, CreatedAfter=cutoff))
    before = set(list_all(sm, CreatedBefore=cutoff))

    assert after == {"exp-003", "exp-004"}
    assert before == {"exp-000", "exp-001"}


def test_list_created_after_accepts_epoch_seconds(sm, clock):
    sm.create_experiment(ExperimentName="epoch")
    created = sm.describe_experiment(ExperimentName="epoch")["CreationTime"]

    earlier = list_all(sm, CreatedAfter=created.timestamp() - 60)
    later = list_all(sm, CreatedAfter=created + datetime.timedelta(seconds=60))

    assert earlier == ["epoch"]
    assert later == []


@pytest.mark.parametrize("max_results", [0, -1])
def test_list_max_results_below_one_rejected(sm, max_results):
    with pytest.raises(ParamValidationError, match="MaxResults"):
        sm.list_experiments(MaxResults=max_results)


def test_list_max_results_above_hundred_rejected(sm, error_of):
    with pytest.raises(ClientError) as excinfo:
        sm.list_experiments(MaxResults=101)

    assert error_of(excinfo) == (
        "ValidationException",
        "1 validation error detected: Value '101' at 'maxResults' failed to satisfy constraint: "
        "Member must have value less than or equal to 100",
    )


def test_list_invalid_sort_by_rejected(sm, error_of):
    with pytest.raises(ClientError) as excinfo:
        sm.list_experiments(SortBy="LastModifiedTime")

    code, message = error_of(excinfo)
    assert code == "ValidationException"
    assert "Member must satisfy enum value set: [Name, CreationTime]" in message


def test_list_garbage_token_rejected(sm, error_of):
    with pytest.raises(ClientError) as excinfo:
        sm.list_experiments(NextToken="not-a-token")

    code, message = error_of(excinfo)
    assert code == "ValidationException"
    assert "Invalid NextToken 'not-a-token'" in message


def test_list_token_from_other_sort_rejected(sm, error_of):
    create_experiments(sm, 3)
    token = sm.list_experiments(MaxResults=1)["NextToken"]

    with pytest.raises(ClientError) as excinfo:
        sm.list_experiments(MaxResults=1, SortBy="Name", NextToken=token)

    code, message = error_of(excinfo)
    assert code == "ValidationException"
    assert "other filters or sort order" in message


def test_paginator_walks_all_pages(sm):
    names = create_experiments(sm, 13)
    paginator = sm.get_paginator("list_experiments")

    pages = list(paginator.paginate(PaginationConfig={"PageSize": 5}))

    assert [len(page["ExperimentSummaries"]) for page in pages] == [5, 5, 3]
    listed = [s["ExperimentName"] for page in pages for s in page["ExperimentSummaries"]]
    assert listed == names[::-1]


def test_tags_stored_on_create(sm, assert_output_shape):
    tags = [{"Key": "team", "Value": "growth"}, {"Key": "sagemaker:source", "Value": ""}]
    arn = sm.create_experiment(ExperimentName="tagged", Tags=tags)["ExperimentArn"]

    listed = sm.list_tags(ResourceArn=arn)

    assert_output_shape("ListTags", listed)
    assert listed["Tags"] == sorted(tags, key=lambda tag: tag["Key"])


def test_add_and_delete_tags(sm, assert_output_shape):
    arn = sm.create_experiment(ExperimentName="retag", Tags=[{"Key": "a", "Value": "1"}])[
        "ExperimentArn"
    ]

    added = sm.add_tags(
        ResourceArn=arn, Tags=[{"Key": "a", "Value": "2"}, {"Key": "b", "Value": "3"}]
    )
    deleted = sm.delete_tags(ResourceArn=arn, TagKeys=["b", "absent"])

    assert_output_shape("AddTags", added)
    assert_output_shape("DeleteTags", deleted)
    assert sm.list_tags(ResourceArn=arn)["Tags"] == [{"Key": "a", "Value": "2"}]


def test_more_than_fifty_tags_rejected(sm, error_of):
    arn = sm.create_experiment(
        ExperimentName="many-tags",
        Tags=[{"Key": f"key-{index:02d}", "Value": "v"} for index in range(50)],
    )["ExperimentArn"]

    with pytest.raises(ClientError) as excinfo:
        sm.add_tags(ResourceArn=arn, Tags=[{"Key": "one-more", "Value": "v"}])

    code, message = error_of(excinfo)
    assert code == "ValidationException"
    assert "51 tags, more than the limit of 50" in message
    assert len(sm.list_tags(ResourceArn=arn)["Tags"]) == 50


def test_fifty_one_tags_on_create_rejected(sm, error_of):
    with pytest.raises(ClientError) as excinfo:
        sm.create_experiment(
            ExperimentName="too-many",
            Tags=[{"Key": f"key-{index:02d}", "Value": "v"} for index in range(51)],
        )

    code, message = error_of(excinfo)
    assert code == "ValidationException"
    assert "at 'tags'" in message
    with pytest.raises(sm.exceptions.ResourceNotFound):
        sm.describe_experiment(ExperimentName="too-many")


def test_tag_key_pattern_rejected(sm, error_of):
    with pytest.raises(ClientError) as excinfo:
        sm.create_experiment(ExperimentName="bad-tag", Tags=[{"Key": "no#hash", "Value": "v"}])

    code, message = error_of(excinfo)
    assert code == "ValidationException"
    assert "Value 'no#hash' at 'tags.1.member.key'" in message


def test_tag_value_accepts_unicode_letters(sm):
    arn = sm.create_experiment(
        ExperimentName="unicode-tag", Tags=[{"Key": "équipe", "Value": "données 2024"}]
    )["ExperimentArn"]

    assert sm.list_tags(ResourceArn=arn)["Tags"] == [{"Key": "équipe", "Value": "données 2024"}]


def test_tags_of_missing_resource_rejected(sm, error_of):
    arn = "arn:aws:sagemaker:local:000000000000:experiment/absent"

    with pytest.raises(ClientError) as excinfo:
        sm.add_tags(ResourceArn=arn, Tags=[{"Key": "a", "Value": "b"}])

    code, message = error_of(excinfo)
    assert code == "ValidationException"
    assert f"Resource {arn} does not exist" in message


def test_list_tags_pages(sm):
    arn = sm.create_experiment(
        ExperimentName="paged-tags",
        Tags=[{"Key": f"key-{index:02d}", "Value": str(index)} for index in range(50)],
    )["ExperimentArn"]
    sm.add_tags(ResourceArn=arn, Tags=[])

    first = sm.list_tags(ResourceArn=arn, MaxResults=50)

    assert len(first["Tags"]) == 50
    assert "NextToken" not in first
    assert first["Tags"][0] == {"Key": "key-00", "Value": "0"}


def test_concurrent_creates_one_winner(sm):
    outcomes = []

    def create():
        try:
            sm.create_experiment(ExperimentName="race")
            outcomes.append("created")
        except ClientError as error:
            outcomes.append(error.response["Error"]["Code"])

    threads = [threading.Thread(target=create) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["ValidationException"] * 7 + ["created"]
    assert list_all(sm) == ["race"]
