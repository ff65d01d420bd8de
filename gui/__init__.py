"""The Communiqué Desk window (PySide6). All Qt code of the project lives in this package."""
