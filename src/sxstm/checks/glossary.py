"""Glossaries of protected terms: the built-in list, and CSV or TBX files (TBX through translate-toolkit).

A glossary maps a source term to the target term the translation must hold: itself for a name
that is never translated (``SignalR``), or the approved translation a glossary file gives.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sxstm.errors import InputError, read_error
from sxstm.sxs.lines import byte_position

Terms = tuple[tuple[str, str], ...]

# Product and technology names that Microsoft's localized docs keep in English, as written.
# Not here: names the docs translate or drop by style ("Visual Studio for Mac" is "Visual
# Studio dla komputerów Mac"; "Microsoft" and "Windows" alone fall away from longer names).
BUILT_IN = frozenset(
    """.NET|.NET Core|.NET Framework|ASP.NET|ASP.NET Core|Azure|Azure DevOps|Blazor|C#|F#|
    Visual Basic|Visual Studio|Visual Studio Code|SignalR|NuGet|GitHub|
    PowerShell|Xamarin|Xamarin.Forms|IntelliSense|Entity Framework|Entity Framework Core|LINQ|
    Razor|Kestrel|MSBuild|Roslyn|Windows Forms|WPF|UWP|WinUI|Docker|Kubernetes|XAML|ML.NET|
    Power BI|SQL Server|Cosmos DB|Active Directory|Git|Linux|macOS|TypeScript|
    JavaScript|Node.js|Python|Java|IIS|gRPC|Swagger|OpenAPI|JSON|YAML""".replace("\n", "").split("|")
)


def built_in_terms() -> Terms:
    return tuple((term.strip(), term.strip()) for term in sorted(BUILT_IN))


def read_glossary(path: Path, locale: str = "") -> Terms:
    """Read a glossary: a CSV (source term, optional target term; a header row is skipped) or a
    TBX (the English term, and its term in ``locale``; an entry in English alone is protected,
    one with other languages but not ``locale`` is left out)."""
    if path.suffix.lower() == ".tbx":
        return _read_tbx(path, locale)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise read_error(error, str(path), "the glossary") from error
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = byte_position(data, error.start)
        raise InputError("the glossary is not UTF-8", path=str(path), line=line, column=column) from error
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        rows = [row for row in reader if row and row[0].strip()]
    except csv.Error as error:
        raise InputError(f"not CSV: {error}", path=str(path), line=reader.line_num, column=1) from error
    if rows and rows[0][0].strip().lower() in ("source", "term", "en", "en-us", "english"):
        rows = rows[1:]
    return tuple(
        (row[0].strip(), (row[1].strip() if len(row) > 1 and row[1].strip() else row[0].strip())) for row in rows
    )


def _read_tbx(path: Path, locale: str) -> Terms:
    from translate.storage import tbx  # imported here: it takes 0.3 s, and few runs read a TBX

    try:
        store = tbx.tbxfile.parsefile(str(path))  # type: ignore[no-untyped-call]
    except OSError as error:
        raise read_error(error, str(path), "the glossary") from error
    except (SyntaxError, AssertionError, ValueError) as error:  # lxml's XMLSyntaxError is a SyntaxError
        line, column = getattr(error, "position", None) or (1, 1)
        message = getattr(error, "msg", None) or str(error) or "not a TBX document"
        raise InputError(
            f"cannot read the TBX glossary: {message}", path=str(path), line=line, column=column
        ) from error
    terms = []
    for unit in store.units:
        source = (unit.source or "").strip()
        target = unit.gettarget(locale.split("-")[0]) if locale else unit.target
        if source and (target or len(unit.getlanguageNodes()) == 1):  # a term in English alone is protected
            terms.append((source, str(target or source).strip()))
    return tuple(terms)
