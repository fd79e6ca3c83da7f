// Node tests of docs/assets/js/assessment/ (every function leaves its inputs as they were). Run from the repo root: node --test tests/js/
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { carryOver, migrate, setNote, setRating, setRequirement, toggleEvidence } from "../../../docs/assets/js/assessment/state.mjs";
import { gapReport, nextUnrated, progress, readiness, requirementStatus } from "../../../docs/assets/js/assessment/report.mjs";
import { parseImport, toJSON } from "../../../docs/assets/js/assessment/formats.mjs";
import { toCSV, toMarkdown } from "../../../docs/assets/js/assessment/exports.mjs";
import { deepFreeze, IDS, data, DATE, sampleState } from "./fixture.mjs";

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
