import type { Scalar } from "yaml";

const SKIPPABLE = /[\s"'\\]/;

/**
 * Where the `index`-th character of a scalar's value is in the file: follows the value through the source,
 * skipping what YAML drops (quotes, escapes, indentation, folded line breaks, a block scalar's header line).
 * Falls back to the scalar's start when the two cannot be matched.
 */
export function scalarSourceOffset(text: string, node: Scalar, index: number): number {
  const [start, end] = node.range ?? [0, 0];
  const value = String(node.value);
  let at = start;
  if (node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED") {
    const lineEnd = text.indexOf("\n", start);
    if (lineEnd < 0) return start;
    at = lineEnd + 1;
  }
  for (let i = 0; i <= Math.min(index, value.length - 1); i++) {
    const wanted = value[i];
    while (at < end && text[at] !== wanted) {
      if (!SKIPPABLE.test(text[at] as string)) return start;
      at++;
    }
    if (at >= end) return start;
    if (i === index) return at;
    at++;
  }
  return at;
}
