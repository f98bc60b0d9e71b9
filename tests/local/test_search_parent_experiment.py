"""Search by Parents.ExperimentName: the experiment_component rows and counts that the store's
triggers keep, checked through the public client as associations come and go, and after the
migration that adds them to a database that already has associations."""

import sqlite3

from churn_studio_ext import local
from churn_studio_ext.local import search_filters
from churn_studio_ext.local.schema import MIGRATIONS
from churn_studio_ext.local.search_properties import RESOURCES
from churn_studio_ext.local.store import DATABASE_FILE, _split_statements, get_store

COMPONENTS = "ExperimentTrialComponent"


def _build(sm):
    """Experiments exp-a (trials a1, a2) and exp-b (trial b1), components c1 to c4.

    c1 is in a1 and a2 (two trials of one experiment), c2 in a1 and b1, c3 in b1, and c4 in no
    trial.
    """
    for experiment, trials in (("exp-a", ("a1", "a2")), ("exp-b", ("b1",))):
        sm.create_experiment(ExperimentName=experiment)
        for trial in trials:
            sm.create_trial(TrialName=trial, ExperimentName=experiment)
    for component in ("c1", "c2", "c3", "c4"):
        sm.create_trial_component(TrialComponentName=component)
    for component, trial in (("c1", "a1"), ("c1", "a2"), ("c2", "a1"), ("c2", "b1"),
                             ("c3", "b1")):
        sm.associate_trial_component(TrialComponentName=component, TrialName=trial)


def _search(sm, operator, value):
    response = sm.search(
        Resource=COMPONENTS,
        SearchExpression={"Filters": [
            {"Name": "Parents.ExperimentName", "Operator": operator, "Value": value}
        ]},
        SortBy="TrialComponentName",
        SortOrder="Ascending",
        MaxResults=100,
    )
    names = [record["TrialComponent"]["TrialComponentName"] for record in response["Results"]]
    return names, response["TotalHits"]["Value"]


def _stored_counts(home):
    with get_store(home).read() as conn:
        rows = conn.execute(
            "SELECT e.name, e.component_count, "
            "(SELECT count(*) FROM experiment_component c WHERE c.experiment_id = e.id) "
            "FROM experiment e ORDER BY e.name"
        ).fetchall()
    return [tuple(row) for row in rows]


def test_equals_counts_each_component_once(tmp_path):
    sm = local.client("sagemaker", home=tmp_path / "home")
    _build(sm)

    assert _search(sm, "Equals", "exp-a") == (["c1", "c2"], 2)
    assert _search(sm, "Equals", "exp-b") == (["c2", "c3"], 2)
    assert _search(sm, "Equals", "exp-missing") == ([], 0)
    assert _stored_counts(tmp_path / "home") == [("exp-a", 2, 2), ("exp-b", 2, 2)]


def test_equals_is_case_sensitive(tmp_path):
    sm = local.client("sagemaker", home=tmp_path / "home")
    _build(sm)

    assert _search(sm, "Equals", "EXP-A") == ([], 0)


def test_not_equals_includes_components_without_parents(tmp_path):
    sm = local.client("sagemaker", home=tmp_path / "home")
    _build(sm)

    assert _search(sm, "NotEquals", "exp-a") == (["c3", "c4"], 2)


def test_other_operators_count_distinct_components(tmp_path):
    sm = local.client("sagemaker", home=tmp_path / "home")
    _build(sm)

    # c2 is in both experiments and must count once.
    assert _search(sm, "Contains", "exp") == (["c1", "c2", "c3"], 3)
    assert _search(sm, "In", "exp-a,exp-b") == (["c1", "c2", "c3"], 3)


def test_disassociation_updates_counts(tmp_path):
    home = tmp_path / "home"
    sm = local.client("sagemaker", home=home)
    _build(sm)

    # c1 stays in exp-a through a2.
    sm.disassociate_trial_component(TrialComponentName="c1", TrialName="a1")
    assert _search(sm, "Equals", "exp-a") == (["c1", "c2"], 2)
    assert _stored_counts(home) == [("exp-a", 2, 2), ("exp-b", 2, 2)]

    sm.disassociate_trial_component(TrialComponentName="c1", TrialName="a2")
    assert _search(sm, "Equals", "exp-a") == (["c2"], 1)
    assert _stored_counts(home) == [("exp-a", 1, 1), ("exp-b", 2, 2)]

    sm.associate_trial_component(TrialComponentName="c4", TrialName="a2")
    assert _search(sm, "Equals", "exp-a") == (["c2", "c4"], 2)
    assert _stored_counts(home) == [("exp-a", 2, 2), ("exp-b", 2, 2)]


def test_deleted_experiment_leaves_no_rows(tmp_path):
    home = tmp_path / "home"
    sm = local.client("sagemaker", home=home)
    _build(sm)
    for component, trial in (("c2", "a1"), ("c2", "b1"), ("c3", "b1")):
        sm.disassociate_trial_component(TrialComponentName=component, TrialName=trial)

    sm.delete_trial(TrialName="b1")
    sm.delete_experiment(ExperimentName="exp-b")
    sm.delete_trial_component(TrialComponentName="c2")

    assert _stored_counts(home) == [("exp-a", 1, 1)]
    with get_store(home).read() as conn:
        rows = conn.execute(
            "SELECT trial_component_id, experiment_id, trial_count FROM experiment_component"
        ).fetchall()
    assert len(rows) == 1
    assert rows[0]["trial_count"] == 2


def test_equals_uses_the_stored_count():
    resource = RESOURCES[COMPONENTS]
    expression = {"Filters": [{"Name": "Parents.ExperimentName", "Value": "exp-a"}]}

    sql, params = search_filters.count_query(resource, expression)

    assert "component_count" in sql
    assert params == ["exp-a"]


def test_contains_is_counted_on_the_components():
    resource = RESOURCES[COMPONENTS]
    expression = {"Filters": [
        {"Name": "Parents.ExperimentName", "Operator": "Contains", "Value": "exp"}
    ]}

    assert search_filters.count_query(resource, expression) is None


def test_migration_fills_rows_for_existing_associations(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    # A database at the schema version before experiment_component, with associations.
    conn = sqlite3.connect(home / DATABASE_FILE)
    version = MIGRATIONS.index(
        next(script for script in MIGRATIONS if "experiment_component" in script)
    )
    for script in MIGRATIONS[:version]:
        for statement in _split_statements(script):
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.executescript(
        "INSERT INTO experiment (id, name, name_key, arn, created_time, last_modified_time) "
        "VALUES (1, 'exp-a', 'exp-a', 'arn:exp-a', 0, 0), (2, 'exp-b', 'exp-b', 'arn:exp-b', 0, 0);"
        "INSERT INTO trial (id, name, name_key, arn, experiment_id, created_time, "
        "last_modified_time) VALUES (1, 'a1', 'a1', 'arn:a1', 1, 0, 0), "
        "(2, 'a2', 'a2', 'arn:a2', 1, 0, 0), (3, 'b1', 'b1', 'arn:b1', 2, 0, 0);"
        "INSERT INTO trial_component (id, name, name_key, arn, created_time, last_modified_time) "
        "VALUES (1, 'c1', 'c1', 'arn:c1', 0, 0), (2, 'c2', 'c2', 'arn:c2', 0, 0);"
        "INSERT INTO trial_component_association (trial_component_id, trial_id, associated_time) "
        "VALUES (1, 1, 0), (1, 2, 0), (2, 3, 0);"
    )
    conn.commit()
    conn.close()

    sm = local.client("sagemaker", home=home)

    assert _stored_counts(home) == [("exp-a", 1, 1), ("exp-b", 1, 1)]
    assert _search(sm, "Equals", "exp-a") == (["c1"], 1)
    sm.disassociate_trial_component(TrialComponentName="c1", TrialName="a1")
    sm.disassociate_trial_component(TrialComponentName="c1", TrialName="a2")
    assert _search(sm, "Equals", "exp-a") == ([], 0)
    assert _stored_counts(home) == [("exp-a", 0, 0), ("exp-b", 1, 1)]
