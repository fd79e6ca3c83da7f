import { test } from "node:test";
import assert from "node:assert/strict";
import { opensSearch, searchLocations } from "../../docs/assets/js/search-core.mjs";

test("opensSearch: slash outside text fields, Ctrl+K or Cmd+K anywhere", () => {
  assert.equal(opensSearch({ key: "/" }), true);
  assert.equal(opensSearch({ key: "/", editable: true }), false);
  assert.equal(opensSearch({ key: "/", ctrlKey: true }), false);
  assert.equal(opensSearch({ key: "k", ctrlKey: true }), true);
  assert.equal(opensSearch({ key: "K", metaKey: true }), true);
  assert.equal(opensSearch({ key: "k", ctrlKey: true, editable: true }), true);
});

test("opensSearch ignores other keys and combinations", () => {
  assert.equal(opensSearch({ key: "k" }), false);
  assert.equal(opensSearch({ key: "s" }), false);
  assert.equal(opensSearch({ key: "k", ctrlKey: true, metaKey: true }), false);
  assert.equal(opensSearch({ key: "k", ctrlKey: true, shiftKey: true }), false);
  assert.equal(opensSearch({ key: "k", ctrlKey: true, altKey: true }), false);
  assert.equal(opensSearch({ key: "/", altKey: true }), false);
});

test("searchLocations resolves the bundle against the page, at the root and in a sub-folder", () => {
  assert.deepEqual(searchLocations("../../../pagefind/", "https://x.org/atlas/categories/ifa/"),
                   { bundlePath: "/pagefind/", basePath: "/" });
  assert.deepEqual(searchLocations("../pagefind/", "https://x.github.io/atlas-site/reference/"),
                   { bundlePath: "/atlas-site/pagefind/", basePath: "/atlas-site/" });
  assert.deepEqual(searchLocations("/sub/pagefind/", "https://x.org/sub/nowhere/else"),
                   { bundlePath: "/sub/pagefind/", basePath: "/sub/" });
});

test("searchLocations refuses an address that is not the pagefind folder", () => {
  assert.throws(() => searchLocations("../search/", "https://x.org/a/"), TypeError);
  assert.throws(() => searchLocations("../pagefind", "https://x.org/a/"), TypeError);
});
