// The mapper's CSV import reads what spreadsheets write: UTF-8 with or without a byte-order mark, Windows-1252
// (Excel's plain "CSV" on Windows), comma or semicolon separators (Excel in locales with a decimal comma), and
// refuses UTF-16, tab-separated and binary files with a message that says how to save the file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SAVE_AS_CSV, decodeCSV, decodeWindows1252, detectSeparator, parseCSVRecords } from "../../../docs/assets/js/shared/csv.mjs";
import { parseCoursesCSV } from "../../../docs/assets/js/mapper/courses-csv.mjs";
import { deepFreeze, data, program, HEADER, csv } from "./fixture.mjs";

const start = deepFreeze({ ...program, courses: [] });
const TITLE = "Développement de l’enfant – théorie";  // é and the typographic quote and dash differ in every encoding
const comma = csv(HEADER, `IECMH 610,"${TITLE}",3,45,ka:development,R,1.5`);
const semicolon = comma.split("\r\n").map((line) => line.replace(/,/g, ";")).join("\r\n");

/** The bytes of text in Windows-1252 (the characters used here only). */
function cp1252(text) {
  const special = { "’": 0x92, "–": 0x96, "é": 0xe9 };
  return Uint8Array.from([...text], (c) => special[c] ?? c.charCodeAt(0));
}

test("UTF-8 with and without a byte-order mark decode to the same text", () => {
  const bytes = new TextEncoder().encode(comma);
  assert.deepEqual(decodeCSV(bytes), { text: comma, encoding: "UTF-8" });
  assert.deepEqual(decodeCSV(Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes])), { text: comma, encoding: "UTF-8 with byte-order mark" });
});

test("a Windows-1252 file is read as Windows-1252, not as mojibake", () => {
  const decoded = decodeCSV(cp1252(comma));
  assert.equal(decoded.encoding, "Windows-1252");
  assert.equal(decoded.text, comma);
  const result = parseCoursesCSV(decoded.text, data, start);
  assert.equal(result.ok, true, result.errors?.join("; "));
  assert.equal(result.program.courses[0].title, TITLE);
});

test("UTF-16, binary and broken UTF-8 files are refused with how to save them", () => {
  const utf16 = Uint8Array.from([0xff, 0xfe, ...[...comma].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
  for (const [bytes, why] of [[utf16, /UTF-16/], [Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), /not a CSV text file/],
                              [Uint8Array.from([0xef, 0xbb, 0xbf, 0x41, 0xe9, 0x42]), /says it is UTF-8 but is not/]]) {
    const decoded = decodeCSV(bytes);
    assert.match(decoded.error, why);
    assert.ok(decoded.error.endsWith(SAVE_AS_CSV));
  }
  assert.match(SAVE_AS_CSV, /CSV UTF-8 \(Comma delimited\)/);
  assert.match(SAVE_AS_CSV, /LibreOffice/);
});

test("the separator is detected from the header, outside quotes", () => {
  assert.deepEqual(detectSeparator(comma), { separator: ",", name: "comma" });
  assert.deepEqual(detectSeparator(semicolon), { separator: ";", name: "semicolon" });
  assert.deepEqual(detectSeparator('"a;b;c",d\r\n1,2'), { separator: ",", name: "comma" });
  assert.deepEqual(detectSeparator('"a,b,c";d\r\n1;2'), { separator: ";", name: "semicolon" });
  assert.match(detectSeparator("course_code\tcourse_title\titem\tlevel\r\n").error, /tabs/);
  assert.deepEqual(parseCSVRecords('a;"b;c";d\r\n1;2;3', ";").records, [["a", "b;c", "d"], ["1", "2", "3"]]);
});

test("a semicolon file imports like the comma file, decimal commas included, and says which it was", () => {
  const fromComma = parseCoursesCSV(comma, data, start);
  assert.equal(fromComma.ok, true, fromComma.errors?.join("; "));
  assert.equal(fromComma.separator, "comma");
  const withDecimalComma = semicolon.replace(";1.5", ";1,5");
  const fromSemicolon = parseCoursesCSV(withDecimalComma, data, start);
  assert.equal(fromSemicolon.ok, true, fromSemicolon.errors?.join("; "));
  assert.equal(fromSemicolon.separator, "semicolon");
  assert.deepEqual(fromSemicolon.program, fromComma.program);
  assert.equal(fromSemicolon.program.courses[0].covers[0].hours, 1.5);
  const commaWithDecimalComma = parseCoursesCSV(comma.replace(",1.5", ',"1,5"'), data, start);
  assert.equal(commaWithDecimalComma.ok, false, "a decimal comma is read as such only in a semicolon file");
});

test("a tab-separated file is refused with how to save it, not with a parse error", () => {
  const tabs = comma.split("\r\n").map((line) => line.replace(/,/g, "\t")).join("\r\n");
  const result = parseCoursesCSV(tabs, data, start);
  assert.equal(result.ok, false);
  assert.match(result.errors[0], /separated by tabs/);
  assert.ok(result.errors[0].endsWith(SAVE_AS_CSV));
});

test("decodeWindows1252 maps the bytes where Windows-1252 differs from Latin-1", () => {
  assert.equal(decodeWindows1252(Uint8Array.from([0x80, 0x85, 0x8a, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x99, 0x9f])),
               "€…Š‘’“”–—™Ÿ");
  assert.equal(decodeWindows1252(Uint8Array.from([0x41, 0xe9, 0xfc, 0xff, 0x81])), "Aéüÿ\u0081");
});
