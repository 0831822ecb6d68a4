/** Departures from incident.io's API description, collected while tests run and reported together at the end. */

export interface Violation {
  /** `response`: something the emulator answered; `request`: something our client sent. */
  kind: "response" | "request";
  method: string;
  path: string;
  status?: number;
  errors: string[];
}

/** Query parameters that carry secrets (alert sources accept their secret as `?token=`). */
const SECRET_QUERY_PARAMETERS = ["token"];

/** The path and query as recorded in a violation, with secret query values masked. */
export function recordedPath(url: URL): string {
  const query = new URLSearchParams(url.search);
  for (const name of SECRET_QUERY_PARAMETERS) if (query.has(name)) query.set(name, "REDACTED");
  const search = query.toString();
  return search === "" ? url.pathname : `${url.pathname}?${search}`;
}

export function formatViolations(violations: readonly Violation[]): string {
  const lines = violations.map((v) => {
    const status = v.status === undefined ? "" : ` → ${v.status}`;
    const details = v.errors.map((e) => `      ${e}`).join("\n");
    return `  ${v.kind} ${v.method.toUpperCase()} ${v.path}${status}\n${details}`;
  });
  return `${violations.length} departure(s) from incident.io's API description:\n${lines.join("\n")}`;
}

/** Throws, listing every violation, when there are any. */
export function assertNoViolations(violations: readonly Violation[]): void {
  if (violations.length > 0) throw new Error(formatViolations(violations));
}
