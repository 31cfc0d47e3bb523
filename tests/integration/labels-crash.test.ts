// A worker process is SIGKILLed while USPS is answering a purchase (the label is bought and charged, the answer
// never reaches the worker). Another worker resumes the batch after the lease lapses: the package is bought again
// with the same idempotency key, USPS returns the same label, and no package is charged twice.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { createLabelBatch } from "~/services/labels/batches.server";
import { runLabelJobsOnce } from "~/services/labels/jobs.server";
import { useTestDatabase } from "../helpers/db";
import { startShopifyAdminFake, type ShopifyAdminFake } from "../fakes/shopify-admin";
import { startUspsFake, type UspsFake } from "../fakes/usps";
import { addOpenOrders, fulfillmentOrder, labelTestContext, memoryCarrierState, seedLabelShop } from "../helpers/labels";

useTestDatabase();

let usps: UspsFake;
let admin: ShopifyAdminFake;
beforeAll(async () => {
  usps = await startUspsFake();
  admin = await startShopifyAdminFake();
});
afterAll(async () => {
  await usps.close();
  await admin.close();
});

const ROOT = path.resolve(import.meta.dirname, "../..");

it("resumes a batch after its worker is SIGKILLed mid-purchase without buying any label twice", { timeout: 120_000 }, async () => {
  const shop = await seedLabelShop("crash.myshopify.com", usps.state);
  const orders = addOpenOrders(admin, [fulfillmentOrder(), fulfillmentOrder(), fulfillmentOrder()]);
  const state = memoryCarrierState();
  const created = await createLabelBatch(labelTestContext({ adminUrl: admin.url, uspsUrl: usps.url, sharedState: state }), shop, { fulfillmentOrderIds: orders.map((o) => o.id) });
  expect(created.ok).toBe(true);

  // Purchases land at USPS at once but their answers take a minute: the child dies while waiting for the first.
  usps.faults.always({ kind: "slow", ms: 60_000 }, { method: "POST", path: "/labels/v3/label" });
  // node itself with tsx's loader, not the tsx CLI: the CLI runs the script in a grandchild that SIGKILL would miss.
  const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/label-worker-child.ts"], {
    cwd: ROOT,
    env: { ...process.env, LABEL_ADMIN_URL: admin.url, LABEL_USPS_URL: usps.url },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
  while (usps.state.labels.charges.length === 0) {
    if (child.exitCode !== null) throw new Error("the worker process exited before buying");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill("SIGKILL");
  expect(await exited).toBe("SIGKILL");
  usps.faults.clear();

  const db = getDb();
  const held = await db.label.findMany({ where: { shopId: shop.id, leaseOwner: { not: null } } });
  expect(held).toHaveLength(1); // the dead worker's claim, still leased
  expect(usps.state.labels.charges).toHaveLength(1);

  // A second worker, a minute later (the lease has lapsed), finishes the batch.
  const later = () => new Date(Date.now() + 60_000);
  const ctx = labelTestContext({ adminUrl: admin.url, uspsUrl: usps.url, now: later, sharedState: state });
  for (let i = 0; i < 5; i++) if ((await runLabelJobsOnce(ctx, { owner: "survivor", retryDelayMs: () => 0 })).claimed === 0) break;

  const labels = await db.label.findMany({ where: { shopId: shop.id } });
  expect(labels.map((l) => [l.status, l.lastError])).toEqual([["fulfilled", null], ["fulfilled", null], ["fulfilled", null]]);
  expect(usps.state.labels.charges).toHaveLength(3);
  expect(new Set(usps.state.labels.charges.map((c) => c.idempotencyKey)).size).toBe(3);
  expect(new Set(labels.map((l) => l.trackingNumber)).size).toBe(3);
  // The key the dead worker used was sent again, and USPS answered with the label it had already bought.
  const sentKeys = usps.requests.filter((r) => r.path === "/labels/v3/label").map((r) => r.headers["x-idempotency-key"]);
  expect(sentKeys.length).toBe(4);
  expect(admin.state.fulfillments).toHaveLength(3);
  expect(await db.labelLedgerEntry.count({ where: { shopId: shop.id, kind: "postage" } })).toBe(3);
});
