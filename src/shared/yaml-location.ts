import { isMap, isScalar, isSeq } from "yaml";

/** A field's place in a YAML document: mapping keys and list indexes. */
export type YamlPath = ReadonlyArray<string | number>;

/** The source offset of a parsed YAML node, when it has one. */
export function rangeStart(node: unknown): number | undefined {
  return (node as { range?: [number, number, number] } | null)?.range?.[0];
}

/**
 * The source offset of the deepest node on `path` under `root` (a document's `contents`): a mapping entry's key,
 * a list item, or the nearest parent that exists, so an error can name the line at fault.
 */
export function locate(root: unknown, path: YamlPath): number {
  let node = root;
  let offset = rangeStart(node) ?? 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) break;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment];
      if (item === undefined) break;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

/** `rules[2].match.severity`, `sources.prometheus.token_env`, `custom_fields["Affected services"]`. */
export function formatPath(path: YamlPath): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)) text += text ? `.${segment}` : segment;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}
