"""The ledger of CASE record dates (competencies/case-dates.json): for every record identifier, the hash of its
content and when that content last changed.

Tools that sync CASE by timestamp (OpenSALT stores each record's lastChangeDateTime; CaSS keeps it) must see which
record changed, so a record's date may change only when its content does. The build stays deterministic: it never
reads a clock or git; it looks each record's content hash up in the committed ledger. A record whose hash matches
gets the ledger's date; a new or changed record (the ledger is stale) gets the dataset's date (framework.yml `date`)
until `make case-dates` (`iecmh-atlas case-dates`, generator/project.py) records it with the time that command
ran. The hash covers everything in the record except
its dates and URIs (a URI follows the site's address, not the content).
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from generator.compile.exports.common import CaseDate
from generator.errors import DataError

LEDGER_FILE = "case-dates.json"
"""The ledger's file name in the data folder."""
DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\+00:00|Z)")
SHA256 = re.compile(r"[0-9a-f]{64}")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
UNDATED = ("lastChangeDateTime", "uri")
"""Keys left out of a record's content hash."""


def content_hash(record: Mapping[str, Any]) -> str:
    """SHA-256 of a record's content without its dates and URIs (at any depth), as canonical JSON."""
    return hashlib.sha256(json.dumps(_without_dates(record), sort_keys=True, ensure_ascii=False,
                                     separators=(",", ":")).encode("utf-8")).hexdigest()


def _without_dates(value: Any) -> Any:
    """A JSON value with every lastChangeDateTime and uri key removed."""
    if isinstance(value, dict):
        return {k: _without_dates(v) for k, v in value.items() if k not in UNDATED}
    if isinstance(value, list):
        return [_without_dates(v) for v in value]
    return value


def date_of(record: Mapping[str, Any], ledger: Mapping[str, CaseDate], fallback: str) -> str:
    """The ledger's date of a record whose content it knows, else the fallback (the dataset's date)."""
    entry = ledger.get(record["identifier"])
    return entry.changed if entry is not None and entry.sha256 == content_hash(record) else fallback


def package_records(package: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """Every dated record of a CASE package but its CFDocument: items, associations, definitions."""
    yield from package.get("CFItems", ())
    yield from package.get("CFAssociations", ())
    for records in package.get("CFDefinitions", {}).values():
        yield from records


def stamp(package: dict[str, Any], ledger: Mapping[str, CaseDate], fallback: str) -> None:
    """Give every record of a package its date; the CFDocument gets the latest of its own and its records'."""
    dates = []
    for record in package_records(package):
        record["lastChangeDateTime"] = date_of(record, ledger, fallback)
        dates.append(record["lastChangeDateTime"])
    document = package["CFDocument"]
    document["lastChangeDateTime"] = max([date_of(document, ledger, fallback), *dates])


def read_ledger(data_dir: Path) -> tuple[dict[str, CaseDate], list[DataError]]:
    """The ledger of a data folder (empty when it has none) and every problem with it."""
    path = data_dir / LEDGER_FILE
    if not path.is_file():
        return {}, []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line, column = (exc.lineno, exc.colno) if isinstance(exc, json.JSONDecodeError) else (1, 1)
        return {}, [DataError(path, line, column, (), f"not a JSON file: {exc}")]
    if not isinstance(data, dict):
        return {}, [DataError(path, 1, 1, (), "expected an object of record identifiers")]
    ledger, errors = {}, []
    for identifier, entry in data.items():
        if not (UUID.fullmatch(identifier) and isinstance(entry, dict) and set(entry) == {"sha256", "changed"}
                and isinstance(entry["sha256"], str) and SHA256.fullmatch(entry["sha256"])
                and isinstance(entry["changed"], str) and DATETIME.fullmatch(entry["changed"])):
            errors.append(DataError(path, _line_of(path, identifier), 1, (identifier,),
                                    "expected \"<uuid>\": {\"sha256\": <64 hex digits>, \"changed\": "
                                    "<YYYY-MM-DDTHH:MM:SS+00:00>}"))
            continue
        ledger[identifier] = CaseDate(entry["sha256"], entry["changed"])
    return ledger, errors


def _line_of(path: Path, identifier: str) -> int:
    """The line of the ledger that names an identifier (1 when not found)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if f'"{identifier}"' in line:
            return number
    return 1


def updated_ledger(records: list[Mapping[str, Any]], ledger: Mapping[str, CaseDate], now: str,
                   fallback: str) -> dict[str, CaseDate]:
    """The ledger for these records: unchanged entries kept, new or changed content dated now; a record new to an
    empty ledger gets the dataset's date (the first ledger records what was published, not when it was made)."""
    out = {}
    for record in records:
        digest, known = content_hash(record), ledger.get(record["identifier"])
        if known is not None and known.sha256 == digest:
            out[record["identifier"]] = known
        else:
            out[record["identifier"]] = CaseDate(digest, now if ledger else fallback)
    return out


def ledger_text(ledger: Mapping[str, CaseDate]) -> str:
    """The ledger as the committed JSON text (sorted, one entry per line)."""
    lines = [f'  "{identifier}": {{"sha256": "{entry.sha256}", "changed": "{entry.changed}"}}'
             for identifier, entry in sorted(ledger.items())]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def stale_records(records: list[Mapping[str, Any]], ledger: Mapping[str, CaseDate]) -> list[str]:
    """Identifiers of records the ledger does not know with their current content."""
    return [r["identifier"] for r in records
            if r["identifier"] not in ledger or ledger[r["identifier"]].sha256 != content_hash(r)]
