"""The ``communique`` command line: a thin face over the store for terminals and scripts.

``cli.main`` holds the module-level click group (as sqlite-utils' ``cli.py`` does) and the
commands on releases and the codebook; ``cli.export`` and ``cli.maintenance`` add theirs;
``cli.shapes`` is every JSON shape a command prints. Nothing here imports Qt: the window is
imported only when ``communique`` is run without a command (an import-linter contract and
a test that blocks PySide6 keep it so).
"""
