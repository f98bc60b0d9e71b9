"""GET status, experiments, one experiment and its trials, through the running server."""

import churn_studio_ext


async def test_status_reports_local_backend(api, studio_home, check_response):
    status, body = await api("status")

    assert status == 200
    check_response("/status", 200, body)
    assert body["backend"] == "local"
    assert body["version"] == churn_studio_ext.__version__
    assert body["home"] == str(studio_home)
    assert body["region"] == "local"


async def test_experiments_list_with_counts(api, tour_data, check_response):
    status, body = await api("experiments")

    assert status == 200
    check_response("/experiments", 200, body)
    by_name = {experiment["name"]: experiment for experiment in body["experiments"]}
    assert sorted(by_name) == ["churn-experiment", "other-experiment"]

    churn = by_name["churn-experiment"]
    assert churn["displayName"] == "Customer-Churn"
    assert churn["trialCount"] == 2
    assert churn["arn"].endswith(":experiment/churn-experiment")
    assert churn["created"].endswith("+00:00")
    assert by_name["other-experiment"]["trialCount"] == 0
    assert by_name["other-experiment"]["displayName"] == "other-experiment"


async def test_experiments_query_matches_display_name(api, tour_data):
    status, body = await api("experiments", params={"query": "CUSTOMER"})

    assert status == 200
    assert [experiment["name"] for experiment in body["experiments"]] == ["churn-experiment"]

    status, body = await api("experiments", params={"query": "no-such-text"})
    assert status == 200
    assert body["experiments"] == []


async def test_experiments_empty_home(api):
    status, body = await api("experiments")

    assert status == 200
    assert body == {"experiments": []}


async def test_experiment_detail(api, tour_data, check_response):
    status, body = await api("experiments", "churn-experiment")

    assert status == 200
    check_response("/experiments/{experimentName}", 200, body)
    assert body["name"] == "churn-experiment"
    assert body["description"] == "XGBoost churn"
    assert body["trialCount"] == 2


async def test_experiment_missing_is_404(api, tour_data, check_response):
    status, body = await api("experiments", "no-such-experiment")

    assert status == 404
    check_response("/experiments/{experimentName}", 404, body)
    assert "no-such-experiment" in body["message"]


async def test_trials_with_component_counts(api, tour_data, check_response):
    status, body = await api("experiments", "churn-experiment", "trials")

    assert status == 200
    check_response("/experiments/{experimentName}/trials", 200, body)
    counts = {trial["name"]: trial["trialComponentCount"] for trial in body["trials"]}
    assert counts == {"trial-eta-low": 1, "trial-eta-high": 2}
    assert {trial["experimentName"] for trial in body["trials"]} == {"churn-experiment"}


async def test_trials_of_empty_experiment(api, tour_data):
    status, body = await api("experiments", "other-experiment", "trials")

    assert status == 200
    assert body == {"trials": []}


async def test_trials_of_missing_experiment_is_404(api, tour_data):
    status, body = await api("experiments", "no-such-experiment", "trials")

    assert status == 404
    assert "no-such-experiment" in body["message"]
