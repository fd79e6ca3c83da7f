// IECMH Competency Atlas: the panels of ratings by others (see raters-view.mjs): "self and raters" (the rater files,
// the comparison, the learning plan) and "rate someone else". Loaded when a panel is first opened; its methods join
// RatersView (this is the RatersView of the mount). DOM glue only; text goes in as text, never as HTML.
import { downloadText, el, fill, readChosenFile, showFieldMessage } from "../shared/dom.mjs";
import { inTasks } from "../shared/tasks.mjs";
import {
  ROLES, WAYS, addRater, compareRow, comparison, draftProblem, emptyRating, maxRaters, noteItem, parseRaterFile,
  planCandidates, planEntries, rateItem, raterFileName, raterFileText, raterList, removeRater, rowShown,
  setPlanField, setRatingField,
} from "./raters.mjs";
import { ratingGroup } from "./items-view.mjs";
import { raterName, ratingText, readinessSentences, ruleSentences } from "./raters-report.mjs";

const FILTERS = [
  { id: "all", label: "Every item" },
  { id: "differ", label: "Where we differ by two levels or more" },
  { id: "could-not-rate", label: "Where a rater could not rate" },
];

class RaterPanels {
  // ---------- self and raters ----------

  /** Build the whole comparison panel from the companion and the self-assessment (see RatersView.renderCompare). */
  buildCompare() {
    const raters = raterList(this.companion);
    this.raters = raters;
    this.importInput = el("input", { type: "file", accept: ".json,application/json", id: "atlas-rater-import" });
    this.importInput.addEventListener("change", () => this.importRater());
    const room = maxRaters(this.data) - raters.length;
    fill(this.compareSection, // fill skips the parts that are null (replaceChildren would print "null")
      el("h2", { id: "atlas-compare-title", tabindex: "-1", text: "Self and raters" }),
      el("p", {}, "Import the rater files that your supervisor and your references saved with \"Rate someone else\". " +
        "Each rating is shown beside yours as it was given; ratings are never averaged. The files stay in this browser."),
      el("h3", { text: "Rules for reference ratings" }),
      el("ul", { class: "atlas-rules" }, ruleSentences(this.data).map((s) => el("li", { text: s }))),
      el("h3", { text: `Rater files (${raters.length} of ${maxRaters(this.data)})` }),
      el("p", { class: "atlas-rater-import" }, el("label", { for: "atlas-rater-import" }, "Import a rater file: "),
        this.importInput, room > 0 ? null : el("span", { class: "atlas-meta", text: " (as many as this comparison takes; remove one to import another)" })),
      raters.length ? el("ul", { class: "atlas-raters" }, raters.map((rater, i) => this.raterEntry(rater, i))) : el("p", { text: "No rater files are imported yet." }),
      raters.length ? this.comparisonPart(raters) : null,
      this.planPart());
  }

  /** One imported rater file: who, readiness, and its remove button. */
  raterEntry(rater, index) {
    const remove = el("button", { type: "button", class: "md-button" }, `Remove rater ${index + 1}`);
    remove.addEventListener("click", () => {
      if (!window.confirm(`Remove the file of rater ${index + 1} (${raterName(rater, index + 1)})? Keep the file itself if you may need it again.`)) return;
      const why = this.takeCompanion(() => removeRater(this.companion, rater.id), remove);
      this.app.say(why ? `Not removed: ${why}` : `Removed the file of rater ${index + 1}.`);
      if (!why) {
        this.renderCompare();
        this.app.renderSummary();
        this.compareSection.querySelector("h2").focus();
      }
    });
    return el("li", { "data-rater": rater.id },
      el("strong", { text: raterName(rater, index + 1) }), " (person rated: ", rater.person, ") ", remove,
      el("ul", {}, readinessSentences(this.data, rater, new Date()).map((s) => el("li", { text: s }))));
  }

  /** Filters and the table of every item's self rating beside each rater's rating. */
  comparisonPart(raters) {
    const counts = comparison(this.data, this.app.state, raters);
    this.filterLabels = {};
    const filters = el("fieldset", { class: "atlas-rater-filters" }, el("legend", { text: "Show" }),
      FILTERS.map((f) => {
        const id = `atlas-rater-filter-${f.id}`;
        const radio = el("input", { type: "radio", name: "atlas-rater-filter", id, value: f.id });
        radio.checked = this.filter === f.id;
        radio.addEventListener("change", () => this.setFilter(f.id));
        this.filterLabels[f.id] = el("label", { for: id });
        return el("span", { class: "atlas-choice" }, radio, this.filterLabels[f.id]);
      }));
    this.rows = {};
    const body = el("tbody", {}, this.data.items.map((item) => {
      const tr = el("tr", { "data-item": item.id });
      this.rows[item.id] = tr;
      this.fillRow(tr, compareRow(this.data, this.app.state, raters, item), item);
      return tr;
    }));
    this.table = el("table", { class: "atlas-comparison" },
      el("caption", { text: "Your rating and each rater's rating, per item (marked: two levels or more apart from yours)" }),
      el("thead", {}, el("tr", {}, el("th", { scope: "col", text: "Item" }), el("th", { scope: "col", text: "You" }),
        raters.map((r, i) => el("th", { scope: "col", text: raterName(r, i + 1) })))),
      body);
    this.emptyFilter = el("p", { class: "atlas-meta", hidden: true }, "No item matches this filter.");
    const part = el("div", {}, el("h3", { text: "Side by side" }), filters, this.emptyFilter,
      el("div", { class: "atlas-wide", tabindex: "0", role: "region", "aria-label": "Side by side (scrolls sideways on a narrow screen)" }, this.table));
    this.renderCounts(counts);
    return part;
  }

  /** Fill one row of the table. */
  fillRow(tr, row, item) {
    tr.hidden = !rowShown(row, this.filter);
    tr.classList.toggle("atlas-differs", row.differs);
    fill(tr, el("th", { scope: "row", text: item.text }), el("td", { text: ratingText(this.data, row.self) }),
      row.raters.map((rating, i) => el("td", { class: row.marked[i] ? "atlas-marked" : null },
        ratingText(this.data, rating), row.marked[i] ? el("strong", { class: "atlas-mark", text: " (two or more levels apart)" }) : null,
        row.notes[i] ? el("span", { class: "atlas-rater-note", text: row.notes[i] }) : null)));
    tr.dataset.shown = String(!tr.hidden);
  }

  /** The filter labels with their counts, and the note when nothing matches. */
  renderCounts(counts) {
    const n = { all: this.data.items.length, differ: counts.differing, "could-not-rate": counts.couldNotRate };
    for (const f of FILTERS) this.filterLabels[f.id].textContent = `${f.label} (${n[f.id]})`;
    if (this.emptyFilter) this.emptyFilter.hidden = n[this.filter] > 0;
  }

  /** Show only the rows of one filter. */
  setFilter(filter) {
    this.filter = filter;
    const { rows } = comparison(this.data, this.app.state, this.raters);
    for (const row of rows) {
      const tr = this.rows[row.id];
      tr.hidden = !rowShown(row, filter);
      tr.dataset.shown = String(!tr.hidden);
    }
    this.renderCounts(comparison(this.data, this.app.state, this.raters));
  }

  /** Add or remove one item's plan entry after a change of that item (only its own candidacy can have changed). */
  refreshPlanEntry(item) {
    const wanted = planCandidates(this.data, this.app.state, this.companion).some((i) => i.id === item.id);
    const node = this.planNodes[item.id];
    if (wanted === Boolean(node)) return;
    if (!wanted) {
      if (node.contains(document.activeElement)) return; // never pull a field away from under the keyboard
      node.remove();
      delete this.planNodes[item.id];
      if (Object.keys(this.planNodes).length === 0) this.planBox.replaceWith(this.planPart());
      return;
    }
    if (Object.keys(this.planNodes).length === 0) {
      this.planBox.replaceWith(this.planPart());
      return;
    }
    const entry = planEntries(this.data, this.companion).find((p) => p.id === item.id);
    const fresh = this.planEntry(item, entry);
    const order = this.data.items.map((i) => i.id);
    const after = order.slice(order.indexOf(item.id) + 1).find((id) => this.planNodes[id]);
    if (after) this.planNodes[after].before(fresh);
    else this.planBox.append(fresh);
    this.planNodes[item.id] = fresh;
  }

  // ---------- importing a rater file ----------

  async importRater() {
    const input = this.importInput;
    const chosen = await readChosenFile(input, this.data.scale.limits.import_bytes);
    if (!chosen) return;
    const refuse = (why) => {
      showFieldMessage(input, `Not imported: ${why}`);
      this.app.say(`Rater file refused: ${why} Your answers and the other rater files are unchanged.`);
    };
    if (chosen.refused) {
      refuse(chosen.refused);
      return;
    }
    const result = parseRaterFile(chosen.text, this.data, this.companion);
    if (!result.ok) {
      refuse(result.error);
      return;
    }
    const why = this.takeCompanion(() => addRater(this.companion, result.rater), null);
    if (why) {
      refuse(why);
      return;
    }
    this.renderCompare();
    this.app.renderSummary();
    const unknown = result.unknown.length ? ` ${result.unknown.length} of its ratings are for items no longer in the data; they are kept in the file's copy but not shown.` : "";
    this.app.say(`Imported the rater file ${chosen.name} (${raterName(result.rater, raterList(this.companion).length)}).${unknown}`);
    this.importInput.focus();
  }

  // ---------- learning plan ----------

  /** The learning plan: for each gap or difference, a goal, a way and a target date. */
  planPart() {
    const items = planCandidates(this.data, this.app.state, this.companion);
    this.planNodes = {};
    const entries = new Map(planEntries(this.data, this.companion).map((p) => [p.id, p]));
    this.planBox = el("div", { class: "atlas-plan" }, el("h3", { text: "Learning plan" }),
      el("p", {}, "For each item below your target level, and each item where you and a rater differ by two levels or " +
        "more: what you want to reach, how, and by when."),
      items.length === 0 ? el("p", { text: "No gaps or differences yet: rate some items below the target, or import a rater file." })
        : items.map((item) => {
          this.planNodes[item.id] = this.planEntry(item, entries.get(item.id));
          return this.planNodes[item.id];
        }));
    return this.planBox;
  }

  /** The goal, way and target date of one item. */
  planEntry(item, entry) {
    const base = `atlas-plan-${item.id.replace(/[^A-Za-z0-9_-]/g, "_")}`;
    const goal = el("textarea", { id: `${base}-goal`, rows: 2, maxlength: this.data.scale.limits.note_chars });
    goal.value = entry?.goal ?? "";
    const way = el("select", { id: `${base}-way` }, el("option", { value: "", text: "Not chosen" }),
      WAYS.map((w) => el("option", { value: w.id, text: w.label })));
    way.value = entry?.way ?? "";
    const date = el("input", { type: "date", id: `${base}-date` });
    date.value = entry?.target_date ?? "";
    const change = (key, control, value) => {
      const why = this.takeCompanion(() => setPlanField(this.companion, item.id, key, value, this.data), control);
      if (why) this.app.say(`That plan entry was not accepted, so it is not saved: ${why}`);
      else this.app.renderSummary();
    };
    goal.addEventListener("input", () => change("goal", goal, goal.value));
    way.addEventListener("change", () => change("way", way, way.value));
    date.addEventListener("change", () => change("target_date", date, date.value));
    return el("fieldset", { class: "atlas-plan-item", "data-item": item.id }, el("legend", { text: item.text }),
      el("p", {}, el("label", { for: goal.id, text: "Goal" }), goal),
      el("p", {}, el("label", { for: way.id, text: "Way" }), " ", way, " ",
        el("label", { for: date.id, text: "Target date" }), " ", date));
  }

  // ---------- rate someone else ----------

  /** Build the rating panel from the rating in progress, one domain per task. */
  buildRate() {
    this.rateBuilt = true;
    this.rateGeneration = (this.rateGeneration ?? 0) + 1;
    const generation = this.rateGeneration;
    const d = this.draft;
    const person = el("input", { type: "text", id: "atlas-rate-person", maxlength: 100, autocomplete: "off" });
    person.value = d.person;
    person.addEventListener("input", () => this.draftField("person", person.value, person));
    const role = el("select", { id: "atlas-rate-role" }, el("option", { value: "", text: "Choose your role" }),
      ROLES.map((r) => el("option", { value: r.id, text: r.label })));
    role.value = d.rater_role;
    role.addEventListener("change", () => this.draftField("rater_role", role.value, role));
    const date = el("input", { type: "date", id: "atlas-rate-date", required: true });
    date.value = d.rated_on;
    date.addEventListener("change", () => this.draftField("rated_on", date.value, date));
    this.rateProgress = el("p", { class: "atlas-meta", id: "atlas-rate-progress" });
    const save = el("button", { type: "button", class: "md-button md-button--primary" }, "Download the rater file");
    save.addEventListener("click", () => this.saveRating(save));
    const discard = el("button", { type: "button", class: "md-button" }, "Discard this rating");
    discard.addEventListener("click", () => this.discardRating());
    this.rateItems = el("div", { class: "atlas-rate-items" });
    this.rateSection.replaceChildren(
      el("h2", { id: "atlas-rate-title", tabindex: "-1", text: "Rate someone else" }),
      el("p", {}, "As their supervisor, reflective supervisor or colleague, rate another person on the same items and " +
        "scale. Your own self-assessment is not changed. The rating is kept in this browser until you discard it; " +
        "download it as a file and give the file to the person, who imports it beside their own ratings."),
      el("p", {}, el("label", { for: person.id, text: "Name or initials of the person you are rating" }), " ", person),
      el("p", {}, el("label", { for: role.id, text: "Your role" }), " ", role, " ",
        el("label", { for: date.id, text: "Date of the rating" }), " ", date),
      this.rateProgress, el("p", { class: "atlas-actions" }, save, " ", discard), this.rateItems);
    this.renderRateProgress();
    const steps = this.data.domains.map((domain) => () => this.appendRateDomain(domain));
    this.rateReady = inTasks(steps, () => generation === this.rateGeneration && this.rateSection.isConnected);
  }

  /** One domain of the rating panel. */
  appendRateDomain(domain) {
    const nodes = [el("h3", { text: domain.name })];
    for (const item of this.data.items.filter((i) => i.domain === domain.id)) nodes.push(this.rateFieldset(item));
    this.rateItems.append(...nodes);
  }

  /** The rating and note of one item in the rating panel. */
  rateFieldset(item) {
    const base = `atlas-rate-${item.id.replace(/[^A-Za-z0-9_-]/g, "_")}`;
    const entry = this.draft.ratings[item.id] ?? {};
    const scale = this.data.scale;
    const group = ratingGroup(scale, {
      base, label: "Their level", selected: entry.rating,
      choose: (value) => this.draftItem(() => rateItem(this.draft, item.id, value, this.data), group),
      clear: () => {
        this.draftItem(() => rateItem(this.draft, item.id, null, this.data), group);
        for (const radio of group.querySelectorAll("input")) radio.checked = false;
      },
    });
    const note = el("textarea", { id: `${base}-note`, rows: 2, maxlength: scale.limits.note_chars });
    note.value = entry.note ?? "";
    note.addEventListener("input", () => this.draftItem(() => noteItem(this.draft, item.id, note.value, this.data), note));
    return el("fieldset", { class: "atlas-rate-item", "data-item": item.id }, el("legend", { text: item.text }),
      group, el("p", { class: "atlas-note" }, el("label", { for: note.id, text: "Note" }), note));
  }

  draftField(key, value, anchor) {
    const why = this.takeDraft(() => setRatingField(this.draft, key, value), anchor);
    if (why) this.app.say(`That value was not accepted, so it is not saved: ${why}`);
  }

  draftItem(fn, anchor) {
    const why = this.takeDraft(fn, anchor);
    if (why) this.app.say(`That value was not accepted, so it is not saved: ${why}`);
    this.renderRateProgress();
  }

  renderRateProgress() {
    const rated = this.data.items.filter((i) => this.draft.ratings[i.id]?.rating !== undefined).length;
    this.rateProgress.textContent = `${rated} of ${this.data.items.length} rated`;
  }

  saveRating(button) {
    const problem = draftProblem(this.draft);
    showFieldMessage(button, problem ? `Not saved yet: ${problem}` : "");
    if (problem) {
      this.app.say(`The rater file was not saved: ${problem}`);
      return;
    }
    const name = raterFileName(this.data, this.draft);
    downloadText(raterFileText(this.data, this.draft), "application/json", name);
    this.app.say(`Downloaded ${name}. Give this file to the person you rated.`);
  }

  discardRating() {
    if (!window.confirm("Discard this rating of someone else? Your own self-assessment is not affected.")) return;
    this.draftDoc.slot.clear();
    this.draft = emptyRating(this.data, new Date());
    this.buildRate();
    this.app.say("The rating of someone else was discarded.");
    this.rateSection.querySelector("h2").focus();
  }
}

/** The panels' methods, to be defined on RatersView's prototype. */
export const panelMethods = Object.fromEntries(Object.entries(Object.getOwnPropertyDescriptors(RaterPanels.prototype))
  .filter(([name]) => name !== "constructor"));
