import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeEntities, exactNames, excerptParts, listedResults, resultUrl, searchedTerm, pinnedFirst, opensSearch, prefetchData, plainName, resultCount, searchBundlePath, shortcutKeys,
         searchSite, shownLinks, latestWins, SUPERSEDED, searchPause, SHORT_QUERY_PAUSE, SHORT_WORD } from "../../docs/assets/js/search-core.mjs";

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

/** A sub-result whose matching words each score 1. */
function sub(url, locations) {
  return { url, title: url, locations, weighted_locations: locations.map((location) => ({ location, balanced_score: 1 })) };
}

test("shownLinks: the page, then the headings with the highest scores, in page order", () => {
  const data = {
    url: "/a/", meta: { title: "A" }, excerpt: "x",
    sub_results: [sub("/a/", [1]), sub("/a/#one", [5]), sub("/a/#two", [7, 8, 9]), sub("/a/#three", [10, 11]),
                  sub("/a/#four", [12, 13])],
  };
  assert.deepEqual(shownLinks(data).map((l) => l.url), ["/a/", "/a/#two", "/a/#three", "/a/#four"]);
  assert.deepEqual(shownLinks(data, "", 1).map((l) => l.url), ["/a/", "/a/#two"]);
  assert.deepEqual(shownLinks({ url: "/b/", meta: {}, sub_results: [] }), [{ url: "/b/", title: "/b/", excerpt: "" }]);
});

test("plainName: case and punctuation do not matter", () => {
  assert.equal(plainName("ECMHM-RF"), "ecmhm rf");
  assert.equal(plainName("  Attachment, Separation, Trauma, Grief & Loss "), "attachment separation trauma grief loss");
});

const NAMES = { name: { "Reflection": ["r"], "Endorsed Reflective Supervisor": ["ers"] },
                code: { ECMHS: ["ecmhs", "sa-ecmhs"], "ECMHM-C": ["ecmhm-c"], ERS: ["ers"] } };

test("exactNames: the page whose whole name the query is, and the categories whose code is a query word", () => {
  assert.deepEqual(exactNames("reflection", NAMES), [["name", "Reflection"]]);
  assert.deepEqual(exactNames("Reflective", NAMES), []);
  assert.deepEqual(exactNames("ECMHS renewal", NAMES), [["code", "ECMHS"]]);
  assert.deepEqual(exactNames("ecmhm-c fees", NAMES), [["code", "ECMHM-C"]]);
  assert.deepEqual(exactNames("ECMH", NAMES), []);
  assert.deepEqual(exactNames("", NAMES), []);
  assert.deepEqual(exactNames("ERS", {}), []);
  assert.deepEqual(exactNames("endorsed reflective supervisor ERS", NAMES), [["code", "ERS"]]);
  assert.deepEqual(exactNames("Endorsed  reflective supervisor", NAMES), [["name", "Endorsed Reflective Supervisor"]]);
});

test("pinnedFirst: each exact name's pages first, in Pagefind's order, each page once, then the rest", () => {
  const results = [{ id: "a" }, { id: "sa-ecmhs" }, { id: "ers" }, { id: "ecmhs" }, { id: "c" }];
  const exact = [["name", "Endorsed Reflective Supervisor"], ["code", "ECMHS"], ["code", "ERS"]];
  assert.deepEqual(pinnedFirst(results, exact, NAMES).map((r) => r.id), ["ers", "sa-ecmhs", "ecmhs", "a", "c"]);
  assert.deepEqual(pinnedFirst(results, [], NAMES).map((r) => r.id), results.map((r) => r.id));
  // A name's page that does not match the query's words is not a result, and is not added.
  assert.deepEqual(pinnedFirst([{ id: "a" }], [["code", "ECMHS"]], NAMES).map((r) => r.id), ["a"]);
});

test("searchSite: one Pagefind search, its results reordered by the names file", async () => {
  const calls = [];
  const pagefind = {
    search: async (query, options) => {
      calls.push([query, options]);
      return { results: [{ id: "ecmhm-c" }, { id: "ecmhs" }] };
    },
  };
  const results = await searchSite(pagefind, "ECMHS", Promise.resolve(NAMES));
  assert.deepEqual(results.map((r) => r.id), ["ecmhs", "ecmhm-c"]);
  assert.deepEqual(calls, [["ECMHS", undefined]]);
  assert.deepEqual((await searchSite(pagefind, "ECMHS", {})).map((r) => r.id), ["ecmhm-c", "ecmhs"]);
});

test("shownLinks: a section holding more of the query's words comes before one that holds one word often", () => {
  const data = {
    url: "/p/", meta: { title: "P" }, content: "Families x x families families Immigrant families y",
    sub_results: [
      { url: "/p/#often", title: "Often", locations: [0, 3, 4], weighted_locations: [0, 3, 4].map((location) => ({ location, balanced_score: 16 })) },
      { url: "/p/#both", title: "Both", locations: [5, 6], weighted_locations: [5, 6].map((location) => ({ location, balanced_score: 1 })) },
    ],
  };
  assert.deepEqual(shownLinks(data, "immigrant families", 1).map((l) => l.url), ["/p/", "/p/#both"]);
  assert.deepEqual(shownLinks(data, "families", 1).map((l) => l.url), ["/p/", "/p/#often"]);
});

test("excerptParts: marks become marked parts, everything else stays text", () => {
  assert.deepEqual(excerptParts("Reports to <mark>CPS</mark> &lt;b&gt; &amp; &#39;x&#39;"), [
    { text: "Reports to ", marked: false }, { text: "CPS", marked: true }, { text: " <b> & 'x'", marked: false }]);
  assert.deepEqual(excerptParts(""), []);
  assert.deepEqual(excerptParts("<mark>a &lt;script&gt;</mark>"), [{ text: "a <script>", marked: true }]);
  assert.equal(decodeEntities("&#x1F600; &bogus; &#0;"), "\u{1F600} &bogus; &#0;");
});

test("resultCount: none, one, and thousands written with a separator", () => {
  assert.equal(resultCount(0, " x "), "No results for “x”");
  assert.equal(resultCount(1, "x"), "1 result for “x”");
  assert.equal(resultCount(1409, "ecmhs"), "1,409 results for “ecmhs”");
});

/** An async function whose calls each wait until the test ends them, noting the values it was called with. */
function controlledRun() {
  const started = [];
  const ends = [];
  const run = (value) => new Promise((resolve, reject) => {
    started.push(value);
    ends.push({ resolve, reject });
  });
  return { run, started, ends };
}

/** Let every settled promise's callbacks run. */
const settle = () => new Promise((done) => setImmediate(done));

test("latestWins: requests made while one runs wait, and only the latest of them starts", async () => {
  const { run, started, ends } = controlledRun();
  const request = latestWins(run);
  const answers = ["E", "EC", "ECM", "ECMH", "ECMHS"].map((query) => request(query));
  await settle();
  assert.deepEqual(started, ["E"]); // one call at a time
  ends[0].resolve("answer to E");
  await settle();
  assert.deepEqual(started, ["E", "ECMHS"]); // the prefixes typed meanwhile never start
  ends[1].resolve("answer to ECMHS");
  assert.deepEqual(await Promise.all(answers),
                   ["answer to E", SUPERSEDED, SUPERSEDED, SUPERSEDED, "answer to ECMHS"]);
});

test("latestWins: a request made when nothing runs starts at once, also after a failed call", async () => {
  const { run, started, ends } = controlledRun();
  const request = latestWins(run);
  const failed = request("a");
  const next = request("ab");
  ends[0].reject(new Error("index chunk missing"));
  await assert.rejects(failed, /index chunk missing/);
  await settle();
  assert.deepEqual(started, ["a", "ab"]); // the waiting request starts after a failure too
  ends[1].resolve("answer to ab");
  assert.equal(await next, "answer to ab");
  const later = request("abc");
  await settle();
  assert.deepEqual(started, ["a", "ab", "abc"]);
  ends[2].resolve("answer to abc");
  assert.equal(await later, "answer to abc");
});

test("searchPause: a query whose last word is short waits for a pause in typing, any other is searched at once", () => {
  for (const query of ["r", "re", " re ", "home v", "IMHS fe", "ECMHS 1"]) {
    assert.equal(searchPause(query), SHORT_QUERY_PAUSE, query);
  }
  for (const query of ["ref", "IEP", "RSC", "home vis", "reflective ", "ECMHS renewal", "Säu"]) {
    assert.equal(searchPause(query), 0, query);
  }
  assert.ok(SHORT_QUERY_PAUSE > 0 && SHORT_WORD > 1);
});

test("shortcutKeys: a key press's key and modifiers, and whether it happened in a text field", () => {
  const field = { closest: (selector) => (selector.includes("textarea") ? {} : null) };
  const page = { closest: () => null };
  const press = (target, more = {}) => ({ key: "/", ctrlKey: false, metaKey: false, altKey: false, shiftKey: false,
                                         target, ...more });
  assert.equal(shortcutKeys(press(field)).editable, true);
  assert.equal(shortcutKeys(press(page)).editable, false);
  assert.equal(shortcutKeys(press({ isContentEditable: true, closest: () => null })).editable, true);
  assert.equal(shortcutKeys(press(null)).editable, false);
  assert.deepEqual(shortcutKeys(press(page, { key: "k", ctrlKey: true })),
                   { key: "k", ctrlKey: true, metaKey: false, altKey: false, shiftKey: false, editable: false });
  assert.equal(opensSearch(shortcutKeys(press(field))), false);
  assert.equal(opensSearch(shortcutKeys(press(page))), true);
});

test("prefetchData starts loading the first results' data without waiting, and a failed load is not thrown", async () => {
  const asked = [];
  const results = [0, 1, 2, 3].map((n) => ({
    id: `r${n}`,
    data: () => { asked.push(n); return n === 1 ? Promise.reject(new Error("offline")) : Promise.resolve({ n }); },
  }));
  const unhandled = [];
  const onUnhandled = (reason) => unhandled.push(reason);
  process.on("unhandledRejection", onUnhandled);
  assert.equal(prefetchData(results, 2), undefined); // nothing to wait for
  await new Promise((resolve) => setTimeout(resolve, 10));
  process.off("unhandledRejection", onUnhandled);
  assert.deepEqual(asked, [0, 1]);
  assert.deepEqual(unhandled, []);
  prefetchData([], 6); // no results: nothing asked
});

test("searchedTerm: a query as Pagefind searches it, without punctuation, lower case, accents off", () => {
  assert.equal(searchedTerm("ECMHS  renewal"), "ecmhs renewal");
  assert.equal(searchedTerm(" Part C (IDEA), “home-visiting”! "), "part c idea homevisiting");
  assert.equal(searchedTerm("Niños éxito"), "ninos exito");
  assert.equal(searchedTerm("$40 fees + 1/2"), "$40 fees + 12");
});

test("resultUrl: the page's address under the site's root, each searched word a highlight parameter", () => {
  assert.equal(resultUrl("/atlas/categories/ecmhs/", "ECMHS Renewal", "/pagefind/"),
               "/atlas/categories/ecmhs/?highlight=ecmhs&highlight=renewal");
  assert.equal(resultUrl("/atlas/glossary/", "rsc", "/atlas-site/pagefind/"),
               "/atlas-site/atlas/glossary/?highlight=rsc");
  assert.equal(resultUrl("/a/#x", "a&b c", "/pagefind/", "h"), "/a/?h=ab&h=c#x");
  assert.equal(resultUrl("/a/", "café", "/pagefind/"), "/a/?highlight=cafe");
});

test("listedResults: the first results by id from the page list, or null when the list lacks one", () => {
  const pages = { en_1: ["/a/", "Page A"], en_2: ["/b/", "Page <B>"], en_3: ["/c/"] };
  assert.deepEqual(listedResults([{ id: "en_2" }, { id: "en_1" }], pages, "x", "/pagefind/"), [
    { id: "en_2", url: "/b/?highlight=x", title: "Page <B>" }, { id: "en_1", url: "/a/?highlight=x", title: "Page A" }]);
  assert.equal(listedResults([{ id: "en_1" }, { id: "en_9" }], pages, "x", "/pagefind/"), null);
  assert.equal(listedResults([{ id: "en_3" }], pages, "x", "/pagefind/"), null);
  assert.equal(listedResults([{ id: "en_1" }], {}, "x", "/pagefind/"), null);
  assert.deepEqual(listedResults([], pages, "x", "/pagefind/"), []);
});
