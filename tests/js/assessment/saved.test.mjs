// Node tests of docs/assets/js/assessment/saved.mjs and the saving rules of formats.mjs and state.mjs: limits that
// agree, today's saved format, two tabs. Run from the repo root: node --test tests/js/
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseImport, readSaved, savedBytes, toJSON } from "../../../docs/assets/js/assessment/formats.mjs";
import { openSaved } from "../../../docs/assets/js/assessment/saved.mjs";
import { emptyState, mergeStates, setNote, setRating } from "../../../docs/assets/js/assessment/state.mjs";
import { SavedTexts } from "../../../docs/assets/js/shared/storage.mjs";
import { FakeStorage } from "../shared/fake-storage.mjs";
import { DATE, IDS, data, deepFreeze, sampleState } from "./fixture.mjs";

const KEY = "iecmh-atlas.assessment.v1:ecmhs";
const withData = (extra) => deepFreeze({ ...data, storage_key: "iecmh-atlas.assessment.v1", ...extra });
const small = withData({ scale: { ...data.scale, limits: { import_bytes: 2000, note_chars: 5000 } } });
const textsOf = (items = {}) => {
  const area = new FakeStorage();
  for (const [key, value] of Object.entries(items)) area.setItem(key, value);
  return { area, texts: new SavedTexts(() => area) };
};

describe("limits agree: what the page saves, it reads and imports again", () => {
  test("an edit that would make the saved answers exceed import_bytes is refused and nothing is saved", () => {
    const { area, texts } = textsOf();
    const { document, state } = openSaved(texts, small);
    const first = document.commit(setNote(state, IDS.p1, "a".repeat(1000), small));
    assert.equal(first.ok, true);
    const before = area.getItem(KEY);
    const second = document.commit(setNote(first.value, IDS.p2, "b".repeat(1000), small));
    assert.equal(second.ok, false);
    assert.equal(second.oversize.limit, 2000);
    assert.ok(second.oversize.bytes > 2000);
    assert.equal(area.getItem(KEY), before);
    assert.equal(parseImport(before, small).ok, true, "everything saved can be imported");
  });

  test("a file within the limit whose state would be saved larger (minified JSON) is refused on import", () => {
    const state = setNote(setNote(emptyState(small), IDS.p1, "a".repeat(860), small), IDS.p2, "b".repeat(860), small);
    const minified = JSON.stringify(JSON.parse(toJSON(small, state, DATE)));
    assert.ok(minified.length <= 2000 && savedBytes(small, state) > 2000);
    const result = parseImport(minified, small);
    assert.equal(result.ok, false);
    assert.match(result.error, /would take \d+ bytes; the limit is 2000/);
  });

  test("saved answers are read without a size limit: an earlier release's large state loads, with a message", () => {
    const big = toJSON(small, setNote(emptyState(small), IDS.p1, "x".repeat(3000), small), DATE);
    assert.equal(parseImport(big, small).ok, false, "as a file it is too large");
    assert.equal(readSaved(big, small).ok, true);
    const { state, message } = openSaved(textsOf({ [KEY]: big }).texts, small);
    assert.equal(state.answers[IDS.p1].note.length, 3000);
    assert.match(message, /more than the 2000/);
  });

  test("carried-over answers are left out when they would take the state over the limit", () => {
    const imhs = JSON.stringify({ category: "imhs", answers: { "imhs.tf.pregnancy.1": { rating: 2, note: "n".repeat(1900) } } });
    const roomy = withData({});
    assert.equal(openSaved(textsOf({ "iecmh-atlas.assessment.v1:imhs": imhs }).texts, roomy).state.answers[IDS.p1].carried_from, "imhs");
    assert.equal(openSaved(textsOf({ "iecmh-atlas.assessment.v1:imhs": imhs }).texts, small).state.answers[IDS.p1], undefined);
  });
});

test("an unreadable saved state is kept aside under .unreadable and the page starts afresh", () => {
  const { area, texts } = textsOf({ [KEY]: "{not json" });
  const { state, message } = openSaved(texts, withData({}));
  assert.deepEqual(state.answers, {});
  assert.equal(area.getItem(`${KEY}.unreadable`), "{not json");
  assert.match(message, /could not be read/);
});

test("today's saved format (a fixture written by the previous release) loads unchanged", () => {
  const saved = readFileSync(new URL("../../fixtures/saved/assessment-ecmhs-v1.json", import.meta.url), "utf8");
  const raw = JSON.parse(saved);
  const itemIds = Object.keys(raw.answers).filter((id) => id !== "ecmhs.tf.retired.1");
  const pageData = deepFreeze({ ...data, storage_key: "iecmh-atlas.assessment.v1",
    items: itemIds.map((id) => ({ id, domain: "tf", ka: "pregnancy", ka_name: "K", text: id })),
    requirements: Object.keys(raw.requirements).map((id) => ({ id, kind: id === "education" ? "check" : { training: "hours", rsc: "hours", work_experience: "years", reference_ratings: "count" }[id],
      label: id, parts: id === "training" ? [{ id: "training.1" }, { id: "training.2" }] : [] })) });
  const { state, removed, message } = openSaved(textsOf({ [KEY]: saved }).texts, pageData);
  assert.equal(message, null);
  assert.deepEqual(removed, ["ecmhs.tf.retired.1"]);
  const { orphans, ...answers } = { ...state.answers, orphans: state.orphans };
  assert.deepEqual({ ...answers, ...orphans }, raw.answers);
  assert.deepEqual(state.requirements, raw.requirements);
  assert.equal(toJSON(pageData, state, new Date(raw.exported)), saved, "saved again, it is the same text");
});

describe("mergeStates (two tabs)", () => {
  test("answers and requirements changed in either tab are all kept", () => {
    const base = sampleState();
    const first = setRating(base, IDS.e2, 1, data);
    const second = setRating({ ...base, requirements: { rsc: { hours: 5 } } }, IDS.d1, null, data);
    const { value, conflicts } = mergeStates(base, first, second);
    assert.equal(value.answers[IDS.e2].rating, 1);
    assert.equal(value.answers[IDS.d1], undefined, "a cleared rating stays cleared");
    assert.deepEqual(value.requirements, { rsc: { hours: 5 } });
    assert.deepEqual(conflicts, []);
  });

  test("an item both tabs changed keeps first's answer and is listed", () => {
    const base = sampleState();
    const { value, conflicts } = mergeStates(base, setRating(base, IDS.e1, 3, data), setRating(base, IDS.e1, 0, data));
    assert.equal(value.answers[IDS.e1].rating, 3);
    assert.deepEqual(conflicts, [IDS.e1]);
  });

  test("orphans of either side are kept", () => {
    const base = emptyState(data);
    const { value } = mergeStates(base, base, { ...base, orphans: { old: { rating: 1 } } });
    assert.deepEqual(value.orphans, { old: { rating: 1 } });
    assert.equal(Object.hasOwn(mergeStates(base, base, base).value, "orphans"), false);
  });
});
