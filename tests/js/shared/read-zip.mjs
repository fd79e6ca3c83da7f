// A zip reader for the tests (independent of docs/assets/js/shared/zip.mjs): it walks the records as a reader does.
import assert from "node:assert/strict";
import { crc32 } from "node:zlib";

const DECODER = new TextDecoder();

/** The entries of a zip read the way a reader does: from the end record to the central directory to each local
 *  header; every field the two headers share must agree, and each CRC-32 must be that of the stored bytes. Returns [{name, data, crc, central, local}]. */
export function readZip(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length - 22;
  assert.equal(view.getUint32(end, true), 0x06054b50, "end of central directory record");
  const count = view.getUint16(end + 10, true);
  assert.equal(view.getUint16(end + 8, true), count);
  const size = view.getUint32(end + 12, true);
  let at = view.getUint32(end + 16, true);
  assert.equal(at + size, end, "the central directory ends where the end record starts");
  const entries = [];
  for (let i = 0; i < count; i += 1) {
    assert.equal(view.getUint32(at, true), 0x02014b50, "central directory header");
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const central = { method: view.getUint16(at + 10, true), time: view.getUint16(at + 12, true), date: view.getUint16(at + 14, true),
      crc: view.getUint32(at + 16, true), packed: view.getUint32(at + 20, true), size: view.getUint32(at + 24, true) };
    const name = DECODER.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const offset = view.getUint32(at + 42, true);
    assert.equal(view.getUint32(offset, true), 0x04034b50, `local header of ${name}`);
    const local = { method: view.getUint16(offset + 8, true), time: view.getUint16(offset + 10, true), date: view.getUint16(offset + 12, true),
      crc: view.getUint32(offset + 14, true), packed: view.getUint32(offset + 18, true), size: view.getUint32(offset + 22, true) };
    const localName = view.getUint16(offset + 26, true);
    const start = offset + 30 + localName + view.getUint16(offset + 28, true);
    assert.equal(DECODER.decode(bytes.subarray(offset + 30, offset + 30 + localName)), name);
    assert.deepEqual(local, central, `the two headers of ${name} agree`);
    const data = bytes.subarray(start, start + central.size);
    assert.equal(central.crc, crc32(data), `the CRC of ${name} is that of its bytes (by node:zlib)`);
    entries.push({ name, data, ...central });
    at += 46 + nameLength + extra;
  }
  return entries;
}
