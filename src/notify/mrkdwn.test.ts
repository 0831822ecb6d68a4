import { describe, expect, it } from "vitest";
import { escapeMrkdwn, fitLines, mrkdwnLink, truncateEscaped } from "./mrkdwn.js";

describe("mrkdwn", () => {
  it("escapes &, < and > as Slack asks, and nothing else", () => {
    expect(escapeMrkdwn("a & b <!channel> > *c*")).toBe("a &amp; b &lt;!channel&gt; &gt; *c*");
  });

  it("links only http(s) URLs; any other scheme leaves the label as text", () => {
    expect(mrkdwnLink("https://x.example/a?b=1&c=2", "see")).toBe("<https://x.example/a?b=1&amp;c=2|see>");
    expect(mrkdwnLink("javascript:alert(1)", "see")).toBe("see");
    expect(mrkdwnLink("slack://open", "<!here>")).toBe("&lt;!here&gt;");
    expect(mrkdwnLink("not a url", "see")).toBe("see");
    expect(mrkdwnLink(null, "see")).toBe("see");
  });

  it("keeps a URL's | from ending the link and a label's | from splitting it", () => {
    expect(mrkdwnLink("https://x.example/a|b", "one|two")).toBe("<https://x.example/a%7Cb|one¦two>");
  });

  it("cuts escaped text at the limit without splitting an escape or a surrogate pair", () => {
    const cut = truncateEscaped("ab&😀😀😀😀", 12, (n) => `+${n}`);
    expect(cut.length).toBeLessThanOrEqual(12);
    expect(cut).toMatch(/^ab&amp;(😀)*…\+\d$/);
    expect(truncateEscaped("short & sweet", 100)).toBe("short &amp; sweet");
  });

  it("cuts a single over-long line inside its limit without breaking a link", () => {
    const line = `${"x".repeat(20)}<https://x.example/long|label>${"y".repeat(20)}`;
    const out = fitLines([line], 40, (n) => `(${n} left)`);
    expect(out.length).toBeLessThanOrEqual(40);
    expect(out).toBe(`${"x".repeat(20)}…\n(1 left)`);
  });
});
