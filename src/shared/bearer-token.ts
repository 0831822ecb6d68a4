import { timingSafeEqual } from "node:crypto";

/**
 * What a bearer token may be made of (RFC 6750's token68): hono's `bearerAuth` refuses any other. The hub and
 * `mcp --http` refuse such a token at start, where the variable holding it can be named.
 */
export const BEARER_TOKEN_SYNTAX = /^[A-Za-z0-9._~+/-]+=*$/;

/**
 * The token of an `Authorization: Bearer <token>` header (the scheme in any case, as hono's `bearerAuth` reads
 * it), or undefined when the header is missing, names another scheme or carries no well-formed token.
 */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined || header.slice(0, 7).toLowerCase() !== "bearer ") return undefined;
  const token = header.slice(7).trim();
  return BEARER_TOKEN_SYNTAX.test(token) ? token : undefined;
}

/** What follows a variable's name when its token breaks `BEARER_TOKEN_SYNTAX`. */
export const BEARER_TOKEN_FIX =
  "holds characters a bearer token cannot carry: use letters, digits and - . _ ~ + / only, = only at the end (e.g. openssl rand -hex 24)";

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

/**
 * Whether `given` is one of `tokens`. Every one is compared, so the answer's timing does not say which matched
 * (hono's own list of tokens stops at the first match).
 */
export function oneOfTokens(given: string, tokens: readonly (string | undefined)[]): boolean {
  return tokens.map((token) => token !== undefined && tokensEqual(given, token)).includes(true);
}
