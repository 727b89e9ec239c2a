"""Running extraction on an existing engine: a Dask bag, locally or on a cluster.

    import dask.bag as db
    from govnews_extract.scaleout import extract_bag

    bag = db.from_sequence(items, npartitions=8)      # texts, (text, published) pairs or dicts
    reports = extract_bag(bag).compute()               # Report objects, in input order

Each worker process builds the pipeline once, on its first partition, and keeps it
(nothing heavy is pickled with the tasks).  Needs the ``dask`` extra:
``pip install 'govnews-extract[dask]'``.
"""

from __future__ import annotations

import threading
from typing import Any

from ._records import Report

_pipelines: dict[bool, Any] = {}
_lock = threading.Lock()


def _pipeline(models: bool) -> Any:
    with _lock:
        if models not in _pipelines:
            from ._pipeline import load

            _pipelines[models] = load(models=models)
        return _pipelines[models]


def extract_partition(items: list[Any], models: bool = True) -> list[Report]:
    """Extract every item of one partition with this process's pipeline."""
    from ._batch import normalise_item
    from ._pipeline import extract_with

    nlp = _pipeline(models)
    out = []
    for i, item in enumerate(items):
        _id, text, published = normalise_item(item, i)
        out.append(extract_with(nlp, text, published))
    return out


def extract_bag(bag: Any, models: bool = True) -> Any:
    """A bag of reports from a bag of items (same item forms as :func:`govnews_extract.extract_many`)."""
    return bag.map_partitions(extract_partition, models=models)
