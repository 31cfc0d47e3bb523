// Two fully set-up shops: the ADDRESSED one every fuzzed request is signed for, and a BYSTANDER whose rows must
// never change. Both have shipping setups, product data, channels with inbound secrets, event rules, receipts,
// fulfillments and outbox rows, so a request that reaches the wrong shop has something to break.
import { afterAll, beforeAll } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { demoShippingConfig } from "../helpers/fixtures";
import { startWorld, type World } from "../integration/tracking-world";
import { getDb } from "~/db.server";
import { sealJson, unsealJson } from "~/lib/secrets.server";
import { getShippingSetup, saveShippingSetup } from "~/services/shipping-config.server";
import type { ShippingConfig } from "~/domain/shipping-config";
import { invalidateShopConfig } from "~/services/rating/service.server";
import { guardRowsOutside, type RowGuard } from "./harness";

export const ADDRESSED = "fuzz-addressed.myshopify.com";
export const BYSTANDER = "fuzz-bystander.myshopify.com";

export interface FuzzWorld {
  addressed: World;
  bystander: World;
  rows: RowGuard;
  /** The addressed shop's setup when fuzzing starts: valid forms are built from it, then mutated. */
  setup: { config: ShippingConfig; version: number };
}

async function furnish(world: World) {
  const db = getDb();
  const saved = await saveShippingSetup(world.shopDomain, demoShippingConfig());
  if (!saved.ok) throw new Error(`demo setup refused for ${world.shopDomain}`);
  await db.productShippingData.create({ data: { shopId: world.shopId, productId: "gid://shopify/Product/1", variantId: "gid://shopify/ProductVariant/11", weightGrams: 400, hsCode: "610910" } });
  await db.webhookReceipt.create({ data: { shopDomain: world.shopDomain, topic: "FULFILLMENTS_CREATE", webhookId: `seed-${world.shopDomain}`, orderId: "5001", payload: { tracking_number: "1ZSEED" } } });
  await db.fulfillmentRecord.create({ data: { shopId: world.shopId, fulfillmentId: "9001", orderId: "5001", trackingNumbers: ["1ZSEED"] } });
  await db.outboxMessage.create({ data: { shopId: world.shopId, channelId: world.channels.webhook, idempotencyKey: `seed-${world.shopDomain}`, fulfillmentId: "9001", orderId: "5001", trackingValue: "1ZSEED", payload: {} } });
}

/** The bystander's inbound secrets differ from the addressed shop's, as two real merchants' would. */
async function ownInboundSecrets(world: World) {
  const db = getDb();
  for (const id of [world.channels.webhook, world.channels.aftership]) {
    const row = await db.channelConnection.findUniqueOrThrow({ where: { id } });
    await db.channelConnection.update({ where: { id }, data: { secrets: sealJson({ ...unsealJson(row.secrets), inboundSecret: `bystander-${id}` }) } });
  }
}

/** For a fuzz test file: a private database with both shops, built once (fuzzing never resets between inputs). */
export function useFuzzWorld(): FuzzWorld {
  const db = useTestDatabase();
  const state = {} as FuzzWorld;
  beforeAll(async () => {
    await db.ready();
    // The bystander first: startWorld points the Admin API at the last fake started, the addressed shop's.
    state.bystander = await startWorld(BYSTANDER);
    state.addressed = await startWorld(ADDRESSED);
    await furnish(state.bystander);
    await ownInboundSecrets(state.bystander); // startWorld gives every shop the same ones

    await furnish(state.addressed);
    invalidateShopConfig(ADDRESSED);
    state.setup = (await getShippingSetup(ADDRESSED))!;
    state.rows = guardRowsOutside(async () => {
      const channels = await getDb().channelConnection.findMany({ where: { shopId: state.addressed.shopId }, select: { id: true } });
      return [ADDRESSED, state.addressed.shopId, ...Object.values(state.addressed.channels), ...channels.map((c) => c.id)];
    });
  });
  afterAll(async () => {
    await state.bystander?.close();
    await state.addressed?.close();
  });
  return state;
}
