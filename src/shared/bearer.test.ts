import { Hono } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import { HTTPException } from "hono/http-exception";
import { describe, expect, it } from "vitest";
import { requireBearer, UNAUTHORIZED_HEADERS } from "./bearer.js";
import { BEARER_TOKEN_SYNTAX, bearerToken, oneOfTokens, tokensEqual } from "./bearer-token.js";

const TOKEN = "s3cret-token_0123456789";

/** An app behind the check, with an error handler that turns every error into a 500, as the hub's does. */
function guarded(accepts: (token: string) => boolean = (token) => tokensEqual(token, TOKEN)) {
  const app = new Hono();
  app.use(
    requireBearer({ accepts, refuse: (c) => c.json({ error: "no entry" }, 401, UNAUTHORIZED_HEADERS) }),
  );
  app.get("/", (c) => c.text("inside"));
  app.get("/teapot", () => {
    throw new HTTPException(418, { message: "short and stout" });
  });
  app.onError((error, c) => c.json({ error: `handled: ${error.message}` }, 500));
  return app;
}

const get = (app: Hono, authorization?: string, path = "/") =>
  app.request(path, authorization === undefined ? {} : { headers: { authorization } });

describe("requireBearer", () => {
  it("lets the right token in, the scheme in any case", async () => {
    for (const header of [`Bearer ${TOKEN}`, `bearer ${TOKEN}`, `BEARER  ${TOKEN}`]) {
      const response = await get(guarded(), header);
      expect(response.status, header).toBe(200);
      expect(await response.text()).toBe("inside");
    }
  });

  it("answers every refusal with the 401 given, past an error handler that would make it a 500", async () => {
    const refused = [
      undefined,
      "",
      TOKEN,
      `Basic ${TOKEN}`,
      "Bearer ",
      "Bearer wrong-token-0123456789",
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN} trailing`,
      `Bearer ${TOKEN.slice(1)}`,
    ];
    for (const header of refused) {
      const response = await get(guarded(), header);
      expect(response.status, String(header)).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe('Bearer realm="incidentkit"');
      expect(await response.json()).toEqual({ error: "no entry" });
    }
  });

  it("leaves the errors after it to the app's error handler", async () => {
    const response = await get(guarded(), `Bearer ${TOKEN}`, "/teapot");
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: "handled: short and stout" });
  });

  it("asks `accepts` only about well-formed tokens", async () => {
    const asked: string[] = [];
    const app = guarded((token) => {
      asked.push(token);
      return false;
    });
    await get(app, "Bearer a!b");
    await get(app, "Bearer abc.DEF~ghi+/-_==");
    expect(asked).toEqual(["abc.DEF~ghi+/-_=="]);
  });
});

describe("bearer tokens", () => {
  it("compare equal only when identical", () => {
    expect(tokensEqual(TOKEN, TOKEN)).toBe(true);
    expect(tokensEqual(TOKEN, `${TOKEN}0`)).toBe(false);
    expect(tokensEqual(TOKEN.toUpperCase(), TOKEN)).toBe(false);
    expect(tokensEqual("", TOKEN)).toBe(false);
  });

  it("match a list when any one matches, holes skipped", () => {
    expect(oneOfTokens(TOKEN, [undefined, "other-token-0123456789", TOKEN])).toBe(true);
    expect(oneOfTokens(TOKEN, [undefined, "other-token-0123456789"])).toBe(false);
    expect(oneOfTokens(TOKEN, [])).toBe(false);
  });

  it("are read from a header as hono's bearerAuth reads them", async () => {
    const headers = [
      `Bearer ${TOKEN}`,
      `bearer ${TOKEN}`,
      `BEARER  ${TOKEN}`,
      `Bearer \t${TOKEN}`,
      `Bearer ${TOKEN} `,
      `Bearer ${TOKEN} trailing`,
      `Bearer${TOKEN}`,
      `Basic ${TOKEN}`,
      "Bearer a!b",
      "Bearer ",
      "Bearer",
      "",
      TOKEN,
    ];
    for (const header of headers) {
      let read: string | undefined;
      const app = new Hono();
      app.use(
        bearerAuth({
          verifyToken: (token) => {
            read = token;
            return true;
          },
        }),
      );
      app.get("/", (c) => c.text("inside"));
      await app.request("/", { headers: { authorization: header } });
      expect(bearerToken(header), JSON.stringify(header)).toBe(read);
    }
    expect(bearerToken(undefined)).toBeUndefined();
  });

  it("are the token68 hono's bearerAuth takes", () => {
    for (const token of ["abc0123456789def", "a.b_c~d+e/f-g==", "demo_x-Y_z"])
      expect(BEARER_TOKEN_SYNTAX.test(token)).toBe(true);
    for (const token of ["has space", "bang!", "=leading", "mid=dle", 'quote"', "uni€"])
      expect(BEARER_TOKEN_SYNTAX.test(token)).toBe(false);
  });
});
