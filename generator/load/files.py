"""Find the data files, read each one and check it against the schema of its kind."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import DataError
from generator.load.schemas import Vocabulary, check_schema, vocabulary_of
from generator.load.yamlfile import YamlDocument, read_yaml

VOCABULARY_FILE = "vocabulary.yml"
"""The file of named values (tracks, scopes, relation kinds, coverage levels) that the other schemas refer to."""

SINGLE_FILES = {VOCABULARY_FILE: "vocabulary", "framework.yml": "framework", "domains.yml": "domains",
                "knowledge-areas.yml": "knowledge-areas", "glossary.yml": "glossary"}
"""Files that must exist exactly once at the top of the data folder, and their schema kind."""

FOLDER_KINDS = {"categories": "category", "roles": "role", "official-text": "official-text",
                "frameworks": "framework-items", "crosswalks": "crosswalk"}
"""Sub-folders holding one item per file, and their schema kind."""

ASSESSMENT_KINDS = {"scale.yml": "scale", "programs": "program"}
"""The assessments folder: the self-assessment scale (optional) and one program map per file."""


@dataclass
class Documents:
    """The schema-valid documents of a data folder and its assessments folder, grouped by kind, and the kinds
    with a file that is missing, unreadable or fails its schema (whose ids may therefore be incomplete)."""

    by_kind: dict[str, list[YamlDocument]] = field(default_factory=dict)
    vocabulary: Vocabulary = field(default_factory=dict)
    broken: set[str] = field(default_factory=set)

    def of(self, kind: str) -> list[YamlDocument]:
        """Every valid document of one kind (an empty list when there is none)."""
        return self.by_kind.get(kind, [])

    def one(self, kind: str) -> YamlDocument | None:
        """The document of a single-file kind, or None when it is missing."""
        found = self.of(kind)
        return found[0] if found else None


def read_documents(data_dir: Path, assessments_dir: Path, errors: list[DataError]) -> Documents:
    """Read and schema-check every file of data_dir and assessments_dir; add every problem to errors."""
    documents = Documents({kind: [] for kind in [*SINGLE_FILES.values(), *FOLDER_KINDS.values(),
                                                 *ASSESSMENT_KINDS.values()]})
    if not data_dir.is_dir():
        errors.append(DataError(data_dir, 1, 1, (), "data folder not found"))
        documents.broken.update(documents.by_kind)
        return documents
    schema_dir = data_dir / "schemas"
    vocabulary_doc = _read_checked(data_dir / VOCABULARY_FILE, "vocabulary", schema_dir, {}, errors) \
        if (data_dir / VOCABULARY_FILE).is_file() else None
    if vocabulary_doc is not None:
        documents.by_kind["vocabulary"].append(vocabulary_doc)
        documents.vocabulary = vocabulary_of(vocabulary_doc.data)
    elif (data_dir / VOCABULARY_FILE).is_file():
        documents.broken.update(documents.by_kind)
        return documents  # without its vocabulary no other file can be checked; its errors are reported
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file() and p.suffix in (".yml", ".yaml")):
        kind = _kind_of(data_dir, path)
        if kind == "vocabulary":
            continue
        if kind is None:
            errors.append(DataError(path, 1, 1, (), "unknown data file: expected one of "
                                    + ", ".join([*SINGLE_FILES, *(f"{d}/*.yml" for d in FOLDER_KINDS)])))
            continue
        _add(documents, kind, _read_checked(path, kind, schema_dir, documents.vocabulary, errors))
    for name, kind in SINGLE_FILES.items():
        if not (data_dir / name).is_file():
            errors.append(DataError(data_dir / name, 1, 1, (), f"required {kind} file is missing"))
            documents.broken.add(kind)
    if not any((data_dir / "categories").glob("*.yml")):
        errors.append(DataError(data_dir / "categories", 1, 1, (), "no category files found"))
        documents.broken.add("category")
    _read_assessments(assessments_dir, documents, errors)
    return documents


def _read_assessments(assessments_dir: Path, documents: Documents, errors: list[DataError]) -> None:
    """Read the scale (required when the assessments folder exists) and every program map of the folder."""
    schema_dir = assessments_dir / "schemas"
    scale = assessments_dir / "scale.yml"
    if scale.is_file():
        _add(documents, "scale", _read_checked(scale, "scale", schema_dir, documents.vocabulary, errors))
    elif assessments_dir.is_dir():
        errors.append(DataError(scale, 1, 1, (), "required self-assessment scale file is missing (the "
                                                 f"{assessments_dir.name}/ folder exists)"))
        documents.broken.add("scale")
    for path in sorted((assessments_dir / "programs").glob("*.y*ml")):
        _add(documents, "program", _read_checked(path, "program", schema_dir, documents.vocabulary, errors))


def _add(documents: Documents, kind: str, doc: YamlDocument | None) -> None:
    """Keep a valid document under its kind; a file that was not valid (None) marks its kind as broken."""
    if doc is None:
        documents.broken.add(kind)
    else:
        documents.by_kind[kind].append(doc)


def _read_checked(path: Path, kind: str, schema_dir: Path, vocabulary: Vocabulary,
                  errors: list[DataError]) -> YamlDocument | None:
    """One file read and checked against its schema; None (with its errors added) when it is not valid."""
    doc = read_yaml(path, errors)
    if doc is None:
        return None
    problems = check_schema(doc, kind, schema_dir, vocabulary)
    errors.extend(problems)
    return None if problems else doc


def _kind_of(data_dir: Path, path: Path) -> str | None:
    """The schema kind of a data file from where it stands, or None if it stands nowhere known."""
    rel = path.relative_to(data_dir)
    if len(rel.parts) == 1:
        return SINGLE_FILES.get(rel.name)
    if len(rel.parts) == 2 and path.suffix == ".yml":
        return FOLDER_KINDS.get(rel.parts[0])
    return None
