"""The reader's text as Qt holds it: the one boundary where Qt's positions become store
offsets (:mod:`gui.text.positions`) and the highlights' character formats
(:mod:`gui.text.highlight_paint`). No widgets here; the reader view uses both."""
