"""Load the data folder once: read, validate against the schemas, check references, build the model."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from generator.errors import DataError, DataErrors
from generator.model import (
    AssessmentSettings, Category, CategoryDomain, CategoryKnowledgeArea, Course, Cover, Crosswalk, Domain,
    ExternalFramework, ExternalItem, Framework, Indicator, KnowledgeArea, Level, Model, Note, Pair, Program, Role,
    RoleItem, Source, SourceDoc, Term,
)
from generator.schemas import check_schema
from generator.yamlfile import YamlDocument, YamlPath, read_yaml

SINGLE_FILES = {"framework.yml": "framework", "domains.yml": "domains",
                "knowledge-areas.yml": "knowledge-areas", "glossary.yml": "glossary"}
"""Files that must exist exactly once at the top of the data folder, and their schema kind."""

OPTIONAL_FILES = {"search-terms.yml": "search-terms"}
"""Files that may exist once at the top of the data folder, and their schema kind (read by generator/search.py)."""

FOLDER_KINDS = {"categories": "category", "roles": "role", "official-text": "official-text",
                "frameworks": "framework-items", "crosswalks": "crosswalk"}
"""Sub-folders holding one item per file, and their schema kind."""


def load_model(data_dir: Path, assessments_dir: Path | None = None) -> Model:
    """Read and validate every data file in data_dir (and the scale in assessments_dir); raise DataErrors on problems.

    assessments_dir defaults to the assessments/ folder beside data_dir; without a scale file there the model
    has no self-assessment settings and no self-assessment pages are generated.
    """
    errors: list[DataError] = []
    docs = _read_all(data_dir, errors)
    assessments = assessments_dir or data_dir.parent / "assessments"
    settings = _read_settings(assessments, errors)
    program_docs = _read_programs(assessments, errors)
    if errors:
        raise DataErrors(errors)
    checker = _ReferenceChecker(docs, errors)
    model = checker.build()
    if settings is not None:
        targets = [(doc, doc.data.get("assessment_target")) for doc in docs["category"]]
        top = max(level.value for level in settings.levels)
        for doc, target in targets:
            if target is not None and target > top:
                errors.append(doc.error(("assessment_target",), f"{target} is above the top level of the scale ({top})"))
        model = replace(model, assessment=settings)
    if program_docs:
        from generator.coverage import program_errors

        programs = []
        for doc in program_docs:
            program = _program(doc)
            errors.extend(program_errors(model, program, doc))
            programs.append(program)
        model = replace(model, programs=tuple(sorted(programs, key=lambda p: p.id)))
    if errors:
        raise DataErrors(errors)
    return model


def _read_programs(assessments_dir: Path, errors: list[DataError]) -> list[YamlDocument]:
    """Read and schema-check every program map in assessments/programs/."""
    docs = []
    for path in sorted((assessments_dir / "programs").glob("*.y*ml")):
        doc = read_yaml(path, errors)
        if doc is None:
            continue
        problems = check_schema(doc, "program", assessments_dir / "schemas")
        if not problems:
            problems.extend(_file_name_errors(doc))
        errors.extend(problems)
        if not problems:
            docs.append(doc)
    return docs


def _program(doc: YamlDocument) -> Program:
    """A Program from a schema-valid document."""
    raw = doc.data
    courses = tuple(
        Course(c["code"].strip(), c["title"].strip(), c.get("credits"), c.get("clock_hours"),
               tuple(Cover(x["item"], x["level"], x.get("hours")) for x in c["covers"]))
        for c in raw["courses"])
    return Program(raw["id"], raw["institution"], raw["program"], raw.get("fictional", False), raw.get("note"),
                   tuple(raw["target_categories"]), courses)


def _read_settings(assessments_dir: Path, errors: list[DataError]) -> AssessmentSettings | None:
    """Read and check assessments/scale.yml, if the folder has one."""
    path = assessments_dir / "scale.yml"
    if not path.is_file():
        return None
    doc = read_yaml(path, errors)
    if doc is None:
        return None
    problems = check_schema(doc, "scale", assessments_dir / "schemas")
    raw = doc.data
    if not problems:
        values = [level["value"] for level in raw["levels"]]
        if values != list(range(len(values))):
            problems.append(doc.error(("levels",), f"level values must be 0, 1, 2, ... in order; found {values}"))
        if raw["default_target"] > values[-1]:
            problems.append(doc.error(("default_target",), f"{raw['default_target']} is above the top level"))
        ids = [e["id"] for e in raw["evidence"]]
        for i, evidence_id in enumerate(ids):
            if ids.index(evidence_id) != i:
                problems.append(doc.error(("evidence", i, "id"), f"duplicate evidence id '{evidence_id}'"))
    errors.extend(problems)
    if problems:
        return None
    return AssessmentSettings(
        tuple(Level(lv["value"], lv["label"], lv["description"]) for lv in raw["levels"]),
        raw["not_enough_info"]["label"], raw["not_enough_info"]["description"], raw["default_target"],
        tuple((e["id"], e["label"]) for e in raw["evidence"]), raw["limits"]["import_bytes"],
        raw["limits"]["note_chars"], raw["storage_key"], raw["privacy_statement"])


def _read_all(data_dir: Path, errors: list[DataError]) -> dict[str, list[YamlDocument]]:
    """Read each data file, check it against its schema, and group the readable ones by kind."""
    schema_dir = data_dir / "schemas"
    if not data_dir.is_dir():
        errors.append(DataError(data_dir, 1, 1, (), "data folder not found"))
        return {}
    found: dict[str, list[YamlDocument]] = {kind: [] for kind in [*SINGLE_FILES.values(), *OPTIONAL_FILES.values(),
                                                                  *FOLDER_KINDS.values()]}
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file() and p.suffix in (".yml", ".yaml")):
        kind = _kind_of(data_dir, path)
        if kind is None:
            errors.append(DataError(path, 1, 1, (), "unknown data file: expected one of "
                                    + ", ".join([*SINGLE_FILES, *OPTIONAL_FILES,
                                                 *(f"{d}/*.yml" for d in FOLDER_KINDS)])))
            continue
        doc = read_yaml(path, errors)
        if doc is None:
            continue
        schema_errors = check_schema(doc, kind, schema_dir)
        errors.extend(schema_errors)
        if not schema_errors:
            found[kind].append(doc)
    for name, kind in SINGLE_FILES.items():
        if not (data_dir / name).is_file():
            errors.append(DataError(data_dir / name, 1, 1, (), f"required {kind} file is missing"))
    if not any((data_dir / "categories").glob("*.yml")):
        errors.append(DataError(data_dir / "categories", 1, 1, (), "no category files found"))
    return found


def _kind_of(data_dir: Path, path: Path) -> str | None:
    """The schema kind of a data file from where it stands, or None if it stands nowhere known."""
    rel = path.relative_to(data_dir)
    if len(rel.parts) == 1:
        return SINGLE_FILES.get(rel.name) or OPTIONAL_FILES.get(rel.name)
    if len(rel.parts) == 2 and path.suffix == ".yml":
        return FOLDER_KINDS.get(rel.parts[0])
    return None


def _file_name_errors(doc: YamlDocument) -> list[DataError]:
    """An error when a one-item file's id differs from its file name (ids and file names must agree)."""
    if doc.path.stem == doc.data["id"]:
        return []
    return [doc.error(("id",), f"id '{doc.data['id']}' must match the file name '{doc.path.stem}.yml'")]


def _source(raw: dict[str, Any]) -> Source:
    """A Source from its YAML mapping."""
    return Source(raw["doc"], raw["section"])


class _ReferenceChecker:
    """Checks ids and references across files while building the model."""

    def __init__(self, docs: dict[str, list[YamlDocument]], errors: list[DataError]) -> None:
        """Keep the schema-valid documents and the shared error list."""
        self.docs = docs
        self.errors = errors
        self.source_ids: set[str] = set()
        self.item_ids: dict[str, tuple[YamlDocument, YamlPath]] = {}

    def build(self) -> Model:
        """Check every reference and return the model (only meaningful when no errors were added)."""
        framework = self._framework(self.docs["framework"][0])
        domains = self._domains(self.docs["domains"][0])
        domain_ids = {d.id for d in domains}
        kas = self._knowledge_areas(self.docs["knowledge-areas"][0], domain_ids)
        ka_domain = {k.id: k.domain for k in kas}
        categories = [self._category(doc, domain_ids, ka_domain) for doc in self.docs["category"]]
        category_ids = {c.id for c in categories}
        for doc, category in zip(self.docs["category"], categories):
            if category.counterpart and category.counterpart not in category_ids:
                self.errors.append(doc.error(("counterpart",), f"unknown category '{category.counterpart}'"))
        roles = [self._role(doc) for doc in self.docs["role"]]
        terms = self._terms(self.docs["glossary"][0])
        for doc in self.docs["search-terms"]:  # read by generator/search.py; only its sources are checked here
            self._check_sources(doc, doc.data)
        licences = self._apply_official_text(categories)
        framework = Framework(**{**framework.__dict__, "official_licences": tuple(licences)})
        ordered = sorted(categories, key=_category_order)
        externals = [self._external(doc) for doc in self.docs["framework-items"]]
        parents = _parents(categories, kas)
        crosswalks = [self._crosswalk(doc, parents, {d.id for d in domains}) for doc in self.docs["crosswalk"]]
        return Model(framework, tuple(domains), tuple(kas), tuple(ordered), tuple(roles), tuple(terms),
                     tuple(externals), tuple(sorted(crosswalks, key=lambda c: c.id)))

    def _external(self, doc: YamlDocument) -> ExternalFramework:
        """Build another framework, claiming its item ids."""
        raw = doc.data
        self._check_sources(doc, raw)
        self.errors.extend(_file_name_errors(doc))
        items = []
        for i, item in enumerate(raw["items"]):
            if not item["id"].startswith(raw["id"] + "."):
                self.errors.append(doc.error(("items", i, "id"), f"item id must start with '{raw['id']}.'"))
            self._claim_id(doc, ("items", i, "id"), item["id"], "item")
            items.append(ExternalItem(item["id"], item["name"], item.get("summary")))
        return ExternalFramework(raw["id"], raw["title"], raw["publisher"], raw.get("year"), raw.get("summary"),
                                 _source(raw["source"]), tuple(items))

    def _crosswalk(self, doc: YamlDocument, parents: dict[str, set[str]], domain_ids: set[str]) -> Crosswalk:
        """Build a crosswalk, checking ids, relation shape, repeats, self-relations and hierarchy."""
        raw = doc.data
        self._check_sources(doc, raw)
        self._claim_id(doc, ("id",), raw["id"], "crosswalk")
        self.errors.extend(_file_name_errors(doc))
        pairs = []
        seen: dict[frozenset[str], int] = {}
        for i, p in enumerate(raw["pairs"]):
            path: YamlPath = ("pairs", i)
            source_ref, target_ref, relation = p["from"], p.get("to"), p["relation"]
            for key, ref in (("from", source_ref), ("to", target_ref)):
                if ref is not None and not self._ref_exists(ref, domain_ids):
                    self.errors.append(doc.error(path + (key,), f"unknown item '{ref}'"))
            if relation == "no-equivalent" and target_ref is not None:
                self.errors.append(doc.error(path + ("to",), "a no-equivalent relation has no 'to'"))
            elif relation != "no-equivalent" and target_ref is None:
                self.errors.append(doc.error(path + ("relation",), f"missing 'to' for relation '{relation}'"))
            if target_ref is not None and target_ref == source_ref:
                self.errors.append(doc.error(path + ("to",), f"'{source_ref}' is related to itself"))
            key = frozenset({source_ref, target_ref or "(none)"})
            if key in seen:
                first = doc.where(("pairs", seen[key]))[0]
                self.errors.append(doc.error(path, f"the pair {source_ref} / {target_ref or 'no-equivalent'} is given "
                                                   f"twice (first on line {first})"))
            seen.setdefault(key, i)
            if target_ref and (target_ref in parents.get(source_ref, ()) or source_ref in parents.get(target_ref, ())):
                self.errors.append(doc.error(path + ("to",), f"'{source_ref}' and '{target_ref}' are parent and child: hierarchy "
                                                   "is not a crosswalk"))
            pairs.append(Pair(source_ref, target_ref, relation, p.get("note"),
                              _source(p["source"]) if "source" in p else _source(raw["source"])))
        return Crosswalk(raw["id"], raw["title"], raw["basis"], _source(raw["source"]), raw.get("summary"),
                         tuple(pairs))

    def _ref_exists(self, ref: str, domain_ids: set[str]) -> bool:
        """True when a crosswalk reference names a known item, knowledge area or domain."""
        if ref.startswith("ka:"):
            return f"ka:{ref[3:]}" in self.item_ids
        if ref.startswith("domain:"):
            return ref[7:] in domain_ids
        return f"item:{ref}" in self.item_ids

    def _framework(self, doc: YamlDocument) -> Framework:
        """Build the framework and remember its source ids."""
        raw = doc.data
        sources = []
        for i, s in enumerate(raw["sources"]):
            if s["id"] in self.source_ids:
                self.errors.append(doc.error(("sources", i, "id"), f"duplicate source id '{s['id']}'"))
            self.source_ids.add(s["id"])
            sources.append(SourceDoc(s["id"], s["title"], s["publisher"], s.get("year"), s.get("file"),
                                     s.get("url"), s.get("note")))
        return Framework(raw["title"], raw["publisher"], raw["edition"], raw["version"], raw["date"],
                         raw["licence"], raw["disclaimer"], raw["text_kind"], tuple(sources))

    def _check_sources(self, doc: YamlDocument, node: Any, ypath: YamlPath = ()) -> None:
        """Report every source.doc under node that names an undeclared source."""
        if isinstance(node, dict):
            src = node.get("source")
            if isinstance(src, dict) and src.get("doc") not in self.source_ids:
                self.errors.append(doc.error(ypath + ("source", "doc"),
                                             f"unknown source '{src.get('doc')}' (declare it in framework.yml sources)"))
            for key, value in node.items():
                self._check_sources(doc, value, ypath + (key,))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                self._check_sources(doc, value, ypath + (i,))

    def _claim_id(self, doc: YamlDocument, ypath: YamlPath, item_id: str, space: str) -> None:
        """Record an id, reporting it if the same id was already used in its id space."""
        key = f"{space}:{item_id}"
        if key in self.item_ids:
            first_doc, first_path = self.item_ids[key]
            line = first_doc.where(first_path)[0]
            self.errors.append(doc.error(ypath, f"duplicate id '{item_id}' (first used in {first_doc.path.name} "
                                                f"line {line})"))
        else:
            self.item_ids[key] = (doc, ypath)

    def _domains(self, doc: YamlDocument) -> list[Domain]:
        """Build the domains."""
        self._check_sources(doc, doc.data)
        out = []
        for i, d in enumerate(doc.data["domains"]):
            self._claim_id(doc, ("domains", i, "id"), d["id"], "domain")
            out.append(Domain(d["id"], d["name"], d["summary"], _source(d["source"]), d.get("note")))
        return out

    def _knowledge_areas(self, doc: YamlDocument, domain_ids: set[str]) -> list[KnowledgeArea]:
        """Build the knowledge areas, checking their domains."""
        self._check_sources(doc, doc.data)
        out = []
        for i, k in enumerate(doc.data["knowledge_areas"]):
            self._claim_id(doc, ("knowledge_areas", i, "id"), k["id"], "ka")
            if k["domain"] not in domain_ids:
                self.errors.append(doc.error(("knowledge_areas", i, "domain"), f"unknown domain '{k['domain']}'"))
            out.append(KnowledgeArea(k["id"], k["name"], k["domain"], k["summary"], _source(k["source"]),
                                     k.get("note")))
        return out

    def _category(self, doc: YamlDocument, domain_ids: set[str], ka_domain: dict[str, str]) -> Category:
        """Build one category, checking its domains, knowledge areas and indicator ids."""
        raw = doc.data
        self._check_sources(doc, raw)
        self._claim_id(doc, ("id",), raw["id"], "category")
        self.errors.extend(_file_name_errors(doc))
        domains = []
        seen_domains: set[str] = set()
        seen_kas: set[str] = set()
        for di, d in enumerate(raw["domains"]):
            dpath: YamlPath = ("domains", di)
            if d["domain"] not in domain_ids:
                self.errors.append(doc.error(dpath + ("domain",), f"unknown domain '{d['domain']}'"))
            elif d["domain"] in seen_domains:
                self.errors.append(doc.error(dpath + ("domain",), f"domain '{d['domain']}' is listed twice"))
            seen_domains.add(d["domain"])
            kas = None
            if "knowledge_areas" in d:
                kas = tuple(self._category_ka(doc, dpath + ("knowledge_areas", ki), d["domain"], k, ka_domain,
                                              seen_kas)
                            for ki, k in enumerate(d["knowledge_areas"]))
            domains.append(CategoryDomain(d["domain"], d.get("title", ""), kas))
        notes = tuple(Note(n["text"], _source(n["source"]), n.get("uncertain", False)) for n in raw.get("notes", []))
        return Category(raw["id"], raw["code"], raw["name"], raw["track"], tuple(raw["scope"]),
                        raw.get("status", "established"), raw.get("designation"), raw.get("counterpart"),
                        raw["summary"], _source(raw["source"]), notes, raw.get("assessment_target"),
                        raw["requirements"], tuple(domains))

    def _category_ka(self, doc: YamlDocument, kpath: YamlPath, domain_id: str, raw: dict[str, Any],
                     ka_domain: dict[str, str], seen: set[str]) -> CategoryKnowledgeArea:
        """Build one knowledge area of a category with its indicators."""
        ka = raw["ka"]
        if ka not in ka_domain:
            self.errors.append(doc.error(kpath + ("ka",), f"unknown knowledge area '{ka}'"))
        elif ka_domain[ka] != domain_id:
            self.errors.append(doc.error(kpath + ("ka",), f"knowledge area '{ka}' belongs to domain "
                                                          f"'{ka_domain[ka]}', not '{domain_id}'"))
        if ka in seen:
            self.errors.append(doc.error(kpath + ("ka",), f"knowledge area '{ka}' is listed twice"))
        seen.add(ka)
        indicators = None
        if "indicators" in raw:
            items = []
            for ii, ind in enumerate(raw["indicators"]):
                self._claim_id(doc, kpath + ("indicators", ii, "id"), ind["id"], "item")
                items.append(Indicator(ind["id"], ind["text"].strip(), _source(ind["source"]), ind.get("note")))
            indicators = tuple(items)
        return CategoryKnowledgeArea(ka, raw.get("title", ""), _source(raw["source"]), raw.get("note"),
                                     raw.get("uncertain", False), indicators)

    def _role(self, doc: YamlDocument) -> Role:
        """Build one role profile."""
        raw = doc.data
        self._check_sources(doc, raw)
        self.errors.extend(_file_name_errors(doc))
        items = {}
        for key in ("duties", "skills"):
            for i, item in enumerate(raw[key]):
                self._claim_id(doc, (key, i, "id"), item["id"], "item")
            items[key] = tuple(RoleItem(x["id"], x["kind"], x["text"], _source(x["source"])) for x in raw[key])
        return Role(raw["id"], raw["title"], raw["summary"], _source(raw["source"]), raw.get("career", {}),
                    items["duties"], items["skills"], raw["education"], raw["experience"])

    def _terms(self, doc: YamlDocument) -> list[Term]:
        """Build the glossary, checking see_also references."""
        self._check_sources(doc, doc.data)
        raw_terms = doc.data["terms"]
        for i, t in enumerate(raw_terms):
            self._claim_id(doc, ("terms", i, "id"), t["id"], "term")
        ids = {t["id"] for t in raw_terms}
        for i, t in enumerate(raw_terms):
            for j, other in enumerate(t.get("see_also", [])):
                if other not in ids:
                    self.errors.append(doc.error(("terms", i, "see_also", j), f"unknown term '{other}'"))
        return sorted((Term(t["id"], t["term"], t.get("abbreviation"), t["definition"], _source(t["source"]),
                            tuple(t.get("see_also", []))) for t in raw_terms), key=lambda t: t.term.lower())

    def _apply_official_text(self, categories: list[Category]) -> list[str]:
        """Replace paraphrases by licensed official text from official-text/*.yml; return the licences used."""
        texts: dict[str, str] = {}
        licences = []
        for doc in self.docs["official-text"]:
            licences.append(doc.data["licence"])
            for item_id, text in doc.data["texts"].items():
                if f"item:{item_id}" not in self.item_ids:
                    self.errors.append(doc.error(("texts", item_id), f"unknown indicator id '{item_id}'"))
                texts[item_id] = text.strip()
        if not texts:
            return licences
        for ci, category in enumerate(categories):
            categories[ci] = _with_official_text(category, texts)
        return licences


def _with_official_text(category: Category, texts: dict[str, str]) -> Category:
    """A copy of category whose indicators use the official text where texts has it."""
    def swap(items: Iterable[Indicator]) -> tuple[Indicator, ...]:
        return tuple(Indicator(i.id, texts[i.id], i.source, i.note, True) if i.id in texts else i for i in items)

    domains = tuple(
        CategoryDomain(d.domain, d.title, None if d.knowledge_areas is None else tuple(
            CategoryKnowledgeArea(k.ka, k.title, k.source, k.note, k.uncertain,
                                  None if k.indicators is None else swap(k.indicators))
            for k in d.knowledge_areas))
        for d in category.domains)
    return Category(**{**category.__dict__, "domains": domains})


def _parents(categories: list[Category], kas: list[KnowledgeArea]) -> dict[str, set[str]]:
    """Crosswalk references of every item's parents: indicator -> its ka: and domain:, ka: -> its domain:."""
    parents: dict[str, set[str]] = {f"ka:{k.id}": {f"domain:{k.domain}"} for k in kas}
    for category in categories:
        for d in category.domains:
            for k in d.knowledge_areas or ():
                for indicator in k.indicators or ():
                    parents[indicator.id] = {f"ka:{k.ka}", f"domain:{d.domain}"}
    return parents


TRACK_ORDER = {"infant": 0, "early-childhood": 1, "infant-early-childhood": 2}
SCOPE_ORDER = {"promotion": 0, "prevention": 1, "reflective-supervision": 2, "intervention": 3, "leadership": 4}


def _category_order(category: Category) -> tuple[int, int, str]:
    """Sort key: track, then scope from promotion to leadership, then code."""
    return (TRACK_ORDER[category.track], min(SCOPE_ORDER[s] for s in category.scope), category.code)
