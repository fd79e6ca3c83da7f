// IECMH Competency Atlas: the Getting Started self-study grid filled in from a self-assessment, as an .xlsx made in
// the browser. Pure functions, free of any DOM. The layout (sheet, title, help lines, rows) comes from the page's data
// (data.grid, written by generator/compile/exports/grid.py, which writes the blank grid from the same layout), so the
// filled grid has the blank one's rows, columns, widths, styles and page set-up.
//
// What fills a knowledge area's row: in each evidence column, how many of its items the user ticked that evidence for,
// the courses taken from a program map that cover it (College course) and the training log's entries that name it
// (Training); in Notes, the items' notes. Nothing else: a cell the answers and logs give nothing for stays blank.
// Everything from the user is written as an inline string (t="inlineStr"), XML-escaped and without the characters
// XML 1.0 forbids; a cell is never a formula, so text such as "=1+1" or "@SUM(A1)" stays text in Excel and LibreOffice.
// Written by hand on the small zip writer of ../shared/zip.mjs (see there why not a library).
import { fmt, localDay, validDate } from "../shared/guards.mjs";
import { zipStore } from "../shared/zip.mjs";
import { logsOf } from "./logs.mjs";
import { answerOf } from "./state.mjs";

/** The 0-based row of the header, as in the blank grid (title, two lines of help and, here, when it was filled in). */
export const FIRST_ROW = 4;
/** Column widths in characters: knowledge area, each evidence kind, notes (as in the blank grid). */
const WIDTHS = { area: 44, evidence: 30, notes: 30 };
/** Row heights in points, as in the blank grid: a knowledge area's at least, the header's, one line's; Excel's most. */
const ROW_POINTS = { area: 45, header: 30, line: 15, most: 409 };
/** Characters of running text per unit of column width (a width counts digits, wider than the average letter). */
const CHARS_PER_WIDTH = 1.1;
/** The most characters Excel keeps in a cell. */
const CELL_CHARS = 32767;
const CUT = " [cut short here: the full text is in the JSON export]";
/** Cell styles (indexes into styles.xml's cellXfs). */
const STYLE = { title: 1, help: 2, header: 3, domain: 4, cell: 5 };
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";

// ---------- text ----------

/** Text with the characters XML 1.0 forbids removed (controls other than tab and line ends, lone surrogates,
 *  U+FFFE/U+FFFF) and line ends made "\n". */
export function xmlSafe(text) {
  return String(text).replace(/\r\n?/g, "\n")
    .replace(/[^\t\n\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "");
}

/** Text escaped for XML content and attribute values. */
export function xmlEscape(text) {
  return xmlSafe(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Text cut to what a cell can hold, saying where it was cut. */
function fitCell(text) {
  return text.length <= CELL_CHARS ? text : text.slice(0, CELL_CHARS - CUT.length) + CUT;
}

/** The column letters of a 0-based column (0 = A). */
export function columnName(col) {
  let name = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

// ---------- what the grid says ----------

/** Whether the data holds the grid's layout (every page the site builds does). */
export const hasGrid = (data) => Array.isArray(data?.grid?.rows) && Array.isArray(data?.grid?.help)
  && data.grid.help.length <= FIRST_ROW - 2 && Array.isArray(data?.scale?.evidence);

/** The lines of one evidence cell of a knowledge area's row: the ticks, then the courses or training entries. */
function evidenceLines(data, state, items, evidenceId, ka) {
  const lines = [];
  const ticked = items.filter((item) => (answerOf(state, item.id)?.evidence ?? []).includes(evidenceId)).length;
  if (ticked && data.unit === "knowledge-area") lines.push("Ticked in the self-assessment");
  else if (ticked) lines.push(`Ticked for ${ticked} of ${items.length} ${items.length === 1 ? "indicator" : "indicators"}`);
  const logs = logsOf(state);
  if (evidenceId === "course" && logs.coursework) {
    const ids = new Set(items.map((item) => item.id));
    for (const course of logs.coursework.courses) {
      if (logs.coursework.taken.includes(course.code) && course.items.some((id) => ids.has(id))) {
        lines.push(`${course.code} ${course.title} (program map: ${logs.coursework.program.institution})`);
      }
    }
  }
  if (evidenceId === "training") {
    for (const entry of logs.training.filter((e) => (e.areas ?? []).includes(ka))) {
      lines.push([entry.title, entry.provider, entry.date, `${fmt(entry.hours)} ${entry.hours === 1 ? "hour" : "hours"}`].filter(Boolean).join(", "));
    }
  }
  return lines;
}

/** The notes of a knowledge area's items (each after its indicator's text when the items are indicators). */
function noteLines(data, state, items) {
  return items.map((item) => [item, answerOf(state, item.id)?.note]).filter(([, note]) => typeof note === "string" && note !== "")
    .map(([item, note]) => (data.unit === "knowledge-area" ? note : `${item.text.replace(/[.:;]+$/, "")}: ${note}`));
}

/** The grid as rows of cells: {cells: [text or null], kind}, the header first; blank cells are null. */
export function gridRows(data, state) {
  const evidence = data.scale.evidence;
  const header = ["Knowledge area", ...evidence.map((e) => e.label), "Notes"];
  const rows = [{ kind: "header", cells: header }];
  for (const row of data.grid.rows) {
    const blank = evidence.map(() => null);
    if (row.kind !== "area") {
      rows.push({ kind: row.kind, cells: [row.text, ...blank, null] });
      continue;
    }
    const items = data.items.filter((item) => item.domain === row.domain && item.ka === row.ka);
    const cell = (lines) => (lines.length ? fitCell(lines.join("\n")) : null);
    rows.push({ kind: "area", cells: [row.text, ...evidence.map((e) => cell(evidenceLines(data, state, items, e.id, row.ka))),
      cell(noteLines(data, state, items))] });
  }
  return rows;
}

// ---------- the spreadsheet's parts ----------

/** The height in points of text wrapped at width characters (a guess, as Excel does not size rows when it opens a
 *  file; the same guess as grid.py's lines_points). */
function linesPoints(text, width) {
  const perLine = Math.floor(width * CHARS_PER_WIDTH);
  const lines = text.split("\n").reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / perLine)), 0);
  return Math.min(ROW_POINTS.most, ROW_POINTS.line * lines + 3);
}

/** A knowledge area's row height in points: enough for its longest cell, at least the blank grid's. */
function rowPoints(cells, widths) {
  return Math.max(ROW_POINTS.area, ...cells.map((text, col) => (text === null ? 0 : linesPoints(text, widths[col]))));
}

/** One cell's XML: an inline string (never a formula), or an empty styled cell. */
function cellXml(ref, text, style) {
  if (text === null || text === "") return `<c r="${ref}" s="${style}"/>`;
  return `<c r="${ref}" s="${style}" t="inlineStr"><is><t xml:space="preserve">${xmlEscape(text)}</t></is></c>`;
}

/** The worksheet XML. */
function sheetXml(data, rows, stamp) {
  const columns = rows[0].cells.length;
  const last = columns - 1;
  const widths = [WIDTHS.area, ...Array(columns - 2).fill(WIDTHS.evidence), WIDTHS.notes];
  const lastCol = columnName(last);
  const width = widths.reduce((sum, w) => sum + w, 0);
  const out = [];
  const merged = [];
  out.push(`<row r="1">${cellXml("A1", data.grid.title, STYLE.title)}</row>`);
  [...data.grid.help, stamp].forEach((line, i) => { // across the table, wrapped, so the page is not scaled to fit them
    const r = i + 2;
    const rest = widths.slice(1).map((_, col) => cellXml(`${columnName(col + 1)}${r}`, null, STYLE.help)).join("");
    out.push(`<row r="${r}" ht="${linesPoints(line, width)}" customHeight="1">${cellXml(`A${r}`, line, STYLE.help)}${rest}</row>`);
    merged.push(`<mergeCell ref="A${r}:${lastCol}${r}"/>`);
  });
  rows.forEach((row, i) => {
    const r = FIRST_ROW + i + 1;
    const style = row.kind === "header" ? STYLE.header : row.kind === "domain" ? STYLE.domain : STYLE.cell;
    const points = row.kind === "area" ? rowPoints(row.cells, widths) : row.kind === "header" ? ROW_POINTS.header : null;
    const height = points ? ` ht="${points}" customHeight="1"` : "";
    out.push(`<row r="${r}"${height}>${row.cells.map((t, col) => cellXml(`${columnName(col)}${r}`, t, style)).join("")}</row>`);
  });
  const cols = widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w + 0.7109375}" customWidth="1"/>`).join("");
  const header = `&amp;L${xmlEscape(data.grid.header).replace(/&amp;/g, "&amp;&amp;")}&amp;RPage &amp;P of &amp;N`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${REL}">`
    + `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="A1:${lastCol}${FIRST_ROW + rows.length}"/>`
    + `<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane xSplit="1" ySplit="${FIRST_ROW + 1}" `
    + `topLeftCell="B${FIRST_ROW + 2}" activePane="bottomRight" state="frozen"/>`
    + `<selection pane="topRight"/><selection pane="bottomLeft"/><selection pane="bottomRight"/></sheetView></sheetViews>`
    + `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>${out.join("")}</sheetData>`
    + `<mergeCells count="${merged.length}">${merged.join("")}</mergeCells>`
    + `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`
    + `<pageSetup paperSize="9" orientation="landscape" fitToHeight="0"/>`
    + `<headerFooter><oddHeader>${header}</oddHeader></headerFooter></worksheet>`;
}

/** A sheet name Excel accepts: without []:*?/\, at most 31 characters, never empty. */
function sheetName(name) {
  return xmlSafe(name).replace(/[[\]:*?/\\]/g, "-").slice(0, 31) || "Grid";
}

/** The workbook XML, with the header row repeated on every printed page. */
function workbookXml(data) {
  const name = sheetName(data.grid.sheet);
  const quoted = `'${name.replace(/'/g, "''")}'`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN}" xmlns:r="${REL}">`
    + `<bookViews><workbookView/></bookViews><sheets><sheet name="${xmlEscape(name)}" sheetId="1" r:id="rId1"/></sheets>`
    + `<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">${xmlEscape(quoted)}!$${FIRST_ROW + 1}:$${FIRST_ROW + 1}</definedName></definedNames>`
    + `</workbook>`;
}

/** The styles: fonts, fills and borders as in the blank grid (title, help, header, domain, cell). */
const STYLES_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${MAIN}">`
  + `<fonts count="4"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>`
  + `<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font>`
  + `<font><i/><sz val="11"/><color rgb="FF333333"/><name val="Calibri"/><family val="2"/></font>`
  + `<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>`
  + `<fills count="4"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>`
  + `<fill><patternFill patternType="solid"><fgColor rgb="FFDCE3F5"/><bgColor indexed="64"/></patternFill></fill>`
  + `<fill><patternFill patternType="solid"><fgColor rgb="FFF0F0F0"/><bgColor indexed="64"/></patternFill></fill></fills>`
  + `<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>`
  + `<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right>`
  + `<top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>`
  + `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>`
  + `<cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`
  + `<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>`
  + `<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>`
  + `<xf numFmtId="0" fontId="3" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>`
  + `<xf numFmtId="0" fontId="3" fillId="3" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1"/>`
  + `<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>`
  + `</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`
  + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`
  + `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`
  + `<Default Extension="xml" ContentType="application/xml"/>`
  + `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`
  + `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`
  + `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`
  + `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>`
  + `<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>`
  + `</Types>`;

const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL}">`
  + `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>`
  + `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>`
  + `<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/></Relationships>`;

const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL}">`
  + `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>`
  + `<Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`;

const APP_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`
  + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">`
  + `<Application>IECMH Competency Atlas</Application></Properties>`;

/** The document properties: title, author (the user's name when given), and the export's time. */
function coreXml(data, state, date) {
  const when = `${validDate(date).toISOString().slice(0, 19)}Z`;
  const author = typeof state.name === "string" && state.name.trim() !== "" ? state.name : "";
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties `
    + `xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" `
    + `xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`
    + `<dc:title>${xmlEscape(`${data.category.name}: Getting Started self-study grid, filled in`)}</dc:title>`
    + (author ? `<dc:creator>${xmlEscape(author)}</dc:creator>` : "")
    + `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>`
    + `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`;
}

/** The line above the header: when and from what the grid was filled in. */
function stampLine(state, date) {
  const name = typeof state.name === "string" && state.name.trim() !== "" ? ` for ${state.name.trim()}` : "";
  return `Filled in from a self-assessment in the browser${name}, ${localDay(date)}: your ticks, program-map courses `
    + "and training log; blank cells are ones your answers say nothing about.";
}

/** The filled-in grid of a self-assessment as .xlsx bytes (the same data, state and date give the same bytes). */
export function gridXlsx(data, state, date) {
  if (!hasGrid(data)) throw new TypeError("This page's data has no Getting Started grid");
  const rows = gridRows(data, state);
  return zipStore([
    ["[Content_Types].xml", CONTENT_TYPES],
    ["_rels/.rels", ROOT_RELS],
    ["docProps/app.xml", APP_XML],
    ["docProps/core.xml", coreXml(data, state, date)],
    ["xl/workbook.xml", workbookXml(data)],
    ["xl/_rels/workbook.xml.rels", WORKBOOK_RELS],
    ["xl/styles.xml", STYLES_XML],
    ["xl/worksheets/sheet1.xml", sheetXml(data, rows, stampLine(state, date))],
  ]);
}
