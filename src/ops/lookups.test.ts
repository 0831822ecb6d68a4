import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { named } from "../emulator/testing.js";
import { type OpsTest, refusal, startOpsTest } from "./testing.js";

let ops: OpsTest;
beforeEach(async () => {
  ops = await startOpsTest();
});
afterEach(async () => {
  await ops.close();
});

describe("Lookups", () => {
  it("lists severities and statuses by rank", async () => {
    expect((await ops.s.lookups.severities()).map((s) => s.name)).toEqual(["Minor", "Major", "Critical"]);
    const ranks = (await ops.s.lookups.statuses()).map((s) => s.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it("finds records by name, ignoring case and spaces, and by ID", async () => {
    const major = named(ops.snapshot.severities, "Major");
    expect((await ops.s.lookups.severity("  mAjOr ")).id).toBe(major.id);
    expect((await ops.s.lookups.severity(major.id)).name).toBe("Major");
    expect((await ops.s.lookups.status("closed")).category).toBe("closed");
    expect((await ops.s.lookups.incidentType("triaged")).create_in_triage).toBe("always");
    expect((await ops.s.lookups.customField("affected TEAM")).field_type).toBe("single_select");
    expect((await ops.s.lookups.role("comms")).name).toBe("Comms");
  });

  it("refuses an unknown name with invalid_argument listing the valid names", async () => {
    const error = await refusal(ops.s.lookups.severity("Sev0"));
    expect(error.code).toBe("invalid_argument");
    expect(error.message).toContain("Sev0");
    expect(error.hint).toBe("use one of: Minor, Major, Critical");
    const type = await refusal(ops.s.lookups.incidentType("Nope"));
    expect(type.hint).toBe("use one of: Default, Triaged, Security");
  });

  it("lists each kind once per session, even for concurrent callers", async () => {
    await Promise.all([
      ops.s.lookups.severity("Minor"),
      ops.s.lookups.severity("Major"),
      ops.s.lookups.severities(),
      ops.s.lookups.status("Fixing"),
      ops.s.lookups.status("Closed"),
    ]);
    await ops.s.lookups.severity("Critical");
    await ops.s.lookups.severity("nope").catch(() => undefined);
    expect(ops.requests.filter((r) => r === "GET /v1/severities")).toHaveLength(1);
    expect(ops.requests.filter((r) => r === "GET /v1/incident_statuses")).toHaveLength(1);
    await ops.session().lookups.severities();
    expect(ops.requests.filter((r) => r === "GET /v1/severities")).toHaveLength(2);
  });

  it("finds active users by ID, email in any case, or exact name", async () => {
    const ada = named(ops.snapshot.users, "Ada Lovelace");
    expect((await ops.s.lookups.user("ADA@example.com")).id).toBe(ada.id);
    expect((await ops.s.lookups.user("Grace Hopper")).email).toBe("grace@example.com");
    expect((await ops.s.lookups.user(ada.id)).name).toBe("Ada Lovelace");
    const inactive = await refusal(ops.s.lookups.user("old@example.com"));
    expect(inactive.code).toBe("invalid_argument");
    expect(inactive.hint).toContain("email");
    expect(ops.requests.filter((r) => r === "GET /v2/users")).toHaveLength(1);
  });
});
