// Node tests of docs/assets/js/assessment/grid-xlsx.mjs: the filled-in Getting Started grid as an .xlsx.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { FIRST_ROW, columnName, gridRows, gridXlsx, hasGrid, xmlEscape, xmlSafe } from "../../../docs/assets/js/assessment/grid-xlsx.mjs";
import { fileName } from "../../../docs/assets/js/assessment/formats.mjs";
import { chooseProgram, saveEntry } from "../../../docs/assets/js/assessment/logs.mjs";
import { emptyState, setName, setNote, toggleEvidence } from "../../../docs/assets/js/assessment/state.mjs";
import { readZip } from "../shared/read-zip.mjs";
import { DATE, IDS, data as baseData, deepFreeze } from "./fixture.mjs";

const DECODER = new TextDecoder();
/** The fixture's data with the grid layout the site adds (grid.py's grid_layout), one domain without areas. */
const data = deepFreeze({ ...baseData, grid: {
  sheet: "ECMHS", title: "ECMHS: Early Childhood Mental Health Specialist. Getting Started self-study grid",
  help: ["For each knowledge area, note the evidence.", "From the Atlas, version 0.1.0."],
  header: "ECMHS & co: Getting Started self-study grid", publisher: "Atlas",
  rows: [
    { kind: "domain", text: "Theoretical Foundations" },
    { kind: "area", domain: "tf", ka: "pregnancy", text: "Pregnancy and Early Parenthood" },
    { kind: "area", domain: "tf", ka: "development", text: "Infant/Very Young Child Development" },
    { kind: "domain", text: "Law, Regulation and Agency Policy" },
    { kind: "area", domain: "law", ka: "ethics", text: "Ethical Practice" },
    { kind: "domain", text: "Reflection" },
    { kind: "not-entered", text: "Knowledge areas: not yet entered" },
  ] } });
const HOSTILE = '=HYPERLINK("http://x","y") &amp; "q" < 3 > 2 \u0001\u0008\uFFFE\uD800 end';

/** Whether XML text is well-formed as far as a spreadsheet reader needs: one root, tags balanced and properly
 *  nested, attributes quoted, only the five named entities or character references, no character XML 1.0 forbids. */
function assertWellFormed(xml, name) {
  assert.ok(!/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(xml), `${name}: a forbidden character`);
  const body = xml.replace(/^<\?xml [^?]*\?>\s*/, "");
  const stack = [];
  let roots = 0;
  for (const [token] of body.matchAll(/<[^>]*>|[^<]+/g)) {
    if (!token.startsWith("<")) {
      assert.ok(stack.length, `${name}: text outside the root`);
      assert.ok(!/&(?!(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)/.test(token), `${name}: a bare & in ${token.slice(0, 40)}`);
      continue;
    }
    const m = /^<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+="[^"<]*")*)\s*(\/?)>$/.exec(token);
    assert.ok(m, `${name}: a malformed tag ${token.slice(0, 60)}`);
    const [, closing, tag, attrs, empty] = m;
    for (const [, value] of attrs.matchAll(/="([^"]*)"/g)) assert.ok(!/&(?!(amp|lt|gt|quot|apos|#[0-9]+);)/.test(value), `${name}: attribute ${value}`);
    if (closing) assert.equal(stack.pop(), tag, `${name}: </${tag}> closes another element`);
    else if (!empty) { if (!stack.length) roots += 1; stack.push(tag); }
    else if (!stack.length) roots += 1;
  }
  assert.deepEqual(stack, [], `${name}: unclosed elements`);
  assert.equal(roots, 1, `${name}: one root element`);
}

/** The parts of a grid by name, as text. */
function parts(bytes) {
  return Object.fromEntries(readZip(bytes).map((e) => [e.name, DECODER.decode(e.data)]));
}

/** The cells of the sheet: {ref: {text, style, type}}, the inline strings unescaped. */
function cells(sheet) {
  const out = {};
  for (const [, ref, style, type, inner] of sheet.matchAll(/<c r="([A-Z]+[0-9]+)" s="(\d+)"(?: t="(\w+)")?(?:\/>|>(.*?)<\/c>)/g)) {
    const text = inner === undefined ? null : /<t xml:space="preserve">(.*)<\/t>/s.exec(inner)[1]
      .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
    out[ref] = { text, style: Number(style), type: type ?? null, inner: inner ?? "" };
  }
  return out;
}

function filledState() {
  let s = emptyState(data);
  s = toggleEvidence(s, IDS.p1, "course", data);
  s = toggleEvidence(s, IDS.p2, "course", data);
  s = toggleEvidence(s, IDS.p1, "rsc", data);
  s = toggleEvidence(s, IDS.e1, "work", data);
  s = setNote(s, IDS.e1, "Ethics course at work.", data);
  s = saveEntry(s, "training", { title: "Infant mental health basics", provider: "Center", date: "2026-03-04", hours: 6.5, areas: ["development"] }, data, "2026-11-23", () => 0.5);
  s = saveEntry(s, "training", { title: "Short talk", date: "2026-03-05", hours: 1, areas: ["development"] }, data, "2026-11-23", () => 0.6);
  const chosen = { ok: true, program: { id: "demo", institution: "Demo University", program: "MSW" },
    courses: [{ code: "PSY 501", title: "Ethics", items: [IDS.e2] }, { code: "PSY 502", title: "Not taken", items: [IDS.p1] }] };
  s = chooseProgram(s, chosen, "file");
  return deepFreeze({ ...s, logs: { ...s.logs, coursework: { ...s.logs.coursework, taken: ["PSY 501"] } } });
}

// Rows of the sheet (1-based): title 1, help 2-3, the filled-in line 4, header FIRST_ROW + 1, then data.grid.rows.
const ROW = (i) => FIRST_ROW + 2 + i;

describe("the Getting Started grid from a self-assessment", () => {
  test("the grid has the blank grid's rows and columns; it fills only what the answers and logs give", () => {
    const rows = gridRows(data, filledState());
    assert.deepEqual(rows[0].cells, ["Knowledge area", "College course", "Training", "Work experience", "Reflective supervision/consultation", "Notes"]);
    assert.deepEqual(rows.slice(1).map((r) => r.cells[0]), data.grid.rows.map((r) => r.text));
    const [, tf, pregnancy, development, law, ethics, refl, none] = rows;
    for (const blank of [tf, law, refl, none]) assert.deepEqual(blank.cells.slice(1), [null, null, null, null, null]);
    assert.deepEqual(pregnancy.cells.slice(1), ["Ticked for 2 of 2 indicators", null, null, "Ticked for 1 of 2 indicators", null],
      "a course not taken gives nothing");
    assert.deepEqual(development.cells.slice(1), [null, "Infant mental health basics, Center, 2026-03-04, 6.5 hours\nShort talk, 2026-03-05, 1 hour", null, null, null]);
    assert.deepEqual(ethics.cells.slice(1), ["PSY 501 Ethics (program map: Demo University)", null, "Ticked for 1 of 2 indicators", null,
      "Follows the code of ethics: Ethics course at work."]);
  });

  test("an empty self-assessment gives a grid whose evidence and notes are all blank", () => {
    const sheet = parts(gridXlsx(data, emptyState(data), DATE))["xl/worksheets/sheet1.xml"];
    const all = cells(sheet);
    const below = Object.entries(all).filter(([ref]) => Number(ref.replace(/[A-Z]+/, "")) > FIRST_ROW + 1);
    assert.equal(below.length, data.grid.rows.length * 6);
    assert.ok(below.filter(([ref]) => !ref.startsWith("A")).every(([, c]) => c.text === null));
  });

  test("the package has the parts Excel needs, each well-formed XML, with content types for each", () => {
    const files = parts(gridXlsx(data, filledState(), DATE));
    assert.deepEqual(Object.keys(files), ["[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml",
      "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml"]);
    for (const [name, xml] of Object.entries(files)) assertWellFormed(xml, name);
    for (const part of ["xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/styles.xml", "docProps/core.xml", "docProps/app.xml"]) {
      assert.match(files["[Content_Types].xml"], new RegExp(`PartName="/${part.replace(/[.]/g, "\\.")}"`));
    }
    assert.match(files["xl/workbook.xml"], /<sheet name="ECMHS" sheetId="1" r:id="rId1"\/>/);
    assert.match(files["xl/workbook.xml"], new RegExp(`_xlnm.Print_Titles" localSheetId="0">'ECMHS'!\\$${FIRST_ROW + 1}:\\$${FIRST_ROW + 1}<`));
    assert.match(files["xl/_rels/workbook.xml.rels"], /Target="worksheets\/sheet1.xml"/);
  });

  test("the sheet keeps the blank grid's layout: widths, frozen header, styles, landscape one page wide", () => {
    const sheet = parts(gridXlsx(data, filledState(), DATE))["xl/worksheets/sheet1.xml"];
    assert.match(sheet, /<col min="1" max="1" width="44.7109375" customWidth="1"\/><col min="2" max="2" width="30.7109375"/);
    assert.match(sheet, new RegExp(`ySplit="${FIRST_ROW + 1}" topLeftCell="B${FIRST_ROW + 2}"[^>]*state="frozen"`));
    assert.match(sheet, /<pageSetup paperSize="9" orientation="landscape" fitToHeight="0"\/>/);
    assert.match(sheet, /<oddHeader>&amp;LECMHS &amp;&amp; co: Getting Started self-study grid&amp;RPage &amp;P of &amp;N<\/oddHeader>/,
      "an & of the header text is doubled so it is not read as a header code");
    const all = cells(sheet);
    assert.equal(all.A1.style, 1);
    assert.equal(all[`B${FIRST_ROW + 1}`].text, "College course");
    assert.equal(all[`B${FIRST_ROW + 1}`].style, 3, "header style");
    assert.equal(all[`A${ROW(0)}`].style, 4, "domain style");
    assert.equal(all[`B${ROW(1)}`].style, 5, "bordered, wrapped cell");
    assert.match(sheet, new RegExp(`<row r="${ROW(1)}" ht="\\d+" customHeight="1">`));
  });

  test("text from the user stays text: escaped, never a formula, without characters XML forbids", () => {
    let s = setNote(emptyState(data), IDS.p1, HOSTILE, data);
    s = setName(s, "Ann & Co");
    const files = parts(gridXlsx(data, s, DATE));
    const sheet = files["xl/worksheets/sheet1.xml"];
    assertWellFormed(sheet, "sheet");
    assert.ok(!sheet.includes("<f>") && !sheet.includes("<f "), "no formula element");
    const note = cells(sheet)[`F${ROW(1)}`];
    assert.equal(note.type, "inlineStr");
    assert.equal(note.text, `${baseData.items[0].text}: =HYPERLINK("http://x","y") &amp; "q" < 3 > 2  end`);
    assert.ok(sheet.includes("&amp;amp; &quot;q&quot; &lt; 3 &gt; 2  end</t>"));
    assert.match(files["docProps/core.xml"], /<dc:creator>Ann &amp; Co<\/dc:creator>/);
    assert.equal(xmlSafe("a\u0000b\r\nc\rd\uFFFF\uDC00"), "ab\nc\nd");
    assert.equal(xmlEscape('<&>"'), "&lt;&amp;&gt;&quot;");
  });

  test("a note too long for a cell is cut where Excel would refuse it, and says so", () => {
    const items = data.items.map((item) => ({ ...item, ka: "pregnancy", domain: "tf" }));
    const wide = { ...data, items, scale: { ...data.scale, limits: { ...data.scale.limits, note_chars: 20000 } } };
    let s = emptyState(wide);
    for (const item of items) s = setNote(s, item.id, "x".repeat(9000), wide);
    const note = gridRows(wide, s)[2].cells[5];
    assert.equal(note.length, 32767);
    assert.match(note, /cut short here: the full text is in the JSON export\]$/);
  });

  test("the same state and date give the same bytes; another day changes them", () => {
    const state = filledState();
    const first = gridXlsx(data, state, DATE);
    assert.deepEqual(first, gridXlsx(data, structuredClone(state), new Date(DATE.getTime())));
    assert.notDeepEqual(first, gridXlsx(data, state, new Date("2026-11-25T12:00:00Z")));
  });

  test("data without a grid layout is refused; the file is named like the other exports, on the local day", () => {
    assert.equal(hasGrid(baseData), false);
    assert.throws(() => gridXlsx(baseData, emptyState(baseData), DATE), TypeError);
    assert.equal(hasGrid(data), true);
    const local = new Date(2026, 10, 23, 23, 30);
    assert.equal(fileName(data, "xlsx", local), "iecmh-atlas-ECMHS-getting-started-grid-2026-11-23.xlsx");
    assert.deepEqual([0, 25, 26, 51, 52, 701, 702].map(columnName), ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]);
  });
});
