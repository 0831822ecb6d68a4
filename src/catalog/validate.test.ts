import { describe, expect, it } from "vitest";
import { type CatalogFile, parseCatalog } from "./load.js";
import { formatProblem } from "./problem.js";

const TEAM = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: payments
spec:
  type: team
`;

/** A Component document with `spec` lines replaced or `extra` metadata lines added. */
function component(options: { name?: string; metadata?: string; spec?: string } = {}): string {
  return [
    "apiVersion: backstage.io/v1alpha1",
    "kind: Component",
    "metadata:",
    `  name: ${options.name ?? "payments-api"}`,
    ...(options.metadata ? [options.metadata] : []),
    "spec:",
    options.spec ?? "  type: service\n  lifecycle: production\n  owner: group:payments",
    "",
  ].join("\n");
}

function problemsOf(...files: Array<string | CatalogFile>): string[] {
  const catalog = parseCatalog([
    { path: "catalog/teams.yaml", text: TEAM },
    ...files.map((file) => (typeof file === "string" ? { path: "catalog/payments.yaml", text: file } : file)),
  ]);
  return catalog.problems.map(formatProblem);
}

function validity(...files: string[]): boolean {
  return parseCatalog([
    { path: "catalog/teams.yaml", text: TEAM },
    ...files.map((text) => ({ path: "c.yaml", text })),
  ]).valid;
}

describe("catalog validation: errors name the file, line, column and field", () => {
  it("accepts a correct component", () => {
    expect(problemsOf(component())).toEqual([]);
    expect(validity(component())).toBe(true);
  });

  it("bad YAML, at the place the parser stopped", () => {
    expect(problemsOf("kind: Component\nmetadata:\n  name: [oops\n")).toEqual([
      expect.stringMatching(/^catalog\/payments\.yaml:4:1: /),
    ]);
    expect(problemsOf("kind: Component\nkind: System\n")).toEqual([
      "catalog/payments.yaml:2:1: this key appears twice in the same mapping",
    ]);
  });

  it("a Backstage document without a kind (one that is not a mapping is someone else's, and skipped)", () => {
    expect(problemsOf("- just\n- a list\n")).toEqual([]);
    expect(problemsOf("apiVersion: backstage.io/v1alpha1\nmetadata:\n  name: x\n")).toEqual([
      "catalog/payments.yaml:1:1: kind: required: write the entity's kind (Component, System, Group, User, API, Resource, Domain, Location, Template)",
    ]);
  });

  it("a missing or invalid name", () => {
    expect(problemsOf(component({ name: "" }))).toEqual([
      "catalog/payments.yaml:4:3: metadata.name: required: give the Component a name (letters and digits separated by - _ or ., e.g. payments-api)",
    ]);
    expect(problemsOf(component({ name: "payments api" }))).toEqual([
      'catalog/payments.yaml:4:3: metadata.name: "payments api" is not a valid name: a name is 1-63 letters and digits, in groups separated by one of - _ . (e.g. payments-api)',
    ]);
    expect(problemsOf(component({ name: "404" }))).toEqual([
      "catalog/payments.yaml:4:3: metadata.name: expected text, got number 404; quote it if it is meant as text",
    ]);
    expect(problemsOf("apiVersion: backstage.io/v1alpha1\nkind: System\n")).toEqual([
      "catalog/payments.yaml:1:1: metadata: required: a System needs metadata.name",
    ]);
  });

  it("a Component or System without spec.owner", () => {
    expect(problemsOf(component({ spec: "  type: service\n  lifecycle: production" }))).toEqual([
      "catalog/payments.yaml:5:1: spec.owner: required: Backstage requires an owner for a Component; name its team (e.g. owner: group:payments)",
    ]);
    expect(
      problemsOf("apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: billing\n"),
    ).toEqual([
      "catalog/payments.yaml:1:1: spec.owner: required: Backstage requires an owner for a System; name its team (e.g. owner: group:payments)",
    ]);
  });

  it("a reference that is not text", () => {
    const spec = "  type: service\n  lifecycle: production\n  owner: [payments, sre]";
    expect(problemsOf(component({ spec }))).toEqual([
      "catalog/payments.yaml:8:3: spec.owner: expected text, got a list; quote it if it is meant as text",
    ]);
  });

  it("the same entity in two files, naming both places", () => {
    const copy = { path: "catalog/z-copy.yaml", text: `# a copy\n${component({ name: "Payments-API" })}` };
    expect(problemsOf(component(), copy)).toEqual([
      "catalog/z-copy.yaml:5:3: metadata.name: component:default/Payments-API is already defined at catalog/payments.yaml:4:3; rename one of them or remove the copy",
    ]);
  });

  it("bad annotation values", () => {
    const metadata = [
      "  annotations:",
      "    incidentkit.io/account: Prod Account",
      '    incidentkit.io/incident-field-value: "  "',
      "    incidentkit.io/acount: prod",
      "    example.com/retries: 3",
    ].join("\n");
    expect(problemsOf(component({ metadata }))).toEqual([
      'catalog/payments.yaml:6:5: metadata.annotations["incidentkit.io/account"]: "Prod Account" is not an account alias: use one listed by incidentkit accounts list (lower-case letters, digits, - and _)',
      'catalog/payments.yaml:7:5: metadata.annotations["incidentkit.io/incident-field-value"]: is empty: give the custom field value that names this entity in incident.io, or remove the annotation',
      'catalog/payments.yaml:8:5: metadata.annotations["incidentkit.io/acount"]: unknown incidentkit annotation (known: incidentkit.io/account, incidentkit.io/incident-field-value); correct its name',
      'catalog/payments.yaml:9:5: metadata.annotations["example.com/retries"]: expected text, got number 3; quote the value',
    ]);
  });

  it("bad tags and links (a link that is not a full address is only left out)", () => {
    const metadata = [
      "  tags: [Java]",
      "  links:",
      "    - title: no address",
      "    - url: not a url",
      "    - url: blog.example.io",
    ].join("\n");
    expect(problemsOf(component({ metadata }))).toEqual([
      'catalog/payments.yaml:5:10: metadata.tags[0]: "Java" is not a valid tag: lower-case letters, digits and : + # in groups separated by -, at most 63 characters',
      "catalog/payments.yaml:7:7: metadata.links[0]: url is required: give the link's address (e.g. url: https://…)",
      'catalog/payments.yaml:8:7: warning: metadata.links[1].url: "not a url" is not a full address, so the link is left out: write it in full, e.g. https://grafana.example/d/abc',
      'catalog/payments.yaml:9:7: warning: metadata.links[2].url: "blog.example.io" is not a full address, so the link is left out: write it as https://blog.example.io',
    ]);
  });
});

describe("catalog validation: warnings are reported and do not fail", () => {
  it("an owner that is not in the catalog, with the likeliest one meant", () => {
    const spec = "  type: service\n  lifecycle: production\n  owner: group:paymnts";
    expect(problemsOf(component({ spec }))).toEqual([
      'catalog/payments.yaml:8:3: warning: spec.owner: "group:paymnts" is not an entity in the catalog; did you mean group:payments?',
    ]);
    expect(validity(component({ spec }))).toBe(true);
  });

  it("a system defined elsewhere is kept as written; a reference of an unexpected kind or form too", () => {
    const base = "  type: service\n  lifecycle: production\n  owner: group:payments\n";
    const elsewhere = parseCatalog([
      { path: "catalog/teams.yaml", text: TEAM },
      { path: "catalog/payments.yaml", text: component({ spec: `${base}  system: billing` }) },
    ]);
    expect(elsewhere.problems.map(formatProblem)).toEqual([
      'catalog/payments.yaml:9:3: warning: spec.system: "billing" is not an entity in the catalog; kept as written (it may be defined in another repository)',
    ]);
    expect(elsewhere.entities.find((entity) => entity.kind === "Component")?.system).toBe(
      "system:default/billing",
    );
    expect(
      problemsOf(component({ spec: "  type: service\n  lifecycle: production\n  owner: system:payments" })),
    ).toEqual([
      'catalog/payments.yaml:8:3: warning: spec.owner: "system:payments" is a system, where Backstage expects group:… or user:…; kept as written',
      'catalog/payments.yaml:8:3: warning: spec.owner: "system:payments" is not an entity in the catalog; kept as written (it may be defined in another repository)',
    ]);
    const email = parseCatalog([
      {
        path: "c.yaml",
        text: component({ spec: "  type: website\n  lifecycle: production\n  owner: john@example.com" }),
      },
    ]);
    expect(email.problems.map(formatProblem)).toEqual([
      'c.yaml:8:3: warning: spec.owner: "john@example.com" is not an entity reference: a name is 1-63 letters and digits, in groups separated by one of - _ . (e.g. payments-api); kept as written',
    ]);
    expect(email.entities[0]?.owner).toBe("group:default/john@example.com");
  });

  it("a Backstage kind with another apiVersion, or none, is skipped with a warning", () => {
    const text = component().replace("backstage.io/v1alpha1", "v1");
    expect(problemsOf(text)).toEqual([
      "catalog/payments.yaml:1:1: warning: apiVersion: a Component with apiVersion v1 is not read as a Backstage entity: write apiVersion: backstage.io/v1alpha1 if it is one",
    ]);
    expect(problemsOf(component().replace("apiVersion: backstage.io/v1alpha1\n", ""))).toEqual([
      "catalog/payments.yaml:1:1: warning: apiVersion: a Component with no apiVersion is not read as a Backstage entity: write apiVersion: backstage.io/v1alpha1 if it is one",
    ]);
    expect(problemsOf(component().replace("backstage.io/v1alpha1", "backstage.io/v2"))).toEqual([
      "catalog/payments.yaml:1:1: warning: apiVersion: Backstage reads a Component at apiVersion backstage.io/v1alpha1 or backstage.io/v1beta1; read as one",
    ]);
  });

  it("an unknown kind is skipped, with the kind likely meant", () => {
    const text = "apiVersion: backstage.io/v1alpha1\nkind: Compnent\nmetadata:\n  name: x\n";
    expect(problemsOf(text)).toEqual([
      `catalog/payments.yaml:2:1: warning: kind: unknown kind "Compnent" (a plugin's own, or a misspelling), skipped; did you mean Component?`,
    ]);
    expect(validity(text)).toBe(true);
  });

  it("a Component without type or lifecycle, a Group without type", () => {
    const group = "---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: sre\n";
    expect(problemsOf(component({ spec: "  owner: payments" }) + group)).toEqual([
      "catalog/payments.yaml:5:1: warning: spec.type: missing: Backstage requires it for a Component (e.g. type: service, website, library)",
      "catalog/payments.yaml:5:1: warning: spec.lifecycle: missing: Backstage requires it for a Component (e.g. lifecycle: production)",
      "catalog/payments.yaml:8:1: warning: spec.type: missing: Backstage requires it for a Group (e.g. type: team)",
    ]);
  });

  it("a dependency or user owner not in the catalog; a dependency on a Resource resolves", () => {
    const spec = [
      "  type: service",
      "  lifecycle: production",
      "  owner: user:alice",
      "  dependsOn: [component:ledgr, resource:db]",
    ].join("\n");
    const db =
      "---\napiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: db\nspec:\n  type: database\n  owner: payments\n";
    const ledger = component({ name: "ledger" });
    expect(problemsOf(`${component({ spec })}${db}---\n${ledger}`)).toEqual([
      'catalog/payments.yaml:8:3: warning: spec.owner: "user:alice" is not an entity in the catalog; kept as written (it may be defined in another repository)',
      'catalog/payments.yaml:9:15: warning: spec.dependsOn[0]: "component:ledgr" is not an entity in the catalog; did you mean component:ledger?',
    ]);
  });

  it("two Components with the same title, which incidents could not tell apart", () => {
    const twin = (name: string) => component({ name, metadata: "  title: Checkout" });
    expect(problemsOf(`${twin("checkout-web")}---\n${twin("checkout-api")}`)).toEqual([
      'catalog/payments.yaml:14:3: warning: metadata.name: component:default/checkout-api has the same title "Checkout" as component:default/checkout-web (catalog/payments.yaml:4:3): incidents naming it map to both; set incidentkit.io/incident-field-value on one',
    ]);
  });
});
