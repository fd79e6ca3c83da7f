"""CASE packages (1EdTech Competencies and Academic Standards Exchange) that OpenSALT and CaSS import as they are.

Documents: one shared framework of the domains and knowledge areas, one per endorsement category (its domains,
knowledge areas and indicators as the category has them), one per role profile (duties and skills) and one per
other framework (its items). Every crosswalk pair with a counterpart is one association, in the document that holds
its origin: an identifier never appears in two documents.

What the consuming tools require, read in their import code:
- OpenSALT (opensalt/opensalt, tag 3.2.1 and master of 2024-06): `core/src/Service/CaseImport.php` validates every
  package against `core/config/schema/case-v1p0-cfpackage-schema.json` (CASE 1.0: associationType is an enum of the
  nine 1.0 types, so `ext:` types are refused; node references allow only title, identifier, uri), and
  `DataTransformer/CaseJson/AssociationsTransformer.php` / `ItemsTransformer.php` look existing records up by
  identifier across documents and throw "Cannot change the document of an association/item". Close, broader and
  narrower matches are therefore `isRelatedTo` with the kind in `extensions.relation`.
  `DocumentTransformer.php` reads `publisher`, `officialSourceURL` and `licenseURI` (resolved in CFLicenses).
- CaSS (cassproject/CASS, `src/main/server/cartridge/adapter/caseIngest.js`): harvests only from
  `<endpoint>/ims/case/v1p0/CFDocuments` and then `CFPackages/<CFPackageURI.identifier>` of each listed document.
- 1EdTech's CASE 1.1 package schema (the copy in 1EdTech/OpenCASE, `apps/opencase/schemas/official/`, $id
  purl.imsglobal.org/spec/case/v1p1/schema/json/case_v1p1_cfpackage-jsonschema1.json): closed objects, so
  `CFPackageURI` appears only in the document list, not in a package's CFDocument.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.compile import urls
from generator.compile.exports.case_dates import package_records, stamp
from generator.compile.exports.common import Publication, json_text, page_url, stable_uuid
from generator.compile.exports.tables import source_text
from generator.model.types import Category, Crosswalk, ExternalFramework, Model, Pair, Role

CASE_VERSION = "1.1"
FRAMEWORK_TYPE = "Competency Framework"
SERVICE_VERSIONS = ("v1p0", "v1p1")
"""The CASE service paths the packages are published under (CaSS reads v1p0)."""
DOMAIN_TYPE, KA_TYPE, INDICATOR_TYPE = "Competency Domain", "Knowledge Area", "Behavioral Indicator"
DUTY_TYPE, SKILL_TYPE, EXTERNAL_TYPE = "Role Duty", "Role Skill", "Framework Item"
ITEM_TYPES = {
    DOMAIN_TYPE: "A competency domain: the broadest grouping of the competencies.",
    KA_TYPE: "A knowledge area within a competency domain.",
    INDICATOR_TYPE: "A behavioral indicator: how a person shows a knowledge area in practice.",
    DUTY_TYPE: "A duty of a job role profile.",
    SKILL_TYPE: "A skill a job role profile asks for.",
    EXTERNAL_TYPE: "An item (such as a domain) of another competency framework.",
}
"""The CASE item types and their descriptions, in hierarchy order."""
SHARED_SLUG = "domains-and-knowledge-areas"
"""File name of the shared framework document (not a category id: those never contain a dot or this many words)."""
OFFICIAL = "@official"
"""Suffix of every stable key in a document whose texts are the publisher's: a different statement, so a
different identifier from the paraphrase's."""
CASE_ENDPOINTS = ("CFDocuments", "CFItems", "CFAssociations", "CFItemTypes", "CFLicenses", "CFPackages")


@dataclass(frozen=True)
class CaseDocument:
    """One CASE package and where it is published."""

    slug: str
    """Its file name under atlas/data/case/ (a category id, SHARED_SLUG, role.<id> or framework.<id>)."""
    title: str
    package: dict[str, Any]

    @property
    def identifier(self) -> str:
        """The identifier of its CFDocument (its CFPackages/<identifier> path)."""
        return self.package["CFDocument"]["identifier"]


class _Uris:
    """The URI of each record: its CASE service address under the site's URL when published, else urn:uuid."""

    def __init__(self, site_url: str | None) -> None:
        """URIs under site_url (None: urn:uuid URIs)."""
        self.site_url = site_url

    def of(self, endpoint: str, identifier: str) -> str:
        """The URI of a record served at endpoint (one of CASE_ENDPOINTS)."""
        if self.site_url is None:
            return f"urn:uuid:{identifier}"
        return f"{self.site_url}ims/case/v1p1/{endpoint}/{identifier}"


class _Package:
    """Collects the items and associations of one CASE document (dates are stamped at the end)."""

    def __init__(self, uris: _Uris, key: str, title: str) -> None:
        """An empty document whose own stable key and title are given."""
        self.uris, self.key, self.title = uris, key, title
        self.identifier = stable_uuid(key)
        self.items: list[dict[str, Any]] = []
        self.associations: list[dict[str, Any]] = []
        self.item_types: list[str] = []
        self.children: dict[str, int] = {}
        self.relations: dict[str, dict[str, Any]] = {}

    @property
    def node(self) -> dict[str, str]:
        """The document as an association's node."""
        return {"title": self.title, "identifier": self.identifier, "uri": self.uris.of("CFDocuments", self.identifier)}

    def item(self, key: str, code: str, item_type: str, statement: str, notes: str | None,
             extensions: dict[str, Any], parent: dict[str, str], parent_key: str) -> dict[str, str]:
        """Add an item and its isChildOf association to its parent; return the item's node."""
        identifier = stable_uuid(key)
        node = {"title": statement, "identifier": identifier, "uri": self.uris.of("CFItems", identifier)}
        if item_type not in self.item_types:
            self.item_types.append(item_type)
        type_id = stable_uuid(f"item-type:{item_type}")
        entry: dict[str, Any] = {
            "identifier": identifier, "uri": node["uri"], "fullStatement": statement, "humanCodingScheme": code,
            "CFItemType": item_type,
            "CFItemTypeURI": {"title": item_type, "identifier": type_id, "uri": self.uris.of("CFItemTypes", type_id)},
            "language": "en", "extensions": extensions,
        }
        if notes:
            entry["notes"] = notes
        self.items.append(entry)
        self.children[parent_key] = self.children.get(parent_key, 0) + 1
        self.associations.append(self.association("isChildOf", node, key, parent, parent_key,
                                                  sequenceNumber=self.children[parent_key]))
        return node

    def association(self, association_type: str, origin: dict[str, str], origin_key: str,
                    destination: dict[str, str], destination_key: str, **optional: Any) -> dict[str, Any]:
        """A CFAssociation between two nodes (not yet added)."""
        identifier = stable_uuid(association_key(association_type, origin_key, destination_key))
        return {"identifier": identifier, "uri": self.uris.of("CFAssociations", identifier),
                "associationType": association_type, "originNodeURI": origin, "destinationNodeURI": destination,
                **optional}

    def relation(self, association_type: str, origin: dict[str, str], origin_key: str, destination: dict[str, str],
                 destination_key: str, crosswalk: Crosswalk, pair: Pair, label: str) -> None:
        """Add a crosswalk pair as an association, merged with the same pair stated by another crosswalk."""
        key = association_key(association_type, origin_key, destination_key)
        about = {"id": crosswalk.id, "title": crosswalk.title, "basis": crosswalk.basis, "relation": pair.relation,
                 "source": source_text(pair.source)}
        if key in self.relations:
            entry = self.relations[key]
            entry["extensions"]["crosswalks"].append(about)
            if pair.note:
                entry["notes"] = f"{entry['notes']}\n\n{pair.note}" if entry.get("notes") else pair.note
            return
        entry = self.association(association_type, origin, origin_key, destination, destination_key)
        entry["extensions"] = {"relation": pair.relation, "relationLabel": label, "crosswalks": [about]}
        if pair.note:
            entry["notes"] = pair.note
        self.relations[key] = entry
        self.associations.append(entry)


def association_key(association_type: str, origin_key: str, destination_key: str) -> str:
    """Stable key of an association from its type and the stable keys of its two nodes."""
    return f"association:{association_type}:{origin_key}:{destination_key}"


def document_key(category_id: str) -> str:
    """Stable key of a category's CFDocument (paraphrase edition)."""
    return f"document:{category_id}"


def domain_code(category_id: str, domain_id: str) -> str:
    """humanCodingScheme of a domain as a category has it."""
    return f"{category_id}.{domain_id}"


def ka_code(category_id: str, domain_id: str, ka_id: str) -> str:
    """humanCodingScheme of a knowledge area as a category has it."""
    return f"{category_id}.{domain_id}.{ka_id}"


def is_official(category: Category) -> bool:
    """Whether a category's package is the official-text edition (any indicator in the publisher's words)."""
    return any(i.official for i in category.indicators())


def _edition(category: Category) -> str:
    """The key suffix of a category's document: OFFICIAL for the official-text edition, else none."""
    return OFFICIAL if is_official(category) else ""


def _licence(model: Model, uris: _Uris) -> dict[str, Any]:
    """The CFLicense of every package: the Atlas's licence, and the licences of any official text loaded."""
    fw = model.framework
    identifier = stable_uuid("licence:" + "\n".join((fw.licence, *fw.official_licences)))
    return {"identifier": identifier, "uri": uris.of("CFLicenses", identifier), "title": f"Licence of the {fw.title}",
            "licenseText": "\n\n".join((fw.licence, *fw.official_licences))}


class _Builder:
    """Builds every document of the model and places each crosswalk pair in its origin's document."""

    def __init__(self, model: Model, publication: Publication) -> None:
        """Start with no documents."""
        self.model, self.publication = model, publication
        self.uris = _Uris(publication.site_url)
        self.documents: list[tuple[str, _Package, dict[str, Any]]] = []
        self.nodes: dict[str, tuple[str, dict[str, str], _Package]] = {}
        """Every crosswalk reference (indicator id, ka:<id>, domain:<id>, role item id, external item id): its
        stable key, node and document."""
        self.no_equivalent = _no_equivalents(model)

    def build(self) -> list[CaseDocument]:
        """Every document, its crosswalk associations added and its records dated."""
        self.shared()
        for category in self.model.categories:
            self.category(category)
        for role in self.model.roles:
            self.role(role)
        for framework in self.model.frameworks:
            self.external(framework)
        self.crosswalks()
        fallback = f"{self.model.framework.date}T00:00:00+00:00"
        out = []
        for slug, package, document in self.documents:
            built = self.package(package, document)
            stamp(built, self.publication.case_dates, fallback)
            out.append(CaseDocument(slug, package.title, built))
        return out

    def _add(self, ref: str, key: str, node: dict[str, str], package: _Package) -> None:
        """Remember where a crosswalk reference lives."""
        self.nodes[ref] = (key, node, package)

    def _document(self, key: str, title: str, description: str | None, page: str,
                  extensions: dict[str, Any]) -> tuple[_Package, dict[str, Any]]:
        """A new document and its CFDocument fields (without dates)."""
        fw = self.model.framework
        package = _Package(self.uris, key, title)
        entry: dict[str, Any] = {
            "identifier": package.identifier, "uri": self.uris.of("CFDocuments", package.identifier),
            "creator": fw.publisher, "publisher": fw.publisher, "title": title, "version": fw.version,
            "caseVersion": CASE_VERSION, "frameworkType": FRAMEWORK_TYPE, "language": "en",
            "adoptionStatus": "Draft", "notes": fw.disclaimer, "extensions": extensions,
        }
        if description:
            entry["description"] = description
        if self.publication.site_url is not None:
            entry["officialSourceURL"] = page_url(self.publication.site_url, page)
        return package, entry

    def shared(self) -> None:
        """The shared framework: every domain and knowledge area, which crosswalks point to."""
        fw = self.model.framework
        package, entry = self._document("document:shared-framework", f"{fw.title}: domains and knowledge areas",
                                        "The competency domains and knowledge areas that the endorsement categories "
                                        "share; each category's document links its own to these.",
                                        urls.DOMAINS_INDEX, {"framework": _framework_facts(self.model)})
        for d in self.model.domains:
            d_key = f"domain:{d.id}"
            d_node = package.item(d_key, d_key, DOMAIN_TYPE, d.name, d.note,
                                  {"summary": d.summary, "source": source_text(d.source)}, package.node, package.key)
            self._add(d_key, d_key, d_node, package)
            for k in (k for k in self.model.knowledge_areas if k.domain == d.id):
                k_key = f"ka:{k.id}"
                k_node = package.item(k_key, k_key, KA_TYPE, k.name, k.note,
                                      {"summary": k.summary, "source": source_text(k.source)}, d_node, d_key)
                self._add(k_key, k_key, k_node, package)
        self.documents.append((SHARED_SLUG, package, entry))

    def category(self, category: Category) -> None:
        """A category's document: its domains, knowledge areas and indicators, each linked to the shared item."""
        edition = _edition(category)
        package, entry = self._document(
            document_key(category.id) + edition, category.name, category.summary, urls.category_page(category.id),
            {"category": {"id": category.id, "code": category.code, "track": category.track,
                          "scope": list(category.scope), "status": category.status,
                          "source": source_text(category.source)},
             "framework": _framework_facts(self.model), "textKind": "official" if edition else "paraphrase"})
        for d in category.domains:
            code = domain_code(category.id, d.domain)
            about: dict[str, Any] = {"domain": d.domain, "knowledgeAreasEntered": d.knowledge_areas is not None}
            if d.partial:
                about["knowledgeAreasPartial"] = True  # only some are entered: the others are not yet entered
            d_node = package.item(code + edition, code, DOMAIN_TYPE, d.title or self.model.domain(d.domain).name, None,
                                  about, package.node, package.key)
            self._shared_link(package, d_node, code + edition, f"domain:{d.domain}")
            for k in d.knowledge_areas or ():
                k_code = ka_code(category.id, d.domain, k.ka)
                k_node = package.item(k_code + edition, k_code, KA_TYPE,
                                      k.title or self.model.knowledge_area(k.ka).name, k.note,
                                      {"knowledgeArea": k.ka, "source": source_text(k.source),
                                       "uncertain": k.uncertain, "indicatorsEntered": k.indicators is not None},
                                      d_node, code + edition)
                self._shared_link(package, k_node, k_code + edition, f"ka:{k.ka}")
                for i in k.indicators or ():
                    extensions: dict[str, Any] = {"source": source_text(i.source), "official": i.official}
                    if i.id in self.no_equivalent:
                        extensions["noEquivalent"] = self.no_equivalent[i.id]
                    node = package.item(i.id + edition, i.id, INDICATOR_TYPE, i.text, i.note, extensions, k_node,
                                        k_code + edition)
                    self._add(i.id, i.id + edition, node, package)
        self.documents.append((category.id, package, entry))

    def _shared_link(self, package: _Package, node: dict[str, str], key: str, shared_ref: str) -> None:
        """Link a category's domain or knowledge area to the shared item it is (exactMatchOf)."""
        shared_key, shared_node, _ = self.nodes[shared_ref]
        association = package.association("exactMatchOf", node, key, shared_node, shared_key)
        association["extensions"] = {"sharedItem": shared_ref}
        package.associations.append(association)

    def role(self, role: Role) -> None:
        """A role profile's document: its duties and skills."""
        package, entry = self._document(f"document:role:{role.id}", f"Role profile: {role.title}", role.summary,
                                        urls.role_page(role.id),
                                        {"role": {"id": role.id, "source": source_text(role.source)}})
        for item_type, item in [(DUTY_TYPE, x) for x in role.duties] + [(SKILL_TYPE, x) for x in role.skills]:
            extensions: dict[str, Any] = {"kind": item.kind, "source": source_text(item.source)}
            if item.id in self.no_equivalent:
                extensions["noEquivalent"] = self.no_equivalent[item.id]
            node = package.item(item.id, item.id, item_type, item.text, None, extensions, package.node, package.key)
            self._add(item.id, item.id, node, package)
        self.documents.append((f"role.{role.id}", package, entry))

    def external(self, framework: ExternalFramework) -> None:
        """Another framework's document: the names of its items, as the Atlas's crosswalks use them."""
        about = {"id": framework.id, "title": framework.title, "publisher": framework.publisher,
                 "source": source_text(framework.source)}
        if framework.year is not None:
            about["year"] = framework.year
        package, entry = self._document(
            f"document:framework:{framework.id}", framework.title,
            (framework.summary + "\n\n" if framework.summary else "")
            + f"The items of {framework.title} ({framework.publisher}) that the Atlas's crosswalks point to.",
            urls.CROSSWALKS_INDEX, {"otherFramework": about})
        for item in framework.items:
            extensions: dict[str, Any] = {}
            if item.id in self.no_equivalent:
                extensions["noEquivalent"] = self.no_equivalent[item.id]
            node = package.item(item.id, item.id, EXTERNAL_TYPE, item.name, item.summary, extensions,
                                package.node, package.key)
            self._add(item.id, item.id, node, package)
        self.documents.append((f"framework.{framework.id}", package, entry))

    def crosswalks(self) -> None:
        """Every crosswalk pair with a counterpart, as an association in the document of its origin."""
        types = {r.id: r.case_association for r in self.model.vocabulary.relations}
        labels = self.model.vocabulary.relation_labels()
        for cw in self.model.crosswalks:
            for pair in cw.pairs:
                if pair.target_ref is None or types.get(pair.relation) is None:
                    continue
                origin_key, origin, package = self.nodes[pair.source_ref]
                destination_key, destination, _ = self.nodes[pair.target_ref]
                package.relation(types[pair.relation], origin, origin_key, destination, destination_key, cw, pair,
                                 labels[pair.relation])

    def package(self, package: _Package, document: dict[str, Any]) -> dict[str, Any]:
        """The CFPackage of a document."""
        definitions = {
            "CFItemTypes": [self._item_type(name) for name in ITEM_TYPES if name in package.item_types],
            "CFLicenses": [_licence(self.model, self.uris)],
        }
        licence = definitions["CFLicenses"][0]
        document = {**document, "licenseURI": {"title": licence["title"], "identifier": licence["identifier"],
                                               "uri": licence["uri"]}}
        return {"CFDocument": document, "CFItems": package.items, "CFAssociations": package.associations,
                "CFDefinitions": definitions}

    def _item_type(self, name: str) -> dict[str, Any]:
        """The CFItemType of a type name."""
        identifier = stable_uuid(f"item-type:{name}")
        return {"identifier": identifier, "uri": self.uris.of("CFItemTypes", identifier), "title": name,
                "description": ITEM_TYPES[name], "hierarchyCode": str(list(ITEM_TYPES).index(name) + 1)}


def _framework_facts(model: Model) -> dict[str, Any]:
    """The dataset's title, edition, licence and text kind, as every document's extensions carry them."""
    fw = model.framework
    return {"title": fw.title, "edition": fw.edition, "licence": fw.licence, "textKind": fw.text_kind}


def _no_equivalents(model: Model) -> dict[str, list[dict[str, str]]]:
    """For each item a crosswalk marks as having no equivalent: the crosswalk, basis, source and note."""
    out: dict[str, list[dict[str, str]]] = {}
    for cw in model.crosswalks:
        for pair in cw.pairs:
            if pair.target_ref is None:
                entry = {"crosswalk": cw.id, "basis": cw.basis, "relation": pair.relation,
                         "source": source_text(pair.source)}
                if pair.note:
                    entry["note"] = pair.note
                out.setdefault(pair.source_ref, []).append(entry)
    return out


_built: list[tuple[Model, Publication, list[CaseDocument]]] = []
"""The last model's documents: the package files, the service paths, the open-data page's listing and the date
ledger all ask for them, and building them is a large share of compiling a large framework."""


def case_documents(model: Model, publication: Publication = Publication()) -> list[CaseDocument]:
    """Every CASE document of the model: shared framework, categories, roles, other frameworks (built once for the
    model and publication asked last; the model is frozen, so the answer cannot go stale)."""
    for built_for, built_with, documents in _built:
        if built_for is model and built_with == publication:
            return documents
    documents = _Builder(model, publication).build()
    _built[:] = [(model, publication, documents)]
    return documents


def all_records(model: Model) -> list[dict[str, Any]]:
    """Every dated record of every package (documents, items, associations, definitions), each once."""
    seen: dict[str, dict[str, Any]] = {}
    for document in case_documents(model):
        for record in (document.package["CFDocument"], *package_records(document.package)):
            seen.setdefault(record["identifier"], record)
    return list(seen.values())


def document_list(documents: list[CaseDocument], uris: _Uris) -> dict[str, Any]:
    """The CASE CFDocuments answer: every CFDocument with its CFPackageURI (which CaSS follows)."""
    return {"CFDocuments": [
        {**d.package["CFDocument"],
         "CFPackageURI": {"title": d.title, "identifier": d.identifier, "uri": uris.of("CFPackages", d.identifier)}}
        for d in documents]}


def case_files(model: Model, publication: Publication) -> dict[str, str]:
    """Every CASE package as atlas/data/case/<slug>.json."""
    return {urls.case_package(d.slug): json_text(d.package, sort_keys=True)
            for d in case_documents(model, publication)}


def case_service_files(model: Model, publication: Publication) -> dict[str, str]:
    """The packages under the CASE service paths, v1p0 and v1p1: CFDocuments and CFPackages/<identifier>."""
    documents = case_documents(model, publication)
    listing = json_text(document_list(documents, _Uris(publication.site_url)), sort_keys=True)
    packages = {d.identifier: json_text(d.package, sort_keys=True) for d in documents}  # the same text per version
    files = {}
    for version in SERVICE_VERSIONS:
        files[f"ims/case/{version}/CFDocuments"] = listing
        files.update({f"ims/case/{version}/CFPackages/{identifier}": text for identifier, text in packages.items()})
    return files


def case_listing(model: Model) -> dict[str, str]:
    """The CASE package files with what each holds, by name (for the open-data page)."""
    return {urls.case_package(d.slug): f"{d.title} (CASE 1.1 package)" for d in case_documents(model)}

