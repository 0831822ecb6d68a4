import { describe, expect, it } from "vitest";
import { redactSlack } from "./redact.js";

describe("redactSlack", () => {
  it("removes webhook URLs and Slack tokens it was not told about", () => {
    const text =
      "posting to https://hooks.slack.com/services/T0/B0/abcDEF123 with xoxb-1-2-abc and xapp-1-A0-xyz failed";
    expect(redactSlack(text)).toBe(
      "posting to https://hooks.slack.com/[redacted] with [redacted] and [redacted] failed",
    );
  });

  it("removes a known webhook URL in any form it may be echoed in: whole, by its path, percent-encoded", () => {
    const url = "http://127.0.0.1:9/services/T0/B0/s3cret";
    const text = `a ${url} b /services/T0/B0/s3cret c ${encodeURIComponent(url)}`;
    const out = redactSlack(text, [url]);
    expect(out).not.toContain("s3cret");
    expect(out).toBe("a [redacted] b [redacted] c [redacted]");
  });
});
