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

  it("a document that is not a mapping, and one without a kind", () => {
    expect(problemsOf("- just\n- a list\n")).toEqual([
      "catalog/payments.yaml:1:1: expected a Backstage entity: a mapping with apiVersion, kind, metadata and spec",
    ]);
    expect(problemsOf("apiVersion: backstage.io/v1alpha1\nmetadata:\n  name: x\n")).toEqual([
      "catalog/payments.yaml:1:1: kind: required: write the entity's kind (Component, System, Group)",
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

  it("a wrong apiVersion", () => {
    expect(problemsOf(component().replace("backstage.io/v1alpha1", "v1"))).toEqual([
      "catalog/payments.yaml:1:1: apiVersion: write apiVersion: backstage.io/v1alpha1 (a Component needs it)",
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

  it("an owner that is not in the catalog, with the likeliest one meant", () => {
    const spec = "  type: service\n  lifecycle: production\n  owner: group:paymnts";
    expect(problemsOf(component({ spec }))).toEqual([
      'catalog/payments.yaml:8:3: spec.owner: "group:paymnts" is not an entity in the catalog; did you mean group:payments?',
    ]);
    expect(validity(component({ spec }))).toBe(false);
  });

  it("a system that is not in the catalog, and a reference of the wrong kind", () => {
    const base = "  type: service\n  lifecycle: production\n  owner: group:payments\n";
    expect(problemsOf(component({ spec: `${base}  system: billing` }))).toEqual([
      'catalog/payments.yaml:9:3: spec.system: "billing" is not an entity in the catalog; add it to the catalog or correct the reference',
    ]);
    expect(
      problemsOf(component({ spec: "  type: service\n  lifecycle: production\n  owner: system:payments" })),
    ).toEqual([
      'catalog/payments.yaml:8:3: spec.owner: "system:payments" is a system: this field takes group:… or user:…',
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

  it("bad tags and links", () => {
    const metadata = ["  tags: [Java]", "  links:", "    - title: no address", "    - url: not a url"].join(
      "\n",
    );
    expect(problemsOf(component({ metadata }))).toEqual([
      'catalog/payments.yaml:5:10: metadata.tags[0]: "Java" is not a valid tag: lower-case letters, digits and : + # in groups separated by -, at most 63 characters',
      "catalog/payments.yaml:7:7: metadata.links[0]: url is required: give the link's address (e.g. url: https://…)",
      'catalog/payments.yaml:8:7: metadata.links[1].url: "not a url" is not a URL: write it in full, e.g. https://grafana.example/d/abc',
    ]);
  });
});

describe("catalog validation: warnings are reported and do not fail", () => {
  it("an unknown kind is skipped, with the kind likely meant", () => {
    const text = "apiVersion: backstage.io/v1alpha1\nkind: Compnent\nmetadata:\n  name: x\n";
    expect(problemsOf(text)).toEqual([
      'catalog/payments.yaml:2:1: warning: kind: unknown kind "Compnent", skipped; did you mean Component?',
    ]);
    expect(validity(text)).toBe(true);
  });

  it("a Component without type or lifecycle, a Group without type", () => {
    const group = "---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: sre\n";
    expect(problemsOf(component({ spec: "  owner: payments" }) + group)).toEqual([
      "catalog/payments.yaml:5:1: warning: spec.type: missing: Backstage requires it (e.g. type: service, website, library)",
      "catalog/payments.yaml:5:1: warning: spec.lifecycle: missing: Backstage requires it (e.g. lifecycle: production)",
      "catalog/payments.yaml:8:1: warning: spec.type: missing: Backstage requires it for a Group (e.g. type: team)",
    ]);
  });

  it("a dependency or user owner not in the catalog; a dependency on a skipped kind resolves", () => {
    const spec = [
      "  type: service",
      "  lifecycle: production",
      "  owner: user:alice",
      "  dependsOn: [component:ledgr, resource:db]",
    ].join("\n");
    const db = "---\napiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: db\n";
    const ledger = component({ name: "ledger" });
    expect(problemsOf(`${component({ spec })}${db}---\n${ledger}`)).toEqual([
      'catalog/payments.yaml:8:3: warning: spec.owner: "user:alice" is not an entity in the catalog; add it to the catalog or correct the reference',
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
