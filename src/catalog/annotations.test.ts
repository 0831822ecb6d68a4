import { describe, expect, it } from "vitest";
import { annotationLinks } from "./annotation-links.js";
import { readOurAnnotations, shownAnnotations } from "./annotations.js";
import { DocumentReader } from "./document-reader.js";
import type { CatalogProblem } from "./problem.js";

describe("annotationLinks", () => {
  it("links Backstage's own root entity to its repository, and shows a docs folder with no source as text", () => {
    // backstage/backstage, catalog-info.yaml, commit 0511a50d882f081629a5935f5d029aa051670c0b.
    const links = annotationLinks({
      "github.com/project-slug": "backstage/backstage",
      "backstage.io/techdocs-ref": "dir:.",
      "lighthouse.com/website-url": "https://backstage.io",
    });
    expect(links).toEqual([
      {
        label: "GitHub",
        text: "backstage/backstage",
        url: "https://github.com/backstage/backstage",
        annotation: "github.com/project-slug",
      },
      { label: "Docs", text: "dir:.", annotation: "backstage.io/techdocs-ref" },
    ]);
  });

  it("strips url: from a source location, and resolves a docs dir: against it when it is a folder", () => {
    // The values of Backstage's well-known annotations documentation.
    const links = annotationLinks({
      "backstage.io/source-location": "url:https://github.com/my-org/my-service/",
      "backstage.io/techdocs-ref": "dir:./docs",
    });
    expect(links.map(({ label, text, url }) => [label, text, url])).toEqual([
      ["Source", "https://github.com/my-org/my-service/", "https://github.com/my-org/my-service/"],
      ["Docs", "https://github.com/my-org/my-service/docs", "https://github.com/my-org/my-service/docs"],
    ]);
    // Not a folder (no trailing /): Backstage would resolve against its parent, so no link is made up.
    const file = annotationLinks({
      "backstage.io/source-location":
        "url:https://github.com/backstage/community-plugins/tree/main/workspaces/ocm/plugins/ocm-backend",
      "backstage.io/techdocs-ref": "dir:.",
    });
    expect(file[1]).toEqual({ label: "Docs", text: "dir:.", annotation: "backstage.io/techdocs-ref" });
    const docsUrl = annotationLinks({
      "backstage.io/techdocs-ref": "url:https://github.com/backstage/backstage/tree/master",
    });
    expect(docsUrl[0]?.url).toBe("https://github.com/backstage/backstage/tree/master");
  });

  it("shows a dir: source location as text, never as a link", () => {
    expect(annotationLinks({ "backstage.io/source-location": "dir:./services/payments" })).toEqual([
      { label: "Source", text: "dir:./services/payments", annotation: "backstage.io/source-location" },
    ]);
  });

  it("links a project slug to the GitHub Enterprise host its source location is on", () => {
    const links = annotationLinks({
      "backstage.io/source-location": "url:https://github.acme.internal/Payments/payments-api/tree/main/",
      "github.com/project-slug": "payments/payments-api",
    });
    expect(links[1]?.url).toBe("https://github.acme.internal/payments/payments-api");
    // A source elsewhere says nothing of where the repository is.
    const elsewhere = annotationLinks({
      "backstage.io/source-location": "url:https://gitlab.com/acme/other/",
      "github.com/project-slug": "acme/payments-api",
    });
    expect(elsewhere[1]?.url).toBe("https://github.com/acme/payments-api");
  });

  it("shows PagerDuty's service and Opsgenie's team as text, and never the PagerDuty integration key", () => {
    const links = annotationLinks({
      "pagerduty.com/integration-key": "a1b2c3d4e5f60718293a4b5c6d7e8f90",
      "pagerduty.com/service-id": "PX1Y2Z3",
      "opsgenie.com/team": "payments",
    });
    expect(links).toEqual([
      { label: "PagerDuty service", text: "PX1Y2Z3", annotation: "pagerduty.com/service-id" },
      { label: "Opsgenie team", text: "payments", annotation: "opsgenie.com/team" },
    ]);
    expect(JSON.stringify(links)).not.toContain("a1b2c3d4");
  });

  it("links only http(s), without credentials, and shows text free of control characters", () => {
    const links = annotationLinks({
      "backstage.io/source-location": "url:javascript:alert(1)",
      "backstage.io/techdocs-ref": "url:https://deploy:s3cret@git.acme.example/docs/",
      "opsgenie.com/team": "pay\u001b[2Jments\u0007",
      "pagerduty.com/service-id": "P".repeat(300),
    });
    expect(links[0]).toEqual({
      label: "Source",
      text: "url:javascript:alert(1)",
      annotation: "backstage.io/source-location",
    });
    expect(links[1]?.url).toBe("https://git.acme.example/docs/");
    expect(JSON.stringify(links)).not.toContain("s3cret");
    expect(links[2]?.text).toBe(`${"P".repeat(199)}…`);
    expect(links[3]?.text).toBe("pay [2Jments");
  });

  it("ignores a project slug that is not owner/repository", () => {
    expect(annotationLinks({ "github.com/project-slug": "backstage" })).toEqual([]);
    expect(annotationLinks({ "github.com/project-slug": "https://github.com/backstage/backstage" })).toEqual(
      [],
    );
  });
});

describe("readOurAnnotations", () => {
  it("warns of a project slug that is not owner/repository, at its line, and keeps the entity", () => {
    const problems: CatalogProblem[] = [];
    const reader = new DocumentReader(
      {},
      () => ({ file: "catalog-info.yaml", line: 7, column: 5 }),
      problems,
    );
    readOurAnnotations(reader, {
      "github.com/project-slug": "backstage",
      "backstage.io/techdocs-ref": "dir:.",
    });
    expect(problems).toEqual([
      {
        severity: "warning",
        file: "catalog-info.yaml",
        line: 7,
        column: 5,
        field: 'metadata.annotations["github.com/project-slug"]',
        message:
          '"backstage" is not a GitHub repository: write it as owner/repository (e.g. backstage/backstage), or GitHub deployments are tied to this entity by its name only',
      },
    ]);
    readOurAnnotations(reader, { "github.com/project-slug": "backstage/backstage" });
    expect(problems).toHaveLength(1);
  });
});

describe("shownAnnotations", () => {
  it("leaves out PagerDuty's integration key and keeps every other annotation", () => {
    const shown = shownAnnotations({
      "pagerduty.com/integration-key": "a1b2c3d4e5f60718293a4b5c6d7e8f90",
      "pagerduty.com/service-id": "PXYZ123",
      "github.com/project-slug": "acme/payments",
    });
    expect(shown).toEqual({
      "pagerduty.com/service-id": "PXYZ123",
      "github.com/project-slug": "acme/payments",
    });
  });
});
