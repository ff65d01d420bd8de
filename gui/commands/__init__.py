"""Undoable changes: each QUndoCommand calls store functions and announces their Changes."""
