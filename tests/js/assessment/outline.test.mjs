// Node tests of docs/assets/js/assessment/outline.mjs and the optional name of the printed report. Run from the repo
// root: node --test tests/js/
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { carriedSentence, carriedSummary, contentsLine, domainContents, entered, matchingIds, passes } from "../../../docs/assets/js/assessment/outline.mjs";
import { NAME_CHARS, emptyState, mergeStates, migrate, nameError, setName, setRating } from "../../../docs/assets/js/assessment/state.mjs";
import { parseImport, readSaved, toJSON } from "../../../docs/assets/js/assessment/formats.mjs";
import { localDay } from "../../../docs/assets/js/assessment/print-view.mjs";
import { deepFreeze, IDS, data, DATE, sampleState } from "./fixture.mjs";

describe("contents and filters", () => {
  test("each filter keeps exactly the items it names", () => {
    const s = sampleState(); // p1=1 with a note, p2="nei", d1=3, e1=2, e2 unrated; target 3
    assert.deepEqual(matchingIds(data, s, "all"), data.items.map((i) => i.id));
    assert.deepEqual(matchingIds(data, s, "unrated"), [IDS.e2]);
    assert.deepEqual(matchingIds(data, s, "below"), [IDS.p1, IDS.e1]);
    assert.deepEqual(matchingIds(data, s, "notes"), [IDS.p1]);
    assert.equal(passes(data, s, IDS.p2, "below"), false, '"not enough information" is not below target');
  });

  test("contents count rated and below-target items per domain, skipping domains without items", () => {
    const rows = domainContents(data, sampleState());
    assert.deepEqual(rows.map((r) => [r.id, r.total, r.rated, r.below]), [["tf", 3, 3, 1], ["law", 2, 1, 1]]);
    assert.equal(contentsLine(rows[0]), "3 of 3 rated, 1 below target");
    assert.equal(contentsLine({ rated: 0, total: 4, below: 0 }), "0 of 4 rated");
  });

  test("carried-over answers are summed up per category", () => {
    let s = emptyState(data);
    s = { ...s, answers: { [IDS.p1]: { rating: 2, carried_from: "imhs" }, [IDS.e1]: { rating: 1, carried_from: "imhs" },
      [IDS.e2]: { note: "n", carried_from: "ifs" } } };
    assert.deepEqual(carriedSummary(data, s), [{ category: "ifs", count: 1 }, { category: "imhs", count: 2 }]);
    assert.match(carriedSentence(data, s), /^1 answer carried over from your IFS self-assessment; 2 answers carried over from your IMHS/);
    assert.equal(carriedSentence(data, sampleState()), null);
  });
});

describe("what is entered", () => {
  test("a complete category needs no notice; a partial one names what is missing and says it is no low score", () => {
    assert.equal(entered(data).complete, true);
    const partial = deepFreeze({ ...data, not_entered: { domains: ["Reflection"],
      knowledge_areas: [{ domain_name: "Theoretical Foundations", name: "Attachment" }, { domain_name: "Theoretical Foundations", name: "Trauma" }] } });
    const text = entered(partial).sentences.join(" ");
    assert.equal(entered(partial).complete, false);
    assert.ok(text.startsWith("Entered so far: 5 indicators in 2 domains."));
    assert.ok(text.includes("the indicators of 2 knowledge areas: Theoretical Foundations (Attachment and Trauma)."));
    assert.ok(text.includes("Not yet entered at all: Reflection.") && text.includes("not a low score"));
  });

  test("a category without items says that nothing is entered", () => {
    const none = { ...data, items: [], unit: "knowledge-area", not_entered: { domains: ["A", "B"], knowledge_areas: [] } };
    assert.equal(entered(none).none, true);
    assert.match(entered(none).sentences[0], /^No knowledge areas of this category are entered in the Atlas yet/);
  });
});

describe("the name on the printed report", () => {
  test("setName keeps one line of plain text, removes an empty name and refuses markup or overlong text", () => {
    const s = deepFreeze(emptyState(data));
    assert.equal(setName(s, "Ada Example").name, "Ada Example");
    assert.equal("name" in setName(setName(s, "Ada"), "  "), false);
    assert.throws(() => setName(s, "<b>Ada</b>"), TypeError);
    assert.throws(() => setName(s, "a\nb"), TypeError);
    assert.throws(() => setName(s, "x".repeat(NAME_CHARS + 1)), TypeError);
    assert.equal(nameError(3), "name must be text");
  });

  test("an export without a name is as before; with one it round-trips through import and saved text", () => {
    const plain = toJSON(data, sampleState(), DATE);
    assert.equal(Object.keys(JSON.parse(plain)).includes("name"), false);
    const named = setName(sampleState(), "Ada Example");
    const text = toJSON(data, named, DATE);
    assert.deepEqual(Object.keys(JSON.parse(text)).slice(5, 8), ["dataset_version", "name", "answers"]);
    assert.equal(parseImport(text, data).state.name, "Ada Example");
    assert.equal(readSaved(text, data).state.name, "Ada Example");
    assert.equal(migrate(named, data).state.name, "Ada Example");
    const hostile = JSON.stringify({ ...JSON.parse(text), name: "<script>x</script>" });
    assert.equal(parseImport(hostile, data).ok, false);
    assert.match(parseImport(hostile, data).error, /name contains HTML/);
  });

  test("two tabs: a name changed in one tab only is kept", () => {
    const base = sampleState();
    const renamed = setName(base, "Ada");
    const rated = setRating(base, IDS.e2, 1, data);
    assert.equal(mergeStates(base, rated, renamed).value.name, "Ada");
    assert.equal(mergeStates(base, renamed, rated).value.name, "Ada");
    assert.equal("name" in mergeStates(renamed, renamed, setName(renamed, "")).value, false);
  });

  test("the printed date is the local calendar day", () => {
    assert.equal(localDay(new Date(2026, 0, 5, 23, 59)), "2026-01-05");
  });
});
