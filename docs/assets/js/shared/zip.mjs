// IECMH Competency Atlas: a zip archive writer, STORE method only (no compression), for the .xlsx the self-assessment
// page makes in the browser. Pure functions, free of any DOM.
//
// Why not a library such as fflate: an .xlsx of one category is a few tens of kilobytes of XML, so compressing it
// buys nothing the user notices, and what is left of a zip writer without compression is a CRC-32 and three fixed
// record layouts (below, under 100 lines). fflate is about 8 kB once minified and gzipped, but the Atlas serves its
// modules as written, without a minifying bundler, and fflate's ES module build is about 90 kB, most of it deflate and
// inflate this never uses; it would be one more vendored file to check and keep up to date. The xlsx writers on npm
// are larger still (ExcelJS, SheetJS) or bring their own zip library. This writer is checked by other readers in the
// tests (Python's zipfile, openpyxl, LibreOffice), and every entry gets the same fixed timestamp, so the same files
// give the same bytes. It is loaded only when the user asks for a spreadsheet.

const ENCODER = new TextEncoder();
/** DOS date of 1980-01-01 (the earliest a zip can say) and time 00:00:00, for every entry: the bytes never depend on
 *  the clock. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;
const UTF8_NAMES = 1 << 11;
const VERSION = 20;

/** The CRC-32 table of the zip format (polynomial 0xEDB88320). */
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** The CRC-32 of some bytes, as an unsigned number. */
export function crc32(bytes) {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i += 1) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A little-endian record of 2- and 4-byte fields ([size, value] pairs) followed by some bytes. */
function record(fields, ...tails) {
  const head = fields.reduce((sum, [size]) => sum + size, 0);
  const out = new Uint8Array(head + tails.reduce((sum, t) => sum + t.length, 0));
  const view = new DataView(out.buffer);
  let at = 0;
  for (const [size, value] of fields) {
    if (size === 2) view.setUint16(at, value, true);
    else view.setUint32(at, value, true);
    at += size;
  }
  for (const tail of tails) { out.set(tail, at); at += tail.length; }
  return out;
}

/** One array of the parts, joined. */
function concat(parts) {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) { out.set(part, at); at += part.length; }
  return out;
}

/** A zip archive (Uint8Array) of files given as [[name, text or bytes], ...], stored in that order, uncompressed;
 *  names are UTF-8. Throws a TypeError for a duplicate or empty name, and a RangeError beyond the classic zip's
 *  limits (65535 entries, 4 GB), which a self-assessment never comes near. */
export function zipStore(files) {
  if (files.length > 0xffff) throw new RangeError("Too many files for a zip archive");
  const seen = new Set();
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, content] of files) {
    if (typeof name !== "string" || name === "" || seen.has(name)) throw new TypeError(`Invalid or repeated file name "${name}"`);
    seen.add(name);
    const nameBytes = ENCODER.encode(name);
    const data = typeof content === "string" ? ENCODER.encode(content) : content;
    const crc = crc32(data);
    const common = [[2, VERSION], [2, UTF8_NAMES], [2, 0], [2, DOS_TIME], [2, DOS_DATE], [4, crc], [4, data.length],
      [4, data.length], [2, nameBytes.length], [2, 0]];
    const local = record([[4, 0x04034b50], ...common], nameBytes, data);
    centrals.push(record([[4, 0x02014b50], [2, VERSION], ...common, [2, 0], [2, 0], [2, 0], [4, 0], [4, offset]], nameBytes));
    locals.push(local);
    offset += local.length;
    if (offset > 0xffffffff) throw new RangeError("Too large for a zip archive");
  }
  const directory = concat(centrals);
  const end = record([[4, 0x06054b50], [2, 0], [2, 0], [2, files.length], [2, files.length], [4, directory.length],
    [4, offset], [2, 0]]);
  return concat([...locals, directory, end]);
}
