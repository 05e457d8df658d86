"""Spreadsheet exports of the season review (XLSX with openpyxl, CSV): data in, files out; and
`atomic`, which writes any exported file whole or not at all.

Nothing here reads the database or imports Qt: the tables are built from a `SeasonReview`.
"""
