/**
 * The `incidentkit` commands the README shows in its code blocks, as a reader would type them: `$ incidentkit …`
 * lines of console blocks (with the output shown under them) and `incidentkit …` lines of sh blocks (with an
 * `# exits N` comment when a non-zero exit is what the command is for). Lines ending in `\` continue.
 */
import { readFileSync } from "node:fs";

export interface ReadmeCommand {
  /** The line as written, continuation lines joined, without a trailing comment. */
  text: string;
  /** The arguments after `incidentkit`, as a shell splits them. */
  args: string[];
  /** The README section (its `## ` heading) it is in. */
  section: string;
  /** The exit code the README says it ends with: 0 unless its output is an error or a comment says otherwise. */
  exitCode: number | "nonzero";
  /** The first line of the output the README shows under it (console blocks), if any. */
  firstOutputLine?: string | undefined;
}

export const README = new URL("../../README.md", import.meta.url).pathname;

/** Every command of the README's sections named, in the order they appear. */
export function readmeCommands(sections: readonly string[], file = README): ReadmeCommand[] {
  const commands: ReadmeCommand[] = [];
  let section = "";
  let fence: string | undefined;
  const lines = joinContinuations(readFileSync(file, "utf8").split("\n"));
  lines.forEach((line, index) => {
    if (fence === undefined && line.startsWith("## ")) section = line.slice(3).trim();
    const opening = /^```(\w*)/.exec(line);
    if (opening) {
      fence = fence === undefined ? (opening[1] ?? "") : undefined;
      return;
    }
    if (fence === undefined || !sections.includes(section)) return;
    if (fence === "console" && line.startsWith("$ incidentkit ")) {
      const output = outputAfter(lines, index + 1);
      const first = output[0];
      const text = line.slice(2);
      commands.push({
        text,
        args: shellWords(text).slice(1),
        section,
        exitCode: first?.startsWith("error:") ? "nonzero" : 0,
        firstOutputLine: first,
      });
    } else if (fence === "sh" && line.startsWith("incidentkit ")) {
      const [command = "", comment = ""] = splitComment(line);
      const exits = /exits (\d+)/.exec(comment);
      commands.push({
        text: command.trim(),
        args: shellWords(command).slice(1),
        section,
        exitCode: exits ? Number(exits[1]) : 0,
      });
    }
  });
  return commands;
}

function joinContinuations(lines: readonly string[]): string[] {
  const joined: string[] = [];
  let pending = "";
  for (const line of lines) {
    if (line.endsWith("\\")) {
      pending += `${line.slice(0, -1).trimEnd()} `;
      continue;
    }
    joined.push(pending === "" ? line : `${pending}${line.trim()}`);
    pending = "";
  }
  return joined;
}

/** The lines under a console command, up to the next command or the end of the block. */
function outputAfter(lines: readonly string[], from: number): string[] {
  const output: string[] = [];
  for (let index = from; index < lines.length; index++) {
    const line = lines[index] as string;
    if (line.startsWith("$ ") || line.startsWith("```")) break;
    if (line.trim() !== "") output.push(line);
  }
  return output;
}

/** The command and its `# comment`, a `#` inside quotes not counting. */
function splitComment(line: string): [string, string] {
  let quote: string | undefined;
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === "#" && (index === 0 || line[index - 1] === " ")) {
      return [line.slice(0, index), line.slice(index + 1)];
    }
  }
  return [line, ""];
}

/** Words as a POSIX shell splits them: single quotes literal, double quotes with `\"`, backslash escapes. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = "";
  // A word has begun, even one that is empty so far (`""`).
  let begun = false;
  let quote: string | undefined;
  for (let index = 0; index < line.length; index++) {
    const char = line[index] as string;
    const next = line[index + 1] ?? "";
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else word += char;
    } else if (quote === '"') {
      if (char === '"') quote = undefined;
      else if (char === "\\" && /["\\$`]/.test(next)) word += line[++index];
      else word += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      begun = true;
    } else if (char === "\\") {
      word += line[++index] ?? "";
      begun = true;
    } else if (/\s/.test(char)) {
      if (begun) words.push(word);
      word = "";
      begun = false;
    } else {
      word += char;
      begun = true;
    }
  }
  if (quote !== undefined) throw new Error(`unclosed ${quote} in: ${line}`);
  if (begun) words.push(word);
  return words;
}
