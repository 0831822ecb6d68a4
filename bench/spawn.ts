import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";

export interface BenchServer {
  url: string;
  apiKey: string;
  /** A second key (read only), with its own rate-limit bucket. */
  readKey: string;
  incidentIds: string[];
  stop(): Promise<void>;
}

/** Starts bench/emulator-server.ts in a child process and waits for its ready line. */
export async function startEmulatorProcess(args: (string | number)[]): Promise<BenchServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", new URL("./emulator-server.ts", import.meta.url).pathname, ...args.map(String)],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  if (!child.stdout) throw new Error("emulator process has no stdout");
  const lines = createInterface({ input: child.stdout });
  const ready = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`emulator process exited with ${code}`)));
  });
  const info = JSON.parse(ready) as Omit<BenchServer, "stop">;
  return {
    ...info,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
