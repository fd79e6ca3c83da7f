// Node tests of docs/assets/js/assessment/raters.mjs and raters-report.mjs, and of the self-and-raters parts of the
// exports in formats.mjs. Run from the repo root: node --test tests/js/
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { parseImport, toJSON } from "../../../docs/assets/js/assessment/formats.mjs";
import { toCSV, toMarkdown } from "../../../docs/assets/js/assessment/exports.mjs";
import {
  DEFAULT_MAX_RATERS, addMonths, addRater, compareRow, comparison, companionFromExport, companionText, emptyCompanion,
  emptyRating, mergeCompanions, noteItem, parseRaterFile, planCandidates, rateItem, raterFileText, raterList,
  raterReadiness, readCompanion, readDraft, removeRater, rowShown, setPlanField, setRatingField,
} from "../../../docs/assets/js/assessment/raters.mjs";
import { ratersMarkdown, readinessSentences, ruleSentences } from "../../../docs/assets/js/assessment/raters-report.mjs";
import { setRating } from "../../../docs/assets/js/assessment/state.mjs";
import { DATE, IDS, data, deepFreeze, sampleState } from "./fixture.mjs";

const NOON = new Date("2026-11-23T12:00:00Z"); // the same local day in every time zone within 11 hours of UTC
const SOURCE = "Endorsement facts, Requirements by infant category (reference ratings)";
const ruled = deepFreeze({ ...data, reference_ratings: {
  count: { value: 3, source: SOURCE }, not_counted_at_not_enough_info: { value: 2, source: SOURCE },
  valid_for_months: { value: 12, source: SOURCE } } });

/** A complete rating of the sample person by a rater of role, with ratings {itemId: value}. */
function ratingBy(role, ratings, on = "2026-03-01", d = ruled) {
  let r = setRatingField(setRatingField(emptyRating(d, DATE), "person", "J. D."), "rater_role", role);
  r = setRatingField(r, "rated_on", on);
  for (const [id, value] of Object.entries(ratings)) r = rateItem(r, id, value, d);
  return deepFreeze(r);
}
const fileOf = (rating, d = ruled) => raterFileText(d, rating);
const take = (companion, rating, d = ruled) => {
  const result = parseRaterFile(fileOf(rating, d), d, companion);
  assert.equal(result.ok, true, result.error);
  return deepFreeze(addRater(companion, result.rater));
};

describe("rater files", () => {
  test("a rating saved as a file is read back as it was, with role, date, category and dataset version", () => {
    const rating = noteItem(ratingBy("supervisor", { [IDS.p1]: 3, [IDS.p2]: "nei" }), IDS.p2, "Not seen yet", ruled);
    const raw = JSON.parse(fileOf(rating));
    assert.deepEqual([raw.format, raw.version, raw.rater_role, raw.rated_on, raw.category, raw.dataset_version],
      ["iecmh-atlas-rater-rating", 1, "supervisor", "2026-03-01", "ecmhs", "0.1.0"]);
    const result = parseRaterFile(fileOf(rating), ruled, emptyCompanion(ruled));
    assert.deepEqual(result.rater.ratings, { [IDS.p1]: { rating: 3 }, [IDS.p2]: { rating: "nei", note: "Not seen yet" } });
  });

  const valid = () => JSON.parse(fileOf(ratingBy("colleague", { [IDS.p1]: 2 })));
  const hostile = {
    "another category": [(f) => ({ ...f, category: "imhs" }), /for IMHS, not ECMHS/],
    "a newer format version": [(f) => ({ ...f, version: 2 }), /newer version of the Atlas \(format version 2\)/],
    "a rating of the wrong type": [(f) => ({ ...f, ratings: { [IDS.p1]: { rating: "3" } } }), /rating must be 0, 1, 2, 3/],
    "ratings of the wrong type": [(f) => ({ ...f, ratings: [] }), /"ratings" must be an object/],
    "a role that is not offered": [(f) => ({ ...f, rater_role: "boss" }), /rater_role/],
    "a date that is not a day": [(f) => ({ ...f, rated_on: "2026-02-30" }), /rated_on/],
    "markup in a note": [(f) => ({ ...f, ratings: { [IDS.p1]: { rating: 1, note: "<img src=x onerror=alert(1)>" } } }), /HTML or script/],
    "markup in the name": [(f) => ({ ...f, person: "<b>J</b>" }), /HTML or script/],
    "an unexpected field": [(f) => ({ ...f, average: 2 }), /unexpected field "average"/],
  };
  for (const [name, [change, message]] of Object.entries(hostile)) {
    test(`refused: ${name}`, () => {
      const result = parseRaterFile(JSON.stringify(change(valid())), ruled, emptyCompanion(ruled));
      assert.equal(result.ok, false);
      assert.match(result.error, message);
    });
  }

  test("refused: __proto__ keys anywhere, a huge file, the applicant's own export, a duplicate, one too many", () => {
    const proto = fileOf(ratingBy("colleague", { [IDS.p1]: 2 })).replace('"ratings": {', '"ratings": {"__proto__": {"polluted": 1},');
    assert.match(parseRaterFile(proto, ruled, emptyCompanion(ruled)).error, /forbidden key "__proto__"/);
    assert.equal({}.polluted, undefined);
    const huge = " ".repeat(ruled.scale.limits.import_bytes + 1);
    assert.match(parseRaterFile(huge, ruled, emptyCompanion(ruled)).error, /too large/);
    assert.match(parseRaterFile(toJSON(ruled, sampleState(), DATE), ruled, emptyCompanion(ruled)).error, /self-assessment export/);
    let companion = take(emptyCompanion(ruled), ratingBy("supervisor", { [IDS.p1]: 2 }));
    assert.match(parseRaterFile(fileOf(ratingBy("supervisor", { [IDS.p1]: 2 })), ruled, companion).error, /already imported/);
    companion = take(take(companion, ratingBy("colleague", { [IDS.p1]: 1 })), ratingBy("other", { [IDS.p1]: 0 }));
    assert.match(parseRaterFile(fileOf(ratingBy("reflective-supervisor", { [IDS.p1]: 3 })), ruled, companion).error, /remove one first/);
  });

  test("a rating in progress may lack the name and role, and is read back", () => {
    const draft = rateItem(emptyRating(data, DATE), IDS.p1, 1, data);
    assert.deepEqual(readDraft(JSON.stringify(draft), data).ratings, { [IDS.p1]: { rating: 1 } });
    assert.equal(parseRaterFile(JSON.stringify(draft), data, emptyCompanion(data)).ok, false, "but cannot be imported");
  });
});

describe("comparison, readiness and the learning plan", () => {
  test("each rater's rating stands beside the self rating; two levels apart is marked; nothing is averaged", () => {
    const self = setRating(sampleState(), IDS.e2, 0, ruled); // p1=1, p2=nei, d1=3, e1=2, e2=0
    const companion = take(take(emptyCompanion(ruled), ratingBy("supervisor", { [IDS.p1]: 3, [IDS.d1]: 2, [IDS.e2]: 1 })),
      ratingBy("colleague", { [IDS.p1]: 2, [IDS.d1]: "nei", [IDS.e2]: 2 }));
    const raters = raterList(companion);
    const p1 = compareRow(ruled, self, raters, ruled.items[0]);
    assert.deepEqual([p1.self, p1.raters, p1.marked, p1.differs], [1, [3, 2], [true, false], true]);
    const e2 = compareRow(ruled, self, raters, ruled.items[4]);
    assert.deepEqual([e2.raters, e2.marked, e2.differs], [[1, 2], [false, true], true]);
    const d1 = compareRow(ruled, self, raters, ruled.items[2]);
    assert.deepEqual([d1.differs, d1.couldNotRate], [false, true]);
    const all = comparison(ruled, self, raters);
    assert.deepEqual([all.differing, all.couldNotRate], [2, 3]);
    assert.deepEqual(all.rows.filter((r) => rowShown(r, "differ")).map((r) => r.id), [IDS.p1, IDS.e2]);
    for (const row of all.rows) assert.deepEqual(Object.keys(row).sort(), ["couldNotRate", "differs", "gap", "id", "marked", "notes", "raters", "self"]);
    assert.doesNotMatch(toMarkdown(ruled, self, DATE, companion), /\baverage\b|\bmean\b/i, "no average is ever shown");
  });

  test("readiness: 'not enough information' against the rule from the data, and age against the validity", () => {
    const rater = ratingBy("supervisor", { [IDS.p1]: "nei", [IDS.p2]: "nei", [IDS.d1]: 2 }, "2025-11-24");
    const r = raterReadiness(ruled, rater, NOON);
    assert.deepEqual([r.nei, r.unrated, r.neiRule.limit, r.neiRule.counts], [2, 2, 2, false]);
    assert.deepEqual([r.age.until, r.age.valid], ["2026-11-24", true]);
    assert.equal(raterReadiness(ruled, ratingBy("supervisor", { [IDS.p1]: 1 }, "2025-11-23"), NOON).age.valid, false);
    assert.equal(addMonths("2025-01-31", 1), "2025-02-28");
    const none = raterReadiness(data, ratingBy("supervisor", { [IDS.p1]: "nei" }, "2025-01-01", data), NOON);
    assert.deepEqual([none.neiRule, none.age], [null, null]);
    assert.match(ruleSentences(data).join(" "), /does not state how many reference ratings.*up to 3.*does not state how many "not enough information"/s);
    assert.match(ruleSentences(ruled).join(" "), /2 or more "not enough information to rate" answers is not counted \(source: Endorsement facts/);
    assert.equal(DEFAULT_MAX_RATERS, 3);
  });

  test("plan candidates are gaps and differences; a plan entry is kept even when its item is no longer one", () => {
    const self = sampleState(); // gaps: p1 (1), e1 (2); target 3
    let companion = take(emptyCompanion(ruled), ratingBy("supervisor", { [IDS.d1]: 1 }));
    assert.deepEqual(planCandidates(ruled, self, companion).map((i) => i.id), [IDS.p1, IDS.d1, IDS.e1]);
    companion = setPlanField(companion, IDS.p1, "goal", "Take the perinatal course", ruled);
    companion = setPlanField(setPlanField(companion, IDS.p1, "way", "course", ruled), IDS.p1, "target_date", "2027-06-30", ruled);
    assert.deepEqual(companion.learning_plan[IDS.p1], { goal: "Take the perinatal course", way: "course", target_date: "2027-06-30" });
    assert.ok(planCandidates(ruled, setRating(self, IDS.p1, 3, ruled), companion).some((i) => i.id === IDS.p1));
    assert.throws(() => setPlanField(companion, IDS.p1, "way", "magic", ruled), /way must be one of/);
    assert.throws(() => setPlanField(companion, IDS.p1, "goal", "<script>", ruled), /HTML or script/);
    assert.deepEqual(setPlanField(setPlanField(setPlanField(companion, IDS.p1, "goal", "", ruled), IDS.p1, "way", "", ruled), IDS.p1, "target_date", "", ruled).learning_plan, {});
  });
});

describe("exports and saving", () => {
  const full = () => {
    let companion = take(take(emptyCompanion(ruled), ratingBy("supervisor", { [IDS.p1]: 3 })), ratingBy("colleague", { [IDS.p2]: "nei" }));
    companion = setPlanField(companion, IDS.p1, "goal", "Read about *pregnancy* | [x](y)", ruled);
    return deepFreeze(companion);
  };

  test("without raters or plan, every export is what it was before", () => {
    const s = sampleState();
    assert.equal(toJSON(ruled, s, DATE, emptyCompanion(ruled)), toJSON(ruled, s, DATE));
    assert.equal(toCSV(ruled, s, emptyCompanion(ruled)), toCSV(ruled, s));
    assert.ok(!toJSON(ruled, s, DATE).includes("raters"));
  });

  test("the JSON export carries the rater files and plan and is re-imported losslessly", () => {
    const companion = full();
    const text = toJSON(ruled, sampleState(), DATE, companion);
    const back = parseImport(text, ruled);
    assert.equal(back.ok, true, back.error);
    assert.deepEqual(back.companion, companion);
    assert.equal(toJSON(ruled, back.state, DATE, back.companion), text);
    const raw = JSON.parse(text);
    raw.raters[1].ratings[IDS.p1] = { rating: 9 };
    assert.match(parseImport(JSON.stringify(raw), ruled).error, /rater file 2: .*rating must be 0, 1, 2, 3/);
    assert.match(companionFromExport({ raters: "x" }, ruled).error, /must be a list/);
  });

  test("Markdown and CSV gain the self-and-raters section and the plan, with every text escaped", () => {
    const md = toMarkdown(ruled, sampleState(), DATE, full());
    assert.match(md, /## Self and raters[\s\S]*Rater 1: Supervisor, 2026-03-01[\s\S]*## Learning plan/);
    assert.match(md, /Emerging \(1\) \| Proficient \(3\) \(!\) \|/);
    assert.ok(md.includes("Read about \\*pregnancy\\* \\| \\[x\\](y)"));
    assert.match(ratersMarkdown(ruled, sampleState(), emptyCompanion(ruled), DATE, String), /No rater files are imported/);
    const csv = toCSV(ruled, sampleState(), full());
    const [header, first] = csv.slice(1).split("\r\n");
    assert.ok(header.endsWith("rater_2_note,rater_2_two_or_more_levels_apart,plan_goal,plan_way,plan_target_date"));
    assert.match(first, /Supervisor,2026-03-01,3,Proficient,,yes,Colleague,2026-03-01,,,,,/);
  });

  test("the saved companion is read back; an unreadable or foreign one is not; two tabs merge by rater and plan entry", () => {
    const companion = full();
    assert.deepEqual(readCompanion(companionText(companion), ruled), companion);
    assert.equal(readCompanion("{", ruled), null);
    assert.equal(readCompanion(companionText({ ...companion, category: "imhs" }), ruled), null);
    const base = take(emptyCompanion(ruled), ratingBy("supervisor", { [IDS.p1]: 3 }));
    const mine = setPlanField(base, IDS.p1, "goal", "Mine", ruled);
    const theirs = removeRater(setPlanField(base, IDS.e1, "goal", "Theirs", ruled), "rater-1");
    const merged = mergeCompanions(base, mine, theirs).value;
    assert.deepEqual([Object.keys(merged.raters), Object.keys(merged.learning_plan)], [[], [IDS.p1, IDS.e1]]);
  });
});

describe("what the page saved or exported loads again", () => {
  test("an export with more rater files than a changed dataset's count still imports; adding one more is refused", () => {
    let companion = emptyCompanion(ruled);
    for (const role of ["supervisor", "colleague", "other"]) companion = take(companion, ratingBy(role, { [IDS.p1]: 1 }));
    const fewer = deepFreeze({ ...ruled, reference_ratings: { ...ruled.reference_ratings, count: { value: 2, source: SOURCE } } });
    const back = parseImport(toJSON(ruled, sampleState(), DATE, companion), fewer);
    assert.equal(back.ok, true, back.error);
    assert.equal(raterList(back.companion).length, 3);
    assert.deepEqual(readCompanion(companionText(companion), fewer), companion);
    assert.match(parseRaterFile(fileOf(ratingBy("reflective-supervisor", { [IDS.p1]: 2 })), fewer, companion).error, /remove one first/);
  });

  test("a rating dated ahead says so instead of a negative age", () => {
    const ahead = ratingBy("supervisor", { [IDS.p1]: 1 }, "2026-11-30");
    assert.match(readinessSentences(ruled, ahead, NOON)[1], /^Dated 7 days ahead \(2026-11-30\); valid until 2027-11-30\./);
  });
});
