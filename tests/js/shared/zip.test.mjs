// Node tests of docs/assets/js/shared/zip.mjs: the records a zip reader walks, checked field by field.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { crc32, zipStore } from "../../../docs/assets/js/shared/zip.mjs";
import { readZip } from "./read-zip.mjs";


describe("zipStore", () => {
  test("the CRC-32 is the zip format's (known check values)", () => {
    assert.equal(crc32(new TextEncoder().encode("123456789")), 0xcbf43926);
    assert.equal(crc32(new Uint8Array()), 0);
    assert.equal(crc32(new TextEncoder().encode("The quick brown fox jumps over the lazy dog")), 0x414fa339);
  });

  test("every file is stored whole, in order, with its CRC, at the fixed 1980-01-01 timestamp", () => {
    const files = [["a.txt", "hello"], ["dir/ü.xml", "<x>é</x>"], ["empty", ""], ["bytes.bin", new Uint8Array([0, 255, 1])]];
    const entries = readZip(zipStore(files));
    assert.deepEqual(entries.map((e) => e.name), files.map(([name]) => name));
    for (const [i, [, content]] of files.entries()) {
      const expected = typeof content === "string" ? new TextEncoder().encode(content) : content;
      assert.deepEqual([...entries[i].data], [...expected]);
      assert.equal(entries[i].crc, crc32(expected));
      assert.equal(entries[i].method, 0, "stored");
      assert.equal(entries[i].packed, expected.length);
      assert.deepEqual([entries[i].date, entries[i].time], [(1 << 5) | 1, 0]);
    }
  });

  test("the same files give the same bytes; a changed byte changes the CRC", () => {
    const one = zipStore([["a", "x"], ["b", "y"]]);
    assert.deepEqual(one, zipStore([["a", "x"], ["b", "y"]]));
    assert.notEqual(readZip(zipStore([["a", "z"]]))[0].crc, readZip(one)[0].crc);
  });

  test("a repeated or empty name is refused", () => {
    assert.throws(() => zipStore([["a", "1"], ["a", "2"]]), TypeError);
    assert.throws(() => zipStore([["", "1"]]), TypeError);
  });
});
