"""The Dask recipe gives what extract_many gives, on a two-worker LocalCluster (loopback only)."""

from __future__ import annotations

import datetime as dt

import pytest

import govnews_extract as gx

db = pytest.importorskip("dask.bag", reason="the Dask recipe needs the [dask] extra (the [test] extra installs it)")
distributed = pytest.importorskip("distributed", reason="the Dask recipe needs dask.distributed")


def test_dask_bag_on_a_local_cluster_matches_extract_many(sample_text):
    from govnews_extract.scaleout import extract_bag

    paragraphs = [p for p in sample_text.split("\n\n") if p.strip()]
    items = [(sample_text, dt.date(2024, 1, 22))] + [(p, "2024-01-22") for p in paragraphs[:9]] + ["", "英文"]
    expected = [r.to_json(evidence=True) for r in gx.extract_many(items, models=False)]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        reports = extract_bag(db.from_sequence(items, npartitions=4), models=False).compute(scheduler=client.get)
        assert len(client.scheduler_info()["workers"]) == 2
    assert [r.to_json(evidence=True) for r in reports] == expected
