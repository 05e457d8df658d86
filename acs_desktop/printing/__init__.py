"""PDF documents with ReportLab: data in (plain dataclasses from the services), bytes out.

Nothing here reads the database or imports Qt.
"""
