import { describe, expect, it } from "vitest";
import { compilePattern, PatternError } from "./pattern.js";

function problemOf(source: string): string {
  try {
    compilePattern(source);
  } catch (error) {
    if (error instanceof PatternError) return error.message;
    throw error;
  }
  throw new Error(`expected ${source} to be refused`);
}

describe("compilePattern: where it looks", () => {
  it("finds the pattern anywhere in the value, as rules files always have: ^ and $ anchor", () => {
    expect(compilePattern("payments").test("svc-payments-api")).toBe(true);
    expect(compilePattern("^payments").test("svc-payments-api")).toBe(false);
    expect(compilePattern("^payments-").test("payments-api")).toBe(true);
    expect(compilePattern("api$").test("payments-api\n")).toBe(false);
  });

  it("keeps the source as written", () => {
    expect(compilePattern("^payments-").source).toBe("^payments-");
  });
});

describe("compilePattern: Alertmanager's dialect (RE2, as Go's regexp)", () => {
  it.each([
    ["(?i)^PAYMENTS$", "payments", true],
    ["^payments$", "PAYMENTS", false],
    ["^\\pL+$", "zürich", true],
    ["^[[:alpha:]]+$", "abc", true],
    ["\\x{1F600}", "up 😀", true],
    ["^(?P<team>[a-z]+)-", "payments-api", true],
    ["^\\Qa.b\\E$", "a.b", true],
    ["^\\Qa.b\\E$", "axb", false],
    ["^api\\z", "api", true],
    ["(?s)^a.b$", "a\nb", true],
  ])("%s on %j is %s", (source, value, expected) => {
    expect(compilePattern(source).test(value)).toBe(expected);
  });

  // Where RE2 and a JavaScript RegExp disagree on the same text; Alertmanager's side is RE2's.
  it("lets . match everything but \\n (a RegExp's . also refuses \\r, U+2028 and U+2029)", () => {
    expect(compilePattern("^a.b$").test("a\nb")).toBe(false);
    expect(compilePattern("^a.b$").test("a\rb")).toBe(true);
    expect(compilePattern("^a.b$").test("a\u2028b")).toBe(true);
  });

  it("reads \\s as ASCII white space only (a RegExp's \\s also takes \\v and Unicode spaces)", () => {
    expect(compilePattern("\\s").test("a\tb")).toBe(true);
    expect(compilePattern("\\s").test("a\u00a0b")).toBe(false);
    expect(compilePattern("\\s").test("a\vb")).toBe(false);
  });

  it("reads the value as code points, so . is one emoji, and never throws on a lone surrogate", () => {
    expect(compilePattern("^.$").test("😀")).toBe(true);
    expect(compilePattern("^a+$").test("a\ud800")).toBe(false);
    expect(compilePattern("a").test("\udc00a")).toBe(true);
  });
});

describe("compilePattern: what it refuses", () => {
  it("gives RE2's own reason and names the dialect", () => {
    expect(problemOf("^(payments")).toBe(
      "invalid regular expression: missing closing ): `^(payments` (RE2 syntax, as Alertmanager's matchers)",
    );
    expect(problemOf("\\u00e9")).toBe(
      "invalid regular expression: invalid escape sequence: `\\u` (RE2 syntax, as Alertmanager's matchers)",
    );
    expect(problemOf("x{1001}")).toBe(
      "invalid regular expression: invalid repeat count: `{1001}` (RE2 syntax, as Alertmanager's matchers)",
    );
  });

  it.each([
    ["^payments(?=-api)", "invalid or unsupported Perl syntax: `(?=`"],
    ["^payments(?!-canary)", "invalid or unsupported Perl syntax: `(?!`"],
    ["(?<=team-)payments", "invalid named capture: `(?<=team-)payments`"],
    ["(?<!team-)payments", "invalid named capture: `(?<!team-)payments`"],
    ["^(a)\\1$", "invalid escape sequence: `\\1`"],
    ["^(?<n>a)\\k<n>$", "invalid escape sequence: `\\k`"],
  ])("says %s is lookaround or a backreference, which RE2 does not have", (source, detail) => {
    expect(problemOf(source)).toBe(
      `invalid regular expression: ${detail} (RE2 syntax, as Alertmanager's matchers: no lookaround or backreferences)`,
    );
  });

  it("reads an escaped parenthesis before ?= as the literal it is, not as a lookahead", () => {
    expect(compilePattern("\\(?=").test("=")).toBe(true);
    expect(compilePattern("[(?=]").test("?")).toBe(true);
  });
});
