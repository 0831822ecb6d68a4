import { describe, expect, it } from "vitest";
import { DEFAULT_PRODUCTION_ENVIRONMENTS, ProductionEnvironments } from "./environments.js";

describe("ProductionEnvironments", () => {
  it("takes production, prod and live as production unless told, in any case", () => {
    const environments = new ProductionEnvironments();
    expect(environments.names).toEqual(DEFAULT_PRODUCTION_ENVIRONMENTS);
    for (const name of ["production", "Production", " PROD ", "live"]) {
      expect(environments.isProduction(name), name).toBe(true);
    }
    for (const name of ["staging", "pr-123", "preview", "production-pr-12", "prod2", "github-pages"]) {
      expect(environments.isProduction(name), name).toBe(false);
    }
  });

  it("reads * as any characters and every other character as itself", () => {
    const environments = new ProductionEnvironments(["prod-*", "eu.live"]);
    expect(environments.isProduction("prod-eu-west-1")).toBe(true);
    expect(environments.isProduction("prod-")).toBe(true);
    expect(environments.isProduction("prod")).toBe(false);
    expect(environments.isProduction("eu.live")).toBe(true);
    expect(environments.isProduction("eu-live")).toBe(false);
  });

  it("lets a transient environment never be production, and production_environment make one", () => {
    const environments = new ProductionEnvironments();
    expect(environments.isProduction("production", { transient: true })).toBe(false);
    expect(environments.isProduction("production", { transient: true, production: true })).toBe(false);
    expect(environments.isProduction("eu-west-1", { production: true })).toBe(true);
    expect(environments.isProduction("production", { production: false })).toBe(true);
    expect(environments.isProduction("staging", { transient: null, production: null })).toBe(false);
  });
});
