"""Work off the window's thread, on a connection to the store file of its own.

One mechanism: a :class:`gui.background.worker.StoreWorker` thread runs the jobs asked of it
on its own connection (an SQLite connection is not shared between threads) and hands each
result back to the GUI thread. Quick queries (a page of a list, a search's first page, the
timeline's counts) ask one directly, newest first, and drop stale answers by a generation
number; long work (an import, an export, a store upgrade) runs as a
:class:`gui.background.job.BackgroundJob`, with progress, cancel, and the GIL and collector
settings that keep the window painting meanwhile.
"""
