import { describe, expect, it } from "vitest";
import { compileTemplate, TemplateError } from "./template.js";
import { alert } from "./testing.js";

describe("templates", () => {
  it("fills every alert field and any label", () => {
    const template = compileTemplate(
      "{{title}}|{{ description }}|{{ severity }}|{{ source }}|{{ status }}|{{ dedup_key }}|" +
        "{{ source_url }}|{{ starts_at }}|{{ ends_at }}|{{ labels.service }}|{{ labels.k8s.io/app }}",
    );
    const event = alert({
      description: "d",
      sourceUrl: "https://u",
      startsAt: "2026-01-01T00:00:00Z",
      endsAt: "2026-01-01T01:00:00Z",
      labels: { service: "api", "k8s.io/app": "web" },
    });
    expect(template.render(event)).toBe(
      "Database down|d|critical|prometheus|firing|db-down|https://u|2026-01-01T00:00:00Z|2026-01-01T01:00:00Z|api|web",
    );
  });

  it("renders fields and labels the alert lacks as empty strings", () => {
    const template = compileTemplate("<{{ description }}><{{ labels.team }}><{{ labels.toString }}>");
    expect(template.render(alert({ description: undefined, labels: {} }))).toBe("<><><>");
  });

  it("keeps text without placeholders as it is", () => {
    expect(compileTemplate("Disk full } {").render(alert())).toBe("Disk full } {");
  });

  it("refuses unknown names, bare labels and unclosed placeholders when compiled", () => {
    expect(() => compileTemplate("{{ titel }}")).toThrow(TemplateError);
    expect(() => compileTemplate("{{ labels }}")).toThrow(/unknown placeholder \{\{ labels \}\}/);
    expect(() => compileTemplate("{{ dedupKey }}")).toThrow(/known: title, .*dedup_key/);
    expect(() => compileTemplate("{{ title }} and {{ title")).toThrow(/not closed/);
  });
});
