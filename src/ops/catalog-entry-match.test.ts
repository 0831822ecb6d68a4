import { describe, expect, it } from "vitest";
import type { CatalogEntry } from "../api/index.js";
import { describeEntry, matchCatalogEntry } from "./catalog-entry-match.js";

const AT = "2024-05-01T00:00:00Z";

function entry(
  id: string,
  name: string,
  extra: { external_id?: string; aliases?: string[] } = {},
): CatalogEntry {
  return {
    id,
    catalog_type_id: "01HTYPE0000000000000000000",
    name,
    aliases: extra.aliases ?? [],
    rank: 0,
    attribute_values: {},
    created_at: AT,
    updated_at: AT,
    external_id: extra.external_id,
  };
}

const payments = entry("01HPAYMENTS000000000000000", "Payments API", {
  external_id: "payments-api",
  aliases: ["payments", "pay-api"],
});
const checkout = entry("01HCHECKOUT000000000000000", "Checkout", {
  external_id: "checkout-web",
  aliases: ["cart"],
});
const search = entry("01HSEARCH00000000000000000", "Search", { external_id: "search" });
const searchApi = entry("01HSEARCHAPI00000000000000", "Search API", { aliases: ["search"] });
const entries = [payments, checkout, search, searchApi];

const found = (value: string, among: readonly CatalogEntry[] = entries) => {
  const match = matchCatalogEntry(among, value);
  return match.kind === "found" ? match.entry.id : match.kind;
};

describe("matchCatalogEntry", () => {
  it("finds an entry by name, alias, external ID or ID", () => {
    expect(found("Payments API")).toBe(payments.id);
    expect(found("pay-api")).toBe(payments.id);
    expect(found("payments-api")).toBe(payments.id);
    expect(found(payments.id)).toBe(payments.id);
  });

  it("ignores case and surrounding spaces, for every kind of identifier", () => {
    expect(found("  payments api ")).toBe(payments.id);
    expect(found("CART")).toBe(checkout.id);
    expect(found("Checkout-Web")).toBe(checkout.id);
    expect(found(payments.id.toLowerCase())).toBe(payments.id);
  });

  it("prefers an ID, then an external ID, over another entry's name or alias", () => {
    // "search" is Search's external ID (and, in another case, its name) and Search API's alias.
    expect(found("search")).toBe(search.id);
    const namedLikeAnId = entry("01HOTHER000000000000000000", payments.id);
    expect(found(payments.id, [namedLikeAnId, payments])).toBe(payments.id);
  });

  it("refuses a name that is one entry's name and another's alias, returning both", () => {
    const checkoutService = entry("01HCHECKOUTSVC000000000000", "Checkout service", {
      aliases: ["Checkout"],
    });
    const match = matchCatalogEntry([checkout, checkoutService], "checkout");
    expect(match).toEqual({ kind: "ambiguous", candidates: [checkout, checkoutService] });
  });

  it("does not tell entries apart by case", () => {
    const upper = entry("01HUPPER000000000000000000", "Ledger");
    const lower = entry("01HLOWER000000000000000000", "ledger");
    expect(matchCatalogEntry([upper, lower], "ledger")).toEqual({
      kind: "ambiguous",
      candidates: [upper, lower],
    });
  });

  it("finds nothing for an unknown or blank value, or in an empty catalog", () => {
    expect(found("payments-api-edge")).toBe("none");
    expect(found("   ")).toBe("none");
    expect(found("Payments API", [])).toBe("none");
  });

  it("describes an entry by name, external ID and ID", () => {
    expect(describeEntry(payments)).toBe(
      "Payments API (external ID payments-api, ID 01HPAYMENTS000000000000000)",
    );
    expect(describeEntry(searchApi)).toBe("Search API (ID 01HSEARCHAPI00000000000000)");
  });
});
