// Node tests of docs/assets/js/shared/csv.mjs. Run from the repo root: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { cleanCell, csvCell, csvText, parseCSVRecords } from "../../../docs/assets/js/shared/csv.mjs";

test("csvText writes a BOM, CRLF line ends and quoted, formula-safe cells", () => {
  assert.equal(csvText([["a", "b,c"], ["=1", 'say "hi"']]), '\uFEFFa,"b,c"\r\n\'=1,"say ""hi"""\r\n');
});

test("parseCSVRecords reads quoted commas, quotes and line breaks, and any line end", () => {
  assert.deepEqual(parseCSVRecords('a,"b,\r\nc"\r\n"d ""e""",f\ng,h\r').records, [["a", "b,\r\nc"], ['d "e"', "f"], ["g", "h"]]);
  assert.deepEqual(parseCSVRecords("x,y").records, [["x", "y"]]);
});

test("parseCSVRecords reports an unclosed quote and text after a closing quote by row", () => {
  assert.equal(parseCSVRecords('a\r\n"b').error, "Row 2: a quoted field is not closed");
  assert.equal(parseCSVRecords('"a"b').error, "Row 1: unexpected text after a closing quote");
});

test("cleanCell undoes csvCell's formula guard and trims", () => {
  for (const text of ["=SUM(A1)", "+1", "-2", "@x", "plain"]) assert.equal(cleanCell(csvCell(text)), text);
  assert.equal(cleanCell("  x  "), "x");
  assert.equal(cleanCell("'quoted"), "'quoted");
});
