import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IncidentKitError } from "../api/index.js";
import { parseIncidentRef } from "./incident-ref.js";

const ID = "01HXYZ0ABCDEFGHJKMNPQRSTVW";

describe("parseIncidentRef", () => {
  it.each([
    [ID, { id: ID }],
    [`  ${ID} `, { id: ID }],
    ["INC-123", { number: 123 }],
    ["inc-7", { number: 7 }],
    ["123", { number: 123 }],
    ["#42", { number: 42 }],
    ["https://app.incident.io/acme/incidents/123", { number: 123 }],
    ["https://app.incident.io/incidents/9/", { number: 9 }],
    [`https://app.incident.io/acme/incidents/${ID}`, { id: ID }],
    ["https://incident.io/incidents/5?tab=timeline#top", { number: 5 }],
    ["https://eu.app.incident.io/acme/incidents/77", { number: 77 }],
    ["0f8fad5b-d9cb-469f-a165-70867728950e", { id: "0f8fad5b-d9cb-469f-a165-70867728950e" }],
  ])("accepts %s", (input, expected) => {
    expect(parseIncidentRef(input)).toEqual(expected);
  });

  it.each([
    "",
    "   ",
    "0",
    "INC-0",
    "INC-",
    "INC-12a",
    "-5",
    "1.5",
    "99999999999999999999",
    "hello",
    "incident",
    "http://app.incident.io/acme/incidents/123",
    "https://app.incident.io.evil.com/acme/incidents/123",
    "https://evilincident.io/acme/incidents/123",
    "https://app.incident.io@evil.com/incidents/123",
    "https://app.incident.io:8443/acme/incidents/123",
    "https://app.incident.io/acme/incidents/123/post-mortems/01GDZEW57FDA1K4S63MGMQ5DS9",
    "https://app.incident.io/acme/incidents",
    "https://app.incident.io/acme/incident/123",
    "https://app.incident.io/acme/incidents/not-an-id",
    "ftp://app.incident.io/incidents/1",
    "https://%zz",
  ])("refuses %j with invalid_argument and a hint", (input) => {
    const error = (() => {
      try {
        parseIncidentRef(input);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(IncidentKitError);
    expect((error as IncidentKitError).code).toBe("invalid_argument");
    expect((error as IncidentKitError).hint).toContain("INC-123");
  });

  it("never throws anything but invalid_argument, and accepted URLs are on incident.io", () => {
    const urlish = fc
      .tuple(
        fc.constantFrom("https://", "http://", ""),
        fc.constantFrom(
          "app.incident.io",
          "incident.io",
          "evil.com",
          "incident.io.evil.com",
          "x.incident.io",
        ),
        fc.array(fc.constantFrom("acme", "incidents", "123", ID, "%", "..", "@"), { maxLength: 4 }),
      )
      .map(([scheme, host, segments]) => `${scheme}${host}/${segments.join("/")}`);
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), urlish), (input) => {
        let result: unknown;
        try {
          result = parseIncidentRef(input);
        } catch (error) {
          return error instanceof IncidentKitError && error.code === "invalid_argument";
        }
        if (/^https?:/i.test(input.trim())) {
          const host = new URL(input.trim()).hostname;
          return host === "incident.io" || host.endsWith(".incident.io");
        }
        return typeof result === "object" && result !== null;
      }),
      { numRuns: 2000 },
    );
  });
});
