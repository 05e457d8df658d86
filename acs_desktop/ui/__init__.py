"""The PySide6 window. The only package that imports Qt; it talks to `services` only."""
