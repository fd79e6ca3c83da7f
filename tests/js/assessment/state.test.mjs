// Node tests of docs/assets/js/assessment/state.mjs. Run from the repo root: node --test tests/js/
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { carryOver, emptyState, migrate, setNote, setRating, setRequirement, toggleEvidence } from "../../../docs/assets/js/assessment/state.mjs";
import { deepFreeze, IDS, data, sampleState } from "./fixture.mjs";

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
