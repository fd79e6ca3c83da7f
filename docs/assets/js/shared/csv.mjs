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

/** RFC 4180 records: {records} or {error} (quoted fields may hold commas, quotes and line breaks; CRLF, LF or CR end
 *  a record). */
export function parseCSVRecords(text) {
  const records = [];
  let row = [];
  let field = "";
  let state = "start"; // start | plain | quoted | closed
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (state === "quoted") {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') { field += '"'; i += 1; } else state = "closed";
    } else if (c === ",") {
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
