"""Saving imports: files and folders walked, parsed by ``store.ingest`` and saved, each file in
its own transaction (``pipeline``), and REFI-QDA projects with their codebook and highlights
(``refi_qda``)."""
