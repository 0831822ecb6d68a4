/**
 * A fetch wrapper for our client that checks every request it sends against incident.io's API description:
 * the operation exists, the query parameters are documented and bracket-encoded, and the JSON body validates.
 */
import { validateQuery, validateRequestBody } from "./openapi.js";
import { recordedPath, type Violation } from "./violations.js";

export type FetchFunction = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface ConformantFetch extends FetchFunction {
  /** Every request that departed from the description, in the order sent. Shared with the sink passed in. */
  readonly violations: Violation[];
}

/** Only incident.io's versioned API is described; anything else (health checks, emulator admin) is not checked. */
export const isDescribedApiPath = (pathname: string): boolean => /^\/v\d+\//.test(pathname);

async function bodyText(input: string | URL | Request, init?: RequestInit): Promise<string | Error> {
  const body = init?.body;
  if (typeof body === "string") return body;
  if (body === undefined || body === null) {
    return input instanceof Request && input.body ? await input.clone().text() : "";
  }
  return new Error("request body is not a JSON string");
}

async function checkRequest(
  input: string | URL | Request,
  init?: RequestInit,
): Promise<Violation | undefined> {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (!isDescribedApiPath(url.pathname)) return undefined;
  const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
  const errors: string[] = [];
  const text = await bodyText(input, init);
  let body: unknown;
  let readable = !(text instanceof Error);
  if (text instanceof Error) {
    errors.push(text.message);
  } else if (text !== "") {
    try {
      body = JSON.parse(text);
    } catch {
      readable = false;
      errors.push("request body is not valid JSON");
    }
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    if (!headers.get("content-type")?.startsWith("application/json")) {
      errors.push("a JSON request body must be sent with Content-Type: application/json");
    }
  }
  const path = url.pathname + url.search;
  const query = validateQuery(method, path, url.searchParams);
  if (!query.ok) errors.push(...query.errors);
  if (readable) {
    const result = validateRequestBody(method, path, body);
    if (!result.ok) errors.push(...result.errors);
  }
  const unique = [...new Set(errors)];
  return unique.length === 0
    ? undefined
    : { kind: "request", method, path: recordedPath(url), errors: unique };
}

/**
 * Wraps `inner` so each request is checked before it is passed on unchanged. Violations are recorded, not
 * thrown, so a test sees the emulator's real answer and asserts on the collected list at the end.
 */
export function conformantFetch(inner: FetchFunction = fetch, sink: Violation[] = []): ConformantFetch {
  const wrapped = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const violation = await checkRequest(input, init);
    if (violation) sink.push(violation);
    return inner(input, init);
  };
  return Object.assign(wrapped, { violations: sink });
}
