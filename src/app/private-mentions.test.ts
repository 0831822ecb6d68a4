import { describe, expect, it } from "vitest";
import { PrivateIncidentMentions, WITHHELD_INCIDENT } from "./private-mentions.js";

const SECRET = { id: "01JSECRET0000000000000000A", reference: "INC-42" };
const PUBLIC_ID = "01JPUBLIC0000000000000000B";
const mentions = new PrivateIncidentMentions([SECRET]);
const isPublic = (id: string) => id === PUBLIC_ID;

describe("PrivateIncidentMentions.hides", () => {
  it("hides an incident known private by its ID, whatever reference the group kept", () => {
    expect(mentions.hides({ id: SECRET.id, reference: "INC-7" }, isPublic)).toBe(true);
  });

  it("shows one the mirror holds as public, even when a private incident elsewhere has its reference", () => {
    expect(mentions.hides({ id: PUBLIC_ID, reference: "INC-42" }, isPublic)).toBe(false);
  });

  it("shows one not yet mirrored as before, unless its reference is a private incident's", () => {
    expect(mentions.hides({ id: "01JNOTMIRRORED00000000000C", reference: "INC-43" }, isPublic)).toBe(false);
    expect(mentions.hides({ id: "01JNOTMIRRORED00000000000C", reference: "INC-42" }, isPublic)).toBe(true);
    expect(mentions.hides({ id: null, reference: "INC-42" }, isPublic)).toBe(true);
    expect(mentions.hides({ id: null, reference: null }, isPublic)).toBe(false);
  });
});

describe("PrivateIncidentMentions.scrub", () => {
  it.each([
    ["repeat of INC-42", `repeat of ${WITHHELD_INCIDENT}`],
    ["in the group of INC-42 (3 alerts firing)", `in the group of ${WITHHELD_INCIDENT} (3 alerts firing)`],
    ["page; closing INC-42", `page; closing ${WITHHELD_INCIDENT}`],
    [
      "page (the group's last incident, INC-42, closed more than 1h ago)",
      `page (the group's last incident, ${WITHHELD_INCIDENT}, closed more than 1h ago)`,
    ],
    [
      `the alert names incident ${SECRET.id}: posted there as an update instead of declaring`,
      `the alert names ${WITHHELD_INCIDENT}: posted there as an update instead of declaring`,
    ],
    ["the alert names incident #42: posted there", `the alert names ${WITHHELD_INCIDENT}: posted there`],
    ["the alert names incident 042: posted there", `the alert names ${WITHHELD_INCIDENT}: posted there`],
    [
      "the alert names incident https://app.incident.io/acme/incidents/42: posted there",
      `the alert names ${WITHHELD_INCIDENT}: posted there`,
    ],
    [
      `incident.io answered 404 (not_found) to GET https://api.incident.io/v2/incidents/${SECRET.id}: gone`,
      `incident.io answered 404 (not_found) to GET ${WITHHELD_INCIDENT}: gone`,
    ],
    [
      `answered 500 to GET https://api.incident.io/v2/incident_updates?incident_id=${SECRET.id}.`,
      `answered 500 to GET https://api.incident.io/v2/incident_updates?incident_id=${WITHHELD_INCIDENT}.`,
    ],
    [`dedup key ${SECRET.id}-db`, `dedup key ${WITHHELD_INCIDENT}-db`],
  ])("%s", (text, expected) => {
    expect(mentions.scrub(text)).toBe(expected);
  });

  it("leaves every other incident, number and word as it was", () => {
    const text = `repeat of INC-43, 42 alerts firing (HTTP 404) in group prometheus:db-down; ${PUBLIC_ID}; incident 7; https://app.incident.io/acme/incidents/43 waiting_for_key incident_io_incident_id`;
    expect(mentions.scrub(text)).toBe(text);
  });

  it("has nothing to withhold without private incidents", () => {
    const none = new PrivateIncidentMentions([]);
    expect(none.empty).toBe(true);
    expect(none.scrub("repeat of INC-42")).toBe("repeat of INC-42");
    expect(none.hides({ id: SECRET.id, reference: "INC-42" }, isPublic)).toBe(false);
  });
});
