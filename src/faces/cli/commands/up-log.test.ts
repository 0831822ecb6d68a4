import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../api/index.js";
import { processLogger } from "./up-log.js";

describe("processLogger", () => {
  it("logs at LOG_LEVEL, in any case, and at info without it", () => {
    expect(processLogger({}, false).level).toBe("info");
    expect(processLogger({ LOG_LEVEL: "" }, false).level).toBe("info");
    expect(processLogger({ LOG_LEVEL: " Debug " }, false).level).toBe("debug");
    expect(processLogger({ LOG_LEVEL: "silent" }, true).level).toBe("silent");
  });

  it("refuses a level that is not one, naming LOG_LEVEL and the levels", () => {
    let thrown: unknown;
    try {
      processLogger({ LOG_LEVEL: "verbose" }, false);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect(thrown).toMatchObject({
      setting: "LOG_LEVEL",
      message: 'LOG_LEVEL is "verbose", which is not a log level',
    });
    expect((thrown as ConfigError).hint).toContain("fatal, error, warn, info, debug, trace, silent");
  });
});
