/**
 * The tokenizer the similar-incidents index and its queries share. Choices, in order:
 *
 * 1. Lower-case, then split on anything that is not a letter or a digit. Hyphens and dots split too, so
 *    `payments-api` gives `payments` + `api` and "payments api" in prose still matches it; services are
 *    compared separately as whole values, so nothing is lost by splitting their names here.
 * 2. Drop tokens of one character, pure numbers and measurements (`503`, `4800ms`, `65`, `30s`, `2h`):
 *    they are different in every incident of a kind. Mixed tokens that name a kind of thing stay: `5xx`,
 *    `500s`, `p99`, `s3`, `v2`, `oom`, `k8s`.
 * 3. Drop a small list of English stop words (below): words that carry no meaning about what broke. Words
 *    like "down", "up", "out" and "off" are kept: "database down" and "ran out of" are what broke.
 * 4. Light suffix stemming, so plurals and verb forms meet: `-ies` / `-ied` → `-y`, `-sses` → `-ss`, a plural `-s`
 *    (not after `s`, `u` or `i`: "class", "status", "analysis"), then `-ing` / `-ed` when a stem of three
 *    or more letters remains (a doubled final consonant is undone: "dropped" → "drop"), then a final `-e`
 *    ("timing", "timed" and "time" all become "tim"). Stems are internal; reasons show the words as written.
 */

export interface Token {
  /** The stem the index compares. */
  term: string;
  /** The word as it was written (lower-cased), for showing in reasons. */
  surface: string;
  /** The word's position in the text, dropped words counted, so adjacent terms can be shown as a phrase ("connection pool"). */
  position: number;
}

export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a about after again all also am an and any are as at be been before being between both but by " +
    "can could did do does doing during each few for from further had has have having he her here hers " +
    "him his how i if in into is it its itself just me more most my no nor not now of on once only or other " +
    "our ours own same she should so some such than that the their theirs them then there these they " +
    "this those through to too until very was we were what when where which while who whom why will " +
    "with would you your yours can't cannot won't isn't aren't wasn't weren't don't doesn't didn't"
  )
    .split(" ")
    .flatMap((word) => [word, word.replace(/'/g, "")]),
);

const MEASUREMENT = /^\d+(?:ms|s|m|h|d|k|x|kb|mb|gb|tb)?$/;
const VOWEL = /[aeiouy]/;

/** Splits text into kept, stemmed tokens. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const words = text.toLowerCase().split(/[^\p{L}\p{N}']+/u);
  words.forEach((word, position) => {
    const surface = word.replace(/^'+|'+$/g, "");
    if (surface.length < 2 || STOP_WORDS.has(surface)) return;
    const bare = surface.replace(/'/g, "");
    if (bare.length < 2 || MEASUREMENT.test(bare)) return;
    out.push({ term: stem(bare), surface: bare, position });
  });
  return out;
}

/** The terms of `text`, stemmed, in order (duplicates kept). */
export function terms(text: string): string[] {
  return tokenize(text).map((token) => token.term);
}

/** Light English stemming, as described above. Words with digits are left alone (`5xx`, `p99`, `500s`). */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  if (/ie[sd]$/.test(w) && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("s") && !/[sui]s$/.test(w)) w = w.slice(0, -1);

  for (const suffix of ["ing", "ed"]) {
    if (!w.endsWith(suffix)) continue;
    const base = w.slice(0, -suffix.length);
    if (base.length >= 3 && VOWEL.test(base)) {
      w = /([^aeiouylsz])\1$/.test(base) ? base.slice(0, -1) : base;
    }
    break;
  }
  if (w.length > 3 && w.endsWith("e")) w = w.slice(0, -1);
  return w;
}
