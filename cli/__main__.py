"""``python -m cli``: the command line, as the ``communique`` entry point runs it."""

from cli.main import main

main()
