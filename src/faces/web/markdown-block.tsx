import { raw } from "hono/html";
import { renderMarkdown } from "./markdown.js";

/** Outside Markdown (a summary, an update's message) as a block of the page, rendered safely (see markdown.ts). */
export function MarkdownBlock(props: { text: string; class?: string }) {
  return (
    <div class={props.class ? `markdown ${props.class}` : "markdown"}>{raw(renderMarkdown(props.text))}</div>
  );
}
