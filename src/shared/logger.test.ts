import { describe, expect, it } from "vitest";
import { prettyLine } from "./log-pretty.js";
import { createLogger, type LoggerOptions } from "./logger.js";

/** A logger writing into an array, one string per line. */
function capture(options: Omit<LoggerOptions, "name" | "destination"> = {}) {
  const lines: string[] = [];
  const log = createLogger({ name: "hub", ...options, destination: { write: (line) => lines.push(line) } });
  return { log, lines };
}

describe("createLogger", () => {
  it("writes one JSON object per line, with the level's name, an ISO time and the logger's name", () => {
    const { log, lines } = capture();
    log.error({ job: "outbox", alert_id: "01HALERT" }, "incident.io answered 503");
    log.info("the hub takes alerts");
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line.endsWith("}\n") && !line.slice(0, -1).includes("\n")).toBe(true);
    const first = JSON.parse(lines[0] ?? "");
    expect(first).toMatchObject({
      level: "error",
      name: "hub",
      msg: "incident.io answered 503",
      job: "outbox",
      alert_id: "01HALERT",
    });
    expect(new Date(first.time).toISOString()).toBe(first.time);
  });

  it("writes nothing below its level, and nothing at all when silent", () => {
    const quiet = capture({ level: "warn" });
    quiet.log.info("not shown");
    quiet.log.debug("not shown");
    quiet.log.warn("shown");
    expect(quiet.lines.map((line) => JSON.parse(line).msg)).toEqual(["shown"]);
    const silent = capture({ level: "silent" });
    silent.log.fatal("never");
    expect(silent.lines).toEqual([]);
  });

  it("redacts secrets by field name: a token in an error, an Authorization header, cookies, API keys", () => {
    const { log, lines } = capture();
    const error = Object.assign(new Error("the hub refused the token"), {
      token: "tok_0123456789abcdef",
      request: { headers: { authorization: "Bearer inc_0123456789abcdef", "set-cookie": "session=abc" } },
    });
    log.error(
      {
        err: error,
        headers: { Authorization: "Bearer admin-0123456789", cookie: "incidentkit_session=xyz" },
        config: {
          apiKey: "inc_live_key_0123",
          webhookSecret: "whsec_c2VjcmV0",
          client_secret: "oidc-secret",
        },
      },
      "refused",
    );
    const line = lines[0] ?? "";
    for (const secret of [
      "tok_0123456789abcdef",
      "inc_0123456789abcdef",
      "session=abc",
      "admin-0123456789",
      "incidentkit_session=xyz",
      "inc_live_key_0123",
      "whsec_c2VjcmV0",
      "oidc-secret",
    ]) {
      expect(line).not.toContain(secret);
    }
    const entry = JSON.parse(line);
    expect(entry.err).toMatchObject({
      message: "the hub refused the token",
      token: "[redacted]",
      request: { headers: { authorization: "[redacted]", "set-cookie": "[redacted]" } },
    });
    expect(entry.headers).toEqual({ Authorization: "[redacted]", cookie: "[redacted]" });
    expect(entry.config).toEqual({
      apiKey: "[redacted]",
      webhookSecret: "[redacted]",
      client_secret: "[redacted]",
    });
  });

  it("writes a line a person reads when pretty, redacted the same way", () => {
    const { log, lines } = capture({ pretty: true });
    log.error(
      { job: "outbox", alert_id: "01HALERT", headers: { authorization: "Bearer abc" } },
      "delivery failed",
    );
    log.warn({ source: "prometheus", reason: "not JSON" }, "refused a request");
    log.info("note: the lock was taken over");
    expect(lines).toEqual([
      'hub: error: delivery failed (job=outbox, alert_id=01HALERT, headers={"authorization":"[redacted]"})\n',
      'hub: warning: refused a request (source=prometheus, reason="not JSON")\n',
      "hub: note: the lock was taken over\n",
    ]);
  });
});

describe("prettyLine", () => {
  const line = JSON.stringify({
    level: "error",
    name: "hub",
    msg: "boom",
    err: { stack: "Error: boom\n    at x" },
  });

  it("adds the error's stack beneath the line only when asked (at debug)", () => {
    expect(prettyLine(`${line}\n`, { stacks: false })).toBe("hub: error: boom\n");
    expect(prettyLine(`${line}\n`, { stacks: true })).toBe(
      "hub: error: boom\n    Error: boom\n        at x\n",
    );
  });

  it("passes a line that is not JSON through as it came", () => {
    expect(prettyLine("plain\n", { stacks: false })).toBe("plain\n");
  });
});
