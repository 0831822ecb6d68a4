import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderFindings } from "./slack-blocks.js";
import { meetsMinSeverity, parseSlackConfig, SlackConfigSchema, slackSenderFor } from "./slack-config.js";
import { SlackConfigError } from "./slack-errors.js";
import { sampleReport } from "./testing/report-fixture.js";
import { type SlackSink, startSlackSink } from "./testing/slack-sink.js";

const WEBHOOK = "https://hooks.slack.com/services/T0/B0/webhookSecretValue";
const TOKEN = "xoxb-123-456-botSecretValue";

function issues(section: unknown): { path: string; message: string }[] {
  const parsed = SlackConfigSchema.safeParse(section);
  return parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

describe("the slack: section", () => {
  it("reads an incoming webhook's URL from the variable it names", () => {
    const config = parseSlackConfig(
      { webhook_url_env: "SLACK_URL", min_severity: "Major" },
      { SLACK_URL: WEBHOOK },
    );
    expect(config).toEqual({
      via: "webhook",
      webhookUrlEnv: "SLACK_URL",
      webhookUrl: WEBHOOK,
      minSeverity: "Major",
    });
  });

  it("reads a bot token from the variable it names, with the channel", () => {
    const config = parseSlackConfig({ bot_token_env: "SLACK_BOT", channel: "C0123" }, { SLACK_BOT: TOKEN });
    expect(config).toEqual({ via: "bot", botTokenEnv: "SLACK_BOT", botToken: TOKEN, channel: "C0123" });
  });

  it("points at the setting at fault", () => {
    expect(issues({})).toEqual([
      {
        path: "",
        message:
          "give webhook_url_env (an incoming webhook) or bot_token_env with channel (a bot token with chat:write)",
      },
    ]);
    expect(issues({ webhook_url_env: "A", bot_token_env: "B", channel: "C1" })[0]?.path).toBe(
      "bot_token_env",
    );
    expect(issues({ bot_token_env: "B" })[0]?.message).toBe(
      "a bot token needs a channel: add channel (its ID, e.g. C0123456789)",
    );
    expect(issues({ webhook_url_env: "A", channel: "C1" })[0]?.path).toBe("channel");
    expect(issues({ webhook_url_env: "https://hooks.slack.com/x" })[0]).toEqual({
      path: "webhook_url_env",
      message: "must be an environment variable name, e.g. SLACK_WEBHOOK_URL",
    });
    expect(issues({ webhook_url: WEBHOOK })[0]?.message).toMatch(/Unrecognized key/);
  });

  it("names the unset variable, and never shows a value that cannot work", () => {
    expect(() => parseSlackConfig({ webhook_url_env: "SLACK_URL" }, {})).toThrow(
      "slack.webhook_url_env: SLACK_URL is not set: set it to the incoming webhook's URL",
    );
    expect(() => parseSlackConfig({ bot_token_env: "SLACK_BOT", channel: "C1" }, { SLACK_BOT: " " })).toThrow(
      SlackConfigError,
    );
    const insecure = "http://hooks.slack.com/services/T0/B0/webhookSecretValue";
    let message = "";
    try {
      parseSlackConfig({ webhook_url_env: "SLACK_URL" }, { SLACK_URL: insecure });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      "slack.webhook_url_env: SLACK_URL: the incoming webhook URL must use https (plain http only to this machine)",
    );
    expect(message).not.toContain("webhookSecretValue");
  });
});

describe("slackSenderFor", () => {
  let sink: SlackSink;
  beforeAll(async () => {
    sink = await startSlackSink({ status: 200, body: { ok: true, channel: "C0123", ts: "1.1" } });
  });
  afterAll(() => sink.close());

  it("makes the sender the config describes", async () => {
    const config = parseSlackConfig({ bot_token_env: "SLACK_BOT", channel: "C0123" }, { SLACK_BOT: TOKEN });
    const sender = slackSenderFor(config, { apiBaseUrl: `${sink.url}/api` });
    expect(sender.target).toBe("chat.postMessage to C0123");
    expect(await sender.send(renderFindings(sampleReport()))).toMatchObject({ channel: "C0123", ts: "1.1" });
    expect(sink.requests[0]?.path).toBe("/api/chat.postMessage");
  });
});

describe("meetsMinSeverity", () => {
  const known = [
    { name: "Minor", rank: 1 },
    { name: "Major", rank: 2 },
    { name: "Critical", rank: 3 },
  ];

  it("posts incidents at or above the minimum, by rank, any case", () => {
    expect(meetsMinSeverity("major", { name: "Critical", rank: 3 }, known)).toEqual({ post: true });
    expect(meetsMinSeverity("Major", { name: "Major", rank: 2 }, known)).toEqual({ post: true });
    expect(meetsMinSeverity("Major", { name: "Minor", rank: 1 }, known)).toEqual({ post: false });
    expect(meetsMinSeverity("Major", null, known)).toEqual({ post: false });
    expect(meetsMinSeverity(undefined, null, known)).toEqual({ post: true });
  });

  it("posts anyway, with a warning, when the minimum names no severity of the organisation", () => {
    expect(meetsMinSeverity("Sev1", { name: "Minor", rank: 1 }, known)).toEqual({
      post: true,
      warning:
        'slack.min_severity "Sev1" is not a severity of this organisation (Minor, Major, Critical); posting anyway',
    });
  });
});
