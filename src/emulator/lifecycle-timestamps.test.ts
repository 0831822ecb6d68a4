import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import { ManualClock } from "../shared/clock.js";
import type { Snapshot } from "./model.js";
import { call, incidentRecord, named, testSnapshot, tokenFor } from "./testing.js";

const START = Date.UTC(2024, 4, 2, 9);

let snapshot: Snapshot;
let t: TestEmulator;
let clock: ManualClock;

const statusId = (name: string) => named(snapshot.incident_statuses, name).id;

beforeEach(async () => {
  snapshot = testSnapshot();
  snapshot.incident_timestamps.push(
    { id: "ts-resolved", name: "Resolved at", rank: 3 },
    { id: "ts-closed", name: "Closed at", rank: 4 },
  );
  snapshot.incidents = [
    incidentRecord(snapshot, 1, { id: "inc-live" }),
    incidentRecord(snapshot, 2, {
      id: "inc-hand",
      timestamp_values: [{ incident_timestamp_id: "ts-resolved", value: "2024-04-30T08:00:00.000Z" }],
    }),
  ];
  clock = new ManualClock(START);
  t = await startTestEmulator({ ephemeral: true, snapshot, clock });
});

afterEach(() => t.close());

async function moveTo(id: string, status: string) {
  const reply = await call(t.emulator, "POST", `/v2/incidents/${id}/actions/edit`, {
    token: tokenFor(snapshot, "Editor"),
    body: { notify_incident_channel: false, incident: { incident_status_id: statusId(status) } },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  const values = reply.body.incident.incident_timestamp_values as {
    incident_timestamp: { name: string };
    value?: { value: string };
  }[];
  return Object.fromEntries(values.map((v) => [v.incident_timestamp.name, v.value?.value ?? null]));
}

describe("lifecycle timestamps set by status changes", () => {
  it("sets Resolved at on moving to post-incident, then Closed at on closing, keeping Resolved at", async () => {
    clock.advance(60_000);
    expect(await moveTo("inc-live", "Post-incident")).toMatchObject({
      "Resolved at": "2024-05-02T09:01:00.000Z",
      "Closed at": null,
    });
    clock.advance(60_000);
    expect(await moveTo("inc-live", "Closed")).toMatchObject({
      "Resolved at": "2024-05-02T09:01:00.000Z",
      "Closed at": "2024-05-02T09:02:00.000Z",
    });
  });

  it("keeps a value already given by hand, and sets nothing while the incident stays open", async () => {
    expect(await moveTo("inc-live", "Fixing")).toMatchObject({ "Resolved at": null, "Closed at": null });
    expect(await moveTo("inc-hand", "Closed")).toMatchObject({
      "Resolved at": "2024-04-30T08:00:00.000Z",
      "Closed at": "2024-05-02T09:00:00.000Z",
    });
  });
});
