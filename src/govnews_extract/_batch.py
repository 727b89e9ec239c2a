"""Many texts at once: streaming, in input order, optionally over several processes.

Each worker process loads the pipeline once, in its initializer; only texts and dates
travel to the workers and only reports come back (spaCy #6936: never pickle a Chinese
pipeline per task). Only reports are wanted, so no text is tokenised: the extractor reads
the string (``extract_with``), which gives the report ``nlp(text)._.report`` gives, about
three times faster with models, where tokenising means running the word segmenter.
"""

from __future__ import annotations

import datetime as dt
import itertools
import multiprocessing
from collections.abc import Iterable, Iterator
from typing import Any

from ._extract import check_published, check_text
from ._records import Report
from .errors import not_text

Item = tuple[Any, str, dt.date | None]  # (id, text, published)


def normalise_item(item: Any, index: int) -> Item:
    """A text, a ``(text, published)`` pair, or a mapping with ``text`` and optional ``published``/``id``."""
    if isinstance(item, str):
        return index, item, None
    if isinstance(item, tuple) and len(item) == 2:
        return index, check_text(item[0]), check_published(item[1])
    if isinstance(item, dict):
        if "text" not in item:
            raise ValueError(f"item {index}: a mapping needs a 'text' field, got keys {sorted(item)}")
        return item.get("id", index), check_text(item["text"]), check_published(item.get("published"))
    if isinstance(item, (bytes, bytearray)):
        raise not_text(item, f"item {index}")
    raise TypeError(f"item {index}: expected str, (text, published) or a mapping with 'text', "
                    f"got {type(item).__name__}")


_worker_nlp: Any = None


def _init_worker(models: bool) -> None:
    global _worker_nlp
    from ._pipeline import load

    _worker_nlp = load(models=models)


def _work(task: tuple[str, dt.date | None]) -> Report:
    from ._pipeline import extract_with

    return extract_with(_worker_nlp, task[0], task[1])


def extract_many(items: Iterable[Any], n_process: int = 1, batch_size: int = 16, progress: bool = False,
                 models: bool = True) -> Iterator[Report]:
    """Extract a report from each item, yielding them in input order as they are done.

    ``items`` are texts, ``(text, published)`` pairs or mappings with ``text`` and optional
    ``published`` and ``id``.  ``n_process > 1`` spreads the work over processes, each
    loading the pipeline once.  ``progress=True`` shows a tqdm bar.
    """
    if not isinstance(n_process, int) or n_process < 1:
        raise ValueError(f"n_process must be a whole number of at least 1, got {n_process!r}")
    if not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch_size must be a whole number of at least 1, got {batch_size!r}")
    total = len(items) if hasattr(items, "__len__") else None  # type: ignore[arg-type]
    normalised = (normalise_item(item, i) for i, item in enumerate(items))
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=total, unit="doc")
    try:
        for report in _run(normalised, n_process, batch_size, models):
            if bar is not None:
                bar.update(1)
            yield report
    finally:
        if bar is not None:
            bar.close()


def _run(items: Iterator[Item], n_process: int, batch_size: int, models: bool) -> Iterator[Report]:
    if n_process == 1:
        from ._pipeline import default_pipeline, extract_with, load

        nlp = default_pipeline() if models else load(models=False)
        for _id, text, published in items:
            yield extract_with(nlp, text, published)
        return
    ctx = multiprocessing.get_context("spawn")
    window = n_process * batch_size * 4  # bounds what waits in memory
    with ctx.Pool(n_process, initializer=_init_worker, initargs=(models,)) as pool:
        while True:
            chunk = [(text, published) for _id, text, published in itertools.islice(items, window)]
            if not chunk:
                break
            yield from pool.imap(_work, chunk, chunksize=batch_size)
