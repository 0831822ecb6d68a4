import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../../api/errors.js";
import { checkHubPaths } from "./up-paths.js";

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "incidentkit-paths-"));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const field = "Affected services";

describe("the folders a hub config names", () => {
  it("pass when they exist, or are not named", () => {
    mkdirSync(join(dir, "catalog"));
    mkdirSync(join(dir, "scorecards"));
    const file = join(dir, "hub.yaml");
    expect(() =>
      checkHubPaths({
        file,
        catalog: { dir: join(dir, "catalog"), field },
        scorecards: join(dir, "scorecards"),
      }),
    ).not.toThrow();
    expect(() => checkHubPaths({ file })).not.toThrow();
  });

  it("stop the hub naming each setting missing and how to get it, never a --dir up does not have", () => {
    const file = join(dir, "hub.yaml");
    const check = () =>
      checkHubPaths({
        file,
        catalog: { dir: join(dir, "catalog"), field },
        scorecards: join(dir, "scorecards"),
      });
    expect(check).toThrow(ConfigError);
    expect(check).toThrow(`${file} names catalog.dir (${join(dir, "catalog")}) and scorecards`);
    try {
      check();
    } catch (error) {
      expect((error as ConfigError).hint).toContain("incidentkit init <dir>");
      expect((error as ConfigError).hint).not.toContain("--dir");
    }
    mkdirSync(join(dir, "catalog"));
    expect(check).toThrow(`${file} names scorecards (${join(dir, "scorecards")}), which does not exist`);
  });
});
