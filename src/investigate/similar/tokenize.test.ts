import { describe, expect, it } from "vitest";
import { stem, terms, tokenize } from "./tokenize.js";

describe("tokenize", () => {
  it("lower-cases and splits on anything that is not a letter or digit, hyphens included", () => {
    expect(terms("Payments-API: DB/connection_pool")).toEqual(["payment", "api", "db", "connection", "pool"]);
  });

  it("keeps tokens that name a kind of thing and drops numbers and measurements", () => {
    expect(terms("5xx and p99 at 4800ms for 503 of 65 requests in 30s, k8s v2")).toEqual([
      "5xx",
      "p99",
      "request",
      "k8s",
      "v2",
    ]);
  });

  it("drops stop words but keeps words about what broke", () => {
    expect(terms("The database is down and we ran out of disk")).toEqual([
      "databas",
      "down",
      "ran",
      "out",
      "disk",
    ]);
  });

  it("stems plurals and verb forms so they meet", () => {
    expect(stem("queries")).toBe(stem("query"));
    expect(stem("retried")).toBe(stem("retry"));
    expect(stem("retrying")).toBe(stem("retry"));
    expect(stem("timeouts")).toBe(stem("timeout"));
    expect(stem("timing")).toBe(stem("time"));
    expect(stem("timed")).toBe(stem("time"));
    expect(stem("dropped")).toBe(stem("drop"));
    expect(stem("declines")).toBe(stem("declined"));
    expect(stem("processes")).toBe(stem("process"));
  });

  it("leaves words that only look like plurals or have digits alone", () => {
    expect(stem("status")).toBe("status");
    expect(stem("analysis")).toBe("analysis");
    expect(stem("stalled")).toBe("stall");
    expect(stem("500s")).toBe("500s");
    expect(stem("dns")).toBe("dns");
  });

  it("keeps the written word and its position in the text for showing phrases", () => {
    const tokens = tokenize("Waiting for a connection pool slot");
    expect(tokens.map((t) => [t.surface, t.position])).toEqual([
      ["waiting", 0],
      ["connection", 3],
      ["pool", 4],
      ["slot", 5],
    ]);
  });
});
