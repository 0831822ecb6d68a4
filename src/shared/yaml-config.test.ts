import { describe, expect, it } from "vitest";
import { z } from "zod";
import { durationSetting } from "./duration-setting.js";
import { LocatedError } from "./located-error.js";
import { loadYamlConfig } from "./yaml-config.js";

class ExampleError extends LocatedError {
  override readonly name = "ExampleError";
}

const Schema = z.strictObject({
  name: z.string().min(1, "must not be empty"),
  every: durationSetting({ max: { ms: 86_400_000, problem: "at most 1d" } }).optional(),
  auth: z
    .discriminatedUnion("mode", [
      z.strictObject({ mode: z.literal("none") }),
      z.strictObject({ mode: z.literal("proxy"), header: z.string() }),
    ])
    .optional(),
  sources: z.record(z.string(), z.strictObject({ token_env: z.string() })).default({}),
});

function errorOf(text: string): ExampleError {
  try {
    loadYamlConfig(text, "example.yaml", Schema, ExampleError);
  } catch (error) {
    if (error instanceof ExampleError) return error;
    throw error;
  }
  throw new Error("the file loaded");
}

describe("loadYamlConfig", () => {
  it("returns the checked value, durations in milliseconds", () => {
    const { value } = loadYamlConfig("name: hub\nevery: 2h\n", "example.yaml", Schema, ExampleError);
    expect(value).toEqual({ name: "hub", every: 7_200_000, sources: {} });
  });

  it("lists every problem of the file, in file order, each at file:line:column with its setting", () => {
    const error = errorOf("every: 2w\nsources:\n  prom: { token_env: 5 }\nname: ''\n");
    expect(error.message).toBe(
      [
        "example.yaml:1:1: every: at most 1d",
        'example.yaml:3:11: sources.prom.token_env: expected a string; put the value in quotes: "5"',
        "example.yaml:4:1: name: must not be empty",
      ].join("\n"),
    );
    expect([error.line, error.column, error.field, error.problem]).toEqual([1, 1, "every", "at most 1d"]);
    expect(error.problems).toHaveLength(3);
    expect(error.hint).toBe("correct example.yaml at each of these 3 places, then try again");
  });

  it("points at an unknown key itself and names the keys known there, through unions and records", () => {
    expect(errorOf("name: x\nsoruces: {}\n").message).toBe(
      "example.yaml:2:1: soruces: unknown key (known keys: name, every, auth, sources)",
    );
    expect(errorOf("name: x\nauth: { mode: proxy, header: X, heder: Y }\n").message).toBe(
      "example.yaml:2:33: auth.heder: unknown key (known keys: mode, header)",
    );
    expect(errorOf("name: x\nsources:\n  prom: { token_env: A, token: b }\n").problem).toBe(
      "unknown key (known keys: token_env)",
    );
  });

  it("reports YAML syntax first: every duplicate key, and a key that is a mapping once", () => {
    const error = errorOf("name: a\nname: b\nevery: 1h\nevery: 2h\n");
    expect(error.problems.map((p) => [p.line, p.problem])).toEqual([
      [2, "this key appears twice in the same mapping"],
      [4, "this key appears twice in the same mapping"],
    ]);
    expect(errorOf("name: x\n{{ title }}: y\n").message).toBe(
      "example.yaml:2:1: a key must be plain text, not a list or mapping",
    );
  });

  it("tells a duration it cannot read the one hint, and a missing setting that it is required", () => {
    expect(errorOf("name: x\nevery: hourly\n").problem).toBe(
      "expected a duration like 30s, 15m, 2h, 1d or 2w",
    );
    expect(errorOf("name: x\nevery: 30\n").problem).toBe("expected a duration like 30s, 15m, 2h, 1d or 2w");
    expect(errorOf("every: 1h\n").message).toBe("example.yaml:1:1: name: required");
  });
});
