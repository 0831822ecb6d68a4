import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** How long a rendered form can be submitted. */
export const FORM_TOKEN_TTL_MS = 12 * 60 * 60 * 1000;

const encode = (bytes: Buffer | string): string => Buffer.from(bytes).toString("base64url");

/**
 * Signs and checks what the UI hands to the browser and takes back: form tokens (against cross-site request
 * forgery) and the flash shown after a redirect. The key is per process unless given.
 */
export class Signer {
  private readonly key: Buffer;

  constructor(key?: Uint8Array) {
    this.key = key ? Buffer.from(key) : randomBytes(32);
  }

  private mac(purpose: string, payload: string): string {
    return createHmac("sha256", this.key).update(`${purpose}\n${payload}`).digest("base64url");
  }

  private matches(purpose: string, payload: string, mac: string): boolean {
    const expected = Buffer.from(this.mac(purpose, payload));
    const given = Buffer.from(mac);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /**
   * A token for the form that posts to `action`: a nonce (fresh, or the one of the form being shown again, so a
   * retry keeps its idempotency key), the time and their MAC.
   */
  formToken(action: string, now: number, nonce?: string): string {
    const payload = `${nonce ?? encode(randomBytes(16))}.${now.toString(36)}`;
    return `${payload}.${this.mac(`form ${action}`, payload)}`;
  }

  /** The token's nonce when it was made here for `action` and has not expired; undefined otherwise. */
  checkFormToken(action: string, token: string, now: number): string | undefined {
    const [nonce, issued, mac, ...rest] = token.split(".");
    if (!nonce || !issued || !mac || rest.length > 0) return undefined;
    if (!this.matches(`form ${action}`, `${nonce}.${issued}`, mac)) return undefined;
    const issuedAt = Number.parseInt(issued, 36);
    if (!Number.isFinite(issuedAt) || issuedAt > now + 60_000 || now - issuedAt > FORM_TOKEN_TTL_MS)
      return undefined;
    return nonce;
  }

  /** `value` as JSON, signed, for a query parameter. */
  seal(purpose: string, value: unknown): string {
    const payload = encode(JSON.stringify(value));
    return `${payload}.${this.mac(purpose, payload)}`;
  }

  /** What `seal` sealed, or undefined when the text was not sealed here for `purpose`. */
  open(purpose: string, sealed: string): unknown {
    const [payload, mac, ...rest] = sealed.split(".");
    if (!payload || !mac || rest.length > 0 || !this.matches(purpose, payload, mac)) return undefined;
    try {
      return JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    } catch {
      return undefined;
    }
  }
}

/** An idempotency key for one submitted form: the same form submitted twice opens one incident. */
export function formIdempotencyKey(nonce: string, parts: readonly string[]): string {
  const hash = createHash("sha256").update(nonce);
  for (const part of parts) hash.update(`\n${part}`);
  return `incidentkit-web-${hash.digest("hex").slice(0, 32)}`;
}

/**
 * Why a state-changing request must be refused as cross-site, or undefined when it may proceed. Browsers send
 * `Sec-Fetch-Site` and `Origin` with a form post; either naming another site refuses it. `allowedOrigins` adds
 * origins beyond the request's own (the public address behind a proxy).
 */
export function crossSiteReason(
  requestUrl: string,
  headers: { origin?: string | undefined; secFetchSite?: string | undefined },
  allowedOrigins: readonly string[] = [],
): string | undefined {
  const site = headers.secFetchSite?.toLowerCase() || undefined;
  if (site !== undefined && site !== "same-origin" && site !== "none") {
    return `the form was sent from another site (Sec-Fetch-Site: ${site})`;
  }
  const origin = headers.origin;
  if (origin === undefined) return undefined;
  const own = new URL(requestUrl).origin;
  if (origin === own || allowedOrigins.includes(origin)) return undefined;
  return "the form was sent from another origin";
}
