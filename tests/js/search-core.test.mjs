import { test } from "node:test";
import assert from "node:assert/strict";
import { opensSearch, searchBundlePath, shownLinks } from "../../docs/assets/js/search-core.mjs";

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

test("searchBundlePath resolves the bundle against the page, at the root and in a sub-folder", () => {
  assert.deepEqual(searchBundlePath("../../../pagefind/", "https://x.org/atlas/categories/ifa/"),
                   "/pagefind/");
  assert.deepEqual(searchBundlePath("../pagefind/", "https://x.github.io/atlas-site/reference/"),
                   "/atlas-site/pagefind/");
  assert.deepEqual(searchBundlePath("/sub/pagefind/", "https://x.org/sub/nowhere/else"),
                   "/sub/pagefind/");
});

test("searchBundlePath refuses an address that is not the pagefind folder", () => {
  assert.throws(() => searchBundlePath("../search/", "https://x.org/a/"), TypeError);
  assert.throws(() => searchBundlePath("../pagefind", "https://x.org/a/"), TypeError);
});

test("shownLinks: the page, then the headings with the most matches, in page order", () => {
  const data = {
    url: "/a/", meta: { title: "A" }, excerpt: "x",
    sub_results: [
      { url: "/a/", title: "A", locations: [1] },
      { url: "/a/#one", title: "One", locations: [5] },
      { url: "/a/#two", title: "Two", locations: [7, 8, 9] },
      { url: "/a/#three", title: "Three", locations: [10, 11] },
      { url: "/a/#four", title: "Four", locations: [12, 13] },
    ],
  };
  assert.deepEqual(shownLinks(data).map((l) => l.url), ["/a/", "/a/#two", "/a/#three", "/a/#four"]);
  assert.deepEqual(shownLinks(data, 1).map((l) => l.url), ["/a/", "/a/#two"]);
  assert.deepEqual(shownLinks({ url: "/b/", meta: {}, sub_results: [] }), [{ url: "/b/", title: "/b/", excerpt: "" }]);
});
