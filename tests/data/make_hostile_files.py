"""Writes the crafted files of tests/data (run by hand: `python tests/data/make_hostile_files.py`).

They are committed, small, and each is a file a spreadsheet never writes but a person may be sent:
  zip_bomb.xlsx         a workbook of 1 KB whose sheet declares it unpacks to 3.7 GB
  billion_laughs.xlsx   a workbook whose shared strings declare nested XML entities (10^9 « lol »)
  relais-utf16.csv      relais.csv in UTF-16 with a BOM (« Unicode text » in some spreadsheets)
  relais-cp1252.csv     relais.csv as Excel in French saves « CSV (séparateur : point-virgule) »
  relais-nul.csv        relais.csv with a NUL byte inside a relay's name
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
WHEN = (2026, 1, 1, 0, 0, 0)  # fixed, so that the files are the same each time
RELAIS = "nom;type;commune;referent\r\nCCAS;CCAS;Rezé;Hélène Lœuvre\r\nCentre social Bellevue;Centre social;Nantes;François d’Aulnay\r\n"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="relais" sheetId="1" r:id="rId1"/></sheets>
</workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
SHEET = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>
<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>
</sheetData></worksheet>"""


def shared_strings(third: str = "CCAS", dtd: str = "") -> str:
    items = "".join(f"<si><t>{text}</t></si>" for text in ("nom", "commune", third, "Rezé"))
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{dtd}'
        f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">{items}</sst>'
    )


def laughs(levels: int = 10) -> str:
    """<!ENTITY lol0 "lol"> then each entity ten times the one before: &lol9; is 3 GB of text."""
    entities = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels)]
    return "<!DOCTYPE sst [\n" + "\n".join(entities) + "\n]>\n"


def workbook(path: Path, strings: str) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in (
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", ROOT_RELS),
            ("xl/workbook.xml", WORKBOOK),
            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
            ("xl/worksheets/sheet1.xml", SHEET),
            ("xl/sharedStrings.xml", strings),
        ):
            archive.writestr(zipfile.ZipInfo(name, WHEN), text.encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED)


def declare_size(path: Path, member: str, size: int) -> None:
    """Rewrites what the archive says `member` unpacks to (local header and central directory)."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        name_at = 30 if signature == b"PK\x03\x04" else 46
        start = 0
        while (start := data.find(signature, start)) >= 0:
            if data[start + name_at : start + name_at + len(name)] == name:
                struct.pack_into("<I", data, start + offset, size)
            start += 4
    path.write_bytes(bytes(data))


def main() -> None:
    workbook(HERE / "zip_bomb.xlsx", shared_strings())
    declare_size(HERE / "zip_bomb.xlsx", "xl/worksheets/sheet1.xml", 4_000_000_000)
    workbook(HERE / "billion_laughs.xlsx", shared_strings("&lol9;", laughs()))
    (HERE / "relais-utf16.csv").write_bytes(RELAIS.encode("utf-16"))  # with its BOM
    (HERE / "relais-cp1252.csv").write_bytes(RELAIS.encode("cp1252"))
    (HERE / "relais-nul.csv").write_bytes(
        RELAIS.replace("Centre social Bellevue", "Centre social\x00 Bellevue").encode("utf-8")
    )


if __name__ == "__main__":
    main()
