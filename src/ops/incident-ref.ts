import { invalidArgument } from "./invalid-argument.js";

export type IncidentRef = { id: string } | { number: number };

const HINT =
  "give an incident ID (01H…), a reference (INC-123), its number (123), or its https URL on incident.io " +
  "(e.g. https://app.incident.io/acme/incidents/123)";

/** Opaque, but shaped like an ID (a ULID today, maybe a UUID later): 16+ letters, digits or dashes, with both a letter and a digit. */
const ID = /^(?=.*\d)(?=.*[A-Za-z])[0-9A-Za-z][0-9A-Za-z_-]{15,63}$/;
const NUMBER = /^#?(\d{1,15})$/;
const REFERENCE = /^INC-(\d{1,15})$/i;

function refused(input: string): never {
  const shown = input.length > 120 ? `${input.slice(0, 120)}…` : input;
  throw invalidArgument(`${JSON.stringify(shown)} is not an incident reference`, HINT);
}

function numbered(digits: string, input: string): { number: number } {
  const number = Number(digits);
  if (!Number.isSafeInteger(number) || number < 1) refused(input);
  return { number };
}

function fromSegment(segment: string, input: string): IncidentRef {
  if (/^\d+$/.test(segment)) return numbered(segment, input);
  if (ID.test(segment)) return { id: segment };
  return refused(input);
}

/** True for `incident.io` and its subdomains only: `incident.io.evil.com` and `evilincident.io` are not it. */
export function isIncidentIoHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === "incident.io" || host.endsWith(".incident.io");
}

function fromUrl(text: string, input: string): IncidentRef {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refused(input);
  }
  if (url.protocol !== "https:" || !isIncidentIoHost(url.hostname) || url.port !== "") return refused(input);
  const segments = url.pathname.split("/").filter((segment) => segment !== "");
  const last = segments[segments.length - 1];
  if (last === undefined || segments[segments.length - 2] !== "incidents") return refused(input);
  return fromSegment(last, input);
}

/**
 * An incident ID ("01H…"), a reference ("INC-123"), its number ("123" or "#123"), or an https URL on
 * incident.io or *.incident.io whose path ends /incidents/<number or ID>. Anything else is an `invalid_argument`.
 */
export function parseIncidentRef(input: string): IncidentRef {
  if (typeof input !== "string") return refused(String(input));
  const text = input.trim();
  const reference = REFERENCE.exec(text) ?? NUMBER.exec(text);
  if (reference?.[1] !== undefined) return numbered(reference[1], input);
  if (ID.test(text)) return { id: text };
  if (/^https?:\/\//i.test(text)) return fromUrl(text, input);
  return refused(input);
}

/** The form `io.incidents.show` takes: the ID, or the number of the reference. */
export function showArgument(ref: IncidentRef): string | number {
  return "id" in ref ? ref.id : ref.number;
}
