import { describe, expect, it } from "vitest";
import { IncidentIoApiError } from "../../api/index.js";
import type { ManualClock } from "../../shared/clock.js";
import { ConfigError, IncidentKitError } from "../../shared/errors.js";
import { webRoutes } from "./routes.js";
import { demoWebData } from "./testing/fixtures.js";

const now = Date.parse("2026-11-23T12:00:00Z");
const clock = { now: () => now, sleep: async () => {} } as unknown as ManualClock;
const TOKEN = `inc_${"5e".repeat(32)}`;

/** The services page when building it throws `error`: status, the page's text, and what the hub was told. */
async function failing(error: unknown) {
  const data = demoWebData(now);
  data.services = () => Promise.reject(error);
  const told: unknown[] = [];
  const app = webRoutes(data, { clock, onError: (e) => told.push(e) });
  const response = await app.request("/");
  const html = await response.text();
  const text = html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ");
  return { status: response.status, html, text, told };
}

describe("the web UI's error page", () => {
  it("shows a family error's message and hint, and whether reloading can help", async () => {
    const error = new IncidentIoApiError({
      code: "server_error",
      message: "incident.io answered 503",
      hint: "incident.io is failing; try again in a minute",
      retryable: true,
      status: 503,
      method: "GET",
      url: "https://api.incident.io/v2/incidents",
    });
    const { status, text, told } = await failing(error);
    expect(status).toBe(500);
    expect(text).toContain("This page could not be built: incident.io answered 503.");
    expect(text).toContain("incident.io is failing; try again in a minute.");
    expect(text).toContain("Reloading later may succeed.");
    expect(told).toEqual([error]);
  });

  it("answers with the family's status: a configuration problem is the hub's, a bad request the asker's", async () => {
    const config = await failing(new ConfigError("catalog.dir", "catalog/ does not exist", "create it"));
    expect(config.status).toBe(500);
    expect(config.text).toContain("Create it.");
    expect(config.text).not.toContain("Reloading later may succeed.");
    const asked = await failing(
      new IncidentKitError({ code: "invalid_argument", message: "bad", hint: "fix" }),
    );
    expect(asked.status).toBe(400);
  });

  it("shows an unexpected failure without its stack or any key, pointing at the hub's log", async () => {
    const { status, html, text } = await failing(new TypeError(`header was Authorization: Bearer ${TOKEN}`));
    expect(status).toBe(500);
    expect(text).toContain("This page could not be built: header was Authorization: [redacted].");
    expect(text).toContain("Reload to try again; if it keeps failing, the hub's log says more.");
    expect(html).not.toContain(TOKEN.slice(4, 20));
    expect(html).not.toMatch(/error-page\.test\.ts|\n\s+at /);
  });
});
