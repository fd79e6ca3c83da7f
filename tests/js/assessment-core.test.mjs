// Unit tests for docs/assets/js/assessment-core.mjs. Run from the repo root: node --test tests/js/
import { test, describe } from "node:test";
import assert from "node:assert/strict";

// Dates in these tests are read in UTC; tests/js/local-day.test.mjs checks other time zones.
process.env.TZ = "UTC";
import {
  emptyState, setRating, toggleEvidence, setNote, setRequirement, progress, nextUnrated, readiness,
  requirementStatus, gapReport, fileName, toMarkdown, toCSV, csvCell, toJSON, parseImport, migrate, carryOver,
} from "../../docs/assets/js/assessment-core.mjs";

function deepFreeze(value) {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze(value[key]);
  }
  return value;
}

const IDS = {
  p1: "ecmhs.tf.pregnancy.1", p2: "ecmhs.tf.pregnancy.2", d1: "ecmhs.tf.development.1",
  e1: "ecmhs.law.ethics.1", e2: "ecmhs.law.ethics.2",
};

const data = deepFreeze({
  format: "iecmh-atlas-assessment-data",
  dataset_version: "0.1.0",
  category: { id: "ecmhs", code: "ECMHS", name: "Early Childhood Mental Health Specialist" },
  target: 3,
  unit: "indicator",
  scale: {
    levels: [{ value: 0, label: "Not yet" }, { value: 1, label: "Emerging" }, { value: 2, label: "Developing" }, { value: 3, label: "Proficient" }],
    not_enough_info: { value: "nei", label: "Not enough information to rate" },
    evidence: [{ id: "course", label: "College course" }, { id: "training", label: "Training" }, { id: "work", label: "Work experience" }, { id: "rsc", label: "Reflective supervision/consultation" }],
    limits: { import_bytes: 1000000, note_chars: 5000 },
  },
  domains: [{ id: "tf", name: "Theoretical Foundations" }, { id: "empty", name: "Domain without items" }, { id: "law", name: "Law, Regulation and Agency Policy" }],
  items: [
    { id: IDS.p1, domain: "tf", ka: "pregnancy", ka_name: "Pregnancy and Early Parenthood", text: "Describes how pregnancy, birth and early parenthood affect development" },
    { id: IDS.p2, domain: "tf", ka: "pregnancy", ka_name: "Pregnancy and Early Parenthood", text: 'Supports "secure" attachment' },
    { id: IDS.d1, domain: "tf", ka: "development", ka_name: "Infant/Very Young Child Development", text: "Knows developmental milestones" },
    { id: IDS.e1, domain: "law", ka: "ethics", ka_name: "Ethical Practice", text: "Follows the code of ethics" },
    { id: IDS.e2, domain: "law", ka: "ethics", ka_name: "Ethical Practice", text: "Knows mandated reporting duties" },
  ],
  requirements: [
    { id: "education", kind: "check", label: "Degree held", summary: "Master's degree or higher" },
    { id: "training", kind: "hours", label: "Training", required: 33, unit: "clock hours",
      parts: [{ id: "training.1", label: "on promoting social-emotional development", required: 23 }, { id: "training.2", label: "psychotherapy training", required: 10 }] },
    { id: "work_experience", kind: "years", label: "Work experience", required: 2 },
    { id: "rsc", kind: "hours", label: "Reflective supervision/consultation", required: 50, unit: "hours" },
    { id: "reference_ratings", kind: "count", label: "Reference ratings", required: 3 },
    { id: "membership", kind: "check", label: "Association membership" },
  ],
  exact_matches: [{ from: "imhs.tf.pregnancy.1", to: IDS.p1 }, { from: IDS.e1, to: "imhs.law.ethics.1" }],
});

const DATE = new Date("2026-11-23T23:30:00Z");

/** A state with: p1=1 (course, work, note), p2="nei", d1=3, e1=2, e2 unrated. */
function sampleState() {
  let s = emptyState(data);
  s = setRating(s, IDS.p1, 1, data);
  s = toggleEvidence(s, IDS.p1, "work", data);
  s = toggleEvidence(s, IDS.p1, "course", data);
  s = setNote(s, IDS.p1, "Took one course.", data);
  s = setRating(s, IDS.p2, "nei", data);
  s = setRating(s, IDS.d1, 3, data);
  s = setRating(s, IDS.e1, 2, data);
  return deepFreeze(s);
}

const statusOf = (state, id) => requirementStatus(data, state).find((r) => r.id === id);
const withReq = (id, value) => deepFreeze(setRequirement(emptyState(data), id, value, data));

/** A valid export object (parsed), to be altered by each hostile-import test. */
const validExport = () => JSON.parse(toJSON(data, sampleState(), DATE));
const importObject = (obj) => parseImport(JSON.stringify(obj), data);

describe("editing", () => {
  test("emptyState has the category, dataset version and no answers", () => {
    assert.deepEqual(emptyState(data), {
      format: "iecmh-atlas-assessment", version: 1, category: "ecmhs", dataset_version: "0.1.0", answers: {}, requirements: {},
    });
  });

  test("setRating stores, replaces and clears ratings", () => {
    const s = sampleState();
    assert.equal(s.answers[IDS.p1].rating, 1);
    assert.equal(setRating(s, IDS.p1, 0, data).answers[IDS.p1].rating, 0);
    const cleared = setRating(s, IDS.d1, null, data);
    assert.equal(IDS.d1 in cleared.answers, false, "an answer with nothing left is removed");
    assert.equal("rating" in setRating(s, IDS.p1, null, data).answers[IDS.p1], false);
    assert.equal(setRating(s, IDS.p1, null, data).answers[IDS.p1].note, "Took one course.");
  });

  test("setRating rejects invalid ratings and unknown items with TypeError", () => {
    const s = sampleState();
    for (const bad of [7, -1, 1.5, "3", "NEI", undefined, NaN, true]) {
      assert.throws(() => setRating(s, IDS.p1, bad, data), TypeError, `rating ${String(bad)}`);
    }
    assert.throws(() => setRating(s, "ecmhs.nope.1", 1, data), TypeError);
    assert.throws(() => setRating(s, "__proto__", 1), TypeError);
  });

  test("toggleEvidence keeps scale order, toggles off and rejects unknown ids", () => {
    const s = sampleState();
    assert.deepEqual(s.answers[IDS.p1].evidence, ["course", "work"]);
    const more = toggleEvidence(s, IDS.p1, "training", data);
    assert.deepEqual(more.answers[IDS.p1].evidence, ["course", "training", "work"]);
    const less = toggleEvidence(s, IDS.p1, "course", data);
    assert.deepEqual(less.answers[IDS.p1].evidence, ["work"]);
    const none = toggleEvidence(less, IDS.p1, "work", data);
    assert.equal("evidence" in none.answers[IDS.p1], false);
    assert.throws(() => toggleEvidence(s, IDS.p1, "diploma", data), TypeError);
    assert.throws(() => toggleEvidence(s, IDS.p1, "diploma"), TypeError, "defaults apply without data");
    assert.deepEqual(toggleEvidence(emptyState(data), IDS.p2, "rsc").answers[IDS.p2], { evidence: ["rsc"] });
  });

  test("setNote stores text, removes empty notes and rejects too long or non-text notes", () => {
    const s = sampleState();
    assert.equal(setNote(s, IDS.e2, "a note", data).answers[IDS.e2].note, "a note");
    assert.equal("note" in setNote(s, IDS.p1, "", data).answers[IDS.p1], false);
    assert.equal(setNote(s, IDS.e2, "x".repeat(5000), data).answers[IDS.e2].note.length, 5000);
    assert.throws(() => setNote(s, IDS.e2, "x".repeat(5001), data), TypeError);
    assert.throws(() => setNote(s, IDS.e2, 42, data), TypeError);
  });

  test("setRequirement validates each kind, and null removes the entry", () => {
    const s = emptyState(data);
    assert.deepEqual(setRequirement(s, "education", { met: true }, data).requirements, { education: { met: true } });
    assert.deepEqual(setRequirement(s, "training", { hours: 5, parts: { "training.1": 5 } }, data).requirements.training,
      { hours: 5, parts: { "training.1": 5 } });
    assert.deepEqual(setRequirement(s, "work_experience", { years: 1.5 }, data).requirements.work_experience, { years: 1.5 });
    assert.deepEqual(setRequirement(s, "reference_ratings", { count: 2 }, data).requirements.reference_ratings, { count: 2 });
    const bad = [
      ["education", { met: "yes" }], ["training", { hours: -1 }], ["training", { hours: 5, parts: { "training.9": 1 } }],
      ["training", { hours: 5, parts: { "training.1": -2 } }], ["rsc", { hours: Number.NaN }], ["rsc", { hours: "12" }],
      ["work_experience", { hours: 2 }], ["reference_ratings", { count: 1.5 }], ["nope", { met: true }], ["education", 1],
    ];
    for (const [id, value] of bad) assert.throws(() => setRequirement(s, id, value, data), TypeError, `${id} ${JSON.stringify(value)}`);
    assert.throws(() => setRequirement(s, "rsc", { hours: -3 }), TypeError, "shape is checked without data");
    const set = setRequirement(s, "rsc", { hours: 3 }, data);
    assert.deepEqual(setRequirement(set, "rsc", null, data).requirements, {});
  });
});

describe("scoring", () => {
  test("progress counts rated items, including not-enough-information", () => {
    assert.deepEqual(progress(data, emptyState(data)), { rated: 0, total: 5 });
    assert.deepEqual(progress(data, sampleState()), { rated: 4, total: 5 });
    const noteOnly = setNote(emptyState(data), IDS.p1, "just a note", data);
    assert.deepEqual(progress(data, noteOnly), { rated: 0, total: 5 });
  });

  test("nextUnrated walks forward, wraps around and returns null when all are rated", () => {
    const empty = emptyState(data);
    assert.equal(nextUnrated(data, empty), IDS.p1);
    assert.equal(nextUnrated(data, empty, IDS.p1), IDS.p2);
    assert.equal(nextUnrated(data, empty, IDS.e2), IDS.p1, "wraps around after the last item");
    const s = sampleState();
    assert.equal(nextUnrated(data, s), IDS.e2);
    assert.equal(nextUnrated(data, s, IDS.e2), IDS.e2, "the only unrated item is found again after a full turn");
    const partly = setRating(s, IDS.e2, 0, data);
    const onlyFirst = setRating(partly, IDS.p1, null, data);
    assert.equal(nextUnrated(data, onlyFirst, IDS.d1), IDS.p1, "wraps to the first item");
    assert.equal(nextUnrated(data, partly), null);
    assert.equal(nextUnrated(data, partly, IDS.p2), null);
  });

  test("readiness gives numbers per domain in order and skips domains without items", () => {
    assert.deepEqual(readiness(data, sampleState()), [
      { domain: "tf", name: "Theoretical Foundations", total: 3, rated: 3, atTarget: 1, nei: 1, belowTarget: 1, percent: 33 },
      { domain: "law", name: "Law, Regulation and Agency Policy", total: 2, rated: 1, atTarget: 0, nei: 0, belowTarget: 1, percent: 0 },
    ]);
    const full = setRating(setRating(sampleState(), IDS.e1, 3, data), IDS.e2, 3, data);
    assert.equal(readiness(data, full)[1].percent, 100);
    const twoOfThree = setRating(sampleState(), IDS.p1, 3, data);
    assert.equal(readiness(data, twoOfThree)[0].percent, 67);
  });

  test("gapReport groups gaps by domain and lists strengths, unrated and nei items", () => {
    const report = gapReport(data, sampleState());
    assert.equal(report.target, 3);
    assert.equal(report.dataset_version, "0.1.0");
    assert.deepEqual(report.progress, { rated: 4, total: 5 });
    assert.deepEqual(report.gaps.map((g) => [g.domain, g.name, g.items.map((i) => [i.id, i.rating, i.label])]), [
      ["tf", "Theoretical Foundations", [[IDS.p1, 1, "Emerging"]]],
      ["law", "Law, Regulation and Agency Policy", [[IDS.e1, 2, "Developing"]]],
    ]);
    const gapItem = report.gaps[0].items[0];
    assert.equal(gapItem.text, data.items[0].text);
    assert.equal(gapItem.ka_name, "Pregnancy and Early Parenthood");
    assert.equal(gapItem.note, "Took one course.");
    assert.deepEqual(report.strengths.map((i) => i.id), [IDS.d1]);
    assert.deepEqual(report.unrated.map((i) => i.id), [IDS.e2]);
    assert.deepEqual(report.notEnoughInfo.map((i) => [i.id, i.label]), [[IDS.p2, "Not enough information to rate"]]);
    assert.deepEqual(report.requirements, requirementStatus(data, sampleState()));
    const noLawGaps = setRating(sampleState(), IDS.e1, 3, data);
    assert.deepEqual(gapReport(data, noLawGaps).gaps.map((g) => g.domain), ["tf"], "empty groups are left out");
  });
});

describe("requirements", () => {
  test("statuses come in data order and missing entries are unmet", () => {
    const all = requirementStatus(data, emptyState(data));
    assert.deepEqual(all.map((r) => r.id), data.requirements.map((r) => r.id));
    assert.deepEqual(all.map((r) => r.label), data.requirements.map((r) => r.label));
    assert.ok(all.every((r) => r.met === false && typeof r.shortfall === "string" && typeof r.detail === "string"));
  });

  test("check: 'not yet' until met", () => {
    assert.deepEqual(statusOf(emptyState(data), "education"),
      { id: "education", label: "Degree held", met: false, shortfall: "not yet", detail: "Master's degree or higher: not yet" });
    assert.deepEqual(statusOf(withReq("education", { met: true }), "education"),
      { id: "education", label: "Degree held", met: true, shortfall: null, detail: "Master's degree or higher: yes" });
    assert.equal(statusOf(withReq("membership", { met: false }), "membership").detail, "not yet");
    assert.equal(statusOf(withReq("membership", { met: true }), "membership").met, true);
  });

  test("hours: shortfall in hours of the lower-cased label, singular for 1", () => {
    const r = statusOf(withReq("rsc", { hours: 33 }), "rsc");
    assert.equal(r.met, false);
    assert.equal(r.shortfall, "17 more hours of reflective supervision/consultation");
    assert.equal(r.detail, "33 of 50 hours");
    assert.equal(statusOf(withReq("rsc", { hours: 49 }), "rsc").shortfall, "1 more hour of reflective supervision/consultation");
    assert.deepEqual(statusOf(withReq("rsc", { hours: 50 }), "rsc"),
      { id: "rsc", label: "Reflective supervision/consultation", met: true, shortfall: null, detail: "50 of 50 hours" });
    assert.equal(statusOf(withReq("rsc", { hours: 0.1 + 0.2 }), "rsc").shortfall, "49.7 more hours of reflective supervision/consultation");
  });

  test("hours with parts: met only when the total and every part are met", () => {
    const short = statusOf(withReq("training", { hours: 20, parts: { "training.1": 13, "training.2": 7 } }), "training");
    assert.equal(short.met, false);
    assert.equal(short.shortfall, "13 more clock hours of training; on promoting social-emotional development: 10 more clock hours; psychotherapy training: 3 more clock hours");
    assert.equal(short.detail, "20 of 33 clock hours (on promoting social-emotional development: 13 of 23; psychotherapy training: 7 of 10)");
    const partShort = statusOf(withReq("training", { hours: 40, parts: { "training.1": 31, "training.2": 9 } }), "training");
    assert.equal(partShort.met, false, "total met but one part short");
    assert.equal(partShort.shortfall, "psychotherapy training: 1 more clock hour");
    const noParts = statusOf(withReq("training", { hours: 33 }), "training");
    assert.equal(noParts.met, false, "missing parts count as 0");
    assert.equal(noParts.shortfall, "on promoting social-emotional development: 23 more clock hours; psychotherapy training: 10 more clock hours");
    const met = statusOf(withReq("training", { hours: 33, parts: { "training.1": 23, "training.2": 10 } }), "training");
    assert.equal(met.met, true);
    assert.equal(met.shortfall, null);
  });

  test("years: shortfall in years, rounded to 2 decimals", () => {
    assert.equal(statusOf(withReq("work_experience", { years: 1.5 }), "work_experience").shortfall, "0.5 more years of work experience");
    assert.equal(statusOf(withReq("work_experience", { years: 1 }), "work_experience").shortfall, "1 more year of work experience");
    const floaty = statusOf(withReq("work_experience", { years: 0.1 + 0.2 }), "work_experience");
    assert.equal(floaty.shortfall, "1.7 more years of work experience");
    assert.equal(floaty.detail, "0.3 of 2 years");
    const tiny = deepFreeze({ ...data, requirements: [{ id: "y", kind: "years", label: "Work experience", required: 0.3 }] });
    const state = deepFreeze(setRequirement(emptyState(tiny), "y", { years: 0.1 + 0.2 }, tiny));
    assert.deepEqual(requirementStatus(tiny, state)[0], { id: "y", label: "Work experience", met: true, shortfall: null, detail: "0.3 of 0.3 years" });
    assert.equal(statusOf(withReq("work_experience", { years: 2.5 }), "work_experience").met, true);
  });

  test("count: 'n more reference rating(s)'", () => {
    assert.equal(statusOf(withReq("reference_ratings", { count: 2 }), "reference_ratings").shortfall, "1 more reference rating");
    assert.equal(statusOf(emptyState(data), "reference_ratings").shortfall, "3 more reference ratings");
    assert.equal(statusOf(emptyState(data), "reference_ratings").detail, "0 of 3");
    assert.equal(statusOf(withReq("reference_ratings", { count: 3 }), "reference_ratings").met, true);
  });
});

describe("serializers", () => {
  // Markdown structure in a note (markup itself is refused by setNote and parseImport; see the import tests).
  const HOSTILE_NOTE = "5 > 3 # heading | pipe *bold* [link](x)\n- list\n1. one";

  test("fileName uses the category code, the kind and the local day (UTC here: see local-day.test.mjs)", () => {
    assert.equal(fileName(data, "md", DATE), "iecmh-atlas-ECMHS-self-assessment-2026-11-23.md");
    assert.equal(fileName(data, "csv", new Date("2026-01-02T00:00:00Z")), "iecmh-atlas-ECMHS-self-assessment-2026-01-02.csv");
    assert.equal(fileName(data, "json", DATE), "iecmh-atlas-ECMHS-self-assessment-2026-11-23.json");
    assert.throws(() => fileName(data, "exe", DATE), TypeError);
    assert.throws(() => fileName(data, "md", new Date("nope")), TypeError);
  });

  test("toMarkdown has the title, privacy line, readiness table, requirements, gaps, strengths and nei items", () => {
    const md = toMarkdown(data, setRequirement(sampleState(), "rsc", { hours: 33 }, data), DATE);
    assert.match(md, /^# Self-assessment: Early Childhood Mental Health Specialist \(ECMHS\), 2026-11-23\n/);
    assert.ok(md.includes("\nMade in the browser with the IECMH Competency Atlas; nothing was sent anywhere.\n"));
    assert.ok(md.includes("| Domain | Rated | At target | Below target | Not enough information | Total | At target |"));
    assert.ok(md.includes("| Theoretical Foundations | 3 | 1 | 1 | 1 | 3 | 33% |"));
    assert.ok(md.includes("| Law, Regulation and Agency Policy | 1 | 0 | 1 | 0 | 2 | 0% |"));
    assert.ok(md.includes("- **Reflective supervision/consultation**: 17 more hours of reflective supervision/consultation (33 of 50 hours)"));
    assert.ok(md.includes("### Theoretical Foundations\n\n- **Emerging (1)** Describes how pregnancy, birth and early parenthood affect development *(Pregnancy and Early Parenthood)*"));
    assert.ok(md.includes("  - Evidence: College course; Work experience\n  - Note: Took one course."));
    assert.ok(md.includes("## Strengths (at or above the target level)\n\n- **Proficient (3)** Knows developmental milestones"));
    assert.ok(md.includes("## Not enough information to rate\n\n- Supports \"secure\" attachment *(Pregnancy and Early Parenthood)*\n"));
    assert.ok(md.includes("\n1 indicator not yet rated.\n"));
    assert.ok(toMarkdown(data, emptyState(data), DATE).includes("\n5 indicators not yet rated.\n"));
    assert.ok(md.includes("- **Degree held**: not yet (Master's degree or higher: not yet)"));
    assert.equal(md.includes("**Reference ratings**: 3 more reference ratings (0 of 3)"), true);
  });

  test("toMarkdown escapes notes so they cannot add Markdown structure or HTML", () => {
    const s = setNote(sampleState(), IDS.p1, HOSTILE_NOTE, data);
    const md = toMarkdown(data, s, DATE);
    const escaped = "  - Note: 5 \\> 3 \\# heading \\| pipe \\*bold\\* \\[link\\](x)\\\n    \\- list\\\n    1\\. one";
    assert.ok(md.includes(escaped), md);
    assert.doesNotMatch(md, /(^|[^\\])>/m, "no unescaped > at all");
    assert.doesNotMatch(md, /^\s*- list/m);
  });

  test("toMarkdown escapes item text that starts a list item, but not numbers inside a line", () => {
    const odd = deepFreeze({ ...data, items: [{ ...data.items[1], text: "1. looks like a list <b>" }] });
    const md = toMarkdown(odd, setRating(emptyState(odd), IDS.p2, "nei", odd), DATE);
    assert.ok(md.includes("\n- 1\\. looks like a list \\<b\\> *(Pregnancy and Early Parenthood)*\n"), md);
    assert.ok(md.includes("Dataset version 0.1.0."));
  });

  test("csvCell quotes, doubles quotes and defuses formulas", () => {
    assert.equal(csvCell("plain"), "plain");
    assert.equal(csvCell('say "hi", now'), '"say ""hi"", now"');
    assert.equal(csvCell("a\nb"), '"a\nb"');
    assert.equal(csvCell("a\rb"), '"a\rb"');
    assert.equal(csvCell("=SUM(A1)"), "'=SUM(A1)");
    assert.equal(csvCell("-1"), "'-1");
    assert.equal(csvCell("@x"), "'@x");
    assert.equal(csvCell("+1"), "'+1");
    assert.equal(csvCell("\tx"), "'\tx");
    assert.equal(csvCell("\rx"), "\"'\rx\"");
    assert.equal(csvCell("=1,2"), "\"'=1,2\"");
    assert.equal(csvCell(null), "");
    assert.equal(csvCell(undefined), "");
    assert.equal(csvCell(0), "0");
  });

  test("toCSV gives exact RFC 4180 output with BOM and CRLF", () => {
    const two = deepFreeze({ ...data, items: data.items.slice(0, 2) });
    const state = deepFreeze({
      ...emptyState(two),
      answers: {
        [IDS.p1]: { rating: 1, evidence: ["course", "work"], note: "=SUM(A1)" },
        [IDS.p2]: { rating: "nei", note: "line1\nline2, -2", carried_from: "imhs" },
      },
    });
    const expected = "\uFEFFcategory,domain,knowledge_area,item_id,item_text,rating,rating_label,evidence,note,carried_from\r\n"
      + "ECMHS,Theoretical Foundations,Pregnancy and Early Parenthood,ecmhs.tf.pregnancy.1,\"Describes how pregnancy, birth and early parenthood affect development\",1,Emerging,College course; Work experience,'=SUM(A1),\r\n"
      + "ECMHS,Theoretical Foundations,Pregnancy and Early Parenthood,ecmhs.tf.pregnancy.2,\"Supports \"\"secure\"\" attachment\",nei,Not enough information to rate,,\"line1\nline2, -2\",IMHS\r\n";
    assert.equal(toCSV(two, state), expected);
  });

  test("toCSV has one row per item, unrated rows empty", () => {
    const lines = toCSV(data, sampleState()).split("\r\n");
    assert.equal(lines.length, 1 + 5 + 1, "header, five rows, trailing empty string after the last CRLF");
    assert.equal(lines[5], "ECMHS,\"Law, Regulation and Agency Policy\",Ethical Practice,ecmhs.law.ethics.2,Knows mandated reporting duties,,,,,");
  });

  test("toJSON is a 2-space export that parseImport restores exactly", () => {
    let s = setNote(sampleState(), IDS.e2, HOSTILE_NOTE, data);
    s = setRequirement(s, "training", { hours: 12.5, parts: { "training.1": 10, "training.2": 2.5 } }, data);
    s = setRequirement(s, "education", { met: false }, data);
    s = setRequirement(s, "reference_ratings", { count: 2 }, data);
    s = deepFreeze(s);
    const text = toJSON(data, s, DATE);
    const obj = JSON.parse(text);
    assert.equal(text, JSON.stringify(obj, null, 2));
    assert.deepEqual(Object.keys(obj), ["format", "version", "tool", "exported", "category", "dataset_version", "answers", "requirements"]);
    assert.equal(obj.tool, "IECMH Competency Atlas");
    assert.equal(obj.exported, "2026-11-23T23:30:00.000Z");
    const back = parseImport(text, data);
    assert.equal(back.ok, true, back.error);
    assert.deepEqual(back.state, s);
    assert.deepEqual(back.removed, []);
    assert.equal(back.state.answers[IDS.e2].note, HOSTILE_NOTE, "Markdown-like notes come back unchanged");
  });

  test("toJSON exports orphans, which come back as orphans", () => {
    const s = deepFreeze({ ...sampleState(), orphans: { "ecmhs.tf.old.1": { rating: 2, note: "kept" } } });
    const back = parseImport(toJSON(data, s, DATE), data);
    assert.equal(back.ok, true, back.error);
    assert.deepEqual(back.removed, ["ecmhs.tf.old.1"]);
    assert.deepEqual(back.state, s);
  });
});

describe("parseImport refuses hostile or broken files", () => {
  const refuses = (result, pattern) => {
    assert.equal(result.ok, false);
    assert.equal(typeof result.error, "string");
    assert.match(result.error, pattern);
    assert.equal("state" in result, false);
  };

  test("accepts a valid export (control case)", () => {
    const result = importObject(validExport());
    assert.equal(result.ok, true, result.error);
    assert.deepEqual(result.state, sampleState());
  });

  test("too large (limit measured in UTF-8 bytes)", () => {
    refuses(parseImport(" ".repeat(1000001), data), /too large/);
    refuses(parseImport("€".repeat(400000), data), /too large/, "1.2 MB of UTF-8 in 400000 characters");
    const padded = JSON.stringify(validExport()) + " ".repeat(900000);
    assert.equal(parseImport(padded, data).ok, true, "just under the limit is fine");
  });

  test("not JSON", () => refuses(parseImport("{format: nope", data), /not valid JSON/));
  test("not text at all", () => refuses(parseImport(null, data), /expected the text/));
  test("an array", () => refuses(parseImport("[1, 2]", data), /expected a JSON object/));
  test("a bare value", () => refuses(parseImport("42", data), /expected a JSON object/));

  test("wrong format", () => {
    refuses(importObject({ ...validExport(), format: "something-else" }), /^This file is not an IECMH Atlas self-assessment export/);
  });

  test("wrong version", () => {
    refuses(importObject({ ...validExport(), version: 2 }), /^This file is not an IECMH Atlas self-assessment export/);
    refuses(importObject({ ...validExport(), version: "1" }), /not an IECMH Atlas/);
  });

  test("another category", () => {
    refuses(importObject({ ...validExport(), category: "imhs" }), /^This export is for IMHS; open the IMHS self-assessment to import it\.$/);
  });

  test("JSON.parse makes __proto__ an own key, which is why it is checked", () => {
    assert.equal(Object.hasOwn(JSON.parse('{"__proto__": 1}'), "__proto__"), true);
  });

  test("__proto__ key at the top level", () => {
    const text = `{"__proto__": {"polluted": true}, ${JSON.stringify(validExport()).slice(1)}`;
    refuses(parseImport(text, data), /forbidden key "__proto__"/);
    assert.equal(({}).polluted, undefined);
    assert.equal(Object.prototype.polluted, undefined);
  });

  test("__proto__ key nested in answers", () => {
    const text = JSON.stringify(validExport()).replace('"answers":{', '"answers":{"__proto__":{"rating":1,"polluted":true},');
    assert.ok(text.includes('"__proto__"'), "fixture really contains the key");
    refuses(parseImport(text, data), /forbidden key "__proto__"/);
    assert.equal(({}).polluted, undefined);
  });

  test("__proto__ key deep inside a requirement's parts", () => {
    const text = JSON.stringify(validExport()).replace('"requirements":{}', '"requirements":{"training":{"hours":1,"parts":{"__proto__":{"polluted":true}}}}');
    assert.ok(text.includes('"parts":{"__proto__"'), "fixture really contains the key");
    refuses(parseImport(text, data), /forbidden key "__proto__"/);
    assert.equal(({}).polluted, undefined);
  });

  test("constructor key", () => {
    const obj = validExport();
    obj.answers[IDS.p1] = { rating: 1, constructor: { prototype: { polluted: true } } };
    refuses(importObject(obj), /forbidden key "constructor"/);
    assert.equal(({}).polluted, undefined);
  });

  test("prototype key", () => {
    const obj = validExport();
    obj.requirements = { prototype: { met: true } };
    refuses(importObject(obj), /forbidden key "prototype"/);
  });

  test("rating of the wrong type", () => {
    const obj = validExport();
    obj.answers[IDS.p1].rating = "3";
    refuses(importObject(obj), /ecmhs\.tf\.pregnancy\.1.*rating must be 0, 1, 2, 3 or "nei"/);
  });

  test("rating out of range", () => {
    const obj = validExport();
    obj.answers[IDS.p1].rating = 7;
    refuses(importObject(obj), /rating must be/);
  });

  test("evidence with an unknown id", () => {
    const obj = validExport();
    obj.answers[IDS.p1].evidence = ["course", "diploma"];
    refuses(importObject(obj), /evidence must be among/);
  });

  test("evidence that is not a list", () => {
    const obj = validExport();
    obj.answers[IDS.p1].evidence = "course";
    refuses(importObject(obj), /evidence must be a list/);
  });

  test("note that is not text", () => {
    const obj = validExport();
    obj.answers[IDS.p1].note = { text: "hi" };
    refuses(importObject(obj), /note must be text/);
  });

  for (const markup of ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "ok < /p> x", "<!-- c -->",
    "see javascript:alert(1)"]) {
    test(`note with markup or script: ${markup}`, () => {
      const obj = validExport();
      obj.answers[IDS.p1].note = markup;
      refuses(importObject(obj), /note contains HTML or script markup/);
    });
  }

  test("setNote refuses markup but accepts comparisons and hearts", () => {
    assert.throws(() => setNote(emptyState(data), IDS.p1, "<b>bold</b>", data), /HTML or script markup/);
    assert.equal(setNote(emptyState(data), IDS.p1, "<3 and 2 < 5 > 1", data).answers[IDS.p1].note, "<3 and 2 < 5 > 1");
  });

  test("note that is too long", () => {
    const obj = validExport();
    obj.answers[IDS.p1].note = "x".repeat(5001);
    refuses(importObject(obj), /note is longer than 5000 characters/);
  });

  test("answer that is not an object", () => {
    const obj = validExport();
    obj.answers[IDS.p1] = 3;
    refuses(importObject(obj), /must be an object/);
  });

  test("unknown field inside an answer", () => {
    const obj = validExport();
    obj.answers[IDS.p1].score = 3;
    refuses(importObject(obj), /unexpected field "score"/);
  });

  test("negative hours", () => {
    const obj = validExport();
    obj.requirements = { rsc: { hours: -5 } };
    refuses(importObject(obj), /hours must be a number of 0 or more/);
  });

  test("NaN-like string hours", () => {
    const obj = validExport();
    obj.requirements = { rsc: { hours: "NaN" } };
    refuses(importObject(obj), /hours must be a number of 0 or more/);
  });

  test("requirement value of the wrong kind", () => {
    const obj = validExport();
    obj.requirements = { education: { count: 1 } };
    refuses(importObject(obj), /Degree held.*unexpected field "count"/);
  });

  test("count that is not a whole number", () => {
    const obj = validExport();
    obj.requirements = { reference_ratings: { count: 2.5 } };
    refuses(importObject(obj), /count must be a whole number/);
  });

  test("unknown requirement id", () => {
    const obj = validExport();
    obj.requirements = { licence: { met: true } };
    refuses(importObject(obj), /requirement "licence" that this category does not have/);
  });

  test("unknown top-level key", () => {
    refuses(importObject({ ...validExport(), extra: 1 }), /unexpected field "extra"/);
  });

  test("tool and exported are allowed but must be text", () => {
    assert.equal(importObject({ ...validExport(), tool: "other tool", exported: "whenever" }).ok, true);
    refuses(importObject({ ...validExport(), exported: 5 }), /"exported" field must be text/);
  });

  test("never throws, even for odd data", () => {
    assert.doesNotThrow(() => parseImport("{}", null));
    assert.equal(parseImport("{}", null).ok, false);
    assert.equal(parseImport(`${"[".repeat(100000)}${"]".repeat(100000)}`, data).ok, false);
  });
});

describe("parseImport keeps what it cannot place", () => {
  test("answers for unknown items are listed in removed (sorted) and kept as orphans", () => {
    const obj = validExport();
    obj.answers["ecmhs.zz.gone.1"] = { rating: 2 };
    obj.answers["ecmhs.aa.gone.1"] = { note: "keep me" };
    const result = importObject(obj);
    assert.equal(result.ok, true, result.error);
    assert.deepEqual(result.removed, ["ecmhs.aa.gone.1", "ecmhs.zz.gone.1"]);
    assert.deepEqual(result.state.orphans, { "ecmhs.aa.gone.1": { note: "keep me" }, "ecmhs.zz.gone.1": { rating: 2 } });
    assert.equal("ecmhs.zz.gone.1" in result.state.answers, false);
    assert.deepEqual(result.state.answers, sampleState().answers);
  });

  test("the returned state is a fresh plain object with only validated fields", () => {
    const result = importObject({ ...validExport(), tool: "x", exported: "y" });
    assert.equal(Object.getPrototypeOf(result.state), Object.prototype);
    assert.equal(Object.getPrototypeOf(result.state.answers), Object.prototype);
    assert.deepEqual(Object.keys(result.state), ["format", "version", "category", "dataset_version", "answers", "requirements"]);
    assert.equal(result.state.dataset_version, "0.1.0");
  });

  test("evidence is put back into scale order", () => {
    const obj = validExport();
    obj.answers[IDS.p1].evidence = ["rsc", "course"];
    assert.deepEqual(importObject(obj).state.answers[IDS.p1].evidence, ["course", "rsc"]);
  });
});

describe("migrate", () => {
  const saved = deepFreeze({
    format: "iecmh-atlas-assessment", version: 1, category: "ecmhs", dataset_version: "0.0.9",
    answers: { [IDS.p1]: { rating: 2, note: "kept" }, "ecmhs.tf.old.1": { rating: 3 }, "ecmhs.aa.old.2": { note: "x" } },
    requirements: { rsc: { hours: 4 }, old_requirement: { met: true } },
  });

  test("across dataset versions: known answers load, others become orphans and are listed", () => {
    const { state, removed, removedRequirements } = migrate(saved, data);
    assert.deepEqual(removed, ["ecmhs.aa.old.2", "ecmhs.tf.old.1"]);
    assert.deepEqual(state.answers, { [IDS.p1]: { rating: 2, note: "kept" } });
    assert.deepEqual(state.orphans, { "ecmhs.tf.old.1": { rating: 3 }, "ecmhs.aa.old.2": { note: "x" } });
    assert.equal(state.dataset_version, "0.1.0");
    assert.deepEqual(state.requirements, { rsc: { hours: 4 } });
    assert.deepEqual(removedRequirements, ["old_requirement"]);
  });

  test("same version, all known: an equal state and nothing removed", () => {
    const s = sampleState();
    const result = migrate(s, data);
    assert.deepEqual(result.state, s);
    assert.notEqual(result.state, s, "a new object");
    assert.deepEqual(result.removed, []);
  });

  test("orphans whose items are back are restored", () => {
    const withOrphan = deepFreeze({ ...sampleState(), orphans: { [IDS.e2]: { rating: 0 }, "ecmhs.tf.old.1": { rating: 1 } } });
    const { state, removed } = migrate(withOrphan, data);
    assert.deepEqual(state.answers[IDS.e2], { rating: 0 });
    assert.deepEqual(state.orphans, { "ecmhs.tf.old.1": { rating: 1 } });
    assert.deepEqual(removed, []);
  });
});

describe("carryOver", () => {
  const imhs = deepFreeze({
    format: "iecmh-atlas-assessment", version: 1, category: "imhs", dataset_version: "0.1.0",
    answers: {
      "imhs.tf.pregnancy.1": { rating: 2, evidence: ["training", "course"], note: "from IMHS" },
      "imhs.law.ethics.1": { rating: 3 },
    },
    requirements: {},
  });

  test("fills only empty items, in both crosswalk directions, and marks carried_from", () => {
    const s = carryOver(data, emptyState(data), { imhs });
    assert.deepEqual(s.answers[IDS.p1], { rating: 2, evidence: ["course", "training"], note: "from IMHS", carried_from: "imhs" });
    assert.deepEqual(s.answers[IDS.e1], { rating: 3, carried_from: "imhs" });
    assert.deepEqual(Object.keys(s.answers).sort(), [IDS.e1, IDS.p1]);
  });

  test("never overwrites an existing answer, even one with only a note", () => {
    const noteOnly = deepFreeze(setNote(emptyState(data), IDS.p1, "mine", data));
    const s = carryOver(data, noteOnly, { imhs });
    assert.deepEqual(s.answers[IDS.p1], { note: "mine" });
    const rated = sampleState();
    assert.deepEqual(carryOver(data, rated, { imhs }).answers[IDS.p1], rated.answers[IDS.p1]);
  });

  test("editing a carried item clears carried_from", () => {
    const s = carryOver(data, emptyState(data), { imhs });
    assert.equal("carried_from" in setRating(s, IDS.p1, 3, data).answers[IDS.p1], false);
    assert.equal("carried_from" in setNote(s, IDS.p1, "edited", data).answers[IDS.p1], false);
    assert.equal("carried_from" in toggleEvidence(s, IDS.e1, "rsc", data).answers[IDS.e1], false);
    assert.equal(setRating(s, IDS.p1, 3, data).answers[IDS.p1].note, "from IMHS", "the rest of the answer stays");
  });

  test("works with no other states", () => {
    const s = sampleState();
    assert.deepEqual(carryOver(data, s, {}), s);
    assert.deepEqual(carryOver(data, s), s);
  });
});

describe("purity", () => {
  test("no function mutates its (deep-frozen) inputs", () => {
    const s = deepFreeze(setRequirement(sampleState(), "training", { hours: 3, parts: { "training.1": 3 } }, data));
    const others = deepFreeze({ imhs: { answers: { "imhs.tf.pregnancy.1": { rating: 1 } } } });
    const before = structuredClone(s);
    const dataBefore = structuredClone(data);
    const calls = [
      () => setRating(s, IDS.p1, 2, data), () => toggleEvidence(s, IDS.p1, "rsc", data), () => setNote(s, IDS.p1, "n", data),
      () => setRequirement(s, "training", { hours: 4 }, data), () => setRequirement(s, "training", null, data),
      () => progress(data, s), () => nextUnrated(data, s, IDS.p1), () => readiness(data, s), () => requirementStatus(data, s),
      () => gapReport(data, s), () => toMarkdown(data, s, DATE), () => toCSV(data, s), () => toJSON(data, s, DATE),
      () => parseImport(toJSON(data, s, DATE), data), () => migrate(s, data), () => carryOver(data, setRating(s, IDS.p1, null, data), others),
    ];
    for (const call of calls) assert.doesNotThrow(call);
    assert.deepEqual(s, before);
    assert.deepEqual(data, dataBefore);
    assert.notEqual(setRating(s, IDS.p1, 2, data).answers, s.answers, "edits return new objects");
  });
});
