"""PDF documents with ReportLab: data in (the plain dataclasses of `domain/documents.py`), bytes out.
The services reach the renderers through `renderers`, which imports each one (and ReportLab)
only when its document is made.

Nothing here reads the database or imports Qt.
"""
