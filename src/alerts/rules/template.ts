import { IncidentKitError } from "../../shared/errors.js";
import type { AlertEvent } from "../event.js";

/**
 * A text with `{{ name }}` placeholders over the alert's fields:
 * `title`, `description`, `severity`, `source`, `status`, `dedup_key`, `source_url`, `starts_at`, `ends_at`,
 * and `labels.<name>` for any label. Names are checked when the file loads; a field or label the alert does not
 * carry renders as an empty string.
 */
export interface Template {
  readonly text: string;
  /** The text with each placeholder's value, passed through `quote` when given (e.g. to escape Markdown). */
  render(event: AlertEvent, quote?: (value: string) => string): string;
}

const FIELDS = {
  title: (event) => event.title,
  description: (event) => event.description,
  severity: (event) => event.severity,
  source: (event) => event.source,
  status: (event) => event.status,
  dedup_key: (event) => event.dedupKey,
  source_url: (event) => event.sourceUrl,
  starts_at: (event) => event.startsAt,
  ends_at: (event) => event.endsAt,
} satisfies Record<string, (event: AlertEvent) => string | undefined>;

type Part = (event: AlertEvent) => string;

/** A template with a placeholder that cannot be filled; the rules loader places it at its line in the file. */
export class TemplateError extends IncidentKitError {
  constructor(message: string) {
    super({
      code: "config",
      message,
      hint: "write placeholders as {{ title }}, {{ source }} or {{ labels.<name> }}, each closed with }}",
    });
    this.name = "TemplateError";
  }
}

const PLACEHOLDER = /\{\{(.*?)\}\}/gs;
const LABEL_PREFIX = "labels.";

function placeholder(raw: string): Part {
  const name = raw.trim();
  if (Object.hasOwn(FIELDS, name)) {
    const field = FIELDS[name as keyof typeof FIELDS];
    return (event) => field(event) ?? "";
  }
  if (name.startsWith(LABEL_PREFIX) && /^[^\s{}]+$/.test(name.slice(LABEL_PREFIX.length))) {
    const label = name.slice(LABEL_PREFIX.length);
    return (event) => (Object.hasOwn(event.labels, label) ? (event.labels[label] ?? "") : "");
  }
  const known = [...Object.keys(FIELDS), "labels.<name>"].join(", ");
  throw new TemplateError(`unknown placeholder {{ ${name} }}; known: ${known}`);
}

/** Checks every placeholder now, so a typo is reported when the file loads rather than when an alert fires. */
export function compileTemplate(text: string): Template {
  const parts: Array<{ literal: string } | { value: Part }> = [];
  let last = 0;
  for (const found of text.matchAll(PLACEHOLDER)) {
    parts.push({ literal: text.slice(last, found.index) });
    parts.push({ value: placeholder(found[1] ?? "") });
    last = found.index + found[0].length;
  }
  const rest = text.slice(last);
  if (rest.includes("{{")) throw new TemplateError("a {{ placeholder is not closed with }}");
  parts.push({ literal: rest });
  return {
    text,
    render: (event, quote = (value) => value) =>
      parts.map((part) => ("literal" in part ? part.literal : quote(part.value(event)))).join(""),
  };
}
