// IECMH Competency Atlas: the mapper's coverage on the page: per target category (totals, gaps, introduced only),
// the matrix of knowledge areas by course, and a short summary that stays in view beside the editor. Built once per
// shape (courses, rows and targets); after that a change only rewrites the cells whose text changed.
import { el, fill } from "../shared/dom.mjs";
import { unwatch, watch } from "../wide-tables.mjs";
import { coverageReport } from "./coverage.mjs";

/** The names of the levels, by letter. */
export const LEVEL_NAMES = { I: "Introduced", R: "Reinforced", M: "Mastered" };

/** What a category's gaps say while the Atlas has none of its knowledge areas. */
const NOT_ENTERED = "not yet entered (the Atlas has none of this category's knowledge areas yet)";


/** What decides the coverage section's elements: the course codes, the matrix rows and the target categories. */
function shapeOf(report) {
  return JSON.stringify([report.matrix.courses, report.matrix.domains.map((d) => d.rows.map((r) => r.ka)),
    report.categories.map((c) => c.category.id)]);
}

/** The text of each cell, in the order cellNodes lists the cells (see CoverageView.build). */
function cellTexts(report, kaName) {
  const texts = [];
  for (const cov of report.categories) {
    for (const t of [cov.knowledge_areas, cov.indicators]) texts.push(...[t.total, t.M, t.R, t.I, t.none].map(String), `${t.percent_reached}%`);
    // A category whose knowledge areas are not yet entered has no coverage to tell, not "0 of 0" and no gaps.
    const unknown = cov.knowledge_areas.total === 0;
    texts.push(unknown ? NOT_ENTERED : cov.gaps.length ? cov.gaps.map(kaName).join(", ") : "none",
      unknown ? NOT_ENTERED : cov.introduced_only.length ? cov.introduced_only.map(kaName).join(", ") : "none");
    const reached = cov.knowledge_areas.total - cov.knowledge_areas.none;
    texts.push(unknown ? "not yet entered" : `${reached} of ${cov.knowledge_areas.total}`, unknown ? "—" : String(cov.gaps.length));
  }
  for (const domain of report.matrix.domains) {
    for (const r of domain.rows) {
      texts.push(...r.cells.map((lv) => lv ?? ""), String(r.reached), r.highest ? LEVEL_NAMES[r.highest] : "not reached",
        r.hours ? String(r.hours) : "");
    }
  }
  return texts;
}

/** The coverage section and its summary, kept in step with a program. */
export class CoverageView {
  /** box: the coverage section; summary: the box of the short summary beside the editor. */
  constructor(box, summary, data) {
    this.box = box;
    this.summary = summary;
    this.data = data;
    this.shape = null;
    this.cells = [];
    this.texts = [];
    this.kaNames = new Map(data.knowledge_areas.map((k) => [k.id, k.name]));
    this.wrappers = [];
  }

  /** A table in the theme's scrolling wrapper, marked when it is wider than the page (see wide-tables.mjs). */
  scrolling(table) {
    const wrapper = el("div", { class: "md-typeset__scrollwrap" }, el("div", { class: "md-typeset__table" }, table));
    watch(wrapper);
    this.wrappers.push(wrapper);
    return wrapper;
  }

  /** Show the program's coverage: rebuilt when its shape changed, else only the cells whose text changed. */
  render(program) {
    for (const step of this.renderSteps(program)) step();
  }

  /** render as small steps (see runInPieces): when the shape changed, the build a table row or category a step (each
   *  filling the cells it made), else one step that rewrites the cells whose text changed. */
  renderSteps(program) {
    const report = coverageReport(this.data, program);
    const texts = cellTexts(report, (id) => this.kaNames.get(id) ?? id);
    const shape = shapeOf(report);
    if (shape === this.shape) return [() => this.update(texts)];
    return this.buildSteps(report, texts, shape);
  }

  /** Rewrite the cells whose text changed. */
  update(texts) {
    texts.forEach((text, k) => {
      if (this.texts[k] !== text) this.cells[k](text);
    });
    this.texts = texts;
  }

  /** A setter that writes a cell's text (the first render fills every cell). */
  textCell(node) {
    this.cells.push((text) => { node.textContent = text; });
    return node;
  }

  /** A setter that shows a level letter in a matrix cell, as a coloured mark. */
  levelCell(node) {
    const mark = el("span", { class: "atlas-level" });
    this.cells.push((level) => {
      mark.textContent = level;
      mark.className = `atlas-level atlas-level-${level}`;
      if (level && !mark.isConnected) node.append(mark);
      else if (!level) mark.remove();
    });
    return node;
  }

  /** The steps that build every element of the section and the summary and fill their cells: the headings first,
   *  then a category or a matrix row a step. A later build (a change while these steps were still running) turns the
   *  rest of them into no-ops. */
  buildSteps(report, texts, shape) {
    const build = {};
    const current = (step) => () => {
      if (this.building !== build) return;
      step();
      for (let k = this.texts.length; k < this.cells.length; k++) this.cells[k](texts[k]);
      this.texts = texts.slice(0, this.cells.length);
    };
    const codes = report.matrix.courses;
    const totals = (label) => el("tr", {}, el("th", { scope: "row", text: label }),
      Array.from({ length: 6 }, () => this.textCell(el("td"))));
    let summaryRows = null;
    const steps = [() => {
      this.building = build;
      this.shape = null;
      this.wrappers.forEach(unwatch);
      this.wrappers = [];
      this.cells = [];
      this.texts = [];
      summaryRows = el("tbody");
      fill(this.box, el("h2", { id: "atlas-coverage-title", text: "Coverage" }),
        report.categories.length ? null : el("p", { text: "Tick the categories the program prepares for to see their coverage and gaps." }));
      fill(this.summary, el("h2", { id: "atlas-summary-title", text: "Coverage now" }),
        report.categories.length
          ? el("table", { class: "atlas-summary-table" },
            el("thead", {}, el("tr", {}, ["Category", "Areas reached", "Gaps"].map((h) => el("th", { scope: "col", text: h })))),
            summaryRows)
          : el("p", { text: "Tick the categories the program prepares for to see their coverage here." }),
        el("p", {}, el("a", { href: "#atlas-coverage-title", text: "Gaps and the coverage matrix" })));
    }];
    steps.push(...report.categories.map((cov) => current(() => {
      const c = cov.category;
      this.box.append(el("div", { class: "atlas-category-coverage", "data-category": c.id },
        el("h3", { text: `${c.name} (${c.code})` }),
        this.scrolling(el("table", {}, el("caption", { text: `Coverage of ${c.code}` }),
          el("thead", {}, el("tr", {}, ["", "Total", "Mastered", "Reinforced", "Introduced only", "Not reached", "Reached"]
            .map((h) => el("th", { scope: "col", text: h })))),
          el("tbody", {}, totals("Knowledge areas"), totals("Indicators")))),
        el("p", {}, el("strong", { text: "Gaps: " }), this.textCell(el("span"))),
        el("p", {}, el("strong", { text: "Only introduced: " }), this.textCell(el("span")))));
      summaryRows.append(el("tr", { "data-category": c.id }, el("th", { scope: "row" }, el("abbr", { title: c.name, text: c.code })),
        this.textCell(el("td")), this.textCell(el("td"))));
    })));
    steps.push(current(() => this.box.append(el("h3", { text: "Coverage matrix" }),
      report.matrix.domains.length ? null : el("p", { text: "Nothing mapped yet." }))));
    for (const domain of report.matrix.domains) {
      let body = null;
      steps.push(current(() => {
        body = el("tbody");
        this.box.append(this.scrolling(el("table", {},
          el("caption", { text: domain.name }),
          el("thead", {}, el("tr", {}, el("th", { scope: "col", text: "Knowledge area" }),
            codes.map((c) => el("th", { scope: "col", text: c })),
            ["Courses", "Highest", "Hours"].map((h) => el("th", { scope: "col", text: h })))),
          body)));
      }));
      steps.push(...domain.rows.map((r) => current(() => body.append(el("tr", { "data-ka": r.ka },
        el("th", { scope: "row", text: r.name }), r.cells.map(() => this.levelCell(el("td"))),
        this.textCell(el("td")), this.textCell(el("td")), this.textCell(el("td")))))));
    }
    steps.push(current(() => {
      this.shape = shape;
    }));
    return steps;
  }
}
