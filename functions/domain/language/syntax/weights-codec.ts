/**
 * The committed weights format. A table of hashed features by classes is stored sparse: the
 * largest weights only, each as one byte into a 256-value codebook, sorted by table index and
 * written as (index delta as a varint, class byte, code byte) in base64. A whole table of floats
 * would be hundreds of megabytes; this keeps the parser's model well under a megabyte.
 */

export interface EncodedTable {
  /** The table has 2^bits rows (hashed features) of `classes` weights. */
  bits: number;
  classes: number;
  /** Weight values, indexed by the code bytes. */
  codebook: number[];
  count: number;
  entries: string;
}

export interface ParserWeights {
  format: 1;
  source: string;
  /** Relation labels, by the labeller's class index. */
  labels: string[];
  transitions: EncodedTable;
  labeller: EncodedTable;
}

export class WeightsFormatError extends Error {
  override name = 'WeightsFormatError';
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const ALPHABET_CODES = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i += 1) ALPHABET_CODES[ALPHABET.charCodeAt(i)] = i;

export const toBase64 = (bytes: Uint8Array): string => {
  const parts: string[] = [];
  let chunk = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const triple = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    chunk +=
      ALPHABET[(triple >> 18) & 63]! +
      ALPHABET[(triple >> 12) & 63]! +
      (b === undefined ? '=' : ALPHABET[(triple >> 6) & 63]!) +
      (c === undefined ? '=' : ALPHABET[triple & 63]!);
    if (chunk.length > 4096) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
};

export const fromBase64 = (text: string): Uint8Array => {
  let length = text.length;
  while (length > 0 && text[length - 1] === '=') length -= 1;
  const bytes = new Uint8Array(Math.floor((length * 3) / 4));
  let bits = 0;
  let value = 0;
  let j = 0;
  for (let i = 0; i < length; i += 1) {
    const code = ALPHABET_CODES[text.charCodeAt(i)] ?? -1;
    if (code < 0) throw new WeightsFormatError(`not base64 at character ${i}`);
    value = (value << 6) | code;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[j++] = (value >> bits) & 255;
    }
  }
  return bytes;
};

/**
 * Keeps the `budget` weights of largest magnitude of a dense table (row-major, `classes` a row)
 * and codes them against a codebook of 256 values, each the mean of an equal share of them.
 */
export const encodeTable = (
  weights: Float64Array,
  bits: number,
  classes: number,
  budget: number,
): EncodedTable => {
  const nonZero: number[] = [];
  for (let i = 0; i < weights.length; i += 1) if (weights[i] !== 0) nonZero.push(i);
  let kept = nonZero;
  if (kept.length > budget) {
    const magnitudes = Float64Array.from(kept, (i) => Math.abs(weights[i] as number)).sort();
    const threshold = magnitudes[magnitudes.length - budget] as number;
    kept = kept.filter((i) => Math.abs(weights[i] as number) >= threshold).slice(0, budget);
  }
  const byValue = kept.slice().sort((a, b) => (weights[a] as number) - (weights[b] as number));
  const codes = new Map<number, number>();
  const codebook: number[] = [];
  const levels = Math.min(256, Math.max(1, byValue.length));
  for (let level = 0; level < levels; level += 1) {
    const from = Math.floor((level * byValue.length) / levels);
    const to = Math.floor(((level + 1) * byValue.length) / levels);
    let sum = 0;
    for (let r = from; r < to; r += 1) {
      sum += weights[byValue[r] as number] as number;
      codes.set(byValue[r] as number, level);
    }
    codebook.push(to > from ? Number((sum / (to - from)).toPrecision(4)) : 0);
  }
  const bytes: number[] = [];
  let previousRow = 0;
  for (const index of kept) {
    const row = Math.floor(index / classes);
    pushVarint(bytes, row - previousRow);
    previousRow = row;
    bytes.push(index % classes, codes.get(index) ?? 0);
  }
  return { bits, classes, codebook, count: kept.length, entries: toBase64(Uint8Array.from(bytes)) };
};

/**
 * The platform's base64 decoder where there is one: Node's Buffer (a native decode, about ten
 * times atob's speed on the 0.9 MB of weights), else atob, else ours.
 */
const decodeBase64 = (text: string): Uint8Array => {
  if (typeof Buffer === 'function') {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw new WeightsFormatError('entries are not base64');
    const buffer = Buffer.from(text, 'base64');
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }
  if (typeof atob !== 'function') return fromBase64(text);
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    throw new WeightsFormatError('entries are not base64');
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
};

/** Reads the unsigned varints (7 bits a byte, low first) and plain bytes of a table's entries. */
class EntryReader {
  at = 0;

  constructor(private readonly bytes: Uint8Array) {}

  varint(entry: number): number {
    let value = 0;
    let factor = 1;
    let byte: number;
    do {
      if (this.at >= this.bytes.length) throw new WeightsFormatError(`entries end early, at entry ${entry}`);
      byte = this.bytes[this.at++] as number;
      value += (byte & 127) * factor;
      factor *= 128;
    } while (byte >= 128);
    return value;
  }

  byte(entry: number): number {
    if (this.at >= this.bytes.length) throw new WeightsFormatError(`entries end early, at entry ${entry}`);
    return this.bytes[this.at++] as number;
  }
}

/** Appends an unsigned varint: 7 bits a byte, low first, the high bit set on all but the last. */
const pushVarint = (bytes: number[], value: number): void => {
  let rest = value;
  while (rest >= 128) {
    bytes.push((rest & 127) | 128);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
};

/** Calls `each(row, class, value)` for every stored weight, in table order. */
const readEntries = (table: EncodedTable, each: (row: number, cls: number, value: number) => void): void => {
  const reader = new EntryReader(decodeBase64(table.entries));
  const rows = 2 ** table.bits;
  let row = 0;
  for (let e = 0; e < table.count; e += 1) {
    row += reader.varint(e);
    const cls = reader.byte(e);
    const value = table.codebook[reader.byte(e)];
    if (row >= rows || cls >= table.classes || value === undefined) {
      throw new WeightsFormatError(`entry ${e} out of range (row ${row}, class ${cls})`);
    }
    each(row, cls, value);
  }
};

/** The table as dense rows: fastest to score, for tables of few classes. */
export const decodeDense = (table: EncodedTable): Float32Array => {
  const dense = new Float32Array(2 ** table.bits * table.classes);
  readEntries(table, (row, cls, value) => {
    dense[row * table.classes + cls] = value;
  });
  return dense;
};

/** The table as compressed rows: row r's weights are at start[r] .. start[r + 1]. */
export interface SparseTable {
  start: Int32Array;
  classes: Uint8Array;
  values: Float32Array;
}

export const decodeSparse = (table: EncodedTable): SparseTable => {
  const rows = 2 ** table.bits;
  const start = new Int32Array(rows + 1);
  const classes = new Uint8Array(table.count);
  const values = new Float32Array(table.count);
  let k = 0;
  readEntries(table, (row, cls, value) => {
    start[row + 1] = k + 1;
    classes[k] = cls;
    values[k] = value;
    k += 1;
  });
  // Rows without entries start where the previous row ended.
  for (let r = 1; r <= rows; r += 1)
    if ((start[r] as number) < (start[r - 1] as number)) start[r] = start[r - 1] as number;
  return { start, classes, values };
};

/**
 * A finer format for models whose scores are small differences of large weights (a linear tagger:
 * bias-like features that fire on every word reach hundreds, while a decision turns on a few
 * units): each weight a 16-bit integer times `scale`, an absolute error of scale / 2. Stored sparse
 * as (flat index delta as a varint, value as two bytes little-endian) in base64.
 */
export interface FineTable {
  bits: number;
  classes: number;
  scale: number;
  count: number;
  entries: string;
}

/** Keeps the `budget` weights of largest magnitude, each rounded to a multiple of the scale. */
export const encodeFineTable = (
  weights: Float64Array,
  bits: number,
  classes: number,
  budget: number,
): FineTable => {
  let largest = 0;
  for (const weight of weights) largest = Math.max(largest, Math.abs(weight));
  const scale = Number((Math.max(largest, 1e-9) / 32767).toPrecision(6));
  let kept: number[] = [];
  for (let i = 0; i < weights.length; i += 1)
    if (Math.round((weights[i] as number) / scale) !== 0) kept.push(i);
  if (kept.length > budget) {
    const magnitudes = Float64Array.from(kept, (i) => Math.abs(weights[i] as number)).sort();
    const threshold = magnitudes[magnitudes.length - budget] as number;
    kept = kept.filter((i) => Math.abs(weights[i] as number) >= threshold).slice(0, budget);
  }
  const bytes: number[] = [];
  let previous = 0;
  for (const index of kept) {
    pushVarint(bytes, index - previous);
    previous = index;
    const value = Math.max(-32767, Math.min(32767, Math.round((weights[index] as number) / scale))) & 0xffff;
    bytes.push(value & 255, value >> 8);
  }
  return { bits, classes, scale, count: kept.length, entries: toBase64(Uint8Array.from(bytes)) };
};

/**
 * A fine table as dense rows (`classes` weights a row) of its 16-bit integers: half the memory of
 * floats, so more of it stays in cache; a score is the sum of integers times `table.scale`.
 */
export const decodeFineTable = (table: FineTable): Int16Array => {
  const size = 2 ** table.bits * table.classes;
  const dense = new Int16Array(size);
  const reader = new EntryReader(decodeBase64(table.entries));
  let index = 0;
  for (let e = 0; e < table.count; e += 1) {
    index += reader.varint(e);
    const raw = reader.byte(e) | (reader.byte(e) << 8);
    if (index >= size) throw new WeightsFormatError(`entry ${e} out of range`);
    dense[index] = raw >= 32768 ? raw - 65536 : raw;
  }
  return dense;
};
