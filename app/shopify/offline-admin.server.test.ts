import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AdminApiError, defineOperation, runOperation } from "./admin-operations.server";
import { offlineAdminClient } from "./offline-admin.server";

const Shop = defineOperation<Record<string, never>, { shop: { name: string } }>("Shop", "query Shop { shop { name } }", z.object({ shop: z.object({ name: z.string() }) }));

function stub(status: number, body: unknown) {
  const seen: Array<{ url: string; token: string | null; body: string }> = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push({ url: String(input), token: new Headers(init?.headers).get("x-shopify-access-token"), body: String(init?.body) });
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  };
  return { seen, fetch };
}

describe("the offline Admin API client", () => {
  it("posts the operation to the shop's versioned endpoint with the offline token", async () => {
    const s = stub(200, { data: { shop: { name: "Demo" } } });
    const admin = offlineAdminClient("demo.myshopify.com", "shpat_1", { apiVersion: "2025-10", fetch: s.fetch });
    expect(await runOperation(admin, Shop, {})).toEqual({ shop: { name: "Demo" } });
    expect(s.seen[0]).toMatchObject({ url: "https://demo.myshopify.com/admin/api/2025-10/graphql.json", token: "shpat_1" });
    expect(JSON.parse(s.seen[0].body).query).toContain("query Shop");
  });

  it("reports a 503 as a retryable Admin API error and GraphQL errors as not retryable", async () => {
    const down = offlineAdminClient("demo.myshopify.com", "t", { apiVersion: "2025-10", fetch: stub(503, { errors: "busy" }).fetch });
    await expect(runOperation(down, Shop, {})).rejects.toMatchObject({ name: "AdminApiError", retryable: true });
    const wrong = offlineAdminClient("demo.myshopify.com", "t", { apiVersion: "2025-10", fetch: stub(200, { errors: [{ message: "no field" }] }).fetch });
    const error = await runOperation(wrong, Shop, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdminApiError);
    expect(error).toMatchObject({ retryable: false });
  });
});
