import { fitLines, truncateEscaped, truncatePlain } from "./mrkdwn.js";

/** The Block Kit limits a message must keep, as Slack documents them. */
export const SLACK_LIMITS = {
  /** Blocks in one message. */
  blocks: 50,
  /** A section's text. */
  sectionText: 3_000,
  /** A header's plain_text. */
  headerText: 150,
  /** Elements in one context block. */
  contextElements: 10,
  /** The notification text beside the blocks; Slack truncates past 40,000, we stay well inside. */
  fallbackText: 3_000,
} as const;

export interface PlainText {
  type: "plain_text";
  text: string;
  emoji?: boolean;
}

export interface Mrkdwn {
  type: "mrkdwn";
  text: string;
}

export type Block =
  | { type: "header"; text: PlainText }
  | { type: "section"; text: Mrkdwn }
  | { type: "context"; elements: Mrkdwn[] }
  | { type: "divider" };

/** What Slack receives: `text` is what notifications and screen readers show, `blocks` the message itself. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

export function header(text: string): Block {
  return {
    type: "header",
    text: { type: "plain_text", text: truncatePlain(text, SLACK_LIMITS.headerText), emoji: true },
  };
}

/** A section of safe mrkdwn lines, cut to Slack's limit with a note saying how many lines were left out. */
export function section(lines: readonly string[], leftOut = lineNote): Block {
  return {
    type: "section",
    text: { type: "mrkdwn", text: fitLines(lines, SLACK_LIMITS.sectionText, leftOut) },
  };
}

/** A section of one paragraph of incident text, escaped here, cut to Slack's limit with a note. */
export function paragraph(title: string, text: string): Block {
  const heading = `*${title}*\n`;
  const body = truncateEscaped(
    text,
    SLACK_LIMITS.sectionText - heading.length,
    (n) => ` _(${n.toLocaleString("en-US")} more characters left out)_`,
  );
  return { type: "section", text: { type: "mrkdwn", text: `${heading}${body}` } };
}

/** A context block of safe mrkdwn elements (at most Slack's 10). */
export function context(elements: readonly string[]): Block {
  return {
    type: "context",
    elements: elements
      .slice(0, SLACK_LIMITS.contextElements)
      .map((text) => ({ type: "mrkdwn", text: fitLines([text], SLACK_LIMITS.sectionText, lineNote) })),
  };
}

export const divider: Block = { type: "divider" };

function lineNote(count: number): string {
  return `_…and ${count} more line${count === 1 ? "" : "s"} left out_`;
}

/**
 * The blocks, at most Slack's 50: when there are more, the last ones kept are followed by a note of how many
 * were left out, and `footer` (the message's last block) is always kept.
 */
export function fitBlocks(blocks: readonly Block[], footer: Block): Block[] {
  if (blocks.length + 1 <= SLACK_LIMITS.blocks) return [...blocks, footer];
  const room = SLACK_LIMITS.blocks - 2;
  const leftOut = blocks.length - room;
  const note = context([`_…${leftOut} more blocks left out: Slack shows at most ${SLACK_LIMITS.blocks}_`]);
  return [...blocks.slice(0, room), note, footer];
}
