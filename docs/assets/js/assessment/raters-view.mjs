// IECMH Competency Atlas: the self-assessment page's ratings by others: "rate someone else" (a rating saved as a
// file) and "self and raters" (rater files imported beside the applicant's own ratings, never averaged, and the
// learning plan). DOM glue only; the logic lives in raters.mjs and raters-report.mjs. Text from the data, the user or
// a file goes in as text, never as HTML. Nothing is sent anywhere.
//
// What is kept where: the applicant's rater files and learning plan in their own storage key beside the
// self-assessment ("<storage key>:<category>:raters"); a rating of someone else in progress in another
// ("<storage key>:<category>:rating-draft"), so that a long rating survives a reload. Neither ever changes the
// self-assessment's own saved answers.
import { el, onStorageChange } from "../shared/dom.mjs";
import { commitChange } from "../shared/editing.mjs";
import { utf8Bytes } from "../shared/guards.mjs";
import { SharedSlot } from "../shared/storage.mjs";
import { SyncedDocument } from "../shared/sync.mjs";
import { toJSON } from "./formats.mjs";
import {
  compareRow, comparison, emptyCompanion, emptyRating, mergeCompanions, mergeDrafts, planEntries, raterList,
  readCompanion, readDraft, companionText, wayLabel,
} from "./raters.mjs";
import { raterName, ratingText, readinessSentences, ruleSentences } from "./raters-report.mjs";
import { emptyState } from "./state.mjs";

const ANY_DATE = new Date(0);
const WORDS = { saved: "the rater files and learning plan", kind: "a self-assessment export with them",
  thing: "self-assessment", advice: "Remove a rater file or shorten a goal." };
const DRAFT_WORDS = { saved: "this rating", kind: "a rater file", thing: "rating", advice: "Shorten this note or another one." };

/** The panels' code, once it is loading (see RatersView.panels). */
let panelsLoading = null;

/** The view of ratings by others of one mount: app gives data, texts (storage), state, say(message) and the form. */
export class RatersView {
  constructor(app) {
    this.app = app;
    this.data = app.data;
    this.panel = null;
    this.filter = "all";
    const prefix = `${this.data.storage_key}:${this.data.category.id}`;
    const limit = this.data.scale.limits.import_bytes;
    this.companionDoc = new SyncedDocument(new SharedSlot(app.texts, `${prefix}:raters`), {
      empty: () => emptyCompanion(this.data), read: (text) => readCompanion(text, this.data),
      write: companionText, merge: mergeCompanions, problem: (value) => this.sizeProblem(value),
    }, limit);
    this.draftDoc = new SyncedDocument(new SharedSlot(app.texts, `${prefix}:rating-draft`), {
      empty: () => emptyRating(this.data, new Date()), read: (text) => readDraft(text, this.data),
      write: (value) => JSON.stringify(value, null, 2), merge: mergeDrafts, problem: () => null,
    }, limit);
    this.messages = [];
    this.companion = this.open(this.companionDoc, () => emptyCompanion(this.data), "rater files");
    this.draft = this.open(this.draftDoc, () => emptyRating(this.data, new Date()), "rating of someone else in progress");
    this.limitSelf();
    this.listen(app.root);
  }

  /** Read one saved document; an unreadable one is kept aside under "<key>.unreadable" and said so. */
  open(document, empty, what) {
    const { text, value } = document.load();
    if (text === null) return empty();
    if (value !== null) return value;
    const backup = `${document.slot.key}.unreadable`;
    this.app.texts.save(backup, text);
    this.messages.push(`The saved ${what} for this category could not be read; a copy was kept in this browser's storage under "${backup}".`);
    return empty();
  }

  /** The bytes the rater files and plan add to the JSON export. */
  extraBytes(companion) {
    const empty = emptyState(this.data);
    return utf8Bytes(toJSON(this.data, empty, ANY_DATE, companion)) - utf8Bytes(toJSON(this.data, empty, ANY_DATE));
  }

  /** Why a companion cannot be kept (the JSON export with it would be too large to import again), or null. */
  sizeProblem(companion) {
    const limit = this.data.scale.limits.import_bytes;
    const bytes = utf8Bytes(toJSON(this.data, this.app.state, ANY_DATE, companion));
    return bytes > limit ? `With it, your JSON export would take ${bytes} bytes, more than the ${limit} a ` +
      "self-assessment file may have (it could not be imported again). Remove a rater file or shorten some notes." : null;
  }

  /** The self-assessment may use what the rater files and plan leave of the import limit. */
  limitSelf() {
    this.app.document.limit = this.data.scale.limits.import_bytes - this.extraBytes(this.companion);
  }

  /** Take one change of the companion (fn gives the next one); null when saved, else why not (shown next to anchor). */
  takeCompanion(fn, anchor) {
    const result = commitChange(this.companionDoc, () => {
      const next = fn();
      const problem = this.sizeProblem(next);
      if (problem) throw new Error(problem);
      return next;
    }, anchor, WORDS);
    if (!result.ok) return result.why;
    this.companion = result.value;
    this.limitSelf();
    this.app.storageWarning.hidden = result.saved && this.app.texts.available;
    return null;
  }

  /** Take one change of the rating in progress; null when saved, else why not (shown next to anchor). */
  takeDraft(fn, anchor) {
    const result = commitChange(this.draftDoc, fn, anchor, DRAFT_WORDS);
    if (!result.ok) return result.why;
    this.draft = result.value;
    return null;
  }

  /** Listen to what other tabs save of the two documents. */
  listen(root) {
    onStorageChange(root, (event) => {
      const companion = this.companionDoc.receive(event, this.companion);
      if (companion) {
        this.companion = companion.value;
        this.limitSelf();
        this.renderCompare();
        this.app.renderSummary();
      }
      const draft = this.draftDoc.receive(event, this.draft);
      if (draft) {
        this.draft = draft.value;
        if (this.rateBuilt) this.buildRate();
      }
    });
  }

  // ---------- mounting and switching panels ----------

  /** The toolbar's buttons of this view. */
  actions() {
    this.compareButton = el("button", { type: "button", class: "md-button", "aria-pressed": "false" }, "Self and raters, learning plan");
    this.compareButton.addEventListener("click", () => this.toggle("compare"));
    this.rateButton = el("button", { type: "button", class: "md-button", "aria-pressed": "false" }, "Rate someone else");
    this.rateButton.addEventListener("click", () => this.toggle("rate"));
    for (const button of [this.compareButton, this.rateButton]) { // a head start on the panels' code
      button.addEventListener("focus", () => this.panels(), { once: true });
      button.addEventListener("pointerdown", () => this.panels(), { once: true });
    }
    return el("p", { class: "atlas-actions atlas-rater-actions" }, this.compareButton, " ", this.rateButton);
  }

  /** The two panels (hidden until asked for). */
  sections() {
    this.compareSection = el("section", { class: "atlas-compare", "aria-labelledby": "atlas-compare-title", hidden: true });
    this.rateSection = el("section", { class: "atlas-rate", "aria-labelledby": "atlas-rate-title", hidden: true });
    this.rateBuilt = false;
    this.panel = null;
    return [this.compareSection, this.rateSection];
  }

  /** Open a panel, or close it when it is open (back to the questions). */
  async toggle(name) {
    await this.show(this.panel === name ? null : name);
    const title = this.panel === "compare" ? "#atlas-compare-title" : this.panel === "rate" ? "#atlas-rate-title" : null;
    if (title) this.app.root.querySelector(title).focus();
  }

  /** Show one panel ("compare", "rate") or none (the app's own questions or report); resolves once it is built. */
  show(name) {
    if (name && this.app.showingReport) this.app.toggleView();
    this.panel = name;
    this.app.form.hidden = name !== null || this.app.showingReport;
    if (name === null && this.app.showingReport) this.app.showGapReport();
    this.app.report.hidden = name !== null || !this.app.showingReport;
    this.compareSection.hidden = name !== "compare";
    this.rateSection.hidden = name !== "rate";
    this.compareButton.setAttribute("aria-pressed", String(name === "compare"));
    this.rateButton.setAttribute("aria-pressed", String(name === "rate"));
    this.compareButton.textContent = name === "compare" ? "Back to the questions" : "Self and raters, learning plan";
    this.rateButton.textContent = name === "rate" ? "Back to my self-assessment" : "Rate someone else";
    if (name === null) return Promise.resolve();
    return this.panels().then(() => {
      if (this.panel !== name) return; // another panel was chosen meanwhile
      if (name === "compare") this.renderCompare();
      if (name === "rate" && !this.rateBuilt) this.buildRate();
    });
  }

  /** The panels' code (raters-panels.mjs), loaded once, on the first opening of a panel; their methods join this
   *  class. */
  panels() {
    panelsLoading ??= import("./raters-panels.mjs").then(({ panelMethods }) => Object.defineProperties(RatersView.prototype, panelMethods));
    return panelsLoading.catch(() => this.app.say("This panel could not be loaded in this browser; reload the page to try again."));
  }

  /** Build the whole comparison panel from the companion and the self-assessment, when it is shown (else marked
   *  stale); its code is in raters-panels.mjs, loaded when a panel is first opened. */
  renderCompare() {
    if (!this.compareSection || this.compareSection.hidden || typeof this.buildCompare !== "function") {
      this.stale = true;
      return;
    }
    this.stale = false;
    this.buildCompare();
  }

  /** After one change of the self-assessment: update that item's row, the counts and the plan's list. */
  refresh(itemId) {
    if (!this.compareSection || this.compareSection.hidden) {
      this.stale = true;
      return;
    }
    const item = itemId && this.data.items.find((i) => i.id === itemId);
    if (!item || !this.rows || !this.rows[itemId]) {
      this.renderCompare();
      return;
    }
    this.fillRow(this.rows[itemId], compareRow(this.data, this.app.state, this.raters, item), item);
    this.renderCounts(comparison(this.data, this.app.state, this.raters));
    this.refreshPlanEntry(item);
  }

  /** Take the rater files and plan of an imported JSON export (they replace the current ones); false when refused. */
  takeImport(companion) {
    const why = this.takeCompanion(() => ({ ...companion }), null);
    if (why) this.app.say(`The rater files of the import were not kept: ${why}`);
    return !why;
  }

  // ---------- the gap report's section ----------

  /** Append the "self and raters" section and the learning plan to the gap report. */
  renderReport(section) {
    const raters = raterList(this.companion);
    const texts = new Map(this.data.items.map((i) => [i.id, i.text]));
    const part = el("div", { class: "atlas-report-raters" }, el("h3", { text: "Self and raters" }));
    if (raters.length === 0) part.append(el("p", { text: "No rater files are imported." }));
    else {
      const { rows } = comparison(this.data, this.app.state, raters);
      const differ = rows.filter((r) => r.differs);
      part.append(
        el("p", { text: "Each rating as it was given; ratings are never averaged." }),
        el("ul", {}, raters.map((r, i) => el("li", {}, el("strong", { text: raterName(r, i + 1) }), ` (person rated: ${r.person}): `,
          readinessSentences(this.data, r, new Date()).join(" ")))),
        el("h4", { text: "Where you and your raters differ by two levels or more" }),
        differ.length === 0 ? el("p", { text: "None." }) : el("ul", {}, differ.map((row) => el("li", {}, texts.get(row.id),
          el("span", { class: "atlas-meta" }, ` (you: ${ratingText(this.data, row.self)}; ${row.raters
            .map((x, i) => `rater ${i + 1}: ${ratingText(this.data, x)}`).join("; ")})`)))));
    }
    part.append(el("ul", { class: "atlas-rules" }, ruleSentences(this.data).map((s) => el("li", { text: s }))));
    const plan = planEntries(this.data, this.companion);
    part.append(el("h3", { text: "Learning plan" }), plan.length === 0 ? el("p", { text: "No learning-plan entries yet." })
      : el("ul", {}, plan.map((p) => el("li", {}, el("strong", { text: p.text }), ": ",
        [p.goal && `goal: ${p.goal}`, p.way && `way: ${wayLabel(p.way)}`, p.target_date && `by ${p.target_date}`].filter(Boolean).join("; ")))));
    section.append(part);
  }
}
