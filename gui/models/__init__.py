"""Qt item models over store queries; no SQL here, only store functions."""
