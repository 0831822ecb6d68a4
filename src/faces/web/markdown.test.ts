import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isWebLink, MAX_MARKDOWN_CHARS, renderMarkdown } from "./markdown.js";

/** The elements the renderer may produce: Markdown's, and nothing that loads, runs or frames anything. */
const ELEMENTS = new Set([
  "p",
  "br",
  "strong",
  "em",
  "s",
  "a",
  "code",
  "pre",
  "ul",
  "ol",
  "li",
  "blockquote",
  "hr",
  "h3",
  "h4",
  "h5",
  "h6",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
]);
const ATTRIBUTES = new Set(["href", "rel", "class", "title", "start"]);
const REL = "noopener noreferrer nofollow";

/** Every tag in the HTML, with its attributes. The renderer escapes `<` in text, so every `<` starts a tag. */
function tags(html: string): Array<{ name: string; attributes: Record<string, string> }> {
  return [...html.matchAll(/<\/?([a-zA-Z0-9]+)([^>]*)>/g)].map((match) => ({
    name: (match[1] ?? "").toLowerCase(),
    attributes: Object.fromEntries(
      [...(match[2] ?? "").matchAll(/([^\s=]+)(?:="([^"]*)")?/g)].map((a) => [a[1] ?? "", a[2] ?? ""]),
    ),
  }));
}

/** Fails the test with the offending tag when the HTML holds anything but inert Markdown output. */
function expectInert(html: string): void {
  for (const tag of tags(html)) {
    expect(ELEMENTS, `<${tag.name}> in ${html}`).toContain(tag.name);
    for (const [name, value] of Object.entries(tag.attributes)) {
      expect(ATTRIBUTES, `${name}= on <${tag.name}> in ${html}`).toContain(name);
      if (name === "href") expect(value, html).toMatch(/^https?:\/\//);
      if (name === "class")
        expect(value, html).toMatch(/^(md-image|align-(left|right|center)|language-[^"]*)$/);
    }
    if (tag.name === "a" && !html.includes(`</${tag.name}`)) throw new Error(`unclosed link in ${html}`);
    if (tag.name === "a" && tag.attributes.href !== undefined) expect(tag.attributes.rel).toBe(REL);
  }
}

const links = (html: string) => tags(html).filter((tag) => tag.name === "a" && tag.attributes.href);

describe("renderMarkdown, with Markdown as responders write it", () => {
  it("renders emphasis, lists, links, rules and line breaks", () => {
    const html = renderMarkdown(
      "**Payments API** returns 5xx since 14:02.\nCard declines above 30%.\n\n- rolled back [v42](https://ci.example.com/runs/42)\n- watching _p99_\n\n---\n1. first\n2. second",
    );
    expect(html).toContain("<strong>Payments API</strong> returns 5xx since 14:02.<br>\nCard declines");
    expect(html).toContain(`<a href="https://ci.example.com/runs/42" rel="${REL}">v42</a>`);
    expect(html).toContain("<em>p99</em>");
    expect(html).toContain("<hr>");
    expect(html).toContain("<ol>\n<li>first</li>");
    expectInert(html);
  });

  it("puts a summary's headings under the page's own: # becomes h3, and none goes past h6", () => {
    const html = renderMarkdown("# Impact\n\n## Timeline\n\n##### Deep\n\n###### Deeper");
    expect(html).toContain("<h3>Impact</h3>");
    expect(html).toContain("<h4>Timeline</h4>");
    expect(html).toContain("<h6>Deep</h6>");
    expect(html).toContain("<h6>Deeper</h6>");
    expect(html).not.toMatch(/<h[12]>/);
  });

  it("links bare http(s) addresses, but not bare domains or e-mail addresses", () => {
    const html = renderMarkdown("see https://status.example.com/x, payments.internal and oncall@example.com");
    expect(links(html).map((tag) => tag.attributes.href)).toEqual(["https://status.example.com/x"]);
    expect(html).toContain("payments.internal and oncall@example.com");
  });

  it("aligns table columns with classes, never inline style (the page's policy forbids it)", () => {
    const html = renderMarkdown("| service | errors |\n|:--|--:|\n| payments | 31% |");
    expect(html).toContain('<th class="align-left">service</th>');
    expect(html).toContain('<td class="align-right">31%</td>');
    expect(html).not.toContain("style=");
    expectInert(html);
  });
});

describe("renderMarkdown, with hostile Markdown", () => {
  const hostile: Array<[string, string]> = [
    ["a javascript: link", "[click](javascript:alert(document.cookie))"],
    ["a javascript: link in mixed case with spaces", "[click]( JaVaScRiPt:alert(1) )"],
    ["a javascript: link written with an entity", "[click](jav&#x61;script:alert(1))"],
    ["a javascript: link split by a tab entity", "[click](java&#9;script:alert(1))"],
    ["a vbscript: link", "[click](vbscript:msgbox(1))"],
    ["a data: link", "[open](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"],
    ["a file: link", "[passwd](file:///etc/passwd)"],
    ["a protocol-relative link", "[login](//evil.example/login)"],
    ["a relative link into the hub", "[sign out](/sign-out)"],
    ["a javascript: reference definition", "[click][x]\n\n[x]: javascript:alert(1)"],
    ["a javascript: autolink", "<javascript:alert(1)>"],
    ["a data: autolink", "<data:text/html,<script>alert(1)</script>>"],
    ["a bare javascript: address", "javascript:alert(1)"],
    ["raw <script>", "<script>alert(1)</script>"],
    ["raw <script> inside a paragraph", "Status: <script src=https://evil.example/x.js></script> ok"],
    ["<img onerror>", '<img src=x onerror="alert(1)">'],
    ["<svg onload>", "<svg onload=alert(1)>"],
    ["an <iframe>", '<iframe src="https://evil.example"></iframe>'],
    ["a <style> block", "<style>body{display:none}</style>"],
    ["an HTML comment", "<!-- <script>alert(1)</script> -->"],
    ["a <a href=javascript:> tag", '<a href="javascript:alert(1)">x</a>'],
    ["a data: image", "![pixel](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)"],
    ["a javascript: image", "![x](javascript:alert(1))"],
    ["an attribute breaking out of a link", '[x](https://ok.example/"onmouseover="alert(1))'],
    ["an attribute breaking out of a title", '[x](https://ok.example/ "a" onmouseover="alert(1)")'],
    ["an attribute breaking out of a code block's language", '```js" onmouseover="alert(1)\ncode\n```'],
  ];

  it.each(hostile)("renders %s inert", (_name, markdown) => {
    const html = renderMarkdown(markdown);
    expectInert(html);
    expect(html).not.toMatch(/<(script|img|iframe|svg|style|object|embed)\b/i);
    // Event handlers and the like may show as text, never as an attribute of a tag.
    expect(
      tags(html).flatMap((tag) => Object.keys(tag.attributes).filter((name) => /^on/i.test(name))),
    ).toEqual([]);
  });

  it("shows what it did not render, as text", () => {
    expect(renderMarkdown("[click](javascript:alert(1))")).toBe("<p>[click](javascript:alert(1))</p>\n");
    expect(renderMarkdown("<script>alert(1)</script>")).toBe(
      "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n",
    );
    expect(renderMarkdown('<img src=x onerror="alert(1)">')).toBe(
      "<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>\n",
    );
    expect(renderMarkdown("<javascript:alert(1)>")).toBe("<p>&lt;javascript:alert(1)&gt;</p>\n");
  });

  it("keeps an https autolink, with the rel every link gets", () => {
    expect(renderMarkdown("<https://status.example.com>")).toBe(
      `<p><a href="https://status.example.com" rel="${REL}">https://status.example.com</a></p>\n`,
    );
  });

  it("loads no image: an http(s) image becomes a link to it, labelled with its alt text", () => {
    const html = renderMarkdown("![error graph](https://grafana.example.com/render/1.png)");
    expect(html).toBe(
      `<p><a href="https://grafana.example.com/render/1.png" rel="${REL}" class="md-image">error graph (image)</a></p>\n`,
    );
    expect(renderMarkdown("![](https://x.example/p.gif)")).toContain(">image (image)</a>");
    expect(renderMarkdown("![<img src=x onerror=alert(1)>](https://x.example/p.gif)")).not.toContain("<img");
  });

  it("stays inert for any mix of hostile and ordinary fragments", () => {
    const fragments = [
      ...hostile.map(([, markdown]) => markdown),
      "**bold**",
      "_em_",
      "[ok](https://ok.example/a)",
      "<https://ok.example>",
      "https://ok.example/b",
      "![alt](https://ok.example/i.png)",
      "# heading",
      "- item",
      "> quote",
      "| a | b |\n|:-|-:|\n| 1 | 2 |",
      "`code`",
      "```\nfenced\n```",
      "\n",
      "\n\n",
      "[",
      "]",
      "(",
      ")",
      "<",
      ">",
      '"',
      "&",
      "!",
      ":",
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 12 }), (parts) => {
        expectInert(renderMarkdown(parts.join("")));
      }),
      { numRuns: 500 },
    );
  });

  it("cuts text past its limit, and says so", () => {
    const html = renderMarkdown(`${"a".repeat(MAX_MARKDOWN_CHARS)}<script>`);
    expect(html).toContain(`(cut at ${MAX_MARKDOWN_CHARS.toLocaleString("en")} characters)`);
    expect(html).not.toContain("script");
  });
});

describe("isWebLink", () => {
  it("takes absolute http(s) addresses only", () => {
    expect(isWebLink("https://example.com/a")).toBe(true);
    expect(isWebLink("HTTP://example.com")).toBe(true);
    for (const url of [
      "javascript:alert(1)",
      "data:text/html,x",
      "//example.com",
      "/incidents",
      "https:example.com",
      "mailto:a@b.c",
      "",
      "not a url",
    ]) {
      expect(isWebLink(url), url).toBe(false);
    }
  });
});
