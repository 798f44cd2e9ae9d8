import { closeSync, openSync, readSync } from 'node:fs';

/** One autonomous system: its number and the organisation's name. */
export interface AsnEntry {
  asn: number;
  name: string;
}

const COMMA = 0x2c;
const QUOTE = 0x22;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Where one row's fields lie in the bytes; reused for every row (no allocation per row). The
 * organisation's UTF-8 bytes are `name[from, to)`: the chunk itself, or, for a quoted name whose `""`
 * had to be undone, a scratch buffer reused by the next quoted row.
 */
interface RowFields {
  line: number;
  start: [number, number];
  end: [number, number];
  asn: number;
  name: { bytes: Buffer; from: number; to: number };
}

function digitsValue(data: Buffer, [from, to]: [number, number]): number {
  let value = 0;
  for (let k = from; k < to; k += 1) value = value * 10 + ((data[k] ?? 0) - 0x30);
  return value;
}

function allDigits(data: Buffer, [from, to]: [number, number]): boolean {
  if (to <= from) return false;
  for (let k = from; k < to; k += 1) if ((data[k] ?? 0) < 0x30 || (data[k] ?? 0) > 0x39) return false;
  return true;
}

const TWO_32 = 2 ** 32;

/**
 * A decimal of up to 128 bits into four 32-bit limbs, most significant first, at `into[at, at + 4)`:
 * IPv6 bounds without a BigInt or a string per row.
 * @returns false when the number does not fit in 128 bits.
 */
function decimalLimbs(data: Buffer, [from, to]: [number, number], into: Uint32Array, at: number): boolean {
  into.fill(0, at, at + 4);
  for (let k = from; k < to; k += 1) {
    let carry = (data[k] ?? 0) - 0x30;
    for (let limb = at + 3; limb >= at; limb -= 1) {
      const value = (into[limb] ?? 0) * 10 + carry;
      into[limb] = value % TWO_32;
      carry = Math.floor(value / TWO_32);
    }
    if (carry !== 0) return false;
  }
  return true;
}

/**
 * Scans `start,end,asn,organisation` rows (the format of `@ip-location-db/asn`'s `*-num.csv`
 * files; the organisation may be quoted with `""` escapes) byte by byte, calling `visit` per row:
 * 500,000 rows are read at every start, so no string is made. `data` holds whole rows; `row.line`
 * goes on from the chunk before.
 * @throws Error naming the file and line when a row is malformed.
 */
function scanRows(data: Buffer, label: string, row: RowFields, scratch: { bytes: Buffer }, visit: (row: RowFields) => void): void {
  let pos = 0;
  const field = (into: [number, number]) => {
    into[0] = pos;
    while (pos < data.length && data[pos] !== COMMA && data[pos] !== NEWLINE) pos += 1;
    into[1] = pos;
    pos += 1;
  };
  const asnField: [number, number] = [0, 0];
  while (pos < data.length) {
    row.line += 1;
    if (data[pos] === NEWLINE || data[pos] === CARRIAGE_RETURN) {
      pos += 1;
      continue;
    }
    field(row.start);
    field(row.end);
    field(asnField);
    if (!allDigits(data, row.start) || !allDigits(data, row.end) || !allDigits(data, asnField)) {
      throw new Error(`${label}: line ${row.line} is not "start,end,asn,organisation" with numeric addresses`);
    }
    row.asn = digitsValue(data, asnField);
    if (data[pos] === QUOTE) {
      let length = 0;
      pos += 1;
      for (;;) {
        const close = data.indexOf(QUOTE, pos);
        if (close < 0) throw new Error(`${label}: unterminated quote on line ${row.line}`);
        const needed = length + close - pos + 1;
        if (needed > scratch.bytes.length) {
          const larger = Buffer.allocUnsafe(Math.max(needed, scratch.bytes.length * 2));
          scratch.bytes.copy(larger, 0, 0, length);
          scratch.bytes = larger;
        }
        length += data.copy(scratch.bytes, length, pos, close);
        pos = close + 1;
        if (data[pos] !== QUOTE) break;
        scratch.bytes[length] = QUOTE;
        length += 1;
        pos += 1;
      }
      row.name = { bytes: scratch.bytes, from: 0, to: length };
      while (pos < data.length && data[pos] !== NEWLINE) pos += 1;
    } else {
      const from = pos;
      while (pos < data.length && data[pos] !== NEWLINE) pos += 1;
      row.name = { bytes: data, from, to: data[pos - 1] === CARRIAGE_RETURN ? pos - 1 : pos };
    }
    pos += 1;
    visit(row);
  }
}

/**
 * The bytes of a CSV as chunks of whole rows, read anew on each call (the index reads twice: once to
 * count rows, once to parse them). A chunk may be reused by the next one, so use it before asking on.
 */
export type CsvChunks = () => Iterable<Buffer>;

/** A CSV held in memory, as one chunk. */
export function csvBytes(data: Buffer): CsvChunks {
  return () => [data];
}

/** Default read size of `csvFile` (bytes): 1 MiB. */
const CHUNK_BYTES = 1 << 20;

/** The offset of the last newline in `data[0, length)` that ends a row (not inside quotes), or -1. */
function lastRowEnd(data: Buffer, length: number): number {
  let quoted = false;
  let last = -1;
  for (let k = 0; k < length; k += 1) {
    const byte = data[k];
    if (byte === QUOTE) quoted = !quoted;
    else if (byte === NEWLINE && !quoted) last = k;
  }
  return last;
}

/**
 * A CSV file read `chunkBytes` at a time into one reused buffer, each chunk cut after its last row
 * end outside quotes (a row longer than the buffer grows it). Reading in chunks keeps the 33 MB of
 * CSV out of the process's memory: read whole, those buffers stayed resident until a major GC.
 * @throws the `fs` error when the file cannot be read.
 */
export function csvFile(file: string, chunkBytes = CHUNK_BYTES): CsvChunks {
  return function* chunks() {
    const fd = openSync(file, 'r');
    try {
      let buffer = Buffer.allocUnsafe(chunkBytes);
      let held = 0;
      for (;;) {
        if (held === buffer.length) {
          const larger = Buffer.allocUnsafe(buffer.length * 2);
          buffer.copy(larger, 0, 0, held);
          buffer = larger;
        }
        const read = readSync(fd, buffer, held, buffer.length - held, null);
        const filled = held + read;
        if (read === 0) {
          if (filled > 0) yield buffer.subarray(0, filled);
          return;
        }
        const cut = lastRowEnd(buffer, filled);
        if (cut < 0) {
          held = filled;
          continue;
        }
        yield buffer.subarray(0, cut + 1);
        buffer.copy(buffer, 0, cut + 1, filled);
        held = filled - cut - 1;
      }
    } finally {
      closeSync(fd);
    }
  };
}

/** Rows in a CSV (an upper bound: blank lines count too). */
function lineCount(csv: CsvChunks): number {
  let count = 0;
  let endsInNewline = true;
  for (const data of csv()) {
    if (data.length === 0) continue;
    let at = data.indexOf(NEWLINE);
    while (at >= 0) {
      count += 1;
      at = data.indexOf(NEWLINE, at + 1);
    }
    endsInNewline = data[data.length - 1] === NEWLINE;
  }
  return endsInNewline ? count : count + 1;
}

/** Calls `visit` with each row of the CSV and the chunk holding it, chunk after chunk. */
function scanCsv(csv: CsvChunks, label: string, visit: (data: Buffer, row: RowFields) => void): void {
  const row: RowFields = { line: 0, start: [0, 0], end: [0, 0], asn: 0, name: { bytes: Buffer.alloc(0), from: 0, to: 0 } };
  const scratch = { bytes: Buffer.allocUnsafe(256) };
  for (const data of csv()) scanRows(data, label, row, scratch, (fields) => visit(data, fields));
}

/** `array` with room for `length` elements: itself, or a copy twice as large (or as needed). */
function withRoom(array: Uint32Array<ArrayBuffer>, length: number): Uint32Array<ArrayBuffer> {
  if (length <= array.length) return array;
  const larger = new Uint32Array(Math.max(length, array.length * 2));
  larger.set(array);
  return larger;
}

/**
 * The distinct (AS number, organisation) pairs of the ranges, each organisation's name kept once as
 * UTF-8 in one buffer (80,000 pairs and 75,000 names in 400,000 ranges): no JS string is held per
 * name, so the names sit outside V8's heap in about half the memory. Interned by FNV-1a over the
 * bytes, in open-addressed tables of typed arrays.
 */
class EntryTable {
  #nameBytes = Buffer.allocUnsafe(1 << 16);
  #nameBytesUsed = 0;
  /** Name k is `#nameBytes[#nameStarts[k], #nameStarts[k + 1])`. */
  #nameStarts = new Uint32Array(1 << 12);
  #names = 0;
  #nameSlots = new Int32Array(1 << 12).fill(-1);
  #entryAsn = new Uint32Array(1 << 12);
  #entryName = new Uint32Array(1 << 12);
  #entries = 0;
  #entrySlots = new Int32Array(1 << 12).fill(-1);

  get names(): number {
    return this.#names;
  }

  /** The id of the pair, added if new. */
  id(asn: number, name: RowFields['name']): number {
    const nameId = this.#nameId(name);
    const mask = this.#entrySlots.length - 1;
    let slot = (Math.imul(asn, 0x9e3779b1) ^ Math.imul(nameId, 0x85ebca6b)) & mask;
    for (let entry = this.#entrySlots[slot] ?? -1; entry >= 0; entry = this.#entrySlots[slot] ?? -1) {
      if (this.#entryAsn[entry] === asn && this.#entryName[entry] === nameId) return entry;
      slot = (slot + 1) & mask;
    }
    const entry = this.#entries;
    this.#entryAsn = withRoom(this.#entryAsn, entry + 1);
    this.#entryName = withRoom(this.#entryName, entry + 1);
    this.#entryAsn[entry] = asn;
    this.#entryName[entry] = nameId;
    this.#entrySlots[slot] = entry;
    this.#entries += 1;
    if (this.#entries * 2 > this.#entrySlots.length) this.#entrySlots = this.#rehash(this.#entrySlots, this.#entries, (k) => (Math.imul(this.#entryAsn[k] ?? 0, 0x9e3779b1) ^ Math.imul(this.#entryName[k] ?? 0, 0x85ebca6b)));
    return entry;
  }

  /** The pairs and names, copied to exactly their size (the build's spare room is let go). */
  finish(): { asn: Uint32Array; name: Uint32Array; nameBytes: Buffer; nameStarts: Uint32Array } {
    const nameBytes = Buffer.alloc(this.#nameBytesUsed);
    this.#nameBytes.copy(nameBytes, 0, 0, this.#nameBytesUsed);
    const nameStarts = withRoom(this.#nameStarts, this.#names + 1).slice(0, this.#names + 1);
    nameStarts[this.#names] = this.#nameBytesUsed;
    return { asn: this.#entryAsn.slice(0, this.#entries), name: this.#entryName.slice(0, this.#entries), nameBytes, nameStarts };
  }

  #nameId({ bytes, from, to }: RowFields['name']): number {
    let hash = 0x811c9dc5;
    for (let k = from; k < to; k += 1) hash = Math.imul(hash ^ (bytes[k] ?? 0), 0x01000193);
    const mask = this.#nameSlots.length - 1;
    let slot = hash & mask;
    for (let id = this.#nameSlots[slot] ?? -1; id >= 0; id = this.#nameSlots[slot] ?? -1) {
      const start = this.#nameStarts[id] ?? 0;
      const end = id + 1 < this.#names ? (this.#nameStarts[id + 1] ?? 0) : this.#nameBytesUsed;
      if (end - start === to - from && this.#nameBytes.compare(bytes, from, to, start, end) === 0) return id;
      slot = (slot + 1) & mask;
    }
    const id = this.#names;
    if (this.#nameBytesUsed + to - from > this.#nameBytes.length) {
      const larger = Buffer.allocUnsafe(Math.max(this.#nameBytesUsed + to - from, this.#nameBytes.length * 2));
      this.#nameBytes.copy(larger, 0, 0, this.#nameBytesUsed);
      this.#nameBytes = larger;
    }
    this.#nameStarts = withRoom(this.#nameStarts, id + 2);
    this.#nameStarts[id] = this.#nameBytesUsed;
    this.#nameBytesUsed += bytes.copy(this.#nameBytes, this.#nameBytesUsed, from, to);
    this.#nameSlots[slot] = id;
    this.#names += 1;
    if (this.#names * 2 > this.#nameSlots.length) this.#nameSlots = this.#rehash(this.#nameSlots, this.#names, (k) => this.#hashOfName(k));
    return id;
  }

  #hashOfName(id: number): number {
    const start = this.#nameStarts[id] ?? 0;
    const end = id + 1 < this.#names ? (this.#nameStarts[id + 1] ?? 0) : this.#nameBytesUsed;
    let hash = 0x811c9dc5;
    for (let k = start; k < end; k += 1) hash = Math.imul(hash ^ (this.#nameBytes[k] ?? 0), 0x01000193);
    return hash;
  }

  /** A table twice as large holding ids 0 … count - 1 again. */
  #rehash(slots: Int32Array<ArrayBuffer>, count: number, hashOf: (id: number) => number): Int32Array<ArrayBuffer> {
    const larger = new Int32Array(slots.length * 2).fill(-1);
    const mask = larger.length - 1;
    for (let id = 0; id < count; id += 1) {
      let slot = hashOf(id) & mask;
      while ((larger[slot] ?? -1) >= 0) slot = (slot + 1) & mask;
      larger[slot] = id;
    }
    return larger;
  }
}

/** The index of the last element of `length` sorted starts that is ≤ the address (by `atMost`), or -1. */
function lastStartAtMost(length: number, atMost: (i: number) => boolean): number {
  let low = 0;
  let high = length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    if (atMost(mid)) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

/**
 * IP address → autonomous system, in memory: inclusive ranges sorted by start in typed arrays
 * (IPv4 as 32-bit numbers, IPv6 as four 32-bit limbs each bound), each with the id of its (AS
 * number, organisation) pair, searched by bisection — no I/O, and no allocation per lookup but the
 * answer. Built once from the CSV bytes; about 12 bytes per IPv4 range and 36 per IPv6 range, and
 * the names once each as UTF-8.
 */
export class AsnIndex {
  readonly #v4Start: Uint32Array;
  readonly #v4End: Uint32Array;
  readonly #v4Entry: Uint32Array;
  /** Range k: start `#v6Bounds[8k, 8k + 4)`, end `#v6Bounds[8k + 4, 8k + 8)`, most significant limb first. */
  readonly #v6Bounds: Uint32Array;
  readonly #v6Entry: Uint32Array;
  readonly #entryAsn: Uint32Array;
  readonly #entryName: Uint32Array;
  readonly #nameBytes: Buffer;
  readonly #nameStarts: Uint32Array;
  /** Limbs of the IPv6 address being looked up (lookups are synchronous, so one is enough). */
  readonly #address = new Uint32Array(4);

  /**
   * `ipv4Csv` / `ipv6Csv`: `asn-ipv4-num.csv` and `asn-ipv6-num.csv` (rows sorted by start, as the
   * package ships them), as `csvFile` or `csvBytes` chunks. The rare range that overlaps the one before it (one in
   * 400,000 in 2.3.2026061719) wins for the addresses after its start.
   * @throws Error naming the file and line when the data is not in that format or not sorted.
   */
  constructor(ipv4Csv: CsvChunks, ipv6Csv: CsvChunks) {
    const entries = new EntryTable();
    const v4Capacity = lineCount(ipv4Csv);
    const v4 = { start: new Uint32Array(v4Capacity), end: new Uint32Array(v4Capacity), entry: new Uint32Array(v4Capacity) };
    let v4Rows = 0;
    scanCsv(ipv4Csv, 'asn-ipv4-num.csv', (data, row) => {
      const start = digitsValue(data, row.start);
      if (v4Rows > 0 && start < (v4.start[v4Rows - 1] ?? 0)) throw new Error(`asn-ipv4-num.csv: line ${row.line} is out of order`);
      v4.start[v4Rows] = start;
      v4.end[v4Rows] = digitsValue(data, row.end);
      v4.entry[v4Rows] = entries.id(row.asn, row.name);
      v4Rows += 1;
    });
    this.#v4Start = v4.start.subarray(0, v4Rows);
    this.#v4End = v4.end.subarray(0, v4Rows);
    this.#v4Entry = v4.entry.subarray(0, v4Rows);
    const v6Capacity = lineCount(ipv6Csv);
    const bounds = new Uint32Array(v6Capacity * 8);
    const v6Entry = new Uint32Array(v6Capacity);
    let v6Rows = 0;
    scanCsv(ipv6Csv, 'asn-ipv6-num.csv', (data, row) => {
      if (!decimalLimbs(data, row.start, bounds, v6Rows * 8) || !decimalLimbs(data, row.end, bounds, v6Rows * 8 + 4)) {
        throw new Error(`asn-ipv6-num.csv: line ${row.line} holds an address beyond 128 bits`);
      }
      v6Entry[v6Rows] = entries.id(row.asn, row.name);
      v6Rows += 1;
    });
    this.#v6Bounds = bounds.subarray(0, v6Rows * 8);
    this.#v6Entry = v6Entry.subarray(0, v6Rows);
    const table = entries.finish();
    this.#entryAsn = table.asn;
    this.#entryName = table.name;
    this.#nameBytes = table.nameBytes;
    this.#nameStarts = table.nameStarts;
  }

  /** Ranges held (IPv4, IPv6) and distinct organisation names. */
  get size(): { ipv4: number; ipv6: number; names: number } {
    return { ipv4: this.#v4Start.length, ipv6: this.#v6Entry.length, names: this.#nameStarts.length - 1 };
  }

  /** The AS of an IPv4 address given as 4 bytes; null when no range holds it. */
  lookupV4(bytes: readonly number[]): AsnEntry | null {
    const value = (((bytes[0] ?? 0) << 24) >>> 0) + ((bytes[1] ?? 0) << 16) + ((bytes[2] ?? 0) << 8) + (bytes[3] ?? 0);
    const i = lastStartAtMost(this.#v4Start.length, (k) => (this.#v4Start[k] ?? 0) <= value);
    if (i < 0 || value > (this.#v4End[i] ?? 0)) return null;
    return this.#entry(this.#v4Entry[i] ?? 0);
  }

  /** The AS of an IPv6 address given as 16 bytes; null when no range holds it. */
  lookupV6(bytes: readonly number[]): AsnEntry | null {
    const address = this.#address;
    for (let limb = 0; limb < 4; limb += 1) {
      const at = limb * 4;
      address[limb] = (((bytes[at] ?? 0) << 24) >>> 0) + ((bytes[at + 1] ?? 0) << 16) + ((bytes[at + 2] ?? 0) << 8) + (bytes[at + 3] ?? 0);
    }
    const i = lastStartAtMost(this.#v6Entry.length, (k) => this.#compareV6(k * 8) <= 0);
    if (i < 0 || this.#compareV6(i * 8 + 4) < 0) return null;
    return this.#entry(this.#v6Entry[i] ?? 0);
  }

  /** The sign of (the bound at `#v6Bounds[at, at + 4)` − the address looked up). */
  #compareV6(at: number): number {
    for (let limb = 0; limb < 4; limb += 1) {
      const difference = (this.#v6Bounds[at + limb] ?? 0) - (this.#address[limb] ?? 0);
      if (difference !== 0) return difference;
    }
    return 0;
  }

  #entry(entry: number): AsnEntry {
    const name = this.#entryName[entry] ?? 0;
    return { asn: this.#entryAsn[entry] ?? 0, name: this.#nameBytes.toString('utf8', this.#nameStarts[name] ?? 0, this.#nameStarts[name + 1] ?? 0) };
  }
}
