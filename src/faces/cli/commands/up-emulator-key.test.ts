import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../../api/errors.js";
import { emulatorKeyFile, keepEmulatorKey, keptEmulatorKey } from "./up-emulator-key.js";

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "incidentkit-key-"));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("the local emulator's kept admin key", () => {
  it("is kept for its owner only, and read back", () => {
    expect(keptEmulatorKey(dir)).toBeUndefined();
    keepEmulatorKey(dir, `inc_${"a".repeat(64)}`);
    expect(keptEmulatorKey(dir)).toBe(`inc_${"a".repeat(64)}`);
    expect(statSync(emulatorKeyFile(dir)).mode & 0o777).toBe(0o600);
  });

  it("in a file that is not one, is a configuration problem naming the file, never its content", () => {
    writeFileSync(emulatorKeyFile(dir), '{"api_key": "short"}');
    expect(() => keptEmulatorKey(dir)).toThrow(ConfigError);
    expect(() => keptEmulatorKey(dir)).toThrow(emulatorKeyFile(dir));
    expect(() => keptEmulatorKey(dir)).not.toThrow(/short/);
  });
});
