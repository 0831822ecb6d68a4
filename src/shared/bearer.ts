import { timingSafeEqual } from "node:crypto";

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1];
}

/** Compares in constant time for equal lengths; a length mismatch is refused without comparing contents. */
export function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given, "utf8");
  const b = Buffer.from(expected, "utf8");
  if (a.length !== b.length) {
    // Same work either way, so the answer's timing does not reveal the length.
    timingSafeEqual(b, b);
    return false;
  }
  return timingSafeEqual(a, b);
}

export const UNAUTHORIZED_HEADERS = { "WWW-Authenticate": 'Bearer realm="incidentkit"' };
