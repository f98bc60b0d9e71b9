"""The SQLite schema of the local SageMaker store, as an ordered list of migrations.

Each entry upgrades the database by one version; ``PRAGMA user_version`` records how many have
run. Append new migrations, never edit an applied one.

Conventions:
- Times are Unix seconds as REAL (UTC).
- ``name_key`` is ``lower(name)``: SageMaker names are unique per account regardless of case.
- JSON columns hold the API shape unchanged (``created_by``, ``metadata_properties``).
"""

MIGRATIONS: list[str] = [
    # 1: experiments, trials, trial components, parameters, artifacts, tags, metrics.
    """
    CREATE TABLE experiment (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL UNIQUE,
        arn TEXT NOT NULL UNIQUE,
        display_name TEXT,
        description TEXT,
        source_arn TEXT,
        source_type TEXT,
        created_time REAL NOT NULL,
        last_modified_time REAL NOT NULL,
        created_by TEXT,
        last_modified_by TEXT
    );
    CREATE INDEX experiment_created ON experiment (created_time);

    CREATE TABLE trial (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL UNIQUE,
        arn TEXT NOT NULL UNIQUE,
        display_name TEXT,
        experiment_id INTEGER NOT NULL REFERENCES experiment (id),
        source_arn TEXT,
        source_type TEXT,
        metadata_properties TEXT,
        created_time REAL NOT NULL,
        last_modified_time REAL NOT NULL,
        created_by TEXT,
        last_modified_by TEXT
    );
    CREATE INDEX trial_experiment ON trial (experiment_id, created_time);
    CREATE INDEX trial_created ON trial (created_time);

    CREATE TABLE trial_component (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL UNIQUE,
        arn TEXT NOT NULL UNIQUE,
        display_name TEXT,
        status TEXT,
        status_message TEXT,
        start_time REAL,
        end_time REAL,
        source_arn TEXT,
        source_type TEXT,
        metadata_properties TEXT,
        created_time REAL NOT NULL,
        last_modified_time REAL NOT NULL,
        created_by TEXT,
        last_modified_by TEXT
    );
    CREATE INDEX trial_component_created ON trial_component (created_time);
    CREATE INDEX trial_component_modified ON trial_component (last_modified_time);
    CREATE INDEX trial_component_source ON trial_component (source_arn);

    -- A trial component may belong to several trials.
    CREATE TABLE trial_component_association (
        trial_component_id INTEGER NOT NULL REFERENCES trial_component (id),
        trial_id INTEGER NOT NULL REFERENCES trial (id),
        associated_time REAL NOT NULL,
        PRIMARY KEY (trial_component_id, trial_id)
    ) WITHOUT ROWID;
    CREATE INDEX association_trial ON trial_component_association (trial_id, trial_component_id);

    -- Exactly one of string_value and number_value is set.
    CREATE TABLE parameter (
        trial_component_id INTEGER NOT NULL REFERENCES trial_component (id),
        name TEXT NOT NULL,
        string_value TEXT,
        number_value REAL,
        PRIMARY KEY (trial_component_id, name)
    ) WITHOUT ROWID;
    CREATE INDEX parameter_number ON parameter (name, number_value);
    CREATE INDEX parameter_string ON parameter (name, string_value);

    CREATE TABLE artifact (
        trial_component_id INTEGER NOT NULL REFERENCES trial_component (id),
        direction TEXT NOT NULL CHECK (direction IN ('input', 'output')),
        name TEXT NOT NULL,
        value TEXT NOT NULL,
        media_type TEXT,
        PRIMARY KEY (trial_component_id, direction, name)
    ) WITHOUT ROWID;

    -- Tags of any resource, keyed by its ARN.
    CREATE TABLE tag (
        resource_arn TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (resource_arn, key)
    ) WITHOUT ROWID;
    CREATE INDEX tag_key ON tag (key, value);

    -- One row per (trial component, metric), updated as points arrive so that summaries and
    -- sorting by a statistic never scan the points. mean and m2 are Welford's running mean and
    -- sum of squared deviations; avg and std_dev are derived from them on every update.
    CREATE TABLE metric_summary (
        id INTEGER PRIMARY KEY,
        trial_component_id INTEGER NOT NULL REFERENCES trial_component (id),
        name TEXT NOT NULL,
        source_arn TEXT,
        count INTEGER NOT NULL,
        min REAL NOT NULL,
        max REAL NOT NULL,
        mean REAL NOT NULL,
        m2 REAL NOT NULL,
        avg REAL NOT NULL,
        std_dev REAL NOT NULL,
        last REAL NOT NULL,
        last_step INTEGER,
        last_timestamp REAL NOT NULL,
        updated_time REAL NOT NULL,
        UNIQUE (trial_component_id, name)
    );
    CREATE INDEX metric_summary_min ON metric_summary (name, min);
    CREATE INDEX metric_summary_max ON metric_summary (name, max);
    CREATE INDEX metric_summary_avg ON metric_summary (name, avg);
    CREATE INDEX metric_summary_std_dev ON metric_summary (name, std_dev);
    CREATE INDEX metric_summary_last ON metric_summary (name, last);
    CREATE INDEX metric_summary_count ON metric_summary (name, count);

    -- seq orders the points of one metric by arrival; step and timestamp are as sent.
    CREATE TABLE metric_point (
        metric_id INTEGER NOT NULL REFERENCES metric_summary (id),
        seq INTEGER NOT NULL,
        step INTEGER,
        timestamp REAL NOT NULL,
        value REAL NOT NULL,
        PRIMARY KEY (metric_id, seq)
    ) WITHOUT ROWID;
    """,
    # 2: training jobs, their secondary status transitions and Debugger rule evaluations.
    """
    -- request is CreateTrainingJob's request as JSON without Tags. Describe echoes its members.
    -- worker_pid is the local process that runs the job. A job still InProgress or Stopping
    -- whose process is gone has failed, or has stopped if a stop was requested.
    -- final_metrics is FinalMetricDataList as JSON, with Timestamp in Unix seconds.
    CREATE TABLE training_job (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL UNIQUE,
        arn TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL,
        secondary_status TEXT NOT NULL,
        failure_reason TEXT,
        request TEXT NOT NULL,
        created_time REAL NOT NULL,
        start_time REAL,
        end_time REAL,
        last_modified_time REAL NOT NULL,
        model_artifact TEXT,
        training_seconds INTEGER,
        billable_seconds INTEGER,
        worker_pid INTEGER,
        final_metrics TEXT
    );
    CREATE INDEX training_job_created ON training_job (created_time);
    CREATE INDEX training_job_modified ON training_job (last_modified_time);
    CREATE INDEX training_job_status ON training_job (status, created_time);

    -- seq orders the transitions of one job, and end_time is set when the next one starts.
    CREATE TABLE secondary_status_transition (
        training_job_id INTEGER NOT NULL REFERENCES training_job (id),
        seq INTEGER NOT NULL,
        status TEXT NOT NULL,
        start_time REAL NOT NULL,
        end_time REAL,
        status_message TEXT,
        PRIMARY KEY (training_job_id, seq)
    ) WITHOUT ROWID;

    -- One row per DebugRuleConfigurations entry, seq in request order. explanation is the rule
    -- engine's readable reason for the status, which StatusDetails does not carry.
    CREATE TABLE debug_rule_evaluation (
        training_job_id INTEGER NOT NULL REFERENCES training_job (id),
        seq INTEGER NOT NULL,
        rule_configuration_name TEXT NOT NULL,
        rule_evaluation_job_arn TEXT NOT NULL,
        status TEXT NOT NULL,
        status_details TEXT,
        explanation TEXT,
        last_modified_time REAL NOT NULL,
        PRIMARY KEY (training_job_id, seq)
    ) WITHOUT ROWID;
    """,
    # 3: models, endpoint configs and endpoints served by local model-server processes.
    """
    -- request is the Create request as JSON without Tags. Describe echoes its members.
    CREATE TABLE model (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL UNIQUE,
        arn TEXT NOT NULL UNIQUE,
        request TEXT NOT NULL,
        created_time REAL NOT NULL
    );
    CREATE INDEX model_created ON model (created_time);

    CREATE TABLE endpoint_config (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL UNIQUE,
        arn TEXT NOT NULL UNIQUE,
        request TEXT NOT NULL,
        created_time REAL NOT NULL
    );
    CREATE INDEX endpoint_config_created ON endpoint_config (created_time);

    -- config_name is the config the endpoint serves. server_pid and server_port are its running
    -- model server. server_token is a random id on the server's command line that tells a live
    -- server from an unrelated process that reused its pid, and lets only that server change
    -- the row. While UpdateEndpoint runs, pending_config_name, pending_server_pid and
    -- pending_server_token are the new config and its starting server.
    -- capture_started is 1 while data capture runs.
    CREATE TABLE endpoint (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL UNIQUE,
        arn TEXT NOT NULL UNIQUE,
        config_name TEXT NOT NULL,
        pending_config_name TEXT,
        status TEXT NOT NULL,
        failure_reason TEXT,
        created_time REAL NOT NULL,
        last_modified_time REAL NOT NULL,
        server_pid INTEGER,
        server_port INTEGER,
        server_token TEXT,
        server_started_time REAL,
        pending_server_pid INTEGER,
        pending_server_token TEXT,
        capture_started INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX endpoint_created ON endpoint (created_time);
    CREATE INDEX endpoint_modified ON endpoint (last_modified_time);
    CREATE INDEX endpoint_status ON endpoint (status, created_time);
    CREATE INDEX endpoint_config_use ON endpoint (config_name);
    """,
    # 4: processing jobs, monitoring schedules and their executions.
    """
    -- request is CreateProcessingJob's request as JSON without Tags. Describe echoes its members.
    -- worker_pid is the local process that runs the job, as for training jobs.
    -- monitoring_schedule_arn is set on the processing job of a monitoring execution.
    CREATE TABLE processing_job (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL UNIQUE,
        arn TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL,
        exit_message TEXT,
        failure_reason TEXT,
        request TEXT NOT NULL,
        created_time REAL NOT NULL,
        start_time REAL,
        end_time REAL,
        last_modified_time REAL NOT NULL,
        worker_pid INTEGER,
        monitoring_schedule_arn TEXT
    );
    CREATE INDEX processing_job_created ON processing_job (created_time);
    CREATE INDEX processing_job_status ON processing_job (status, created_time);

    -- AUTOINCREMENT: a schedule deleted and created again under the same name gets a new id,
    -- so the old schedule's executions never count as the new one's.
    -- config is MonitoringScheduleConfig as JSON.
    CREATE TABLE monitoring_schedule (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL UNIQUE,
        arn TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL,
        failure_reason TEXT,
        monitoring_type TEXT NOT NULL,
        endpoint_name TEXT,
        schedule_expression TEXT NOT NULL,
        config TEXT NOT NULL,
        created_time REAL NOT NULL,
        last_modified_time REAL NOT NULL
    );
    CREATE INDEX monitoring_schedule_created ON monitoring_schedule (created_time);
    CREATE INDEX monitoring_schedule_endpoint ON monitoring_schedule (endpoint_name);

    -- Executions outlive their schedule (DeleteMonitoringSchedule keeps the history), so
    -- schedule_id is no foreign key and the schedule's name and ARN are copied. The unique key
    -- lets only one process start the execution of a schedule's scheduled time.
    CREATE TABLE monitoring_execution (
        id INTEGER PRIMARY KEY,
        schedule_id INTEGER NOT NULL,
        schedule_name TEXT NOT NULL,
        schedule_name_key TEXT NOT NULL,
        schedule_arn TEXT NOT NULL,
        endpoint_name TEXT,
        monitoring_type TEXT NOT NULL,
        scheduled_time REAL NOT NULL,
        status TEXT NOT NULL,
        failure_reason TEXT,
        processing_job_name TEXT,
        processing_job_arn TEXT,
        created_time REAL NOT NULL,
        last_modified_time REAL NOT NULL,
        UNIQUE (schedule_id, scheduled_time)
    );
    CREATE INDEX monitoring_execution_created ON monitoring_execution (created_time);
    CREATE INDEX monitoring_execution_schedule ON monitoring_execution (schedule_name_key);
    CREATE INDEX monitoring_execution_endpoint ON monitoring_execution (endpoint_name);
    CREATE INDEX monitoring_execution_job ON monitoring_execution (processing_job_name);
    """,
    # 5: each trial component's experiments, kept by triggers, for Search's parent filters.
    """
    -- One row per trial component and experiment that it reaches through at least one trial;
    -- trial_count is the number of such trials. Triggers on trial_component_association keep
    -- it, which is enough because a trial never changes experiment and DeleteTrial requires
    -- the trial to have no components.
    CREATE TABLE experiment_component (
        trial_component_id INTEGER NOT NULL REFERENCES trial_component (id),
        experiment_id INTEGER NOT NULL REFERENCES experiment (id),
        trial_count INTEGER NOT NULL,
        PRIMARY KEY (trial_component_id, experiment_id)
    ) WITHOUT ROWID;
    CREATE INDEX experiment_component_experiment ON experiment_component (experiment_id);

    -- The number of experiment_component rows of the experiment: Search's TotalHits for
    -- Parents.ExperimentName Equals, without counting 100,000 index entries (3-5 ms).
    ALTER TABLE experiment ADD COLUMN component_count INTEGER NOT NULL DEFAULT 0;

    INSERT INTO experiment_component (trial_component_id, experiment_id, trial_count)
    SELECT a.trial_component_id, t.experiment_id, count(*)
    FROM trial_component_association a JOIN trial t ON t.id = a.trial_id
    GROUP BY a.trial_component_id, t.experiment_id;
    UPDATE experiment SET component_count = (
        SELECT count(*) FROM experiment_component WHERE experiment_id = experiment.id
    );

    CREATE TRIGGER experiment_component_associate
    AFTER INSERT ON trial_component_association
    BEGIN
        UPDATE experiment_component SET trial_count = trial_count + 1
        WHERE trial_component_id = NEW.trial_component_id
          AND experiment_id = (SELECT experiment_id FROM trial WHERE id = NEW.trial_id);
        INSERT OR IGNORE INTO experiment_component (trial_component_id, experiment_id, trial_count)
        SELECT NEW.trial_component_id, experiment_id, 1 FROM trial WHERE id = NEW.trial_id;
    END;

    CREATE TRIGGER experiment_component_disassociate
    AFTER DELETE ON trial_component_association
    BEGIN
        UPDATE experiment_component SET trial_count = trial_count - 1
        WHERE trial_component_id = OLD.trial_component_id
          AND experiment_id = (SELECT experiment_id FROM trial WHERE id = OLD.trial_id);
        DELETE FROM experiment_component
        WHERE trial_component_id = OLD.trial_component_id AND trial_count <= 0;
    END;

    CREATE TRIGGER experiment_component_count_insert AFTER INSERT ON experiment_component
    BEGIN
        UPDATE experiment SET component_count = component_count + 1
        WHERE id = NEW.experiment_id;
    END;

    CREATE TRIGGER experiment_component_count_delete AFTER DELETE ON experiment_component
    BEGIN
        UPDATE experiment SET component_count = component_count - 1
        WHERE id = OLD.experiment_id;
    END;
    """,
]
