"""Qt item models over store queries, and what they are built from (the codebook's tree,
pages of rows); no SQL here, only store functions."""
