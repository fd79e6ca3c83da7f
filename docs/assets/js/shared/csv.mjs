// IECMH Competency Atlas: CSV as spreadsheets read and write it (RFC 4180), DOM-free.

/** One RFC 4180 CSV cell that no spreadsheet reads as a formula (= + - @ TAB CR get a leading '). */
export function csvCell(value) {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows of cells as a CSV file: UTF-8 BOM (so spreadsheets read UTF-8), CRLF line ends, one record per row. */
export const csvText = (rows) => `\uFEFF${rows.map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;

/** A cell as typed: the apostrophe csvCell adds before formula-like text is removed, then spaces are trimmed. */
export const cleanCell = (cell) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell).trim();

/** How to save a spreadsheet so that it imports: said whenever a file cannot be read. */
export const SAVE_AS_CSV = "Save it again as CSV: in Excel, File > Save As > \"CSV UTF-8 (Comma delimited) (*.csv)\"; in "
  + "LibreOffice, File > Save As > \"Text CSV (.csv)\" with character set \"Unicode (UTF-8)\" and field delimiter \",\".";

/** Windows-1252's characters for the bytes 0x80-0x9F (where it differs from Latin-1; the five unassigned bytes keep
 *  their code point, as the WHATWG Encoding standard decodes them). Written out because not every JavaScript engine's
 *  TextDecoder has the full table (Node built with small ICU decodes these bytes as C1 controls). */
const CP1252_HIGH = "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

/** Text from Windows-1252 bytes. */
export function decodeWindows1252(bytes) {
  let text = "";
  for (const byte of bytes) text += byte >= 0x80 && byte < 0xa0 ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  return text;
}

/** The text of a CSV file from its bytes: UTF-8 with or without a byte-order mark, else Windows-1252 (what Excel's
 *  plain "CSV" writes on Windows); {text, encoding} or {error} for UTF-16 and binary files, which are refused. */
export function decodeCSV(bytes) {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) {
    return { error: `This file is saved as UTF-16 ("Unicode Text"), which the import does not read. ${SAVE_AS_CSV}` };
  }
  if (b.includes(0)) return { error: `This is not a CSV text file (an Excel workbook or another binary file?). ${SAVE_AS_CSV}` };
  const bom = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bom ? b.subarray(3) : b);
    return { text, encoding: bom ? "UTF-8 with byte-order mark" : "UTF-8" };
  } catch {
    if (bom) return { error: `This file says it is UTF-8 but is not. ${SAVE_AS_CSV}` };
    return { text: decodeWindows1252(b), encoding: "Windows-1252" };
  }
}

const SEPARATOR_NAMES = { ",": "comma", ";": "semicolon" };

/** The field separator of a CSV text, read from its first record outside quotes: a semicolon when it has more of them
 *  than commas (Excel's "CSV" in locales whose decimal mark is a comma), else a comma; {separator, name} or {error}
 *  for a tab-separated first line. */
export function detectSeparator(text) {
  const counts = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const c of text.replace(/^\uFEFF/, "")) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "\n" || c === "\r")) break;
    else if (!quoted && Object.hasOwn(counts, c)) counts[c] += 1;
  }
  if (counts["\t"] > counts[","] && counts["\t"] > counts[";"]) {
    return { error: `This file's columns are separated by tabs ("Unicode Text" or "Text (Tab delimited)"). ${SAVE_AS_CSV}` };
  }
  const separator = counts[";"] > counts[","] ? ";" : ",";
  return { separator, name: SEPARATOR_NAMES[separator] };
}

/** RFC 4180 records: {records} or {error} (quoted fields may hold separators, quotes and line breaks; CRLF, LF or CR
 *  end a record); the separator is a comma unless given (";"). */
export function parseCSVRecords(text, separator = ",") {
  const records = [];
  let row = [];
  let field = "";
  let state = "start"; // start | plain | quoted | closed
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (state === "quoted") {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') { field += '"'; i += 1; } else state = "closed";
    } else if (c === separator) {
      row.push(field); field = ""; state = "start";
    } else if (c === "\r" || c === "\n") {
      if (c === "\r" && text[i + 1] === "\n") i += 1;
      row.push(field); records.push(row); row = []; field = ""; state = "start";
    } else if (state === "closed") {
      return { error: `Row ${records.length + 1}: unexpected text after a closing quote` };
    } else if (c === '"' && state === "start") {
      state = "quoted";
    } else {
      field += c; state = "plain";
    }
  }
  if (state === "quoted") return { error: `Row ${records.length + 1}: a quoted field is not closed` };
  if (state !== "start" || row.length > 0) { row.push(field); records.push(row); }
  return { records };
}
