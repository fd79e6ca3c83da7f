"""CSV tables of the model: every indicator, every crosswalk pair (UTF-8 with BOM, CRLF, formula-safe cells)."""
from __future__ import annotations

import csv
import io

from generator.model.types import Model, Source

INDICATOR_COLUMNS = ("category", "domain", "knowledge_area", "id", "text", "source")
PAIR_COLUMNS = ("crosswalk", "basis", "from", "from_label", "relation", "to", "to_label", "note")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula."""


def source_text(source: Source) -> str:
    """A source as '<doc id>, <section>'."""
    return f"{source.doc}, {source.section}"



def csv_cell(value: str) -> str:
    """A cell that no spreadsheet reads as a formula: text starting with = + - @ TAB or CR gets a leading '."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def csv_text(columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    """RFC 4180 CSV (CRLF, quoted where needed) with a UTF-8 byte-order mark, formula-safe cells."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    writer.writerows(tuple(csv_cell(cell) for cell in row) for row in rows)
    return "\ufeff" + out.getvalue()


def indicators_csv(model: Model) -> str:
    """One row per indicator of every category: category, domain, knowledge area, id, text, source."""
    rows = []
    for category in model.categories:
        for d in category.domains:
            domain = d.title or model.domain(d.domain).name
            for k in d.knowledge_areas or ():
                ka = k.title or model.knowledge_area(k.ka).name
                rows.extend((category.code, domain, ka, i.id, i.text, source_text(i.source))
                            for i in k.indicators or ())
    return csv_text(INDICATOR_COLUMNS, rows)


def ref_labels(model: Model) -> dict[str, str]:
    """The label of every crosswalk reference: indicator, knowledge area, domain, role duty or skill, external item."""
    labels = {i.id: i.text for c in model.categories for i in c.indicators()}
    labels.update({f"ka:{k.id}": k.name for k in model.knowledge_areas})
    labels.update({f"domain:{d.id}": d.name for d in model.domains})
    labels.update({item.id: item.text for role in model.roles for item in (*role.duties, *role.skills)})
    labels.update({item.id: item.name for fw in model.frameworks for item in fw.items})
    return labels


def crosswalk_pairs_csv(model: Model) -> str:
    """One row per crosswalk pair: crosswalk, basis, from, from_label, relation, to, to_label, note."""
    labels = ref_labels(model)
    rows = [(cw.id, cw.basis, p.source_ref, labels[p.source_ref], p.relation, p.target_ref or "",
             labels[p.target_ref] if p.target_ref else "", p.note or "")
            for cw in model.crosswalks for p in cw.pairs]
    return csv_text(PAIR_COLUMNS, rows)


