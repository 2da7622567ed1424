"""A thread pool for the reader's workers that never makes ``q`` wait.

Textual runs ``@work(thread=True)`` workers on the event loop's default executor. On exit it
cancels them, but a thread cannot be stopped: ``asyncio.run`` then waits for the executor's
threads, and ``concurrent.futures`` joins them again at interpreter exit. A document that takes
30 s to parse (or never finishes) kept the terminal waiting that long after ``q``.

``QuitFastExecutor`` is a ``ThreadPoolExecutor`` (asyncio accepts nothing else) whose threads
are daemon threads that the exit does not join, and whose ``shutdown`` never waits for a task
already running. What those tasks would still have written is a cache (SQLite keeps it whole)
or a result nobody will show.
"""

from __future__ import annotations

import asyncio
import inspect
import threading
import weakref
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import thread as _thread

# The private worker loop of concurrent.futures, used as it is called in Python 3.9-3.13. If
# its signature ever differs, the pool falls back to ordinary threads (q may then wait).
_WORKER = getattr(_thread, "_worker", None)
_EXPECTED = ["executor_reference", "work_queue", "initializer", "initargs"]
_COMPATIBLE = _WORKER is not None and list(inspect.signature(_WORKER).parameters) == _EXPECTED


class QuitFastExecutor(ThreadPoolExecutor):
    """A thread pool of daemon threads; ``shutdown`` cancels queued tasks and returns at once."""

    def __init__(self, max_workers: int | None = None) -> None:
        super().__init__(max_workers=max_workers, thread_name_prefix="newsreader-worker")

    def _adjust_thread_count(self) -> None:
        if not _COMPATIBLE:
            super()._adjust_thread_count()
            return
        if self._idle_semaphore.acquire(timeout=0):  # an idle thread takes the task
            return

        def wake(_: object, queue=self._work_queue) -> None:
            queue.put(None)

        if len(self._threads) < self._max_workers:
            worker = threading.Thread(
                name=f"{self._thread_name_prefix}_{len(self._threads)}",
                target=_WORKER,
                args=(weakref.ref(self, wake), self._work_queue, self._initializer, self._initargs),
                daemon=True,  # not joined at exit, and not registered for concurrent.futures' join
            )
            worker.start()
            self._threads.add(worker)  # type: ignore[attr-defined]  # typeshed says AbstractSet; the pool makes a set

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Stop taking tasks and drop queued ones; never wait for a running one."""
        super().shutdown(wait=False, cancel_futures=True)


def install(loop: asyncio.AbstractEventLoop | None = None) -> None:
    """Make ``QuitFastExecutor`` the default executor of ``loop`` (the running loop)."""
    (loop or asyncio.get_running_loop()).set_default_executor(QuitFastExecutor())
