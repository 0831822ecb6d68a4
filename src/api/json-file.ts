import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { ConfigError } from "./errors.js";
import { redact } from "./redact.js";

/**
 * A JSON settings file's parsed content, or undefined when the file does not exist. Every other problem is a
 * `ConfigError` naming the file. The message never quotes the file's text: it may hold API keys.
 */
export function readJsonFile(path: string, setting = "configFile"): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    throw new ConfigError(
      setting,
      `cannot read ${path} (${code ?? "unknown error"})`,
      "check the file's permissions, or point INCIDENTKIT_CONFIG at another file",
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(
      setting,
      `${path} is not valid JSON: ${describeJsonError(text, (error as Error).message)}`,
      `fix the JSON in ${path}, or remove the file`,
    );
  }
}

/**
 * What JSON.parse objected to and where, without the excerpt of the text V8 puts in some messages
 * (`Unexpected token 'x', ..."apiKey": xyz"... is not valid JSON`), since that excerpt can be key material.
 */
export function describeJsonError(text: string, message: string): string {
  const excerpted = /^(.*?'.+?'), .* is not valid JSON$/s.exec(message);
  const withoutExcerpt = excerpted
    ? (excerpted[1] as string)
    : message.replace(/,? .* is not valid JSON$/s, "");
  const at = / at position (\d+).*$/s.exec(withoutExcerpt);
  const what = (at ? withoutExcerpt.slice(0, at.index) : withoutExcerpt).replace(/ in JSON$/, "");
  const position = at ? Number(at[1]) : undefined;
  const where = position === undefined ? "" : ` at ${lineAndColumn(text, position)}`;
  return redact(`${what}${where}`);
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split("\n").length;
  const column = position - before.lastIndexOf("\n");
  return `line ${line}, column ${column}`;
}

/**
 * Replaces the file in one step (a temporary file in the same directory, then a rename), so a crash or a full
 * disk never leaves it half-written. The file is readable by its owner only; the directory is created if needed.
 */
export function writeJsonFileAtomically(path: string, value: unknown, setting = "configFile"): void {
  const directory = dirname(path);
  const temporary = join(directory, `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600, flush: true });
    chmodSync(temporary, 0o600);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(
      setting,
      `cannot write ${path} (${code ?? (error as Error).message})`,
      "check that the directory is writable, or point INCIDENTKIT_CONFIG at another file",
    );
  }
}
