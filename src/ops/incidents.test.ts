import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { named } from "../emulator/testing.js";
import { displayValue } from "./context.js";
import {
  changeStatus,
  closeIncident,
  declareIncident,
  editIncident,
  escalateIncident,
  getIncident,
  listIncidents,
} from "./incidents.js";
import { openSession } from "./session.js";
import { type OpsTest, refusal, startOpsTest } from "./testing.js";
import { declaredText } from "./write-outcome.js";

let ops: OpsTest;
beforeEach(async () => {
  ops = await startOpsTest();
});
afterEach(async () => {
  await ops.close();
});

const declare = (name: string, severity = "Minor", extra = {}) =>
  declareIncident(ops.s, { name, severity, ...extra }).then((r) => r.incident);

describe("declareIncident", () => {
  it("declares with names for severity, type and custom fields", async () => {
    const { incident, idempotencyKey } = await declareIncident(ops.s, {
      name: "  Checkout is down ",
      summary: "Card payments fail",
      severity: "major",
      type: "default",
      customFields: {
        "affected team": "payments",
        Products: ["web", "App"],
        Notes: "started after deploy",
        Cost: "12.5",
        Runbook: "https://runbooks.example.com/checkout",
        Service: "ext-checkout",
      },
    });
    expect(idempotencyKey).toMatch(/^incidentkit-declare-[0-9a-f]{32}$/);
    expect(incident.name).toBe("Checkout is down");
    expect(incident.severity?.name).toBe("Major");
    expect(incident.incident_type?.name).toBe("Default");
    expect(incident.visibility).toBe("public");
    const shown = Object.fromEntries(
      incident.custom_field_entries.map((e) => [e.custom_field.name, e.values.map(displayValue)]),
    );
    expect(shown).toEqual({
      "Affected team": ["Payments"],
      Products: ["Web", "App"],
      Notes: ["started after deploy"],
      Cost: ["12.5"],
      Runbook: ["https://runbooks.example.com/checkout"],
      Service: ["checkout"],
    });
  });

  it("derives the key from the input, so the same declare twice opens one incident", async () => {
    const first = await declareIncident(ops.s, { name: "DB down", severity: "Major" });
    const major = named(ops.snapshot.severities, "Major");
    const again = await declareIncident(ops.s, { name: "DB down ", severity: major.id });
    expect(again.idempotencyKey).toBe(first.idempotencyKey);
    expect(again.incident.id).toBe(first.incident.id);
    expect(ops.t.emulator.incidents()).toHaveLength(1);

    const otherAccount = openSession(ops.s.io, { alias: "other" });
    const other = await declareIncident(otherAccount, { name: "DB down", severity: "Major" });
    expect(other.incident.id).not.toBe(first.incident.id);
    const different = await declareIncident(ops.s, { name: "DB down", severity: "Critical" });
    expect(different.incident.id).not.toBe(first.incident.id);
    expect(ops.t.emulator.incidents()).toHaveLength(3);
  });

  it("finds the incident the same input declared while it is open, and declares anew once it closed", async () => {
    const first = await declareIncident(ops.s, { name: "Queue backlog", severity: "Major" });
    expect(first.created).toBe(true);
    ops.clock.advance(60 * 60_000);
    const again = await declareIncident(ops.s, { name: "Queue backlog", severity: "Major" });
    expect(again).toMatchObject({ created: false, idempotencyKey: first.idempotencyKey });
    expect(again.incident.id).toBe(first.incident.id);
    expect(declaredText(again)).toBe(
      `Already declared: ${first.incident.reference} (investigating since 2024-05-02 09:30 UTC), by the same input earlier; nothing new was declared`,
    );

    await closeIncident(ops.s, first.incident.id, {});
    ops.clock.advance(7 * 24 * 60 * 60_000);
    const nextWeek = await declareIncident(ops.s, { name: "Queue backlog", severity: "Major" });
    expect(nextWeek.created).toBe(true);
    expect(nextWeek.incident.id).not.toBe(first.incident.id);
    expect(nextWeek.idempotencyKey).toMatch(/^incidentkit-declare-[0-9a-f]{32}$/);
    expect(nextWeek.idempotencyKey).not.toBe(first.idempotencyKey);
    // A retry (say, after its answer was lost) walks the same keys and lands on the same incident.
    ops.clock.advance(60_000);
    const retried = await declareIncident(ops.s, { name: "Queue backlog", severity: "Major" });
    expect(retried).toMatchObject({ created: false, idempotencyKey: nextWeek.idempotencyKey });
    expect(retried.incident.id).toBe(nextWeek.incident.id);
    expect(ops.t.emulator.incidents()).toHaveLength(2);
  });

  it("finds a closed incident the same input declared minutes ago rather than declaring it twice", async () => {
    const first = await declareIncident(ops.s, { name: "Flaky deploy", severity: "Minor" });
    await closeIncident(ops.s, first.incident.id, {});
    ops.clock.advance(5 * 60_000);
    const again = await declareIncident(ops.s, { name: "Flaky deploy", severity: "Minor" });
    expect(again).toMatchObject({ created: false });
    expect(again.incident.id).toBe(first.incident.id);
  });

  it("uses an explicit idempotency key as given, and refuses one already used for a different incident", async () => {
    const a = await declareIncident(ops.s, { name: "A", severity: "Minor", idempotencyKey: "alert-42" });
    expect(a).toMatchObject({ idempotencyKey: "alert-42", created: true });
    ops.clock.advance(60_000);
    const same = await declareIncident(ops.s, { name: "A", severity: "Minor", idempotencyKey: "alert-42" });
    expect(same).toMatchObject({ created: false });
    expect(same.incident.id).toBe(a.incident.id);
    const error = await refusal(
      declareIncident(ops.s, { name: "B", severity: "Major", idempotencyKey: "alert-42" }),
    );
    expect(error.code).toBe("idempotency_conflict");
    expect(error.message).toBe(
      `the idempotency key alert-42 was already used for ${a.incident.reference} ("A"): nothing new was written`,
    );
  });

  it("passes through the API's 422 for a missing severity, with a hint naming severities and triage", async () => {
    const error = await refusal(declareIncident(ops.s, { name: "No severity" }));
    expect(error.code).toBe("validation_failed");
    expect(error.hint).toContain("use one of: Minor, Major, Critical");
    expect(error.hint).toContain("triage");
    const triaged = await declareIncident(ops.s, { name: "Triage me", type: "Triaged" });
    expect(triaged.incident.incident_status.category).toBe("triage");
  });

  it("makes incidents of a private-only type private unless told", async () => {
    const { incident } = await declareIncident(ops.s, {
      name: "Leak",
      severity: "Critical",
      type: "security",
    });
    expect(incident.visibility).toBe("private");
  });

  it("refuses unknown names before sending anything", async () => {
    const severity = await refusal(declareIncident(ops.s, { name: "X", severity: "Sev1" }));
    expect(severity.code).toBe("invalid_argument");
    expect(severity.hint).toBe("use one of: Minor, Major, Critical");
    const option = await refusal(
      declareIncident(ops.s, { name: "X", severity: "Minor", customFields: { "Affected team": "Sales" } }),
    );
    expect(option.code).toBe("invalid_argument");
    expect(option.hint).toBe("use one of: Payments, Platform, Mobile");
    const field = await refusal(
      declareIncident(ops.s, { name: "X", severity: "Minor", customFields: { Nope: "1" } }),
    );
    expect(field.hint).toContain("Affected team");
    const numeric = await refusal(
      declareIncident(ops.s, { name: "X", severity: "Minor", customFields: { Cost: "lots" } }),
    );
    expect(numeric.code).toBe("invalid_argument");
    const single = await refusal(
      declareIncident(ops.s, {
        name: "X",
        severity: "Minor",
        customFields: { "Affected team": ["Payments", "Mobile"] },
      }),
    );
    expect(single.message).toContain("one value");
    expect((await refusal(declareIncident(ops.s, { name: "  " }))).code).toBe("invalid_argument");
    expect(ops.requests).not.toContain("POST /v2/incidents");
  });

  it("refuses a catalog entry the catalog does not have, naming the field and the value", async () => {
    const error = await refusal(
      declareIncident(ops.s, { name: "X", severity: "Minor", customFields: { Service: "Checkout Service" } }),
    );
    expect(error.code).toBe("invalid_argument");
    expect(error.message).toBe('"Service" has no catalog entry "Checkout Service"');
    expect(error.hint).toContain("give an entry's name, alias, external ID or ID (any case)");
    expect(ops.requests).not.toContain("POST /v2/incidents");
  });

  it("reports a key without incidents.create as forbidden", async () => {
    const viewer = openSession(ops.client("Viewer"), { alias: "test" });
    const error = await refusal(declareIncident(viewer, { name: "X", severity: "Minor" }));
    expect(error.code).toBe("forbidden");
    expect(ops.t.emulator.incidents()).toHaveLength(0);
  });
});

describe("getIncident", () => {
  it("reads by ID, reference, number and URL", async () => {
    const incident = await declare("Find me");
    const number = Number(incident.reference.replace("INC-", ""));
    for (const ref of [
      incident.id,
      incident.reference,
      String(number),
      `https://app.incident.io/acme/incidents/${number}`,
    ]) {
      expect((await getIncident(ops.s, ref)).id).toBe(incident.id);
    }
  });

  it("reports an unknown incident as not_found and a bad reference as invalid_argument", async () => {
    expect((await refusal(getIncident(ops.s, "INC-9999"))).code).toBe("not_found");
    const before = ops.requests.length;
    expect((await refusal(getIncident(ops.s, "https://incident.io.evil.com/incidents/1"))).code).toBe(
      "invalid_argument",
    );
    expect(ops.requests).toHaveLength(before);
  });
});

describe("listIncidents", () => {
  it("filters by names, dates, modes and custom fields", async () => {
    const minor = await declare("Minor one", "Minor", { customFields: { "Affected team": "Mobile" } });
    const major = await declare("Major one", "Major");
    const critical = await declare("Critical one", "Critical", { mode: "test" });
    const triage = (await declareIncident(ops.s, { name: "Triage", type: "Triaged" })).incident;
    const names = async (query: Parameters<typeof listIncidents>[1]) =>
      (await listIncidents(ops.s, query)).incidents.map((i) => i.id).sort();

    expect(await names({ severityGte: "major" })).toEqual([major.id]);
    expect(await names({ severityGte: "major", mode: ["standard", "test"] })).toEqual(
      [major.id, critical.id].sort(),
    );
    expect(await names({ severity: ["Minor", "critical"], mode: ["TEST", "standard"] })).toEqual(
      [minor.id, critical.id].sort(),
    );
    expect(await names({ severityLte: "Minor" })).toEqual([minor.id]);
    expect(await names({ statusCategory: ["triage"] })).toEqual([triage.id]);
    expect(await names({ status: ["investigating"] })).toEqual([minor.id, major.id].sort());
    expect(await names({ type: ["Triaged"] })).toEqual([triage.id]);
    expect(await names({ customField: { "affected team": ["mobile"] } })).toEqual([minor.id]);
    expect(await names({ createdBefore: "2000-01-01" })).toEqual([]);
    expect(await names({ createdAfter: "2000-01-01", updatedAfter: "2000-01-01T00:00:00Z" })).toHaveLength(3);
  });

  it("pages with a limit and a cursor, or reads all", async () => {
    const declared = [];
    for (const name of ["one", "two", "three", "four", "five"]) declared.push(await declare(name));
    const first = await listIncidents(ops.s, { sort: "oldest" }, { limit: 2 });
    expect(first.incidents.map((i) => i.name)).toEqual(["one", "two"]);
    expect(first.total).toBe(5);
    expect(first.nextCursor).toBeDefined();
    const rest = await listIncidents(
      ops.s,
      { sort: "oldest" },
      { limit: 10, after: first.nextCursor as string },
    );
    expect(rest.incidents.map((i) => i.name)).toEqual(["three", "four", "five"]);
    expect(rest.nextCursor).toBeUndefined();
    const all = await listIncidents(ops.s, {}, { all: true });
    expect(all.incidents.map((i) => i.name)).toEqual(["five", "four", "three", "two", "one"]);
    expect((await listIncidents(ops.s)).incidents).toHaveLength(5);
  });

  it("refuses bad filter values with the valid ones", async () => {
    const category = await refusal(listIncidents(ops.s, { statusCategory: ["open"] }));
    expect(category.code).toBe("invalid_argument");
    expect(category.hint).toContain("live");
    expect(category.hint).toContain("learning");
    expect((await refusal(listIncidents(ops.s, { createdAfter: "yesterday" }))).code).toBe(
      "invalid_argument",
    );
    expect((await refusal(listIncidents(ops.s, { mode: ["real"] }))).hint).toContain("retrospective");
    expect((await refusal(listIncidents(ops.s, {}, { limit: 0 }))).code).toBe("invalid_argument");
    expect(ops.requests).not.toContain("GET /v2/incidents");
  });
});

describe("editIncident", () => {
  it("changes only the given fields, without notifying by default", async () => {
    const incident = await declare("Old name", "Minor", { summary: "Keep me" });
    const edited = await editIncident(ops.s, incident.reference, {
      name: "New name",
      customFields: { Products: ["App"] },
    });
    expect(edited.name).toBe("New name");
    expect(edited.summary).toBe("Keep me");
    expect(edited.severity?.name).toBe("Minor");
    expect(edited.custom_field_entries.map((e) => e.values.map(displayValue))).toEqual([["App"]]);
    const body = ops.bodies[ops.requests.lastIndexOf(`POST /v2/incidents/${incident.id}/actions/edit`)];
    expect(body).toMatchObject({ notify_incident_channel: false });
    await editIncident(ops.s, incident.id, { summary: "Now", notify: true });
    expect(ops.bodies.at(-1)).toMatchObject({ notify_incident_channel: true, incident: { summary: "Now" } });
  });

  it("refuses an edit with nothing to change, and an editor-less key is forbidden", async () => {
    const incident = await declare("X");
    expect((await refusal(editIncident(ops.s, incident.id, {}))).code).toBe("invalid_argument");
    const viewer = openSession(ops.client("Viewer"));
    expect((await refusal(editIncident(viewer, incident.id, { summary: "no" }))).code).toBe("forbidden");
  });
});

describe("escalateIncident and changeStatus", () => {
  it("moves severity up and down, reporting from and to", async () => {
    const incident = await declare("Escalate me", "Minor");
    const up = await escalateIncident(ops.s, incident.reference, "critical");
    expect([up.from?.name, up.to.name, up.incident.severity?.name]).toEqual([
      "Minor",
      "Critical",
      "Critical",
    ]);
    const down = await escalateIncident(ops.s, incident.id, "Major");
    expect([down.from?.name, down.to.name]).toEqual(["Critical", "Major"]);
  });

  it("changes status, and a refused move says why and what is allowed", async () => {
    const incident = await declare("Status");
    expect((await changeStatus(ops.s, incident.id, "fixing")).incident_status.name).toBe("Fixing");
    await changeStatus(ops.s, incident.id, "Closed");
    const error = await refusal(changeStatus(ops.s, incident.id, "Investigating"));
    expect(error.code).toBe("validation_failed");
    expect(error.message).toContain("cannot move");
    expect(error.hint).toContain("the incident is in Closed (closed)");
    expect(error.hint).toContain("Fixing (live)");
  });
});

describe("closeIncident", () => {
  it("finds the first closed-category status", async () => {
    const incident = await declare("Close me");
    const closed = await closeIncident(ops.s, incident.reference);
    expect(closed.incident_status.name).toBe("Closed");
    expect(closed.incident_status.category).toBe("closed");
    const edits = ops.requests.filter((r) => r.endsWith("/actions/edit")).length;
    expect((await closeIncident(ops.s, incident.id)).incident_status.name).toBe("Closed");
    expect(ops.requests.filter((r) => r.endsWith("/actions/edit")).length).toBe(edits);
  });

  it("uses the status asked for, else the session's configured one", async () => {
    const a = await declare("A");
    const learning = openSession(ops.s.io, { closedStatus: "post-incident" });
    expect((await closeIncident(learning, a.id)).incident_status.name).toBe("Post-incident");
    expect((await closeIncident(learning, a.id, { status: "Closed" })).incident_status.name).toBe("Closed");
    const b = await declare("B");
    const error = await refusal(closeIncident(ops.s, b.id, { status: "Fixing" }));
    expect(error.code).toBe("invalid_argument");
    expect(error.hint).toBe("use one of: Closed");
  });

  it("with a message, posts one update that moves the status and records the message", async () => {
    const incident = await declare("Close with words");
    const closed = await closeIncident(ops.s, incident.id, { message: "Fixed by rollback" });
    expect(closed.incident_status.name).toBe("Closed");
    const updates = ops.t.emulator.incidentUpdates().filter((u) => u.incident_id === incident.id);
    const last = updates.at(-1);
    expect(last?.message).toBe("Fixed by rollback");
    expect(last?.new_incident_status_id).toBe(closed.incident_status.id);
  });
});
