"""The desktop app (PySide6). Widgets talk to the domain modules, never to files."""
