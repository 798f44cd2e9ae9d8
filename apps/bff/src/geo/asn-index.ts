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
const LOW_64 = (1n << 64n) - 1n;

/** Where one row's fields lie in the bytes; reused for every row (no allocation per row). */
interface RowFields {
  line: number;
  start: [number, number];
  end: [number, number];
  asn: number;
  name: string;
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

/**
 * Scans `start,end,asn,organisation` rows (the format of `@ip-location-db/asn`'s `*-num.csv`
 * files; the organisation may be quoted with `""` escapes) byte by byte, calling `visit` per row:
 * 400,000 rows are read at every start, so no string is made but the organisation's. `data` holds
 * whole rows; `row.line` goes on from the chunk before.
 * @throws Error naming the file and line when a row is malformed.
 */
function scanRows(data: Buffer, label: string, row: RowFields, visit: (row: RowFields) => void): void {
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
      const parts: string[] = [];
      pos += 1;
      for (;;) {
        const close = data.indexOf(QUOTE, pos);
        if (close < 0) throw new Error(`${label}: unterminated quote on line ${row.line}`);
        parts.push(data.toString('utf8', pos, close));
        pos = close + 1;
        if (data[pos] !== QUOTE) break;
        parts.push('"');
        pos += 1;
      }
      row.name = parts.join('');
      while (pos < data.length && data[pos] !== NEWLINE) pos += 1;
    } else {
      const from = pos;
      while (pos < data.length && data[pos] !== NEWLINE) pos += 1;
      row.name = data.toString('utf8', from, data[pos - 1] === CARRIAGE_RETURN ? pos - 1 : pos);
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
  const row: RowFields = { line: 0, start: [0, 0], end: [0, 0], asn: 0, name: '' };
  for (const data of csv()) scanRows(data, label, row, (fields) => visit(data, fields));
}

/** Interns organisation names: 400,000 ranges share about 75,000 names. */
class NameTable {
  readonly names: string[] = [];
  readonly #ids = new Map<string, number>();

  id(name: string): number {
    let id = this.#ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.#ids.set(name, id);
      this.names.push(name);
    }
    return id;
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
 * IP address → autonomous system, in memory: inclusive ranges sorted by start in typed
 * arrays (IPv4 as 32-bit numbers, IPv6 as two 64-bit halves), searched by bisection — no I/O and
 * no allocation per lookup beyond the IPv6 BigInts. Built once from the CSV bytes.
 */
export class AsnIndex {
  readonly #v4Start: Uint32Array;
  readonly #v4End: Uint32Array;
  readonly #v4Asn: Uint32Array;
  readonly #v4Name: Uint32Array;
  readonly #v6Bounds: BigUint64Array;
  readonly #v6Asn: Uint32Array;
  readonly #v6Name: Uint32Array;
  readonly #names: string[];

  /**
   * `ipv4Csv` / `ipv6Csv`: `asn-ipv4-num.csv` and `asn-ipv6-num.csv` (rows sorted by start, as the
   * package ships them), as `csvFile` or `csvBytes` chunks. The rare range that overlaps the one before it (one in
   * 400,000 in 2.3.2026061719) wins for the addresses after its start.
   * @throws Error naming the file and line when the data is not in that format or not sorted.
   */
  constructor(ipv4Csv: CsvChunks, ipv6Csv: CsvChunks) {
    const names = new NameTable();
    const v4Capacity = lineCount(ipv4Csv);
    const v4 = { start: new Uint32Array(v4Capacity), end: new Uint32Array(v4Capacity), asn: new Uint32Array(v4Capacity), name: new Uint32Array(v4Capacity) };
    let v4Rows = 0;
    scanCsv(ipv4Csv, 'asn-ipv4-num.csv', (data, row) => {
      const start = digitsValue(data, row.start);
      if (v4Rows > 0 && start < (v4.start[v4Rows - 1] ?? 0)) throw new Error(`asn-ipv4-num.csv: line ${row.line} is out of order`);
      v4.start[v4Rows] = start;
      v4.end[v4Rows] = digitsValue(data, row.end);
      v4.asn[v4Rows] = row.asn;
      v4.name[v4Rows] = names.id(row.name);
      v4Rows += 1;
    });
    // Views, not copies: the capacity is the row count but for blank lines.
    this.#v4Start = v4.start.subarray(0, v4Rows);
    this.#v4End = v4.end.subarray(0, v4Rows);
    this.#v4Asn = v4.asn.subarray(0, v4Rows);
    this.#v4Name = v4.name.subarray(0, v4Rows);
    const v6Capacity = lineCount(ipv6Csv);
    const bounds = new BigUint64Array(v6Capacity * 4);
    const v6Asn = new Uint32Array(v6Capacity);
    const v6Name = new Uint32Array(v6Capacity);
    let v6Rows = 0;
    scanCsv(ipv6Csv, 'asn-ipv6-num.csv', (data, row) => {
      const start = BigInt(data.toString('latin1', row.start[0], row.start[1]));
      const end = BigInt(data.toString('latin1', row.end[0], row.end[1]));
      bounds.set([start >> 64n, start & LOW_64, end >> 64n, end & LOW_64], v6Rows * 4);
      v6Asn[v6Rows] = row.asn;
      v6Name[v6Rows] = names.id(row.name);
      v6Rows += 1;
    });
    this.#v6Bounds = bounds.subarray(0, v6Rows * 4);
    this.#v6Asn = v6Asn.subarray(0, v6Rows);
    this.#v6Name = v6Name.subarray(0, v6Rows);
    this.#names = names.names;
  }

  /** Ranges held (IPv4, IPv6) and distinct organisation names. */
  get size(): { ipv4: number; ipv6: number; names: number } {
    return { ipv4: this.#v4Start.length, ipv6: this.#v6Asn.length, names: this.#names.length };
  }

  /** The AS of an IPv4 address given as 4 bytes; null when no range holds it. */
  lookupV4(bytes: readonly number[]): AsnEntry | null {
    const value = (((bytes[0] ?? 0) << 24) >>> 0) + ((bytes[1] ?? 0) << 16) + ((bytes[2] ?? 0) << 8) + (bytes[3] ?? 0);
    const i = lastStartAtMost(this.#v4Start.length, (k) => (this.#v4Start[k] ?? 0) <= value);
    if (i < 0 || value > (this.#v4End[i] ?? 0)) return null;
    return { asn: this.#v4Asn[i] ?? 0, name: this.#names[this.#v4Name[i] ?? 0] ?? '' };
  }

  /** The AS of an IPv6 address given as 16 bytes; null when no range holds it. */
  lookupV6(bytes: readonly number[]): AsnEntry | null {
    let high = 0n;
    let low = 0n;
    for (let k = 0; k < 8; k += 1) {
      high = (high << 8n) | BigInt(bytes[k] ?? 0);
      low = (low << 8n) | BigInt(bytes[k + 8] ?? 0);
    }
    const bound = (k: number, offset: number) => this.#v6Bounds[k * 4 + offset] ?? 0n;
    const atOrBefore = (k: number) => bound(k, 0) < high || (bound(k, 0) === high && bound(k, 1) <= low);
    const i = lastStartAtMost(this.#v6Asn.length, atOrBefore);
    if (i < 0) return null;
    const within = high < bound(i, 2) || (high === bound(i, 2) && low <= bound(i, 3));
    return within ? { asn: this.#v6Asn[i] ?? 0, name: this.#names[this.#v6Name[i] ?? 0] ?? '' } : null;
  }
}
