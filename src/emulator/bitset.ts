/**
 * Sets of row numbers as bits in 32-bit words: row r is bit (r & 31) of word (r >>> 5). A list answer combines a
 * few of these per filter and counts the result, which costs a pass over N/32 words instead of N records.
 */

/** A growable set of rows; words past the end read as 0. */
export class Bitset {
  words = new Uint32Array(4);

  add(row: number): void {
    const word = row >>> 5;
    if (word >= this.words.length) {
      const grown = new Uint32Array(Math.max(word + 1, this.words.length * 2));
      grown.set(this.words);
      this.words = grown;
    }
    this.words[word] = (this.words[word] as number) | (1 << (row & 31));
  }

  delete(row: number): void {
    const word = row >>> 5;
    if (word < this.words.length) this.words[word] = (this.words[word] as number) & ~(1 << (row & 31));
  }
}

/** Words for `rows` rows, all 0. */
export function emptyWords(rows: number): Uint32Array {
  return new Uint32Array((rows + 31) >>> 5);
}

/** `target |= source`, word for word over the target's length. */
export function orInto(target: Uint32Array, source: Uint32Array): void {
  const n = Math.min(target.length, source.length);
  for (let i = 0; i < n; i++) target[i] = (target[i] as number) | (source[i] as number);
}

/** `target &= source`; target words past the source's end become 0. */
export function andInto(target: Uint32Array, source: Uint32Array): void {
  const n = Math.min(target.length, source.length);
  for (let i = 0; i < n; i++) target[i] = (target[i] as number) & (source[i] as number);
  target.fill(0, n);
}

/** `target &= ~source`. */
export function andNotInto(target: Uint32Array, source: Uint32Array): void {
  const n = Math.min(target.length, source.length);
  for (let i = 0; i < n; i++) target[i] = (target[i] as number) & ~(source[i] as number);
}

/** Flips every bit of the first `rows` rows (bits past them stay 0). */
export function complement(words: Uint32Array, rows: number): void {
  for (let i = 0; i < words.length; i++) words[i] = ~(words[i] as number);
  clearTail(words, rows);
}

/** Sets rows [from, until). */
export function fillRange(words: Uint32Array, from: number, until: number): void {
  for (let row = from; row < until && (row & 31) !== 0; row++) setBit(words, row);
  let row = Math.max(from, (from + 31) & ~31);
  for (; row + 32 <= until; row += 32) words[row >>> 5] = 0xffffffff;
  for (; row < until; row++) setBit(words, row);
}

/** Clears every row outside [from, until). */
export function keepRange(words: Uint32Array, from: number, until: number): void {
  if (until <= from) {
    words.fill(0);
    return;
  }
  const first = from >>> 5;
  const last = (until - 1) >>> 5;
  words.fill(0, 0, Math.min(first, words.length));
  words.fill(0, last + 1);
  if (first < words.length) words[first] = (words[first] as number) & ~((1 << (from & 31)) - 1);
  if ((until & 31) !== 0 && last < words.length)
    words[last] = (words[last] as number) & ((1 << (until & 31)) - 1);
}

/** Number of rows set. */
export function countRows(words: Uint32Array): number {
  let total = 0;
  for (let i = 0; i < words.length; i++) {
    let v = words[i] as number;
    v -= (v >>> 1) & 0x55555555;
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    total += (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) as number;
  }
  return total;
}

/**
 * Up to `limit` set rows, starting at `start` and walking down (newest first) or up, skipping empty words whole.
 */
export function takeRows(words: Uint32Array, start: number, descending: boolean, limit: number): number[] {
  const rows: number[] = [];
  if (limit <= 0) return rows;
  if (descending) {
    for (let word = start >> 5; word >= 0; word--) {
      let bits = words[word] as number;
      // The first word only counts rows at or below start.
      if (word === start >> 5) bits &= (start & 31) === 31 ? 0xffffffff : (1 << ((start & 31) + 1)) - 1;
      while (bits !== 0) {
        const bit = 31 - Math.clz32(bits);
        rows.push(word * 32 + bit);
        if (rows.length === limit) return rows;
        bits &= ~(1 << bit);
      }
    }
    return rows;
  }
  for (let word = start >>> 5; word < words.length; word++) {
    let bits = words[word] as number;
    if (word === start >>> 5) bits &= ~((1 << (start & 31)) - 1);
    while (bits !== 0) {
      const lowest = bits & -bits;
      rows.push(word * 32 + 31 - Math.clz32(lowest));
      if (rows.length === limit) return rows;
      bits &= ~lowest;
    }
  }
  return rows;
}

function setBit(words: Uint32Array, row: number): void {
  words[row >>> 5] = (words[row >>> 5] as number) | (1 << (row & 31));
}

function clearTail(words: Uint32Array, rows: number): void {
  const used = rows & 31;
  if (used !== 0 && words.length > 0) {
    const last = words.length - 1;
    words[last] = (words[last] as number) & ((1 << used) - 1);
  }
}
