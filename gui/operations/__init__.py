"""Every analyst action as one operation, as Anki's ``aqt.operations`` has it.

A view gathers what the analyst chose (the selected text, the topics, a file name) and hands
one operation to :class:`gui.operations.runner.Operations`. The runner pushes an undoable one
on the undo stack, announces the :class:`store.changes.Changes` each step returns on the bus,
and reports a refusal the same way for every operation. Views never carry out each other's
operations: they listen to the bus and redraw.

- ``undoable``: the base of every undoable operation (redo and undo are committed writes);
- ``highlights``: highlight, retag (new topics created in the same step), note, move, delete;
- ``codebook``: create, rename, recolour, describe, nest, delete and merge topics;
- ``store_files``: import, export, back up, open, create and switch stores.
"""
