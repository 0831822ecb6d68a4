import { describe, expect, it } from "vitest";
import { groupsThatCount, headerGroups, seesPrivateIncidents } from "./private-access.js";

const POLICY = { emails: ["ana@example.com"], groups: ["security"] };

describe("who sees private incidents", () => {
  it("lets in a verified email named, whatever its case, and a member of a group named", () => {
    expect(seesPrivateIncidents(POLICY, { email: "Ana@Example.com", emailVerified: true, groups: [] })).toBe(
      true,
    );
    expect(seesPrivateIncidents(POLICY, { emailVerified: false, groups: ["sre", "security"] })).toBe(true);
  });

  it("keeps out an unverified email, another person, a group spelt otherwise, and everyone without a policy", () => {
    expect(seesPrivateIncidents(POLICY, { email: "ana@example.com", emailVerified: false, groups: [] })).toBe(
      false,
    );
    expect(
      seesPrivateIncidents(POLICY, { email: "bob@example.com", emailVerified: true, groups: ["sre"] }),
    ).toBe(false);
    expect(seesPrivateIncidents(POLICY, { emailVerified: true, groups: ["Security"] })).toBe(false);
    expect(
      seesPrivateIncidents(undefined, {
        email: "ana@example.com",
        emailVerified: true,
        groups: ["security"],
      }),
    ).toBe(false);
  });

  it("remembers only the groups the policy names, and reads a proxy's comma-separated header", () => {
    expect(groupsThatCount(POLICY, ["sre", "security", "security"])).toEqual(["security"]);
    expect(groupsThatCount(undefined, ["security"])).toEqual([]);
    expect(headerGroups(" sre, security ,,")).toEqual(["sre", "security"]);
    expect(headerGroups(undefined)).toEqual([]);
  });
});
