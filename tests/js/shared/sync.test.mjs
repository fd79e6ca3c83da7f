// Node tests of docs/assets/js/shared/sync.mjs: the size rule and two tabs. Run from the repo root: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { mergeEntries } from "../../../docs/assets/js/shared/merge.mjs";
import { SavedTexts, SharedSlot } from "../../../docs/assets/js/shared/storage.mjs";
import { SyncedDocument } from "../../../docs/assets/js/shared/sync.mjs";
import { FakeStorage } from "./fake-storage.mjs";

// A document that is an object of entries, saved as JSON.
const codec = {
  empty: () => ({}),
  read: (text) => { try { return JSON.parse(text); } catch { return null; } },
  write: (value) => JSON.stringify(value),
  merge: (base, first, second) => { const m = mergeEntries(base, first, second); return { value: m.merged, conflicts: m.conflicts }; },
  problem: (value) => (Object.keys(value).length > 3 ? "too many entries" : null),
};

/** Two tabs' documents on one storage area. */
function twoTabs(limit = 1000) {
  const area = new FakeStorage();
  const tab = () => new SyncedDocument(new SharedSlot(new SavedTexts(() => area), "k"), codec, limit);
  return { area, a: tab(), b: tab() };
}

test("commit saves an edit within the limit and refuses one beyond it, saving nothing", () => {
  const { area, a } = twoTabs(20);
  a.load();
  assert.deepEqual(a.commit({ x: "12345" }), { ok: true, value: { x: "12345" }, saved: true, merged: false, conflicts: [] });
  const refused = a.commit({ x: "1234567890123456789" });
  assert.equal(refused.ok, false);
  assert.deepEqual(refused.oversize, { bytes: 27, limit: 20 });
  assert.equal(area.getItem("k"), '{"x":"12345"}');
});

test("the limit counts UTF-8 bytes: a text of few characters but many bytes is refused, one of as many ASCII taken", () => {
  const { a } = twoTabs(30);
  a.load();
  // {"x":"…"} is 8 characters of ASCII around the value; the euro sign takes 3 bytes, 1 UTF-16 code unit.
  assert.equal(a.commit({ x: "€".repeat(7) }).ok, true, "8 + 21 = 29 bytes");
  assert.deepEqual(a.commit({ x: "€".repeat(8) }).oversize, { bytes: 32, limit: 30 }, "16 characters, 32 bytes");
  assert.equal(a.commit({ x: "e".repeat(22) }).ok, true, "30 bytes of ASCII");
  assert.deepEqual(a.commit({ x: "😀".repeat(6) }).oversize, { bytes: 32, limit: 30 }, "a surrogate pair takes 4 bytes");
});

test("a text saved above the limit (by an earlier release) may shrink or stay, but not grow", () => {
  const { area, a } = twoTabs(10);
  area.setItem("k", '{"x":"123456789"}');
  assert.deepEqual(a.load().value, { x: "123456789" });
  assert.equal(a.commit({ x: "1234567890" }).ok, false);
  assert.equal(a.commit({ x: "12345678" }).ok, true);
  assert.equal(a.commit({ x: "123456789" }).ok, false, "the limit now counts from the smaller saved text");
});

test("two tabs: the later save merges the other tab's saved entries instead of overwriting them", () => {
  const { area, a, b } = twoTabs();
  a.load();
  b.load();
  a.commit({ one: 1 });
  const result = b.commit({ two: 2 }); // b never saw a's save
  assert.equal(result.merged, true);
  assert.deepEqual(result.value, { two: 2, one: 1 });
  assert.deepEqual(JSON.parse(area.getItem("k")), { two: 2, one: 1 });
});

test("two tabs: an entry both changed keeps the one being saved and is reported", () => {
  const { a, b } = twoTabs();
  a.load();
  a.commit({ item: "base" });
  b.load();
  a.commit({ item: "from a" });
  const result = b.commit({ item: "from b" });
  assert.deepEqual(result.value, { item: "from b" });
  assert.deepEqual(result.conflicts, ["item"]);
});

test("a merge that the codec finds invalid refuses the edit and leaves the other tab's save alone", () => {
  const { area, a, b } = twoTabs();
  a.load();
  b.load();
  a.commit({ p: 1, q: 2 });
  const result = b.commit({ r: 3, s: 4 });
  assert.deepEqual(result, { ok: false, problem: "too many entries" });
  assert.deepEqual(JSON.parse(area.getItem("k")), { p: 1, q: 2 });
});

test("receive takes in another tab's save from its storage event, keeping this tab's unsaved entries", () => {
  const { area, a, b } = twoTabs();
  a.load();
  b.load();
  a.commit({ one: 1 });
  const event = { key: "k", newValue: area.getItem("k") };
  assert.deepEqual(b.receive(event, { mine: "not saved" }), { value: { one: 1, mine: "not saved" }, conflicts: [] });
  assert.equal(b.receive(event, {}), null, "the same event twice brings nothing new");
  assert.equal(b.receive({ key: "other", newValue: "{}" }, {}), null);
  const cleared = b.receive({ key: "k", newValue: null }, { one: 1 });
  assert.deepEqual(cleared.value, {}, "start over in another tab clears this one too");
});
