import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { partnersOpenApi } from "./openapi";

describe("the partner API's OpenAPI file", () => {
  it("matches the zod schemas (regenerate with npx tsx scripts/partners-openapi.ts)", () => {
    const committed = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../../docs/partners-api.openapi.json"), "utf8"));
    expect(committed).toEqual(JSON.parse(JSON.stringify(partnersOpenApi())));
  });
  it("documents every order action with its body", () => {
    const doc = partnersOpenApi();
    expect(Object.keys(doc.paths)).toEqual(["/orders", "/orders/{orderId}/accept", "/orders/{orderId}/reject", "/orders/{orderId}/shipments", "/orders/{orderId}/cancel"]);
    expect(JSON.stringify(doc.paths["/orders/{orderId}/shipments"])).toContain("trackingNumber");
  });
});
