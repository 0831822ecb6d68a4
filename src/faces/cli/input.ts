import { createInterface } from "node:readline";
import { Writable } from "node:stream";

/** Whether a person is at the keyboard: only then may a command ask a question. */
export function stdinIsTerminal(): boolean {
  return process.stdin.isTTY === true;
}

/** Everything piped to stdin, as text. */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString("utf8");
}

/** Asks on the terminal without echoing what is typed (for secrets). Call only when `stdinIsTerminal()`. */
export function promptHidden(question: string): Promise<string> {
  process.stderr.write(question);
  const silent = new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });
  const reader = createInterface({ input: process.stdin, output: silent, terminal: true });
  return new Promise((resolve) => {
    reader.question("", (answer) => {
      reader.close();
      process.stderr.write("\n");
      resolve(answer);
    });
  });
}
