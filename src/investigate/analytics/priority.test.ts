import { describe, expect, it } from "vitest";
import { defaultPriorities, parsePriorityConfig, priorityOf } from "./priority.js";

describe("defaultPriorities", () => {
  it("goes by name when every severity is Critical, Major, Minor or Low", () => {
    const mapping = defaultPriorities([
      { name: "Minor", rank: 1 },
      { name: "Major", rank: 2 },
    ]);
    expect(mapping).toEqual({
      source: "by-name",
      entries: [
        { severity: "Major", priority: "P1" },
        { severity: "Minor", priority: "P2" },
      ],
    });
  });

  it("goes by rank otherwise, the most severe P0", () => {
    const mapping = defaultPriorities([
      { name: "SEV3", rank: 1 },
      { name: "SEV1", rank: 30 },
      { name: "SEV2", rank: 20 },
      { name: "Critical", rank: 40 },
    ]);
    expect(mapping.source).toBe("by-rank");
    expect(["Critical", "SEV1", "SEV2", "SEV3"].map((name) => priorityOf(mapping, name))).toEqual([
      "P0",
      "P1",
      "P2",
      "P3",
    ]);
  });
});

describe("parsePriorityConfig", () => {
  it("reads a map as YAML or JSON gives it, and the flag's Severity=Priority list", () => {
    const fromYaml = parsePriorityConfig({ Critical: "P0", Major: "p1", Minor: 2 });
    const fromFlag = parsePriorityConfig(" Critical=P0, Major = P1,Minor=2 ");
    for (const mapping of [fromYaml, fromFlag]) {
      expect(mapping.source).toBe("configured");
      expect(mapping.entries).toEqual([
        { severity: "Critical", priority: "P0" },
        { severity: "Major", priority: "P1" },
        { severity: "Minor", priority: "P2" },
      ]);
    }
    expect(priorityOf(fromFlag, "critical")).toBe("P0");
    expect(priorityOf(fromFlag, "Low")).toBeNull();
  });

  it("names what is wrong", () => {
    expect(() => parsePriorityConfig("Critical")).toThrow(/"Critical" is not Severity=Priority/);
    expect(() => parsePriorityConfig({ Critical: "urgent" })).toThrow(
      /priority of "Critical" must be P0 to P9/,
    );
    expect(() => parsePriorityConfig("Major=P1,major=P2")).toThrow(/names "major" twice/);
    expect(() => parsePriorityConfig({})).toThrow(/names no severity/);
    expect(() => parsePriorityConfig(["P0"])).toThrow(/must map severity names/);
  });
});
