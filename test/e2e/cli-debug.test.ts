/** `--debug` shows each request on stderr, and never the API key, whatever the command. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliWorld, expectKeyHidden, startCliWorld } from "./cli-harness.js";

let w: CliWorld;

beforeAll(async () => {
  w = await startCliWorld();
});

afterAll(async () => {
  await w.close();
});

describe("--debug", () => {
  it("prints each request on stderr but never the key, on every kind of command", async () => {
    const key = w.t.adminKey;
    const runs = await Promise.all([
      w.cli(["--debug", "verify"]),
      w.cli(["--debug", "severities", "list"]),
      w.cli(["--debug", "--json", "incidents", "list", "--severity-gte", "Major"]),
      w.cli(["--debug", "incidents", "show", "INC-404"]),
      w.cli([
        "--debug",
        "incidents",
        "declare",
        "--name",
        "Debugged",
        "--severity",
        "Minor",
        "--mode",
        "test",
      ]),
    ]);
    expect(runs.map((run) => run.code)).toEqual([0, 0, 0, 4, 0]);
    for (const run of runs)
      expect(run.stderr).toMatch(/^debug: GET http:\/\/127\.0\.0\.1:\d+\/v\d\/\S+ -> \d{3}/m);
    expect(runs[4]?.stderr).toMatch(/^debug: POST \S+\/v2\/incidents -> 200/m);
    expectKeyHidden(runs, key);

    const badKey = "inc_thiskeyisnotknown99999999999999";
    const bad = await w.cli(["--debug", "incidents", "list"], { env: { INCIDENT_IO_API_KEY: badKey } });
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/^debug: GET \S+ -> 401/m);
    expectKeyHidden([bad], badKey);
  });
});
