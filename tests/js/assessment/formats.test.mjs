// Node tests of docs/assets/js/assessment/formats.mjs. Run from the repo root: node --test tests/js/
import { test, describe } from "node:test";
import assert from "node:assert/strict";

// Dates here are read in UTC; tests/js/shared/local-day.test.mjs checks other time zones.
process.env.TZ = "UTC";
import { emptyState, setNote, setRating, setRequirement } from "../../../docs/assets/js/assessment/state.mjs";
import { readiness } from "../../../docs/assets/js/assessment/report.mjs";
import { csvCell } from "../../../docs/assets/js/shared/csv.mjs";
import { fileName, parseImport, toJSON } from "../../../docs/assets/js/assessment/formats.mjs";
import { toCSV, toMarkdown } from "../../../docs/assets/js/assessment/exports.mjs";
import { deepFreeze, IDS, data, DATE, sampleState, validExport, importObject } from "./fixture.mjs";

describe("serializers", () => {
  // Markdown structure in a note (markup itself is refused by setNote and parseImport; see the import tests).
  const HOSTILE_NOTE = "5 > 3 # heading | pipe *bold* [link](x)\n- list\n1. one";

  test("fileName uses the category code, the kind and the local day (UTC here; other zones in local-day.test.mjs)", () => {
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
    assert.ok(md.includes("| Domain | Rated | At target | Below target | Not enough information | Total | Share at target |"));
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
    const escaped = "  - Note: 5 > 3 \\# heading \\| pipe \\*bold\\* \\[link\\](x)\\\n    \\- list\\\n    1\\. one";
    assert.ok(md.includes(escaped), md);
    assert.doesNotMatch(md, /^\s*>/m, "no line starts a block quote");
    assert.doesNotMatch(md, /^\s*- list/m);
  });

  test("toMarkdown escapes item text that starts a list item, but not numbers inside a line", () => {
    const odd = deepFreeze({ ...data, items: [{ ...data.items[1], text: "1. looks like a list <b>" }] });
    const md = toMarkdown(odd, setRating(emptyState(odd), IDS.p2, "nei", odd), DATE);
    assert.ok(md.includes("\n- 1\\. looks like a list \\<b> *(Pregnancy and Early Parenthood)*\n"), md);
    assert.ok(md.includes("Dataset version 0.1.0."));
  });

  test("toMarkdown leaves characters that are not markup as they are: <3 & more stays readable", () => {
    const odd = deepFreeze({ ...data, items: [{ ...data.items[1], text: "Cares <3 & more, a &amp; b, <i>x</i>" }] });
    const md = toMarkdown(odd, setRating(emptyState(odd), IDS.p2, "nei", odd), DATE);
    assert.ok(md.includes("- Cares <3 & more, a \\&amp; b, \\<i>x\\</i> *("), md);
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
