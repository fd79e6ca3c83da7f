// Node tests of docs/assets/js/assessment/logs.mjs, logs-csv.mjs and logs-report.mjs: entries, totals per part,
// the RSC checks the data states, renewal cycles, coursework and training as evidence, CSV out and in, saved logs.
// Run from the repo root: node --test tests/js/
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  addYears, chooseProgram, linkedEvidence, logsOf, mergeLogs, programCourses, readLogs, removeEntry, renewalCycle,
  rscTotals, saveEntry, setCourseTaken, setLogSetting, trainingTotals, uncheckedRules, wholeYears,
} from "../../../docs/assets/js/assessment/logs.mjs";
import { parseLogCSV, toLogCSV } from "../../../docs/assets/js/assessment/logs-csv.mjs";
import { logsMarkdown, renewalSummary } from "../../../docs/assets/js/assessment/logs-report.mjs";
import { parseImport, readSaved, toJSON } from "../../../docs/assets/js/assessment/formats.mjs";
import { toMarkdown } from "../../../docs/assets/js/assessment/exports.mjs";
import { requirementStatus } from "../../../docs/assets/js/assessment/report.mjs";
import { emptyState, mergeStates, migrate, setRequirement } from "../../../docs/assets/js/assessment/state.mjs";
import { DATE, IDS, data as baseData, deepFreeze } from "./fixture.mjs";

const TODAY = "2026-11-23";
export const data = deepFreeze({
  ...baseData,
  logs: {
    training: { requirement: "training" },
    rsc: {
      requirement: "rsc", formats: ["individual", "group"],
      after_degree: { level: "master", label: "master's degree" },
      ages_served: { from_years: 3, to_years: 6, label: "children aged 3 to 6 and their families" },
      providers: [{ id: "ers", code: "ERS", name: "Endorsed Reflective Supervisor" }, { id: "ecmhm-c", code: "ECMHM-C", name: "Early Childhood Mental Health Mentor-Clinical" }],
    },
    renewal: { cycle_years: 3, training: { hours: 45, mid_cycle: [{ years_endorsed: 2, hours: 30 }, { years_endorsed: 1, hours: 15 }, { years_endorsed: 0, exempt: true }] },
      rsc: { hours: 36, mid_cycle: [{ years_endorsed: 2, hours: 24 }, { years_endorsed: 1, hours: 12 }, { years_endorsed: 0, exempt: true }] } },
  },
});
const seq = () => { let n = 0; return () => { n += 1; return n / 1000; }; };
const training = (fields, state = emptyState(data)) => saveEntry(state, "training", { title: "A course", date: "2025-03-01", hours: 6, ...fields }, data, TODAY, seq());
const rsc = (fields, state = emptyState(data)) => saveEntry(state, "rsc", { date: "2025-03-01", hours: 2, endorsement: "ers", ages: true, ...fields }, data, TODAY, seq());
const problemsOf = (fn) => { try { fn(); } catch (error) { return error.problems ?? [{ message: error.message }]; } return []; };

describe("training log", () => {
  test("totals per part, what is short, and hours not assigned to a part", () => {
    let s = training({ hours: 10, parts: { "training.1": 8, "training.2": 2 }, areas: ["pregnancy"] });
    s = training({ hours: 5, parts: { "training.1": 3 } }, s);
    const t = trainingTotals(data, s);
    assert.equal(t.have, 15);
    assert.deepEqual(t.parts.map((p) => [p.have, p.short]), [[11, 12], [2, 8]]);
    assert.equal(t.unassigned, 2);
    assert.equal(t.short, 18);
    assert.equal(t.met, false);
  });

  test("an entry's hours are never counted twice: parts may not add up to more than the entry", () => {
    const problems = problemsOf(() => training({ hours: 4, parts: { "training.1": 4, "training.2": 1 } }));
    assert.match(problems[0].message, /add up to 5 hours but the entry has 4/);
  });

  test("hostile values are refused with a message per field", () => {
    for (const [fields, field, pattern] of [
      [{ hours: -3 }, "hours", /more than 0/], [{ hours: 0 }, "hours", /more than 0/], [{ hours: 1e9 }, "hours", /more than 200/],
      [{ hours: Number.NaN }, "hours", /number/], [{ date: "2030-01-01" }, "date", /future/], [{ date: "2025-02-30" }, "date", /YYYY-MM-DD/],
      [{ date: "1900-01-01" }, "date", /before 1950/], [{ title: "<img src=x onerror=alert(1)>" }, "title", /markup/],
      [{ title: "" }, "title", /empty/], [{ areas: ["nope"] }, "areas", /not a knowledge area/], [{ parts: { "training.9": 1 } }, "parts", /no part/],
    ]) {
      const problems = problemsOf(() => training(fields));
      assert.ok(problems.some((p) => p.field === field && pattern.test(p.message)), `${JSON.stringify(fields)}: ${JSON.stringify(problems)}`);
    }
  });

  test("the tracker counts the log instead of the hand-typed number once the log has entries", () => {
    let s = setRequirement(emptyState(data), "training", { hours: 40, parts: { "training.1": 30, "training.2": 10 } }, data);
    assert.equal(requirementStatus(data, s).find((r) => r.id === "training").met, true);
    s = training({ hours: 3, parts: { "training.1": 3 } }, s);
    const status = requirementStatus(data, s).find((r) => r.id === "training");
    assert.equal(status.met, false);
    assert.equal(status.from_log, true);
    assert.match(status.detail, /^3 of 33/);
    assert.deepEqual(s.requirements.training, { hours: 40, parts: { "training.1": 30, "training.2": 10 } }, "the typed number is kept");
  });

  test("editing an entry replaces it, removing takes it out, an empty log leaves no logs in the state", () => {
    const s = training({});
    const id = logsOf(s).training[0].id;
    const edited = saveEntry(s, "training", { ...logsOf(s).training[0], hours: 7 }, data, TODAY);
    assert.equal(logsOf(edited).training.length, 1);
    assert.equal(logsOf(edited).training[0].hours, 7);
    assert.equal(Object.hasOwn(removeEntry(edited, "training", id), "logs"), false);
  });
});

describe("RSC log: only the rules the data states are checked", () => {
  test("hours before the degree, from a provider the guidelines do not name, or outside the ages do not count", () => {
    let s = setLogSetting(emptyState(data), "degree_date", "2020-06-01", TODAY);
    s = rsc({ hours: 10 }, s);
    s = rsc({ hours: 3, date: "2019-01-01" }, s);
    s = rsc({ hours: 4, endorsement: "other" }, s);
    s = rsc({ hours: 5, ages: false, format: "group" }, s);
    const r = rscTotals(data, s);
    assert.equal(r.logged, 22);
    assert.equal(r.counted, 10);
    assert.equal(r.short, 40);
    assert.deepEqual(r.byFormat, { individual: 17, group: 5 });
    const reasons = r.entries.filter((e) => !e.check.counts).map((e) => e.check.problems.join());
    assert.ok(reasons.some((t) => /before your master's degree/.test(t)) && reasons.some((t) => /endorsement is not one/.test(t)) && reasons.some((t) => /not while serving/.test(t)));
  });

  test("without a degree date the post-degree rule is reported unchecked, not failed", () => {
    const r = rscTotals(data, rsc({}));
    assert.equal(r.counted, 2);
    assert.match(r.entries[0].check.unchecked.join(), /date of your master's degree/);
  });

  test("a category whose data gives no provider or degree rule checks neither and says to ask the association", () => {
    const bare = deepFreeze({ ...data, logs: { rsc: { requirement: "rsc" } } });
    const s = saveEntry(emptyState(bare), "rsc", { date: "2001-01-01", hours: 2, endorsement: "other" }, bare, TODAY);
    assert.equal(rscTotals(bare, s).counted, 2);
    assert.ok(uncheckedRules(bare).some((t) => /Who may provide your RSC is not checked.*check with your association/.test(t)));
    assert.ok(uncheckedRules(data).every((t) => t.endsWith("check with your association.")));
  });
});

describe("renewal", () => {
  test("dates: whole years and cycles", () => {
    assert.equal(addYears("2024-02-29", 3), "2027-03-01");
    assert.equal(wholeYears("2024-07-02", "2027-07-01"), 2);
    assert.equal(wholeYears("2024-07-01", "2027-07-01"), 3);
  });

  test("a full cycle needs 45 training and 36 RSC hours; entries outside the cycle do not count", () => {
    let s = setLogSetting(emptyState(data), "cycle_start", "2024-07-01", TODAY);
    s = training({ hours: 20, date: "2024-08-01" }, s);
    s = training({ hours: 20, date: "2024-06-30" }, s);
    s = rsc({ hours: 12, date: "2025-01-01" }, s);
    const c = renewalCycle(data, s);
    assert.equal(c.due, "2027-07-01");
    assert.deepEqual([c.training.required, c.training.have, c.training.short], [45, 20, 25]);
    assert.deepEqual([c.rsc.required, c.rsc.have, c.rsc.short], [36, 12, 24]);
    assert.match(renewalSummary(data, s).join(" "), /due on 2027-07-01/);
  });

  test("mid-cycle adjustments from the data: 2 years endorsed 30/24, 1 year 15/12, under a year exempt", () => {
    const cycle = (endorsed) => renewalCycle(data, setLogSetting(setLogSetting(emptyState(data), "cycle_start", "2024-07-01", TODAY), "endorsed_on", endorsed, TODAY));
    assert.deepEqual([cycle("2025-07-01").training.required, cycle("2025-07-01").rsc.required], [30, 24]);
    assert.deepEqual([cycle("2026-06-01").training.required, cycle("2026-06-01").rsc.required], [15, 12]);
    assert.equal(cycle("2026-08-01").training.exempt, true);
  });
});

describe("coursework and training as evidence", () => {
  const program = { format: "iecmh-atlas-program", version: 1, id: "p", institution: "Example U", program: "Cert", target_categories: ["ecmhs"],
    courses: [{ code: "C1", title: "Development", covers: [{ item: "ka:pregnancy", level: "I" }, { item: "imhs.tf.x.1", level: "R" }] },
      { code: "C2", title: "Ethics", covers: [{ item: IDS.e1, level: "M" }] }] };

  test("courses taken give college-course evidence from the program map; the user's ticks are untouched", () => {
    const chosen = programCourses(program, data);
    assert.equal(chosen.ok, true);
    assert.deepEqual(chosen.courses[0].items, [IDS.p1, IDS.p2], "ka: covers resolve to this category's items; others are ignored");
    let s = chooseProgram(emptyState(data), chosen, "published");
    s = setCourseTaken(s, "C1", true);
    const links = linkedEvidence(data, s);
    assert.deepEqual(links[IDS.p1].map((l) => [l.evidence, l.from]), [["course", "program"]]);
    assert.equal(links[IDS.e1], undefined, "a course not taken gives nothing");
    assert.deepEqual(s.answers, {});
  });

  test("a hostile program map is refused", () => {
    assert.equal(programCourses({ ...program, courses: [{ code: "<b>x</b>", title: "t", covers: [] }] }, data).ok, false);
    assert.equal(programCourses({ ...program, format: "x" }, data).ok, false);
    assert.equal(programCourses({ ...program, courses: Array.from({ length: 201 }, (_, i) => ({ code: `C${i}`, title: "t", covers: [] })) }, data).ok, false);
  });

  test("a training entry's knowledge areas show as training evidence on their items", () => {
    const links = linkedEvidence(data, training({ title: "Ethics day", areas: ["ethics"] }));
    assert.deepEqual(Object.keys(links), [IDS.e1, IDS.e2]);
    assert.equal(links[IDS.e1][0].evidence, "training");
  });
});

describe("CSV out and in", () => {
  test("a log's CSV re-imports to the same entries; formula-like cells are defused", () => {
    let s = training({ title: "=HYPERLINK(\"http://x\")", provider: "Ann, \"B\"", hours: 6, parts: { "training.1": 6 }, areas: ["pregnancy", "ethics"], note: "two\nlines" });
    s = training({ title: "Second", hours: 1.5 }, s);
    const csv = toLogCSV(data, s, "training");
    assert.match(csv, /'=HYPERLINK/);
    const back = parseLogCSV(csv, data, "training", TODAY);
    assert.equal(back.ok, true, JSON.stringify(back.errors));
    const strip = (list) => list.map(({ id, ...rest }) => rest);
    assert.deepEqual(strip(back.entries), strip(logsOf(s).training));
    let r = rsc({ hours: 2, format: "group", provider: "Dr. P", note: "+1 note" });
    const rBack = parseLogCSV(toLogCSV(data, r, "rsc"), data, "rsc", TODAY);
    assert.deepEqual(strip(rBack.entries), strip(logsOf(r).rsc));
  });

  test("every bad row is reported by number and nothing is taken", () => {
    const csv = "date,title,provider,clock_hours,hours_toward_training.1,hours_toward_training.2,knowledge_areas,notes\r\n" +
      "2025-01-01,Good,P,3,,,,\r\n2025-01-02,Bad,P,-2,,,,\r\n2099-01-01,Future,P,2,,,,\r\n2025-01-03,<script>,P,2,,,,\r\n2025-01-04,Over,P,2,3,,,\r\n";
    const result = parseLogCSV(csv, data, "training", TODAY);
    assert.equal(result.ok, false);
    assert.deepEqual(result.errors.map((e) => e.split(":")[0]), ["Row 3", "Row 4", "Row 5", "Row 6"]);
  });

  test("a file with other columns, too many rows or too many bytes is refused", () => {
    assert.match(parseLogCSV("a,b\r\n1,2\r\n", data, "rsc", TODAY).errors[0], /Row 1 \(the header\)/);
    const header = "date,hours,format,provider,provider_endorsement,serving_the_ages,notes\r\n";
    assert.match(parseLogCSV(header + "2025-01-01,1,individual,P,ERS,yes,\r\n".repeat(501), data, "rsc", TODAY).errors[0], /at most 500/);
    assert.match(parseLogCSV("x".repeat(1000001), data, "rsc", TODAY).errors[0], /larger than/);
  });
});

describe("saved and exported logs", () => {
  const FIXTURE = new URL("../../fixtures/saved/assessment-ecmhs-v1.json", import.meta.url);

  test("today's saved answers (without logs) load and export unchanged: no logs key is added", () => {
    const stored = readFileSync(FIXTURE, "utf8");
    const read = readSaved(stored, data);
    assert.equal(read.ok, true);
    assert.equal(Object.hasOwn(read.state, "logs"), false);
    assert.doesNotMatch(toJSON(data, read.state, DATE), /"logs"/);
  });

  test("logs are part of the lossless JSON export, with their own version", () => {
    let s = setLogSetting(training({ areas: ["ethics"], parts: { "training.1": 2 } }), "degree_date", "2020-01-01", TODAY);
    s = rsc({}, s);
    s = chooseProgram(s, programCourses({ format: "iecmh-atlas-program", version: 1, id: "p", institution: "U", program: "P", courses: [{ code: "C", title: "T", covers: [] }] }, data), "file");
    const text = toJSON(data, s, DATE);
    assert.equal(JSON.parse(text).logs.version, 1);
    const back = parseImport(text, data, TODAY);
    assert.equal(back.ok, true, back.error);
    assert.equal(toJSON(data, back.state, DATE), text);
    assert.deepEqual(migrate(back.state, data).state.logs, back.state.logs);
    assert.match(toMarkdown(data, s, DATE), /## Training log/);
  });

  test("an import with a bad log entry is refused whole; future dates are refused on import but read when saved", () => {
    const s = training({});
    const raw = JSON.parse(toJSON(data, s, DATE));
    raw.logs.training[0].hours = -1;
    assert.match(parseImport(JSON.stringify(raw), data, TODAY).error, /Entry 1 of the training log: The hours must be more than 0/);
    assert.equal(parseImport(toJSON(data, s, DATE), data, "2025-01-01").ok, false);
    assert.equal(readSaved(toJSON(data, s, DATE), data).ok, true);
    raw.logs.training[0].hours = 2;
    raw.logs.extra = 1;
    assert.equal(parseImport(JSON.stringify(raw), data, TODAY).ok, false);
  });

  test("two tabs: entries each tab added are both kept", () => {
    const base = training({ title: "Base" });
    const a = saveEntry(base, "training", { title: "From A", date: "2025-05-01", hours: 1 }, data, TODAY, () => 0.1);
    const b = saveEntry(base, "training", { title: "From B", date: "2025-06-01", hours: 1 }, data, TODAY, () => 0.2);
    const merged = mergeStates(base, a, b);
    assert.deepEqual(logsOf(merged.value).training.map((e) => e.title), ["Base", "From A", "From B"]);
    assert.deepEqual(merged.conflicts, []);
    assert.deepEqual(mergeLogs(base, base, base).conflicts, []);
  });

  test("the Markdown of empty logs adds nothing", () => {
    assert.deepEqual(logsMarkdown(data, emptyState(data), (t) => t), []);
  });
});

describe("the Markdown report of the logs", () => {
  test("a pipe in a title stays inside its table cell", () => {
    const md = toMarkdown(data, training({ title: "A | B" }), DATE);
    const row = md.split("\n").find((line) => line.includes("A \\| B"));
    assert.ok(row, md);
    assert.equal(row.split(/(?<!\\)\|/).length - 2, 5, "five cells");
  });
});
