import { describe, expect, it } from "vitest";
import { type AllowPolicy, judge, needsMoreClaims, personLabel } from "./allow.js";

const BY_DOMAIN: AllowPolicy = { domains: ["example.com"], groups: [], groupsClaim: "groups" };
const BY_GROUP: AllowPolicy = { domains: [], groups: ["sre"], groupsClaim: "groups" };
const EITHER: AllowPolicy = { domains: ["example.com"], groups: ["sre"], groupsClaim: "groups" };

describe("judge", () => {
  it("lets in a verified email at an allowed domain, whatever its case, and one whose provider says nothing of verification", () => {
    expect(judge({ sub: "1", email: "Ana@Example.COM", email_verified: true }, BY_DOMAIN).allowed).toBe(true);
    expect(judge({ sub: "1", email: "ana@example.com" }, BY_DOMAIN).allowed).toBe(true);
    // Some providers (Cognito) send the flag as a string.
    expect(judge({ sub: "1", email: "ana@example.com", email_verified: "true" }, BY_DOMAIN).allowed).toBe(
      true,
    );
  });

  it("refuses an unverified email, a subdomain, a look-alike and no email, saying why", () => {
    expect(judge({ sub: "1", email: "eve@example.com", email_verified: false }, BY_DOMAIN)).toMatchObject({
      allowed: false,
      why: "the provider has not verified eve@example.com",
    });
    expect(judge({ sub: "1", email: "x@eu.example.com" }, BY_DOMAIN)).toMatchObject({
      allowed: false,
      why: "eu.example.com is not one of the allowed domains (example.com)",
    });
    expect(judge({ sub: "1", email: "x@example.com@evil.example" }, BY_DOMAIN).allowed).toBe(false);
    expect(judge({ sub: "1", email: "x@notexample.com" }, BY_DOMAIN).allowed).toBe(false);
    expect(judge({ sub: "1" }, BY_DOMAIN)).toMatchObject({
      allowed: false,
      why: "the provider gave no email address",
    });
  });

  it("honours Google's hosted domain claim", () => {
    expect(judge({ sub: "1", email: "ana@alias.example", hd: "example.com" }, BY_DOMAIN).allowed).toBe(true);
    expect(judge({ sub: "1", email: "ana@alias.example", hd: "other.example" }, BY_DOMAIN).allowed).toBe(
      false,
    );
  });

  it("lets in members of an allowed group, from the configured claim, as a list or a single name", () => {
    expect(judge({ sub: "1", groups: ["eng", "sre"] }, BY_GROUP).allowed).toBe(true);
    expect(judge({ sub: "1", groups: "sre" }, BY_GROUP).allowed).toBe(true);
    expect(judge({ sub: "1", roles: ["sre"] }, { ...BY_GROUP, groupsClaim: "roles" }).allowed).toBe(true);
    expect(judge({ sub: "1", roles: ["sre"] }, BY_GROUP)).toMatchObject({
      allowed: false,
      why: "the provider named no groups (claim groups)",
    });
    expect(judge({ sub: "1", groups: ["SRE", "sales"] }, BY_GROUP)).toMatchObject({
      allowed: false,
      why: "none of your groups is allowed (sre)",
    });
  });

  it("with domains and groups, lets in either, and names both reasons when neither", () => {
    expect(judge({ sub: "1", email: "ana@example.com", groups: [] }, EITHER).allowed).toBe(true);
    expect(judge({ sub: "1", email: "gus@partner.example", groups: ["sre"] }, EITHER).allowed).toBe(true);
    expect(judge({ sub: "1", email: "bob@other.example", groups: ["sales"] }, EITHER)).toMatchObject({
      allowed: false,
      person: { email: "bob@other.example" },
      why: "other.example is not one of the allowed domains (example.com); none of your groups is allowed (sre)",
    });
  });
});

describe("needsMoreClaims", () => {
  it("asks userinfo only for the claims the policy reads and the ID token lacks", () => {
    expect(needsMoreClaims({ sub: "1" }, BY_DOMAIN)).toBe(true);
    expect(needsMoreClaims({ sub: "1", email: "a@example.com" }, BY_DOMAIN)).toBe(false);
    expect(needsMoreClaims({ sub: "1", email: "a@example.com" }, BY_GROUP)).toBe(true);
    expect(needsMoreClaims({ sub: "1", groups: [] }, BY_GROUP)).toBe(false);
  });
});

describe("personLabel", () => {
  it("names a person by name and email, either, or the subject", () => {
    expect(personLabel({ name: "Ana Lima", email: "ana@example.com" })).toBe("Ana Lima (ana@example.com)");
    expect(personLabel({ email: "ana@example.com" })).toBe("ana@example.com");
    expect(personLabel({ name: "ana" })).toBe("ana");
    expect(personLabel({}, "248289761001")).toBe("248289761001");
  });
});
