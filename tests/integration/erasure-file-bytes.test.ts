// Issue 8, defect 6 (storage): after shop/redact, none of the shop's domain or tracking numbers remain anywhere
// in the SQLite file or its WAL, free pages included. PostgreSQL relies on (auto)vacuum: docs/security.md.
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { offlineSession } from "../helpers/shopify";
import { deliverTo, signedWebhook, WEBHOOK_ROUTES } from "../helpers/webhook-routes";
import { getDb } from "~/db.server";
import { sqliteFilePath } from "~/db/url";
import { tuneSqlite } from "~/db/sqlite-tuning.server";
import { sessionStorage } from "~/shopify.server";

const SHOP = "erase-me-7f3a.myshopify.com";
const KEEP = "keep-me-91bc.myshopify.com";
const TRACKING = (n: number) => `1ZERASE${String(n).padStart(6, "0")}`;
const db = useTestDatabase();
const onPostgres = Boolean(process.env.TEST_DATABASE_URL); // decided before the database exists

function fileBytes(): Buffer {
  const file = sqliteFilePath(process.env.DATABASE_URL!);
  return Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
}

async function seedShop(domain: string) {
  const shop = await getDb().shop.create({ data: { domain } });
  await sessionStorage.storeSession(offlineSession(domain));
  const channel = await getDb().channelConnection.create({ data: { shopId: shop.id, type: "webhook", name: "Hook", settings: {}, secrets: "x" } });
  for (let n = 0; n < 300; n++) {
    const tracking = domain === SHOP ? TRACKING(n) : `1ZKEEP${n}`;
    await getDb().webhookReceipt.create({ data: { shopDomain: domain, topic: "FULFILLMENTS_CREATE", webhookId: `${domain}-${n}`, orderId: `${n}`, payload: { tracking_number: tracking, note: "x".repeat(200) } } });
    await getDb().fulfillmentRecord.create({ data: { shopId: shop.id, fulfillmentId: `${n}`, orderId: `${n}`, trackingNumbers: [tracking] } });
    await getDb().outboxMessage.create({ data: { shopId: shop.id, channelId: channel.id, idempotencyKey: `${domain}-${n}`, fulfillmentId: `${n}`, orderId: `${n}`, trackingValue: tracking, payload: { tracking } } });
  }
}

beforeAll(async () => {
  await db.ready();
  await tuneSqlite(getDb(), process.env.DATABASE_URL!); // as at boot (app/server/start.server.ts)
});

describe("erasure leaves nothing in the database file", () => {
  it.skipIf(onPostgres)("finds none of an erased shop's domain or tracking numbers in the SQLite file bytes", async () => {
    await seedShop(SHOP);
    await seedShop(KEEP);
    expect(fileBytes().includes(TRACKING(7))).toBe(true); // the probe can see what is there
    const route = WEBHOOK_ROUTES.find((r) => r.topic === "shop/redact")!;
    const res = await deliverTo(route.action, signedWebhook(route.path, { topic: route.topic, shop: SHOP, raw: JSON.stringify(route.body(SHOP)) }));
    expect(res.status).toBe(200);
    const bytes = fileBytes();
    expect(bytes.includes(SHOP)).toBe(false);
    expect([0, 150, 299].filter((n) => bytes.includes(TRACKING(n)))).toEqual([]);
    expect(bytes.includes(KEEP)).toBe(true); // the other shop is untouched
  });
});
