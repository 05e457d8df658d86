"""What an import refuses before it parses a file, and how the text of a CSV file is told.

Refused at once, in French, before anything is read whole: a file over `MAX_FILE_BYTES`; a
workbook that unpacks to more than `MAX_XLSX_UNCOMPRESSED` (a "zip bomb" is small on disk and
claims gigabytes) or whose XML declares a DTD (entities that expand to gigabytes, the "billion
laughs": no spreadsheet writes a DTD, so none is read, whatever the XML parser would do).

A CSV file is read in UTF-8 (with or without BOM), in UTF-16 or UTF-32 when a BOM says so, or in
Windows-1252 (what Excel in French writes as « CSV (séparateur : point-virgule) ») when it is
not UTF-8 and every character it would give is one a French season file holds. Anything else —
another code page, UTF-8 damaged or mixed with another encoding, UTF-16 without BOM — is refused
with the line where it shows, never read as mojibake.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

# Far above a network's season (30,000 invitations: about 2 MB of CSV), low enough that a wrong
# or hostile file is refused at once instead of filling the memory.
MAX_FILE_BYTES = 30 * 1024 * 1024
MAX_XLSX_UNCOMPRESSED = 150 * 1024 * 1024  # what a workbook's parts unpack to
MAX_LINE_CHARS = 1_000_000  # one line of a CSV file; a season line is a few hundred
MAX_COLUMNS = 64  # columns of a sheet looked at; a season sheet has at most 11
MEGA = 1024 * 1024
CHUNK = 1024 * 1024
PROLOG_LIMIT = 64 * 1024  # what may come before an XML part's root element (a few dozen bytes in practice)

SAVE_AS_UTF8 = "Dans le tableur, enregistrez-le au format « CSV UTF-8 » (séparateur point-virgule)."


class Refused(Exception):
    """A file that is not read, and why (French), at a line if it is known."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


def too_large(path: Path) -> str | None:
    """Why `path` is refused before it is read, or None."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return f"ce fichier fait {size // MEGA} Mo : au-delà de {MAX_FILE_BYTES // MEGA} Mo, ce n'est pas une saison (vérifiez le fichier choisi)."
    return None


def fingerprint(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


# --- workbooks ------------------------------------------------------------------------------
def workbook_refusal(path: Path) -> str | None:
    """Why a workbook is refused before openpyxl opens it: too big, unpacking to too much, or
    declaring a DTD in one of its parts."""
    refused = too_large(path)
    if refused:
        return refused
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            # The sizes the archive declares: Python's zipfile never unpacks a part beyond its
            # declared size (it stops there and reports a bad CRC), so a lie cannot get past this.
            unpacked = sum(member.file_size for member in members)
            if unpacked > MAX_XLSX_UNCOMPRESSED:
                return (
                    f"ce classeur se décompresse en {unpacked // MEGA} Mo (au plus {MAX_XLSX_UNCOMPRESSED // MEGA} Mo) : "
                    "il n'est pas lu (un classeur de saison en fait quelques-uns)."
                )
            for member in members:
                if _declares_dtd(archive, member):
                    return (
                        f"la partie « {member.filename} » de ce classeur déclare une DTD (des entités XML), ce qu'aucun tableur "
                        "n'écrit et qui peut faire gonfler sa lecture sans fin : il n'est pas lu."
                    )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, ValueError, EOFError, OSError):
        return None  # damaged, encrypted or not a zip: openpyxl says it is not a workbook
    return None


def _declares_dtd(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    """Whether the XML prolog of `member` (what comes before its root element) holds a
    <!DOCTYPE…> or anything but comments and processing instructions."""
    head = b""
    with archive.open(member) as stream:
        while True:
            chunk = stream.read(4096)
            head += chunk
            verdict = _prolog_verdict(_as_text(head), complete=not chunk)
            if verdict is not None:
                return verdict
            if len(head) > PROLOG_LIMIT:
                return True  # an XML part whose root element is this far is no spreadsheet's


def _as_text(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return head[3:].decode("latin-1")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", errors="ignore")
    if head.startswith(b"<\x00"):
        return head.decode("utf-16-le", errors="ignore")
    if head.startswith(b"\x00<"):
        return head.decode("utf-16-be", errors="ignore")
    return head.decode("latin-1")  # the markup that matters here is ASCII


def _prolog_verdict(text: str, complete: bool) -> bool | None:
    """True: a DTD or something odd; False: the root element is reached (or this is no XML);
    None: read more."""
    position = 0
    while True:
        while position < len(text) and text[position] in " \t\r\n":
            position += 1
        rest = text[position:]
        if not rest:
            return False if complete else None
        if not rest.startswith("<"):
            return False  # not XML (an image, a binary part): no XML parser reads it
        for opening, closing in (("<?", "?>"), ("<!--", "-->")):
            if rest.startswith(opening):
                end = rest.find(closing, len(opening))
                if end < 0:
                    return False if complete else None
                position += end + len(closing)
                break
        else:
            if len(rest) < 4 and not complete:
                return None
            return rest.startswith("<!")  # <!DOCTYPE, <!ENTITY…; else the root element


# --- the text of a CSV file -------------------------------------------------------------------
@dataclass(frozen=True)
class CsvText:
    encoding: str  # a Python codec
    lines: int  # physical lines, for the progress shown
    digest: str  # sha256 of the bytes


BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
CODEC_NAMES = {"utf-32": "UTF-32", "utf-16": "UTF-16", "utf-8-sig": "UTF-8", "utf-8": "UTF-8"}
# What Windows-1252 may give in a French season file: the accented letters, the French
# punctuation (non-breaking space, « », ’, –, …, €, °, œ). Not what other code pages' accents
# turn into when read as Windows-1252 (Mac Roman's é is « Ž », DOS's é is « ‚ », Latin-9's œ is « ½ »).
WINDOWS_1252_FRENCH = frozenset(map(chr, range(0xC0, 0x100))) | frozenset(
    "\u00a0¡¢£¥§©ª«¬\u00ad®°±²³µ¶·¹º»¿€‘’“”–—…•œŒŸ"
)
# UTF-8 accents read as Windows-1252 (é → « Ã© », à → « Ã\u00a0 », ’ → « â€™ »): a file that mixes both.
UTF8_LEFTOVERS = re.compile(rb"\xc3[\x80-\xbf]|\xc2[\xa0-\xbf]|\xe2\x80[\x90-\xbf]|\xc5[\x92\x93]")


def _cp1252(byte: int) -> str | None:
    try:
        return bytes((byte,)).decode("cp1252")
    except UnicodeDecodeError:
        return None  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: no character in Windows-1252


NOT_FRENCH_1252 = re.compile(
    b"[" + b"".join(re.escape(bytes((b,))) for b in range(0x80, 0x100) if _cp1252(b) not in WINDOWS_1252_FRENCH) + b"]"
)


def csv_text(path: Path) -> CsvText:
    """How to read `path`; raises Refused (French, with the line) when it cannot be told for sure."""
    with path.open("rb") as handle:
        start = handle.read(4096)
    codec = next((name for bom, name in BOMS if start.startswith(bom)), None)
    if codec is None and start.count(0) > len(start) // 10:
        raise Refused(
            "ce fichier semble enregistré en UTF-16 sans indication d'encodage (BOM), ou n'est pas un fichier texte. "
            + SAVE_AS_UTF8
        )
    try:
        return _decoded(path, codec or "utf-8-sig")
    except UnicodeDecodeError as error:
        if codec is not None:
            line: int = error.line  # type: ignore[attr-defined]  # set by _decoded
            raise Refused(
                f"ce fichier commence comme un fichier {CODEC_NAMES[codec]} mais ne se lit pas ainsi "
                f"(ligne {line}). " + SAVE_AS_UTF8,
                line,
            ) from None
    return _windows_1252(path)


def _decoded(path: Path, codec: str) -> CsvText:
    """Decodes the whole file by chunks; a UnicodeDecodeError carries the line (`.line`)."""
    decoder = codecs.getincrementaldecoder(codec)("strict")
    digest, newlines, last = hashlib.sha256(), 0, "\n"
    with path.open("rb") as handle:
        while True:
            chunk = handle.read(CHUNK)
            digest.update(chunk)
            try:
                text = decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as error:
                error.line = newlines + 1 + _newlines(chunk[: max(error.start, 0)], codec)  # type: ignore[attr-defined]
                raise
            newlines += text.count("\n")
            last = text[-1:] or last
            if not chunk:
                return CsvText(codec, newlines + (last != "\n"), digest.hexdigest())


def _newlines(data: bytes, codec: str) -> int:
    return (
        data.decode(codec, errors="ignore").count("\n")
        if codec.startswith("utf-16") or codec == "utf-32"
        else data.count(b"\n")
    )


def _windows_1252(path: Path) -> CsvText:
    digest, lines, carry = hashlib.sha256(), 1, b""  # `lines`: the number of the line a chunk starts in
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            data = carry + chunk  # a UTF-8 leftover may straddle two chunks
            leftover = UTF8_LEFTOVERS.search(data)
            if leftover:
                line = lines + data[: leftover.start()].count(b"\n") - carry.count(b"\n")
                raise Refused(
                    f"ce fichier n'est pas entièrement en UTF-8 : il mélange l'UTF-8 et un autre encodage (ligne {line}), "
                    "ses accents ne peuvent pas être lus avec certitude. " + SAVE_AS_UTF8,
                    line,
                )
            strange = NOT_FRENCH_1252.search(chunk)
            if strange:
                byte, line = chunk[strange.start()], lines + chunk[: strange.start()].count(b"\n")
                char = _cp1252(byte)
                what = f"l'octet 0x{byte:02X}" if char is None else f"« {char} »"
                raise Refused(
                    f"ce fichier n'est ni en UTF-8 ni en Windows-1252 (l'encodage d'Excel) : lu ainsi, il donnerait "
                    f"{what} ligne {line}, qui n'a pas sa place dans une saison. " + SAVE_AS_UTF8,
                    line,
                )
            lines += chunk.count(b"\n")
            carry = chunk[-2:]
    return CsvText("cp1252", lines - (carry[-1:] in (b"\n", b"")), digest.hexdigest())
