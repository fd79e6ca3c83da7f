// IECMH Competency Atlas: the self-assessment's training and RSC logs on the page: the settings (degree date,
// applying or renewing, the renewal cycle), each log's entries with a form to add or change one, CSV download and
// import, coursework from a program map, the evidence the logs give each item, and the logs in the printed report.
// DOM glue only (the rules are in logs.mjs); text from the data or the user goes in as text, never as HTML.
import { downloadText, el, readChosenFile, showFieldMessage } from "../shared/dom.mjs";
import { fmt, localDay as dayOf } from "../shared/guards.mjs";
import {
  EntryError, FORMAT_LABELS, NO_ENDORSEMENT, OTHER_ENDORSEMENT, chooseProgram, dropProgram, knowledgeAreas, linkedEvidence,
  logsOf, newEntryId, programCourses, removeEntry, replaceLog, requirementOf, rscFormats, rscRules, rscTotals, saveEntry,
  setCourseTaken, setLogSetting, trainingParts, uncheckedRules,
} from "./logs.mjs";
import { logFileName, parseLogCSV, toLogCSV } from "./logs-csv.mjs";
import { renewalSummary, rscRuleLines, rscSummary, trainingSummary } from "./logs-report.mjs";

const LOG_WORDS = {
  training: { title: "Training log", entry: "training", add: "Add this training", none: "No training logged yet." },
  rsc: { title: "Reflective supervision/consultation (RSC) log", entry: "RSC entry", add: "Add these RSC hours", none: "No RSC hours logged yet." },
};

/** The local day of now, YYYY-MM-DD (the day the user sees). */
const localDay = () => dayOf(new Date());
const partDomId = (id) => `atlas-log-part-${id.replace(/[^A-Za-z0-9_-]/g, "-")}`;
const list = (lines) => el("ul", {}, lines.map((line) => el("li", { text: line })));

/** The logs section of one mount: app gives data, the current state and update(change, itemId, anchor). */
export class LogsView {
  constructor(app) {
    this.app = app;
    this.data = app.data;
    this.editing = { training: null, rsc: null };
    this.controls = { training: {}, rsc: {} };
  }

  /** Whether the category has a log of this kind (an hours requirement of that id). */
  has(log) {
    return Boolean(requirementOf(this.data, log));
  }

  get logs() {
    return logsOf(this.app.state);
  }

  /** Try one change; true when saved. */
  change(fn, anchor) {
    return this.app.update(fn, null, anchor);
  }

  /** Build the logs into their disclosure (made by logs-lazy.mjs, whose summary it keeps): the settings, each log
   *  and the coursework. */
  fill(body) {
    this.summaries = {};
    this.tables = {};
    body.append(this.settings(), ...["training", "rsc"].filter((log) => this.has(log)).map((log) => this.logPart(log)),
      this.coursework());
  }

  // ---------- settings ----------

  dateSetting(key, label, hint) {
    const id = `atlas-log-${key.replace(/_/g, "-")}`;
    const input = el("input", { type: "date", id, value: this.logs[key] ?? "", max: key === "cycle_start" ? null : localDay() });
    input.addEventListener("change", () => {
      const value = input.value;
      let problem = null;
      try {
        setLogSetting(this.app.state, key, value, localDay());
      } catch (error) {
        problem = error.message;
      }
      showFieldMessage(input, problem);
      if (!problem) this.change(() => setLogSetting(this.app.state, key, value, localDay()), input);
    });
    return el("p", { class: "atlas-log-setting" }, el("label", { for: id, text: label }), " ", input,
      hint ? el("span", { class: "atlas-meta", text: ` ${hint}` }) : null);
  }

  settings() {
    const rules = rscRules(this.data);
    const degree = rules.after_degree ? `Date of your ${rules.after_degree.label}` : "Date of your degree";
    const mode = this.logs.mode ?? "apply";
    const radios = [["apply", "Applying for the endorsement"], ["renew", "Renewing it"]].map(([value, label]) => {
      const id = `atlas-log-mode-${value}`;
      const radio = el("input", { type: "radio", name: "atlas-log-mode", id, value });
      radio.checked = mode === value;
      radio.addEventListener("change", () => {
        if (this.change(() => setLogSetting(this.app.state, "mode", value, localDay()), this.modeGroup)) this.showMode();
      });
      return el("span", { class: "atlas-choice" }, radio, el("label", { for: id, text: label }));
    });
    this.modeGroup = el("fieldset", { class: "atlas-log-mode" }, el("legend", { text: "You are" }), radios);
    this.renewalBox = el("div", { class: "atlas-log-renewal" },
      this.dateSetting("cycle_start", "Start of your current renewal cycle"),
      this.dateSetting("endorsed_on", "Date you were endorsed", "(only if it was during this cycle: the mid-cycle adjustments then apply)"),
      el("div", { class: "atlas-log-renewal-status", "aria-live": "polite" }));
    const box = el("div", { class: "atlas-log-settings" }, this.modeGroup,
      this.dateSetting("degree_date", degree, rules.after_degree ? "(RSC hours count only after it)" : null), this.renewalBox);
    this.showMode();
    return box;
  }

  showMode() {
    const renewing = (this.logs.mode ?? "apply") === "renew";
    this.renewalBox.hidden = !renewing || !this.data.logs?.renewal;
  }

  // ---------- one log ----------

  logPart(log) {
    const words = LOG_WORDS[log];
    const titleId = `atlas-log-${log}-heading`;
    this.summaries[log] = el("div", { class: "atlas-log-summary", "aria-live": "polite" });
    this.tables[log] = el("div", { class: "atlas-log-table" });
    const download = el("button", { type: "button", class: "md-button" }, `Download the ${log === "rsc" ? "RSC" : "training"} log (CSV)`);
    download.addEventListener("click", () => this.download(log));
    const fileId = `atlas-log-${log}-import`;
    const file = el("input", { type: "file", accept: ".csv,text/csv", id: fileId });
    file.addEventListener("change", () => this.importCSV(log, file));
    const extra = log === "rsc" ? this.rscRules() : null;
    return el("section", { class: "atlas-log", "aria-labelledby": titleId },
      el("h3", { id: titleId, text: words.title }), extra, this.summaries[log], this.tables[log], this.form(log),
      el("p", { class: "atlas-actions" }, download, " ",
        el("label", { for: fileId, text: `Import a ${log === "rsc" ? "RSC" : "training"} log (CSV, replaces this log): ` }), file));
  }

  rscRules() {
    const checked = rscRuleLines(this.data);
    return el("details", { class: "atlas-log-rules" }, el("summary", { text: "What the RSC log checks, and what it does not" }),
      checked.length ? [el("p", { text: "Checked, from the category's guidelines:" }), list(checked)] : null,
      el("p", { text: "Not checked:" }), list(uncheckedRules(this.data)),
      rscRules(this.data).source ? el("p", { class: "atlas-meta", text: `Source: ${rscRules(this.data).source}.` }) : null);
  }

  /** One labelled control in the entry form. */
  field(log, key, label, control) {
    control.id = `atlas-log-${log}-${key}`;
    this.controls[log][key] = control;
    return el("p", { class: "atlas-log-field" }, el("label", { for: control.id, text: label }), " ", control);
  }

  form(log) {
    const c = (tag, attrs) => el(tag, attrs);
    const limits = { maxlength: 200 };
    const fields = [];
    if (log === "training") {
      fields.push(this.field(log, "title", "Title", c("input", { type: "text", ...limits, autocomplete: "off" })),
        this.field(log, "provider", "Provider", c("input", { type: "text", ...limits, autocomplete: "off" })));
    }
    fields.push(this.field(log, "date", "Date", c("input", { type: "date", max: localDay(), min: "1950-01-01" })),
      this.field(log, "hours", log === "training" ? "Clock hours" : "Hours", c("input", { type: "number", min: 0, step: "any", inputmode: "decimal" })));
    if (log === "training") {
      const parts = trainingParts(this.data);
      if (parts.length) {
        const group = el("fieldset", { class: "atlas-log-parts", id: "atlas-log-training-parts" },
          el("legend", { text: "Of these hours, how many count toward each part (an hour counts toward one part only)" }),
          parts.map((part) => {
            const input = c("input", { type: "number", min: 0, step: "any", inputmode: "decimal", id: partDomId(part.id) });
            this.controls.training[`part:${part.id}`] = input;
            return el("p", { class: "atlas-log-field" }, el("label", { for: input.id, text: `${part.label} (${fmt(part.required)} required)` }), " ", input);
          }));
        this.controls.training.parts = group;
        fields.push(group);
      }
      const areas = el("fieldset", { class: "atlas-log-areas", id: "atlas-log-training-areas" },
        el("legend", { text: "Knowledge areas it covered (they show as training evidence on their items)" }),
        knowledgeAreas(this.data).map((ka) => {
          const id = `atlas-log-area-${ka.id}`;
          return el("span", { class: "atlas-choice" }, el("input", { type: "checkbox", id, value: ka.id }), el("label", { for: id, text: ka.name }));
        }));
      this.controls.training.areas = areas;
      fields.push(areas);
    } else {
      const formats = el("select", {}, rscFormats(this.data).map((f) => el("option", { value: f, text: FORMAT_LABELS[f] ?? f })));
      fields.push(this.field(log, "format", "Individual or group", formats),
        this.field(log, "provider", "Provider's name", c("input", { type: "text", ...limits, autocomplete: "off" })));
      const providers = rscRules(this.data).providers ?? [];
      fields.push(this.field(log, "endorsement", "The provider's endorsement", el("select", {},
        el("option", { value: "", text: "Not given" }),
        providers.map((p) => el("option", { value: p.id, text: `${p.name} (${p.code})` })),
        el("option", { value: OTHER_ENDORSEMENT, text: "Another endorsement" }),
        el("option", { value: NO_ENDORSEMENT, text: "Not endorsed" }))));
      const ages = rscRules(this.data).ages_served;
      if (ages) {
        fields.push(this.field(log, "ages", `Serving ${ages.label} during this time`, el("select", {},
          el("option", { value: "", text: "Not given" }), el("option", { value: "yes", text: "Yes" }), el("option", { value: "no", text: "No" }))));
      }
    }
    fields.push(this.field(log, "note", "Notes", c("textarea", { rows: 2, maxlength: this.data.scale.limits.note_chars })));
    const save = el("button", { type: "button", class: "md-button md-button--primary" }, LOG_WORDS[log].add);
    save.addEventListener("click", () => this.save(log, save));
    const cancel = el("button", { type: "button", class: "md-button", hidden: true }, "Cancel the change");
    cancel.addEventListener("click", () => this.clearForm(log));
    this.controls[log].save = save;
    this.controls[log].cancel = cancel;
    this.controls[log].legend = el("legend", { text: `Add ${log === "rsc" ? "RSC hours" : "a training"}` });
    return el("fieldset", { class: "atlas-log-form", id: `atlas-log-${log}-form` }, this.controls[log].legend, fields,
      el("p", { class: "atlas-actions" }, save, " ", cancel));
  }

  /** The entry the form describes. */
  readForm(log) {
    const c = this.controls[log];
    const text = (key) => (c[key] ? c[key].value : undefined);
    const num = (input) => (input.value.trim() === "" ? (input.validity.badInput ? Number.NaN : undefined) : Number(input.value));
    const fields = { date: text("date"), hours: num(c.hours), note: text("note") };
    if (log === "training") {
      Object.assign(fields, { title: text("title"), provider: text("provider") });
      const parts = {};
      for (const part of trainingParts(this.data)) {
        const v = num(c[`part:${part.id}`]);
        if (v !== undefined) parts[part.id] = v;
      }
      fields.parts = parts;
      fields.areas = [...c.areas.querySelectorAll("input:checked")].map((box) => box.value);
    } else {
      Object.assign(fields, { format: text("format"), provider: text("provider") });
      if (text("endorsement")) fields.endorsement = text("endorsement");
      if (c.ages && c.ages.value) fields.ages = c.ages.value === "yes";
    }
    if (fields.hours === undefined) fields.hours = Number.NaN;
    if (this.editing[log]) fields.id = this.editing[log];
    return fields;
  }

  /** Show each problem next to its control (and clear the others). */
  showProblems(log, problems) {
    const c = this.controls[log];
    const anchors = new Map();
    for (const p of problems) {
      const anchor = c[p.field] ?? (p.field.startsWith("part:") ? c[p.field] : null) ?? c.save;
      anchors.set(anchor, [...(anchors.get(anchor) ?? []), p.message]);
    }
    for (const [key, control] of Object.entries(c)) {
      if (["save", "cancel", "legend"].includes(key)) continue;
      if (!anchors.has(control)) showFieldMessage(control, "");
    }
    if (!anchors.has(c.save)) showFieldMessage(c.save, "");
    for (const [anchor, messages] of anchors) showFieldMessage(anchor, `${messages.join(". ")}.`);
  }

  save(log, button) {
    const fields = this.readForm(log);
    if (!fields.id) fields.id = newEntryId(log, this.logs);
    const today = localDay();
    try {
      saveEntry(this.app.state, log, fields, this.data, today);
    } catch (error) {
      const problems = error instanceof EntryError ? error.problems : [{ field: "save", message: error.message }];
      this.showProblems(log, problems);
      const first = problems.map((p) => this.controls[log][p.field]).find((node) => node && node.focus);
      (first && first.tagName !== "FIELDSET" ? first : button).focus();
      this.app.say(`This ${LOG_WORDS[log].entry} was not saved: ${problems[0].message}.`);
      return;
    }
    this.showProblems(log, []);
    const editing = Boolean(this.editing[log]);
    if (this.change(() => saveEntry(this.app.state, log, fields, this.data, today), button)) {
      this.clearForm(log);
      this.app.say(editing ? `The ${LOG_WORDS[log].entry} was changed.` : `The ${LOG_WORDS[log].entry} was added to the log.`);
    }
  }

  clearForm(log) {
    const c = this.controls[log];
    for (const [key, control] of Object.entries(c)) {
      if (["save", "cancel", "legend", "parts", "areas"].includes(key)) continue;
      if (control.tagName === "SELECT") control.selectedIndex = 0;
      else control.value = "";
      showFieldMessage(control, "");
    }
    if (c.areas) for (const box of c.areas.querySelectorAll("input")) box.checked = false;
    if (c.parts) showFieldMessage(c.parts, "");
    if (c.areas) showFieldMessage(c.areas, "");
    showFieldMessage(c.save, "");
    this.editing[log] = null;
    c.save.textContent = LOG_WORDS[log].add;
    c.legend.textContent = `Add ${log === "rsc" ? "RSC hours" : "a training"}`;
    c.cancel.hidden = true;
  }

  edit(log, entry) {
    const c = this.controls[log];
    this.clearForm(log);
    this.editing[log] = entry.id;
    for (const key of ["title", "provider", "date", "note", "format", "endorsement"]) if (c[key]) c[key].value = entry[key] ?? "";
    c.hours.value = String(entry.hours);
    if (c.ages) c.ages.value = entry.ages === undefined ? "" : entry.ages ? "yes" : "no";
    for (const part of log === "training" ? trainingParts(this.data) : []) {
      c[`part:${part.id}`].value = entry.parts?.[part.id] === undefined ? "" : String(entry.parts[part.id]);
    }
    if (c.areas) for (const box of c.areas.querySelectorAll("input")) box.checked = (entry.areas ?? []).includes(box.value);
    c.save.textContent = "Save the change";
    c.legend.textContent = `Change the ${LOG_WORDS[log].entry} of ${entry.date}`;
    c.cancel.hidden = false;
    c.date.focus();
  }

  remove(log, entry, button) {
    const what = log === "training" ? `"${entry.title}"` : `the RSC hours of ${entry.date}`;
    if (!window.confirm(`Remove ${what} from the log?`)) return;
    if (this.change(() => removeEntry(this.app.state, log, entry.id), button)) {
      if (this.editing[log] === entry.id) this.clearForm(log);
      this.app.say(`Removed ${what} from the log.`);
      this.controls[log].date.focus();
    }
  }

  // ---------- tables and totals ----------

  entryTable(log) {
    const logs = this.logs;
    const entries = logs[log];
    if (!entries.length) return el("p", { text: LOG_WORDS[log].none });
    const checks = log === "rsc" ? new Map(rscTotals(this.data, this.app.state).entries.map((e) => [e.entry.id, e.check])) : null;
    const areaNames = new Map(knowledgeAreas(this.data).map((k) => [k.id, k.name]));
    const parts = trainingParts(this.data);
    const head = log === "training" ? ["Date", "Title", "Provider", "Clock hours", "Toward the parts", "Knowledge areas", "Notes", "Actions"]
      : ["Date", "Hours", "Format", "Provider", "Endorsement", "Counts", "Notes", "Actions"];
    const rows = entries.map((entry) => {
      const editButton = el("button", { type: "button", class: "atlas-clear" }, "Change");
      editButton.setAttribute("aria-label", `Change the entry of ${entry.date}${entry.title ? `: ${entry.title}` : ""}`);
      editButton.addEventListener("click", () => this.edit(log, entry));
      const removeButton = el("button", { type: "button", class: "atlas-clear" }, "Remove");
      removeButton.setAttribute("aria-label", `Remove the entry of ${entry.date}${entry.title ? `: ${entry.title}` : ""}`);
      removeButton.addEventListener("click", () => this.remove(log, entry, removeButton));
      let cells;
      if (log === "training") {
        const toward = parts.filter((p) => entry.parts?.[p.id]).map((p, i) => `part ${parts.indexOf(p) + 1}: ${fmt(entry.parts[p.id])}`);
        cells = [entry.title, entry.provider ?? "", fmt(entry.hours), toward.join("; ") || "none",
          (entry.areas ?? []).map((id) => areaNames.get(id) ?? id).join("; "), entry.note ?? ""];
      } else {
        const check = checks.get(entry.id);
        const endorsement = rscRules(this.data).providers?.find((p) => p.id === entry.endorsement)?.code
          ?? { other: "another", none: "none" }[entry.endorsement] ?? "not given";
        const counts = check.counts ? (check.unchecked.length ? `Yes, not fully checked: ${check.unchecked.join("; ")}` : "Yes")
          : `No: ${check.problems.join("; ")}`;
        cells = [fmt(entry.hours), FORMAT_LABELS[entry.format] ?? entry.format, entry.provider ?? "", endorsement, counts, entry.note ?? ""];
      }
      return el("tr", { "data-entry": entry.id }, el("th", { scope: "row", text: entry.date }),
        cells.map((text) => el("td", { text })), el("td", {}, editButton, " ", removeButton));
    });
    return el("div", { class: "atlas-table-scroll" }, el("table", {},
      el("caption", { text: `${LOG_WORDS[log].title}: ${entries.length} ${entries.length === 1 ? "entry" : "entries"}` }),
      el("thead", {}, el("tr", {}, head.map((h) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, rows)));
  }

  /** Totals, tables, renewal and the evidence on the items for the current state. */
  render() {
    if (!this.summaries) return;
    if (this.summaries.training) this.summaries.training.replaceChildren(list(trainingSummary(this.data, this.app.state)));
    if (this.summaries.rsc) this.summaries.rsc.replaceChildren(list(rscSummary(this.data, this.app.state)));
    for (const log of Object.keys(this.tables)) this.tables[log].replaceChildren(this.entryTable(log));
    const renewal = this.renewalBox?.querySelector(".atlas-log-renewal-status");
    if (renewal) {
      const lines = renewalSummary(this.data, this.app.state);
      renewal.replaceChildren(lines.length ? list(lines) : el("p", { text: "Enter the start of your cycle to see what is due when." }));
    }
    this.renderCourses();
    this.renderLinks();
  }

  /** The evidence the logs give each item, under its evidence ticks (the user's own ticks are left as they are). */
  renderLinks() {
    const links = linkedEvidence(this.data, this.app.state);
    const labels = Object.fromEntries(this.data.scale.evidence.map((e) => [e.id, e.label]));
    for (const [id, node] of Object.entries(this.app.itemNodes ?? {})) {
      let line = node.querySelector(".atlas-linked");
      const own = links[id] ?? [];
      if (!own.length) {
        if (line) line.remove();
        continue;
      }
      if (!line) {
        line = el("p", { class: "atlas-linked" });
        node.querySelector(".atlas-evidence")?.after(line);
      }
      line.textContent = `From your logs: ${own.map((l) => `${labels[l.evidence] ?? l.evidence}, ${l.text}`).join("; ")}.`;
    }
  }

  // ---------- files ----------

  download(log) {
    const name = logFileName(this.data, log, localDay());
    downloadText(toLogCSV(this.data, this.app.state, log), "text/csv", name);
    this.app.say(`Downloaded ${name}.`);
  }

  async importCSV(log, input) {
    const chosen = await readChosenFile(input, this.data.scale.limits.import_bytes);
    if (!chosen) return;
    const refuse = (why) => {
      showFieldMessage(input, why);
      this.app.say(`Import refused: ${why} Your logs are unchanged.`);
    };
    if (chosen.refused) return refuse(chosen.refused);
    const result = parseLogCSV(chosen.text, this.data, log, localDay());
    if (!result.ok) return refuse(`${result.errors.join(" ")} Nothing was imported.`);
    const current = this.logs[log].length;
    if (current && !window.confirm(`Replace the ${current} entries of this log with the ${result.entries.length} in ${chosen.name}?`)) {
      this.app.say("Import cancelled. Your logs are unchanged.");
      return;
    }
    showFieldMessage(input, "");
    if (this.change(() => replaceLog(this.app.state, log, result.entries), input)) {
      this.app.say(`Imported ${result.entries.length} entries from ${chosen.name}.`);
    }
  }

  // ---------- coursework ----------

  coursework() {
    const programs = this.data.logs?.programs ?? [];
    const select = el("select", { id: "atlas-log-program" }, el("option", { value: "", text: "Choose a program map" }),
      programs.map((p) => el("option", { value: p.id, text: `${p.program}, ${p.institution}` })));
    const use = el("button", { type: "button", class: "md-button" }, "Use this program map");
    use.addEventListener("click", () => this.usePublished(select, use));
    const fileId = "atlas-log-program-file";
    const file = el("input", { type: "file", accept: ".json,application/json", id: fileId });
    file.addEventListener("change", () => this.importProgram(file));
    this.coursesBox = el("div", { class: "atlas-log-courses" });
    return el("section", { class: "atlas-log", "aria-labelledby": "atlas-log-courses-heading" },
      el("h3", { id: "atlas-log-courses-heading", text: "College courses from a program map" }),
      el("p", {}, "Pick your program's map (or import a file saved by the coursework mapper) and tick the courses you " +
        "took: the items those courses map to show college-course evidence from the program map. Your own evidence " +
        "ticks are not changed."),
      programs.length ? el("p", { class: "atlas-log-field" }, el("label", { for: select.id, text: "Published program maps" }), " ", select, " ", use) : null,
      el("p", { class: "atlas-log-field" }, el("label", { for: fileId, text: "Import a program map (JSON from the mapper): " }), file),
      this.coursesBox);
  }

  async usePublished(select, button) {
    const program = (this.data.logs?.programs ?? []).find((p) => p.id === select.value);
    if (!program) {
      showFieldMessage(select, "Choose a program map first.");
      return;
    }
    let raw;
    try {
      const response = await fetch(program.url, { credentials: "same-origin" });
      if (!response.ok) throw new Error(String(response.status));
      raw = await response.json();
    } catch {
      showFieldMessage(select, "The program map could not be loaded (a page opened from disk cannot read other files). " +
        "Download its JSON from the program's page and import it below.");
      return;
    }
    this.takeProgram(raw, "published", select, button);
  }

  async importProgram(input) {
    const chosen = await readChosenFile(input, this.data.scale.limits.import_bytes);
    if (!chosen) return;
    if (chosen.refused) {
      showFieldMessage(input, `Import refused: ${chosen.refused}`);
      return;
    }
    let raw;
    try {
      raw = JSON.parse(chosen.text.replace(/^\uFEFF/, ""));
    } catch {
      showFieldMessage(input, "Import refused: this file is not valid JSON, so it cannot be a program map.");
      return;
    }
    this.takeProgram(raw, "file", input, input);
  }

  takeProgram(raw, from, anchor, focusAfter) {
    const chosen = programCourses(raw, this.data);
    if (!chosen.ok) {
      showFieldMessage(anchor, `Not used: ${chosen.error} Your courses are unchanged.`);
      this.app.say(`The program map was not used: ${chosen.error}`);
      return;
    }
    showFieldMessage(anchor, "");
    const current = this.logs.coursework;
    if (current && current.taken.length && current.program.id !== chosen.program.id
      && !window.confirm(`Replace the program map ${current.program.program} (with ${current.taken.length} courses ticked)?`)) return;
    if (this.change(() => chooseProgram(this.app.state, chosen, from), anchor)) {
      this.app.say(`Using the program map ${chosen.program.program} (${chosen.courses.length} courses).`);
      focusAfter.focus();
    }
  }

  renderCourses() {
    if (!this.coursesBox) return;
    const work = this.logs.coursework;
    if (!work) {
      this.coursesBox.replaceChildren(el("p", { text: "No program map chosen." }));
      return;
    }
    const boxes = work.courses.map((course, i) => {
      const id = `atlas-log-course-${i}`;
      const box = el("input", { type: "checkbox", id });
      box.checked = work.taken.includes(course.code);
      box.addEventListener("change", () => {
        if (!this.change(() => setCourseTaken(this.app.state, course.code, box.checked), box)) box.checked = !box.checked;
      });
      const reach = course.items.length ? ` (${course.items.length} ${this.data.unit === "indicator" ? "indicators" : "knowledge areas"})` : " (maps to nothing in this category)";
      return el("span", { class: "atlas-choice atlas-log-course" }, box, el("label", { for: id, text: `${course.code} ${course.title}${reach}` }));
    });
    const drop = el("button", { type: "button", class: "md-button" }, "Stop using this program map");
    drop.addEventListener("click", () => {
      if (window.confirm("Stop using this program map? The courses you ticked are forgotten.") && this.change(() => dropProgram(this.app.state), drop)) {
        this.app.say("The program map is no longer used.");
      }
    });
    this.coursesBox.replaceChildren(
      el("fieldset", {}, el("legend", { text: `Courses you took: ${work.program.program}, ${work.program.institution}` }), boxes),
      el("p", {}, drop));
  }

  // ---------- the printed report ----------

  /** The logs as a part of the gap report (and so of the printed report); nothing when they are empty. */
  reportPart() {
    const logs = this.logs;
    const parts = [];
    const table = (caption, head, rows) => el("table", {}, el("caption", { text: caption }),
      el("thead", {}, el("tr", {}, head.map((h) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, rows.map((cells) => el("tr", {}, el("th", { scope: "row", text: cells[0] }), cells.slice(1).map((t) => el("td", { text: t }))))));
    if (logs.training.length && this.has("training")) {
      parts.push(el("h3", { text: "Training log" }), list(trainingSummary(this.data, this.app.state)),
        table("Training entries", ["Date", "Title", "Provider", "Clock hours"], logs.training.map((e) => [e.date, e.title, e.provider ?? "", fmt(e.hours)])));
    }
    if (logs.rsc.length && this.has("rsc")) {
      const totals = rscTotals(this.data, this.app.state);
      parts.push(el("h3", { text: "Reflective supervision/consultation log" }), list(rscSummary(this.data, this.app.state)),
        table("RSC entries", ["Date", "Hours", "Format", "Provider", "Counts"], totals.entries.map(({ entry, check }) => [entry.date, fmt(entry.hours),
          FORMAT_LABELS[entry.format] ?? entry.format, entry.provider ?? "", check.counts ? "Yes" : `No: ${check.problems.join("; ")}`])));
    }
    const renewal = renewalSummary(this.data, this.app.state);
    if (renewal.length) parts.push(el("h3", { text: "Renewal" }), list(renewal));
    const work = logs.coursework;
    if (work?.taken.length) {
      parts.push(el("h3", { text: "Courses taken (from a program map)" }),
        list(work.courses.filter((c) => work.taken.includes(c.code)).map((c) => `${c.code} ${c.title}`)));
    }
    if (parts.length) parts.push(el("p", { class: "atlas-meta", text: `Not checked by the Atlas: ${uncheckedRules(this.data).join(" ")}` }));
    return parts;
  }
}
