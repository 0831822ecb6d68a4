import { describe, expect, it } from "vitest";
import { DeclareError } from "./model.js";
import { webRoutes } from "./routes.js";
import { demoWebData, PAYMENTS_REF } from "./testing/fixtures.js";

const now = Date.parse("2026-11-23T12:00:00Z");
const clock = { now: () => now, sleep: async () => {} };
const origin = "http://localhost";
const servicePath = `/services/${encodeURIComponent(PAYMENTS_REF)}`;

function setup() {
  const data = demoWebData(now);
  const app = webRoutes(data, { clock });
  const formToken = async (): Promise<string> => {
    const html = await (await app.request(servicePath)).text();
    const token = html.match(/name="token" value="([^"]+)"/)?.[1];
    if (!token) throw new Error("the service page has a declare form");
    return token;
  };
  const post = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    app.request(`${servicePath}/declare`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin,
        "sec-fetch-site": "same-origin",
        ...headers,
      },
      body: new URLSearchParams(fields).toString(),
    });
  const openIncidents = () =>
    data.state.incidents.filter((i) => i.resolvedAt === null).map((i) => i.reference);
  return { data, app, formToken, post, openIncidents };
}

const valid = {
  name: "Card payments failing again",
  summary: "Declines above 30%",
  severity: "sev-major",
  mode: "standard",
};

describe("declaring an incident from a service page", () => {
  it("opens it, redirects to the service page and shows a flash linking to incident.io", async () => {
    const { app, formToken, post, openIncidents } = setup();
    const response = await post({ ...valid, token: await formToken() });
    expect(response.status).toBe(303);
    const location = response.headers.get("location") ?? "";
    expect(location.startsWith(`${servicePath}?declared=`)).toBe(true);
    expect(openIncidents()).toEqual(["INC-101", "INC-102"]);
    const html = await (await app.request(location)).text();
    expect(html).toContain(
      '<p class="flash" role="status">Incident created: <a href="https://app.incident.io/acme/incidents/102">INC-102</a></p>',
    );
    expect(html).toContain("Active incidents (2)");
    expect(html).toContain("Card payments failing again");
  });

  it("opens one incident when the same form is submitted twice, and says the second found it", async () => {
    const { app, formToken, post, openIncidents } = setup();
    const token = await formToken();
    const first = await post({ ...valid, token });
    const second = await post({ ...valid, token });
    expect(openIncidents()).toEqual(["INC-101", "INC-102"]);
    const flash = async (response: Response) =>
      (await (await app.request(response.headers.get("location") ?? "")).text()).match(
        /<p class="flash" role="status">(.*?)<\/p>/,
      )?.[1];
    expect(await flash(first)).toBe(
      'Incident created: <a href="https://app.incident.io/acme/incidents/102">INC-102</a>',
    );
    expect(await flash(second)).toBe(
      'Already declared by this form, nothing new opened: <a href="https://app.incident.io/acme/incidents/102">INC-102</a>',
    );
  });

  it("shows the form again with a message per field and the input kept", async () => {
    const { formToken, post, openIncidents } = setup();
    const response = await post({
      name: "  ",
      summary: "<b>kept</b>",
      severity: "",
      mode: "test",
      token: await formToken(),
    });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain("The incident was not declared: correct the fields marked below");
    expect(html).toMatch(/aria-invalid="true" aria-describedby="declare-name-error"/);
    expect(html).toContain("Give the incident a name");
    expect(html).toContain('<p class="field-error" id="declare-severity-error">Choose a severity.</p>');
    expect(html).toContain("&lt;b&gt;kept&lt;/b&gt;</textarea>");
    expect(html).toContain('value="test" checked=""');
    expect(openIncidents()).toEqual(["INC-101"]);
  });

  it("shows incident.io's refusal beside the form, keeping the input", async () => {
    const { data, formToken, post } = setup();
    data.refusal = new DeclareError("incident.io refused the incident", {
      name: "The name is already used by INC-101",
    });
    const response = await post({ ...valid, token: await formToken() });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('<div class="form-error" role="alert">incident.io refused the incident</div>');
    expect(html).toContain("The name is already used by INC-101");
    expect(html).toContain(`value="${valid.name}"`);
  });

  it("keeps the form's idempotency key when incident.io fails, so a retry opens one incident", async () => {
    const { data, formToken, post, openIncidents } = setup();
    const token = await formToken();
    data.refusal = new Error("503 Service Unavailable");
    const failed = await post({ ...valid, token });
    expect(failed.status).toBe(502);
    const html = await failed.text();
    expect(html).toContain("incident.io did not declare the incident: 503 Service Unavailable.");
    const retryToken = html.match(/name="token" value="([^"]+)"/)?.[1] ?? "";
    expect(retryToken.split(".")[0]).toBe(token.split(".")[0]);
    data.refusal = null;
    await post({ ...valid, token });
    await post({ ...valid, token: retryToken });
    expect(openIncidents()).toEqual(["INC-101", "INC-102"]);
  });
});

describe("cross-site request forgery", () => {
  it("refuses a post from another site or origin, declaring nothing", async () => {
    const { formToken, post, openIncidents } = setup();
    const token = await formToken();
    const crossSite = await post({ ...valid, token }, { "sec-fetch-site": "cross-site" });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.text()).toContain("Refused: the form was sent from another site");
    const otherOrigin = await post({ ...valid, token }, { origin: "https://evil.example" });
    expect(otherOrigin.status).toBe(403);
    expect(await otherOrigin.text()).toContain("Refused: the form was sent from another origin");
    expect(openIncidents()).toEqual(["INC-101"]);
  });

  it("refuses a missing or forged token, showing the form again with the input kept", async () => {
    const { formToken, post, openIncidents } = setup();
    const missing = await post({ ...valid });
    expect(missing.status).toBe(403);
    const html = await missing.text();
    expect(html).toContain("The form had expired or did not come from this page, so nothing was declared.");
    expect(html).toContain(`value="${valid.name}"`);
    const [nonce, issued] = (await formToken()).split(".");
    expect((await post({ ...valid, token: `${nonce}.${issued}.forged` })).status).toBe(403);
    const otherProcess = await webRoutes(demoWebData(now), { clock }).request(servicePath);
    const foreignToken = (await otherProcess.text()).match(/name="token" value="([^"]+)"/)?.[1] ?? "";
    expect((await post({ ...valid, token: foreignToken })).status).toBe(403);
    expect(openIncidents()).toEqual(["INC-101"]);
  });

  it("ignores a flash that was not sealed here", async () => {
    const { app } = setup();
    const forged = Buffer.from('{"reference":"INC-1","permalink":"https://evil.example"}').toString(
      "base64url",
    );
    const html = await (await app.request(`${servicePath}?declared=${forged}.xyz`)).text();
    expect(html).not.toContain("Incident created");
  });
});
