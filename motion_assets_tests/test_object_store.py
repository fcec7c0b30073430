"""The data location as an object-store URL: a loop batch, the registries and a backfill on S3 (a local S3 endpoint,
moto's server), through the same TableStore code as the local disk."""

from __future__ import annotations

import boto3
import pyarrow as pa
import pytest
from dagster import materialize
from moto.server import ThreadedMotoServer

from motion_assets.defs.workflow_assets import loop_assets_for
from motion_assets.defs.partitions import add_batches
from motion_assets.defs.resources import LoopSettings, MotionStore
from motion_assets.storage.tables import TableStore


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"{host}:{port}"
    server.stop()


@pytest.fixture
def bucket_url(s3_endpoint, monkeypatch, request) -> str:
    for name, value in {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_REGION": "us-east-1",
                        "AWS_EC2_METADATA_DISABLED": "true"}.items():
        monkeypatch.setenv(name, value)
    bucket = request.node.name.replace("_", "-")[:40].strip("-")
    boto3.client("s3", endpoint_url=f"http://{s3_endpoint}", region_name="us-east-1").create_bucket(Bucket=bucket)
    return f"s3://{bucket}/registries?endpoint_override={s3_endpoint}&scheme=http"


def _objects(url: str) -> dict[str, bytes]:
    store = TableStore(url)
    from pyarrow.fs import FileSelector, FileType

    found = {}
    for info in store.fs.get_file_info(FileSelector(store.base, recursive=True)):
        if info.type == FileType.File:
            with store.fs.open_input_stream(info.path) as stream:
                found[info.path[len(store.base) + 1:]] = stream.read()
    return found


def test_tables_and_the_all_or_nothing_change_on_s3(bucket_url):
    store = TableStore(bucket_url)
    assert not store.is_local and store.shown(store.table_path("a", "one")).startswith("s3://")
    store.ensure_writable()
    store.write("a", "one", pa.table({"value": ["old"]}))
    assert store.partitions("a") == ["one"] and store.read("a", "one").column("value").to_pylist() == ["old"]
    before = _objects(bucket_url)

    def fail_at_second(index: int) -> None:
        if index == 1:
            raise OSError("connection reset (injected)")

    with pytest.raises(OSError, match="injected"):
        store.write_all({("a", "one"): pa.table({"value": ["new"]}), ("b", "two"): pa.table({"value": ["new"]})},
                        before_each_replace=fail_at_second)
    assert _objects(bucket_url) == before
    store.write_all({("a", "one"): pa.table({"value": ["new"]}), ("b", "two"): pa.table({"value": ["new"]})})
    assert store.query("SELECT count(*) AS n FROM a, b", {"a": "a", "b": "b"}).column("n").to_pylist() == [1]
    assert sorted(_objects(bucket_url)) == ["tables/a/one.parquet", "tables/b/two.parquet"]


@pytest.mark.slow
def test_a_loop_batch_and_its_registries_on_s3(instance, bucket_url, tmp_path, monkeypatch):
    """Rendered media are uploaded, extraction reads them back, and every table lands in the bucket; the same
    batch on a local disk gives byte-identical tables."""
    from motion_assets.defs.jobs import registry_range_tags
    from motion_assets.definitions import defs

    add_batches(instance, ["sound-000001"])
    local = tmp_path / "local"
    for location in (bucket_url, str(local)):
        result = materialize(loop_assets_for("sound-000001"), instance=instance, partition_key="sound-000001",
                             resources={"motion_store": MotionStore(data_dir=location),
                                        "loop_settings": LoopSettings(videos_per_batch=1)})
        assert result.success
    store = TableStore(bucket_url)
    videos = store.read("loop_videos", "sound-000001").to_pylist()
    assert videos[0]["mp4_path"].startswith("s3://") and videos[0]["mp4_path"].endswith(".mp4")
    objects = _objects(bucket_url)
    assert f"media/sound-000001/{videos[0]['job_id']}.mp4" in objects
    for table in ("frame_discoveries", "window_discoveries", "learning_records", "discovery_records"):
        assert objects[f"tables/{table}/sound-000001.parquet"] == \
            (local / "tables" / table / "sound-000001.parquet").read_bytes(), table

    monkeypatch.setenv("MOTION_DATA_DIR", bucket_url)
    grown = defs.resolve_job_def("grow_static_sound_job").execute_in_process(
        instance=instance, tags=registry_range_tags("static_sound"))
    assert grown.success
    names = store.read("registry_names", "static_sound").to_pylist()
    from motion_assets.naming import NAMING_VERSION

    assert names and all(row["naming_version"] == NAMING_VERSION for row in names)
    rows = [r for c in store.partitions("registry_static_sound") for r in store.read("registry_static_sound", c).to_pylist()]
    assert {r["name"] for r in rows} == {row["name"] for row in names}
