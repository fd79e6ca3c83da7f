"""Open-data exports of the validated model, one module per format: CASE packages (`case`, dated by the ledger in
`case_dates`), CSV tables (`tables`), the lossless JSON model (`model_json`) and program files (`programs`).
EXPORTS is the list of export kinds the registry publishes."""
from __future__ import annotations

from collections.abc import Callable

from generator.compile import urls
from generator.compile.exports.case import case_files, case_listing, case_service_files
from generator.compile.exports.ctdl import ctdl_files, ctdl_listing
from generator.compile.exports.grid import grid_files, grid_listing
from generator.compile.exports.common import NAMESPACE, Publication, json_text, stable_uuid
from generator.compile.exports.model_json import model_from_json, model_to_json
from generator.compile.exports.programs import matrix_csv, program_json
from generator.compile.exports.tables import (INDICATOR_COLUMNS, PAIR_COLUMNS, crosswalk_pairs_csv, csv_cell, csv_text,
                                              indicators_csv, ref_labels)
from generator.compile.kinds import Export, FileContent
from generator.compile.model_schema import atlas_schema
from generator.model.types import Model

__all__ = ["EXPORTS", "INDICATOR_COLUMNS", "NAMESPACE", "PAIR_COLUMNS", "Publication", "crosswalk_pairs_csv",
           "csv_cell", "csv_text", "export_files", "indicators_csv", "json_text", "matrix_csv", "model_from_json",
           "model_to_json", "open_data_files", "program_json", "ref_labels", "stable_uuid"]


def _one(path: str, make: Callable[[Model], str]) -> Callable[[Model, Publication], dict[str, FileContent]]:
    """The files of an export that is one file."""
    return lambda model, publication: {path: make(model)}


def _listed(path: str, description: str) -> Callable[[Model], dict[str, str]]:
    """The open-data listing of an export that is one file."""
    return lambda model: {path: description}


_INDICATORS = "Every indicator of every category, with its domain, knowledge area and source (CSV)"
_PAIRS = "Every crosswalk pair with its relation, both items' names and its note (CSV)"
_ATLAS = "The whole validated data model; re-importing it rebuilds the same site (JSON)"
_SCHEMA = "The JSON Schema of the whole data model (JSON)"

EXPORTS: tuple[Export, ...] = (
    Export("atlas/data/case/<document>.json",
           "CASE 1.1 package of each document: the shared domains and knowledge areas, each category, each role "
           "profile and each other framework", case_files, case_listing),
    Export("ims/case/<v1p0|v1p1>/CFDocuments, CFPackages/<identifier>",
           "The CASE packages under the CASE service paths, where OpenSALT and CaSS harvest them",
           case_service_files),
    Export("atlas/data/ctdl/<category>.json",
           "CTDL-ASN (Credential Engine) JSON-LD of each category: its framework, competencies and alignments",
           ctdl_files, ctdl_listing),
    Export("atlas/data/self-study/<category>-getting-started.xlsx",
           "The Getting Started self-study grid of each category, blank: its knowledge areas by the kinds of evidence "
           "(spreadsheet for Excel and LibreOffice)", grid_files, grid_listing),
    Export(urls.INDICATORS_CSV, _INDICATORS, _one(urls.INDICATORS_CSV, indicators_csv),
           _listed(urls.INDICATORS_CSV, _INDICATORS)),
    Export(urls.PAIRS_CSV, _PAIRS, _one(urls.PAIRS_CSV, crosswalk_pairs_csv), _listed(urls.PAIRS_CSV, _PAIRS)),
    Export(urls.ATLAS_JSON, _ATLAS,
           _one(urls.ATLAS_JSON, lambda model: json_text(model_to_json(model), sort_keys=False)),
           _listed(urls.ATLAS_JSON, _ATLAS)),
    Export(urls.ATLAS_SCHEMA, _SCHEMA,
           _one(urls.ATLAS_SCHEMA, lambda model: json_text(atlas_schema(model), sort_keys=False)),
           _listed(urls.ATLAS_SCHEMA, _SCHEMA)),
    Export("atlas/data/programs/<program>-matrix.csv", "Coverage matrix of each program (linked from its page)",
           lambda model, publication: {urls.program_matrix_csv(p.id): matrix_csv(model, p) for p in model.programs}),
    Export("atlas/data/programs/<program>.json", "Each program as the mapper imports it (linked from its page)",
           lambda model, publication: {urls.program_json(p.id): program_json(model, p) for p in model.programs}),
)
"""Every kind of export file."""


def export_files(model: Model, publication: Publication = Publication()) -> dict[str, FileContent]:
    """Every export file of the model, by path."""
    files: dict[str, FileContent] = {}
    for export in EXPORTS:
        files.update(export.files(model, publication))
    return files


def open_data_files(model: Model) -> list[tuple[str, str]]:
    """The files the open-data page lists, with what each holds, in the order of EXPORTS (CASE packages in
    document order: shared framework, categories, roles, other frameworks)."""
    listed: dict[str, str] = {}
    for export in EXPORTS:
        if export.listing is not None:
            listed.update(export.listing(model))
    return list(listed.items())
