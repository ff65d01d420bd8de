"""One process, kept for the program's life, that computes what a side-by-side pair needs.

Aligning two releases of 300,000 characters is seconds of pure Python. On a thread of the
window's process it shares the interpreter with the window's thread, which waited up to
half a second at a time for it to let go (docs/performance.md); in a process of its own it
shares nothing but a core. The process is started ("spawn": forking a process that has
other threads can copy a lock one of them holds) when first asked and runs one job at a
time. It is not niced as the import's converters are: the window's thread is idle nearly
all the time and gets a core when it wakes, while a niced aligner took 18–28 s instead of
about 5 on the loaded shared machine.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TypeVar

from store.db import Store

Answer = TypeVar("Answer")
PairJob = Callable[[Store, int, int], Answer]

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None


def run_in_pair_process(job: PairJob, path: Path, a_id: int, b_id: int) -> Answer:
    """``job(store, a_id, b_id)`` on the store file at ``path``, in the pair's process;
    blocks the calling thread (never the window's) until the answer comes. ``job`` is a
    module-level function of a module without Qt (the process imports it); whatever it
    raises is raised here. A process that died (killed, out of memory) fails its job and is
    replaced at the next one."""
    pool = _the_pool()
    try:
        return pool.submit(_run, job, path, a_id, b_id).result()
    except BrokenProcessPool:
        _forget(pool)
        raise


def _forget(pool: ProcessPoolExecutor) -> None:
    global _pool
    with _lock:
        if _pool is pool:
            _pool = None
    pool.shutdown(wait=False)


def _the_pool() -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
            )
        return _pool


def _run(job: PairJob, path: Path, a_id: int, b_id: int) -> Answer:
    store = Store(path)
    try:
        return job(store, a_id, b_id)
    finally:
        store.close()
