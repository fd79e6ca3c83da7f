// IECMH Competency Atlas: the mapper's coverage on the page: per target category (totals, gaps, introduced only)
// and the matrix of knowledge areas by course.
import { el, fill } from "../shared/dom.mjs";
import { coverageReport } from "./coverage.mjs";
import { LEVEL_NAMES } from "./editor-view.mjs";

/** Fill the coverage section for the current program. */
export function renderCoverage(box, data, program) {
  const report = coverageReport(data, program);
  const codes = report.matrix.courses;
  const kaName = (id) => data.knowledge_areas.find((k) => k.id === id)?.name ?? id;
  const cell = (level) => (level ? el("span", { class: `atlas-level atlas-level-${level}`, text: level }) : "");
  const table = (domain) => el("table", {},
    el("caption", { text: domain.name }),
    el("thead", {}, el("tr", {}, el("th", { scope: "col", text: "Knowledge area" }),
      codes.map((c) => el("th", { scope: "col", text: c })),
      ["Courses", "Highest", "Hours"].map((h) => el("th", { scope: "col", text: h })))),
    el("tbody", {}, domain.rows.map((r) => el("tr", { "data-ka": r.ka },
      el("th", { scope: "row", text: r.name }), r.cells.map((lv) => el("td", {}, cell(lv))),
      el("td", { text: String(r.reached) }), el("td", { text: r.highest ? LEVEL_NAMES[r.highest] : "not reached" }),
      el("td", { text: r.hours ? String(r.hours) : "" })))));
  const categories = report.categories.map((cov) => {
    const c = cov.category;
    const line = (label, t) => el("tr", {}, el("th", { scope: "row", text: label }),
      [t.total, t.M, t.R, t.I, t.none].map((n) => el("td", { text: String(n) })), el("td", { text: `${t.percent_reached}%` }));
    return el("div", { class: "atlas-category-coverage", "data-category": c.id },
      el("h3", { text: `${c.name} (${c.code})` }),
      el("table", {}, el("caption", { text: `Coverage of ${c.code}` }),
        el("thead", {}, el("tr", {}, ["", "Total", "Mastered", "Reinforced", "Introduced only", "Not reached", "Reached"]
          .map((h) => el("th", { scope: "col", text: h })))),
        el("tbody", {}, line("Knowledge areas", cov.knowledge_areas), line("Indicators", cov.indicators))),
      el("p", {}, el("strong", { text: "Gaps: " }), cov.gaps.length ? cov.gaps.map(kaName).join(", ") : "none"),
      el("p", {}, el("strong", { text: "Only introduced: " }),
        cov.introduced_only.length ? cov.introduced_only.map(kaName).join(", ") : "none"));
  });
  fill(box, el("h2", { id: "atlas-coverage-title", text: "Coverage" }),
    categories.length ? categories : el("p", { text: "Tick the categories the program prepares for to see their coverage and gaps." }),
    el("h3", { text: "Coverage matrix" }),
    report.matrix.domains.length ? report.matrix.domains.map(table) : el("p", { text: "Nothing mapped yet." }));
}
