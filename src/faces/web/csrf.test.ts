import { describe, expect, it } from "vitest";
import { crossSiteReason, FORM_TOKEN_TTL_MS, formIdempotencyKey, Signer } from "./csrf.js";

const now = Date.parse("2026-11-23T12:00:00Z");

describe("form tokens", () => {
  const signer = new Signer();

  it("accepts a token made here for the same form, within its lifetime", () => {
    const token = signer.formToken("/services/a/declare", now);
    const nonce = signer.checkFormToken("/services/a/declare", token, now + 60_000);
    expect(nonce).toMatch(/^[\w-]{22}$/);
    expect(signer.formToken("/services/a/declare", now + 1000, nonce).startsWith(`${nonce}.`)).toBe(true);
  });

  it("refuses tokens for another form, expired, tampered with, or made by another process", () => {
    const token = signer.formToken("/services/a/declare", now);
    expect(signer.checkFormToken("/services/b/declare", token, now)).toBeUndefined();
    expect(signer.checkFormToken("/services/a/declare", token, now + FORM_TOKEN_TTL_MS + 1)).toBeUndefined();
    const [nonce, issued, mac] = token.split(".");
    const later = (now + 1000).toString(36);
    expect(signer.checkFormToken("/services/a/declare", `${nonce}.${later}.${mac}`, now)).toBeUndefined();
    expect(signer.checkFormToken("/services/a/declare", `${nonce}.${issued}.${mac}x`, now)).toBeUndefined();
    expect(signer.checkFormToken("/services/a/declare", "", now)).toBeUndefined();
    expect(new Signer().checkFormToken("/services/a/declare", token, now)).toBeUndefined();
  });

  it("seals values it alone can open", () => {
    const sealed = signer.seal("flash", { reference: "INC-7" });
    expect(signer.open("flash", sealed)).toEqual({ reference: "INC-7" });
    expect(signer.open("other", sealed)).toBeUndefined();
    const forged = `${Buffer.from('{"reference":"INC-666"}').toString("base64url")}.${sealed.split(".")[1]}`;
    expect(signer.open("flash", forged)).toBeUndefined();
  });

  it("derives one idempotency key per form and input", () => {
    expect(formIdempotencyKey("n1", ["a", "b"])).toBe(formIdempotencyKey("n1", ["a", "b"]));
    expect(formIdempotencyKey("n1", ["a", "b"])).not.toBe(formIdempotencyKey("n2", ["a", "b"]));
    expect(formIdempotencyKey("n1", ["a", "b"])).not.toBe(formIdempotencyKey("n1", ["ab", ""]));
  });
});

describe("crossSiteReason", () => {
  const url = "http://127.0.0.1:8780/services/x/declare";

  it("lets same-origin posts and requests without the headers through", () => {
    expect(
      crossSiteReason(url, { origin: "http://127.0.0.1:8780", secFetchSite: "same-origin" }),
    ).toBeUndefined();
    expect(crossSiteReason(url, {})).toBeUndefined();
    expect(
      crossSiteReason(url, { origin: "https://hub.example.com" }, ["https://hub.example.com"]),
    ).toBeUndefined();
  });

  it("refuses another site or origin", () => {
    expect(crossSiteReason(url, { secFetchSite: "cross-site" })).toMatch(/another site/);
    expect(crossSiteReason(url, { secFetchSite: "same-site" })).toMatch(/another site/);
    expect(crossSiteReason(url, { origin: "https://evil.example" })).toMatch(/another origin/);
    expect(crossSiteReason(url, { origin: "null" })).toMatch(/another origin/);
  });
});
