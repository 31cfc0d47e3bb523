import fs from "node:fs";
import { describe, expect, it } from "vitest";

const toml = fs.readFileSync("shopify.app.toml", "utf8");

describe("shopify.app.toml", () => {
  it("subscribes every webhook the app handles, each with an existing handler named on a Handled by line", () => {
    const blocks = toml.split("[[webhooks.subscriptions]]").slice(1);
    const topics = blocks.map((b) => /topics = \["([^"]+)"\]/.exec(b)?.[1]);
    expect(topics.sort()).toEqual(
      ["app/scopes_update", "app/uninstalled", "customers/data_request", "customers/redact", "fulfillments/create", "fulfillments/update", "shop/redact"].sort(),
    );
    for (const block of blocks) {
      const handler = /# Handled by: \/(\S+)/.exec(block)?.[1];
      const uri = /uri = "([^"]+)"/.exec(block)?.[1];
      expect(handler && fs.existsSync(handler), `${handler} exists`).toBe(true);
      expect(handler).toBe(`app/routes/${uri!.slice(1).replace(/\//g, ".")}.tsx`);
    }
  });

  it("declares the three compliance topics as compliance topics", () => {
    for (const topic of ["customers/data_request", "customers/redact", "shop/redact"]) {
      expect(toml).toContain(`compliance_topics = ["${topic}"]`);
    }
  });

  it("asks for the scopes rating and tracking need", () => {
    const scopes = /scopes = "([^"]+)"/.exec(toml)![1].split(",");
    for (const scope of ["write_shipping", "read_orders", "write_fulfillments", "read_products", "read_merchant_managed_fulfillment_orders"]) {
      expect(scopes).toContain(scope);
    }
  });
});
