import { describe, expect, it } from "vitest";
import { getDb } from "../../app/db.server";
import { useTestDatabase } from "../helpers/db";

const db = useTestDatabase();

describe("the per-file test database", () => {
  it("points DATABASE_URL, and so getDb(), at the migrated test database", async () => {
    expect(process.env.DATABASE_URL).toBe(db.url);
    await getDb().shop.create({ data: { domain: "a.myshopify.com" } });
    expect(await db.prisma.shop.count()).toBe(1);
  });

  it("reset() removes every row, including rows that other rows reference", async () => {
    const shop = await db.prisma.shop.upsert({ where: { domain: "b.myshopify.com" }, create: { domain: "b.myshopify.com" }, update: {} });
    await db.prisma.productShippingData.create({ data: { shopId: shop.id, productId: "p1", variantId: "v1" } });
    await db.prisma.webhookReceipt.create({ data: { shopDomain: shop.domain, topic: "orders/create", webhookId: "w1" } });
    await db.reset();
    expect(await db.prisma.shop.count()).toBe(0);
    expect(await db.prisma.productShippingData.count()).toBe(0);
    expect(await db.prisma.webhookReceipt.count()).toBe(0);
    const rows = await db.prisma.$queryRawUnsafe<unknown[]>("SELECT * FROM _prisma_migrations");
    expect(rows.length).toBeGreaterThan(0);
  });
});
