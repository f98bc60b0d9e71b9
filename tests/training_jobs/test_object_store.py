"""The local object store: S3 URIs mapped under the studio home, prefix listing, writes."""

import pytest

from churn_studio_ext.local.objects import ObjectStore, ObjectStoreError, join_uri


@pytest.fixture
def store(tmp_path):
    return ObjectStore(tmp_path / "home")


def test_s3_uri_maps_under_home(store, tmp_path):
    path = store.path_for("s3://my-bucket/a/b/c.csv")
    assert (
        path == (tmp_path / "home" / "s3" / "my-bucket" / "a" / "b" / "c.csv").resolve()
    )


def test_file_uri_and_plain_path_kept(store, tmp_path):
    target = tmp_path / "data" / "x.csv"
    assert store.path_for(target.as_uri()) == target
    assert store.path_for(str(target)) == target


@pytest.mark.parametrize(
    "uri",
    ["s3://my-bucket/a/../../etc/passwd", "s3://Bad_Bucket/key", "gs://bucket/key"],
)
def test_invalid_uri_rejected(store, uri):
    with pytest.raises(ObjectStoreError):
        store.path_for(uri)


def test_prefix_matches_keys_by_string(store):
    store.put_bytes(b"1", "s3://bucket-a/data/train/part-1.csv")
    store.put_bytes(b"2", "s3://bucket-a/data/train/sub/part-2.csv")
    store.put_bytes(b"3", "s3://bucket-a/data/train.csv")
    store.put_bytes(b"4", "s3://bucket-a/data/validation/v.csv")

    listed = {
        item.relative_path: item.path.read_bytes()
        for item in store.list_prefix("s3://bucket-a/data/train")
    }

    assert listed == {"part-1.csv": b"1", "sub/part-2.csv": b"2", "train.csv": b"3"}


def test_prefix_with_slash_excludes_siblings(store):
    store.put_bytes(b"1", "s3://bucket-a/data/train/part-1.csv")
    store.put_bytes(b"3", "s3://bucket-a/data/train.csv")

    listed = [
        item.relative_path for item in store.list_prefix("s3://bucket-a/data/train/")
    ]

    assert listed == ["part-1.csv"]


def test_missing_bucket_lists_nothing(store):
    assert store.list_prefix("s3://no-such-bucket/data") == []


def test_copy_prefix_places_files(store, tmp_path):
    store.put_bytes(b"a,b\n", "s3://bucket-a/in/one.csv")
    store.put_bytes(b"c,d\n", "s3://bucket-a/in/deep/two.csv")

    placed = store.copy_prefix_to("s3://bucket-a/in", tmp_path / "channel")

    assert sorted(
        path.relative_to(tmp_path / "channel").as_posix() for path in placed
    ) == [
        "deep/two.csv",
        "one.csv",
    ]
    assert (tmp_path / "channel" / "deep" / "two.csv").read_bytes() == b"c,d\n"


def test_put_file_overwrites_object(store, tmp_path):
    source = tmp_path / "model.tar.gz"
    source.write_bytes(b"first")
    store.put_file(source, "s3://bucket-a/out/model.tar.gz")
    source.write_bytes(b"second")

    stored = store.put_file(source, "s3://bucket-a/out/model.tar.gz")

    assert stored.read_bytes() == b"second"
    assert [item.relative_path for item in store.list_prefix("s3://bucket-a/out/")] == [
        "model.tar.gz"
    ]


def test_join_uri_single_slashes():
    assert (
        join_uri("s3://b/out/", "job", "/output/", "model.tar.gz")
        == "s3://b/out/job/output/model.tar.gz"
    )
