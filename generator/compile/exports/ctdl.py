"""CTDL-ASN (Credential Engine's Competency Description Language, Achievement Standards Network profile) as JSON-LD:
one file per category with its framework, every competency (domains, knowledge areas, indicators as the category
has them) and their alignments.

It is built from the CASE documents, so a competency's @id is its CASE item's URI and an alignment points at the URI
of the other framework's item (another category's indicator, a shared knowledge area). Hierarchy uses the ceasn
hierarchy terms (isPartOf, isTopChildOf, isChildOf, hasChild), kept apart from the alignment terms. The terms and
what each means were read in Credential Engine's CTDL-ASN schema as generated into cassproject/cass-npm
(src/org/credentialengine/Competency.js and CompetencyFramework.js); tests/compile/ctdl-asn-terms.json lists the
ones used here with that origin.
"""
from __future__ import annotations

from typing import Any

from generator.compile.exports.case import CaseDocument, case_documents
from generator.compile.exports.common import Publication, json_text
from generator.model.types import Model

CONTEXT = "https://credreg.net/ctdlasn/schema/context/json"
"""The CTDL-ASN JSON-LD context (prefix ceasn: http://purl.org/ctdlasn/terms/)."""
LANGUAGE = "en"
ALIGNMENTS = {
    "exact-match": "ceasn:exactAlignment",   # the concepts of both are coextensive
    "close-match": "ceasn:majorAlignment",   # major overlap (the same practice for another age band)
    "broader": "ceasn:narrowAlignment",      # this one covers all of the other and more
    "narrower": "ceasn:broadAlignment",      # the other covers all of this one and more
    "related": "ceasn:alignTo",              # some degree of equivalency, no more is claimed
}
"""The CTDL-ASN alignment term of each crosswalk relation, read from the origin of the pair."""
SHARED_ITEM = "ceasn:exactAlignment"
"""A category's domain or knowledge area is the shared one it stands for."""


def ctdl_path(category_id: str) -> str:
    """Where a category's CTDL-ASN file goes."""
    return f"atlas/data/ctdl/{category_id}.json"


def _text(value: str) -> dict[str, str]:
    """A CTDL language-tagged string."""
    return {LANGUAGE: value}


def ctdl_framework(model: Model, document: CaseDocument) -> dict[str, Any]:
    """The JSON-LD graph of one category's CASE document as a CTDL-ASN competency framework."""
    package = document.package
    doc = package["CFDocument"]
    framework_id = doc["uri"]
    uri_of = {i["identifier"]: i["uri"] for i in package["CFItems"]}
    uri_of[doc["identifier"]] = framework_id
    competencies: dict[str, dict[str, Any]] = {}
    for item in package["CFItems"]:
        entry: dict[str, Any] = {
            "@id": item["uri"], "@type": "ceasn:Competency", "ceasn:competencyText": _text(item["fullStatement"]),
            "ceasn:competencyCategory": _text(item["CFItemType"]), "ceasn:codedNotation": item["humanCodingScheme"],
            "ceasn:isPartOf": framework_id,
            "ceasn:dateModified": item["lastChangeDateTime"],
        }
        if item.get("notes"):
            entry["ceasn:comment"] = _text(item["notes"])
        competencies[item["identifier"]] = entry
    top: list[str] = []
    for association in sorted(package["CFAssociations"], key=lambda a: a.get("sequenceNumber", 0)):
        origin = competencies.get(association["originNodeURI"]["identifier"])
        destination = association["destinationNodeURI"]
        if origin is None:
            continue
        if association["associationType"] == "isChildOf":
            if destination["identifier"] == doc["identifier"]:
                origin["ceasn:isTopChildOf"] = framework_id
                top.append(origin["@id"])
            else:
                origin["ceasn:isChildOf"] = uri_of[destination["identifier"]]
                competencies[destination["identifier"]].setdefault("ceasn:hasChild", []).append(origin["@id"])
            continue
        extensions = association.get("extensions", {})
        term = SHARED_ITEM if "sharedItem" in extensions else ALIGNMENTS.get(extensions.get("relation", ""))
        if term is not None:
            origin.setdefault(term, []).append(destination["uri"])
    framework: dict[str, Any] = {
        "@id": framework_id, "@type": "ceasn:CompetencyFramework", "ceasn:name": _text(doc["title"]),
        "ceasn:publisherName": _text(doc["publisher"]), "ceasn:inLanguage": [LANGUAGE],
        "ceasn:dateModified": doc["lastChangeDateTime"], "ceasn:hasTopChild": top,
        "ceasn:rights": _text(package["CFDefinitions"]["CFLicenses"][0]["licenseText"]),
    }
    if doc.get("description"):
        framework["ceasn:description"] = _text(doc["description"])
    if doc.get("officialSourceURL"):
        framework["ceasn:source"] = [doc["officialSourceURL"]]
    return {"@context": CONTEXT, "@graph": [framework, *competencies.values()]}


def ctdl_files(model: Model, publication: Publication) -> dict[str, str]:
    """Every category's CTDL-ASN file."""
    categories = {c.id for c in model.categories}
    return {ctdl_path(d.slug): json_text(ctdl_framework(model, d), sort_keys=False)
            for d in case_documents(model, publication) if d.slug in categories}


def ctdl_listing(model: Model) -> dict[str, str]:
    """The CTDL-ASN files with what each holds (for the open-data page)."""
    return {ctdl_path(c.id): f"{c.name} (CTDL-ASN JSON-LD)" for c in model.categories}
