"""Estimator.deploy, Predictor and DataCaptureConfig on the local backend.

A 10-round job on the tour's data is trained once for the module and deployed with capture.
Its responses to the tour's 120 test rows must equal the booster's own predictions (the booster
loaded directly from model.tar.gz), and every request must appear in the capture files.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest
import xgboost

from churn_studio_ext import sdk, tour_data
from churn_studio_ext.local.objects import ObjectStore
from churn_studio_ext.training import load_model_archive

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "endpoints"))

from endpoint_helpers import direct_predictions, stop_all_servers  # noqa: E402

BUCKET = "sagemaker-studio-local"
PREFIX = "xgboost-churn"
CAPTURE_URI = f"s3://{BUCKET}/{PREFIX}/datacapture"
NUM_ROUND = 10


def upload_tour_channels(session) -> dict:
    for channel in ("train", "validation"):
        session.upload_data(
            str(tour_data.shipped_tour_file(f"{channel}.csv")), bucket=BUCKET,
            key_prefix=f"{PREFIX}/{channel}",
        )
    return {
        channel: sdk.TrainingInput(f"s3://{BUCKET}/{PREFIX}/{channel}", content_type="csv")
        for channel in ("train", "validation")
    }


def train_small_job(session, num_round=NUM_ROUND) -> sdk.Estimator:
    """Fit the tour's algorithm-mode estimator with ``num_round`` rounds on ``session``."""
    estimator = sdk.Estimator(
        image_uri=sdk.image_uris.retrieve("xgboost", session.boto_region_name, "0.90-2"),
        base_job_name="demo-xgboost-customer-churn",
        instance_count=1,
        instance_type="ml.m4.xlarge",
        output_path=f"s3://{BUCKET}/{PREFIX}/output",
        hyperparameters={
            "max_depth": 5, "subsample": 0.8, "num_round": num_round, "eta": 0.2, "gamma": 4,
            "min_child_weight": 6, "silent": 0, "objective": "binary:logistic",
        },
        sagemaker_session=session,
    )
    estimator.fit(upload_tour_channels(session), wait=True, logs=False)
    return estimator


def captured_records(home, endpoint_name) -> list[dict]:
    records = []
    for stored in ObjectStore(home).list_prefix(f"{CAPTURE_URI}/{endpoint_name}/"):
        for line in stored.path.read_bytes().splitlines():
            records.append(json.loads(line))
    return records


def tour_rows() -> list[str]:
    return tour_data.shipped_tour_file("test_sample.csv").read_text().splitlines()


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    home = tmp_path_factory.mktemp("deploy") / "home"
    session = sdk.StudioSession(backend="local", home=home)
    estimator = train_small_job(session)
    archive = ObjectStore(home).path_for(estimator.model_data)
    yield {"home": home, "session": session, "estimator": estimator,
           "booster": load_model_archive(archive)}
    stop_all_servers(home)


@pytest.fixture
def predictor(trained):
    predictor = trained["estimator"].deploy(
        initial_instance_count=1,
        instance_type="ml.m4.xlarge",
        serializer=sdk.CSVSerializer(),
        data_capture_config=sdk.DataCaptureConfig(
            enable_capture=True, sampling_percentage=100, destination_s3_uri=CAPTURE_URI,
            sagemaker_session=trained["session"],
        ),
    )
    yield predictor
    stop_all_servers(trained["home"])


def test_predictions_equal_booster(trained, predictor):
    rows = tour_rows()
    responses = [predictor.predict(row) for row in rows]

    assert len(responses) == 120
    assert all(isinstance(response, bytes) for response in responses)
    values = np.array([float(response) for response in responses], dtype=np.float32)
    np.testing.assert_array_equal(values, direct_predictions(trained["booster"], rows))
    # The booster really is the 10-round model of this job, not a stand-in.
    assert trained["booster"].num_boosted_rounds() == NUM_ROUND
    assert isinstance(trained["booster"], xgboost.Booster)


def test_deploy_names_like_sdk(trained, predictor):
    sm = trained["session"].sagemaker_client
    endpoint = sm.describe_endpoint(EndpointName=predictor.endpoint_name)
    assert endpoint["EndpointStatus"] == "InService"
    # SDK v2 names the model, the config and the endpoint <base_job_name>-<timestamp>.
    assert predictor.endpoint_name.startswith("demo-xgboost-customer-churn-")
    assert len(predictor.endpoint_name) == len("demo-xgboost-customer-churn-") + 23
    config = sm.describe_endpoint_config(EndpointConfigName=predictor.endpoint_name)
    (variant,) = config["ProductionVariants"]
    assert variant["VariantName"] == "AllTraffic"
    model = sm.describe_model(ModelName=variant["ModelName"])
    assert model["PrimaryContainer"]["ModelDataUrl"] == trained["estimator"].model_data
    assert endpoint["DataCaptureConfig"]["CurrentSamplingPercentage"] == 100
    assert endpoint["DataCaptureConfig"]["DestinationS3Uri"] == CAPTURE_URI


def test_capture_records_every_request(trained, predictor):
    rows = tour_rows()[:30]
    responses = [predictor.predict(row).decode() for row in rows]
    # Deleting the endpoint stops its server, which writes its queued records first.
    predictor.delete_endpoint(delete_endpoint_config=False)

    records = captured_records(trained["home"], predictor.endpoint_name)
    assert len(records) == len(rows)
    ordered = sorted(records, key=lambda r: rows.index(r["captureData"]["endpointInput"]["data"]))
    for row, response, record in zip(rows, responses, ordered):
        assert record["captureData"]["endpointInput"] == {
            "observedContentType": "text/csv", "mode": "INPUT", "data": row, "encoding": "CSV",
        }
        assert record["captureData"]["endpointOutput"] == {
            "observedContentType": "text/csv; charset=utf-8", "mode": "OUTPUT", "data": response,
            "encoding": "CSV",
        }
        assert record["eventVersion"] == "0"


def test_capture_disable_and_enable(trained, predictor):
    sm = trained["session"].sagemaker_client
    rows = tour_rows()[1:11]
    first_config = sm.describe_endpoint(EndpointName=predictor.endpoint_name)["EndpointConfigName"]

    predictor.disable_data_capture()
    described = sm.describe_endpoint(EndpointName=predictor.endpoint_name)
    assert described["EndpointStatus"] == "InService"
    assert described["EndpointConfigName"] != first_config
    disabled = sm.describe_endpoint_config(EndpointConfigName=described["EndpointConfigName"])
    assert disabled["DataCaptureConfig"]["EnableCapture"] is False
    assert disabled["DataCaptureConfig"]["DestinationS3Uri"] == CAPTURE_URI
    for row in rows[:5]:
        predictor.predict(row)

    predictor.enable_data_capture()
    enabled_name = sm.describe_endpoint(EndpointName=predictor.endpoint_name)["EndpointConfigName"]
    enabled = sm.describe_endpoint_config(EndpointConfigName=enabled_name)
    assert enabled["DataCaptureConfig"]["EnableCapture"] is True
    assert enabled["ProductionVariants"] == disabled["ProductionVariants"]
    for row in rows[5:]:
        predictor.predict(row)
    predictor.delete_endpoint(delete_endpoint_config=False)

    captured = [r["captureData"]["endpointInput"]["data"]
                for r in captured_records(trained["home"], predictor.endpoint_name)]
    assert sorted(captured) == sorted(rows[5:])


def test_delete_endpoint_then_model(trained, predictor):
    sm = trained["session"].sagemaker_client
    config_name = sm.describe_endpoint(EndpointName=predictor.endpoint_name)["EndpointConfigName"]
    model_name = sm.describe_endpoint_config(
        EndpointConfigName=config_name)["ProductionVariants"][0]["ModelName"]

    predictor.delete_endpoint()
    predictor.delete_model()

    for call, argument in ((sm.describe_endpoint, {"EndpointName": predictor.endpoint_name}),
                           (sm.describe_endpoint_config, {"EndpointConfigName": config_name}),
                           (sm.describe_model, {"ModelName": model_name})):
        with pytest.raises(sm.exceptions.ClientError):
            call(**argument)


def test_deploy_without_training_job(local_session):
    estimator = sdk.Estimator(
        image_uri="683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:0.90-2-cpu-py3",
        instance_count=1, instance_type="ml.m4.xlarge", sagemaker_session=local_session,
    )
    with pytest.raises(ValueError, match="Call fit\\(\\) first"):
        estimator.deploy(1, "ml.m4.xlarge")


def test_csv_serializer_and_deserializers():
    serializer = sdk.CSVSerializer()
    assert serializer.CONTENT_TYPE == "text/csv"
    assert serializer.serialize("1,2.50,3") == "1,2.50,3"
    assert serializer.serialize([1, 2.5, 3]) == "1,2.5,3"
    assert serializer.serialize([[1, 2], [3, 4]]) == "1,2\n3,4"
    assert serializer.serialize(np.array([[1.5, 2.0]])) == "1.5,2.0"
    with pytest.raises(ValueError, match="empty list"):
        serializer.serialize([])

    import io

    assert sdk.CSVDeserializer().deserialize(io.BytesIO(b"0.1,0.2\n0.3,0.4")) == [
        ["0.1", "0.2"], ["0.3", "0.4"]]
    assert sdk.StringDeserializer().deserialize(io.BytesIO(b"0.25")) == "0.25"
    assert sdk.JSONDeserializer().deserialize(io.BytesIO(b'{"a": [1]}')) == {"a": [1]}
    assert sdk.BytesDeserializer().ACCEPT == ("*/*",)


def test_predictor_on_sdk_session(trained, predictor):
    # A SageMaker SDK v2 Session of the local backend reaches the same local endpoint.
    pytest.importorskip("sagemaker")
    sdk_session = sdk.session(backend="local", home=trained["home"])
    same_endpoint = sdk.Predictor(predictor.endpoint_name, sagemaker_session=sdk_session,
                                  serializer=sdk.CSVSerializer(),
                                  deserializer=sdk.StringDeserializer(accept="text/csv"))
    row = tour_rows()[3]

    response = same_endpoint.predict(row)

    assert response == predictor.predict(row).decode()
    assert np.float32(float(response)) == direct_predictions(trained["booster"], [row])[0]
