"""Extraction on a Dask cluster (``pip install 'lexgraph[distributed]'``): the recipe, as a function.

Extraction is a pure function of a file (:func:`graphbuild.shards.write_shard`), so a folder maps
onto a cluster as a ``dask.bag`` of file paths; every worker writes its shards into one records
folder the workers and the loading machine share (a network file system, or copied afterwards),
and one ``lexgraph build --records DIR`` loads them::

    from dask.distributed import Client, LocalCluster
    from graphbuild.distributed import extract_on_dask

    with LocalCluster(n_workers=2, threads_per_worker=1) as cluster, Client(cluster) as client:
        extract_on_dask(["notices/"], "records/", client)

The command line does the same with ``lexgraph extract notices/ --records records/ --dask
tcp://scheduler:8786`` (or ``--dask local``: a cluster of this machine's cores). Shards already
written are kept, so a run that stopped (a worker lost, the cluster recycled) goes on where it was.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from graphbuild.errors import LexgraphError
from graphbuild.shards import documents_under, remove_gone, write_shard

# Files per task: enough to amortise the scheduler's cost, few enough to spread a folder of scans.
FILES_PER_PARTITION = 16


def extract_on_dask(paths: Sequence[str | Path], records: str | Path, client: Any = None, *, ocr: bool = True) -> Counter[str]:
    """Write the shard of every file under ``paths`` into ``records`` on the Dask cluster of
    ``client`` (default: Dask's current scheduler): how many were written, kept, refused, skipped."""
    try:
        import dask.bag as bag
    except ImportError as err:
        raise LexgraphError("Dask is not installed: pip install 'lexgraph[distributed]'") from err
    files = documents_under(list(paths))
    Path(records).mkdir(parents=True, exist_ok=True)
    if not files:
        return Counter()
    work = bag.from_sequence(files, npartitions=max(1, -(-len(files) // FILES_PER_PARTITION))).map(
        write_shard, folder=str(Path(records).resolve()), ocr=ocr,
    )
    outcomes = client.compute(work).result() if client is not None else work.compute()
    remove_gone(Path(records), list(paths), {path for path, _ in outcomes})
    return Counter(outcome for _, outcome in outcomes)


def run_on(address: str, paths: Sequence[str | Path], records: str | Path, *, ocr: bool = True) -> Counter[str]:
    """:func:`extract_on_dask` on the scheduler at ``address``, or (``local``) on a cluster of this
    machine's cores, one single-threaded worker per core (Python's extraction holds the GIL)."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as err:
        raise LexgraphError("Dask is not installed: pip install 'lexgraph[distributed]'") from err
    if address == "local":
        with LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1, dashboard_address=None) as cluster, Client(cluster) as client:
            return extract_on_dask(paths, records, client, ocr=ocr)
    with Client(address) as client:
        return extract_on_dask(paths, records, client, ocr=ocr)
