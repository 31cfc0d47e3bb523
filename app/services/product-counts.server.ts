// The setup guide's product counts over the whole catalogue: variants missing a weight, missing dimensions, and over
// 11 inches on a side. A home page request never walks the catalogue: it reads the counts stored on the shop
// (Shop.productCounts) and, when they are older than STALE_MS or product data changed since, starts one background
// walk for the shop (the offline Admin API client), which pages through every variant like the product data page
// (100 a page, that page's stored data only), pauses between pages to leave most of the query-cost bucket to
// the rest of the app, waits out THROTTLED answers, and stops after MAX_PAGES. Until a shop has been counted once,
// the guide counts the first page in the request and says the rest is being counted.
import { z } from "zod";
import { getDb, type Db } from "~/db.server";
import { productWarnings, type VariantRow } from "~/admin/forms/product-data";
import { logger } from "~/lib/logger.server";
import type { AdminClient } from "~/shopify/admin-operations.server";
import { adminFor } from "~/shopify/offline-admin.server";
import { VARIANT_PAGE_MAX } from "~/shopify/graphql/products";
import { type VariantsError, listVariants } from "./product-data.server";

/** Counts older than this are refreshed (Shopify-side weight edits reach the guide within this time). */
export const STALE_MS = 15 * 60_000;
/** 200 pages of 100: 20,000 variants; past that the counts cover those and say so (`complete: false`). */
export const MAX_PAGES = 200;
/** A page costs about 500 points; one every 10 s uses half of a Standard plan's 100 points a second. */
const PAGE_PAUSE_MS = 10_000;
/** A background page may wait this long for the bucket after a THROTTLED answer before the walk stops. */
const PAGE_THROTTLE_WAIT_MS = 60_000;

const Count = z.number().int().nonnegative();
const StoredCounts = z.object({
  missingWeight: Count,
  missingDimensions: Count,
  oversize: Count,
  total: Count,
  /** False when the walk stopped at MAX_PAGES, or (in a request) when only the first page was counted. */
  complete: z.boolean(),
  /** When the walk that produced the counts started. */
  countedAt: z.string(),
  /** When the merchant last saved product data here: counts from before then are stale. */
  changedAt: z.string().nullish(),
});
export type ProductCounts = Omit<z.infer<typeof StoredCounts>, "countedAt" | "changedAt">;

function readStored(value: unknown): z.infer<typeof StoredCounts> | null {
  const parsed = StoredCounts.safeParse(value);
  return parsed.success ? parsed.data : null;
}

function countRows(rows: readonly VariantRow[]): Omit<ProductCounts, "complete"> {
  const warnings = productWarnings(rows);
  const count = (kind: string) => warnings.filter((w) => w.kind === kind).length;
  return { missingWeight: count("no_weight"), missingDimensions: count("no_dimensions"), oversize: count("oversize"), total: rows.length };
}

export interface CountOptions {
  db?: Db;
  now?: () => Date;
  /** The Admin API client of the background walk (default: the shop's offline client). */
  backgroundAdmin?: (shop: string) => Promise<AdminClient>;
  sleep?: (ms: number) => Promise<void>;
  pauseMs?: number;
  maxPages?: number;
}

const running = new Map<string, Promise<void>>();
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The counts for the setup guide, never walking more than one page in the request. `admin` is the request's
 * client, used only when the shop has never been counted.
 */
export async function productCountsFor(domain: string, admin: AdminClient, opts: CountOptions = {}): Promise<{ counts: ProductCounts | null; error: VariantsError | null }> {
  const db = opts.db ?? getDb();
  const now = opts.now ?? (() => new Date());
  const shop = await db.shop.findUnique({ where: { domain }, select: { productCounts: true } });
  const stored = readStored(shop?.productCounts);
  const fresh = stored && now().getTime() - Date.parse(stored.countedAt) < STALE_MS && !(stored.changedAt && stored.changedAt > stored.countedAt);
  if (stored) {
    if (!fresh) refreshInBackground(domain, opts);
    const { countedAt: _c, changedAt: _ch, ...counts } = stored;
    return { counts, error: null };
  }
  // Never counted: the first page now (as the product data page would read it), the rest in the background.
  const startedAt = now().toISOString();
  const first = await listVariants(domain, admin, { size: VARIANT_PAGE_MAX });
  if (first.error) return { counts: null, error: first.error };
  const complete = !first.pageInfo.hasNextPage;
  const counts = { ...countRows(first.rows), complete };
  if (complete) await store(domain, { ...counts, countedAt: startedAt }, db);
  else refreshInBackground(domain, opts);
  return { counts, error: null };
}

/** Marks the counts stale after the merchant saved product data here (the next home page recounts). */
export async function productDataChanged(domain: string, db: Db = getDb(), now = new Date()): Promise<void> {
  const shop = await db.shop.findUnique({ where: { domain }, select: { id: true, productCounts: true } });
  const stored = readStored(shop?.productCounts);
  if (!shop || !stored) return;
  await db.shop.update({ where: { id: shop.id, domain }, data: { productCounts: { ...stored, changedAt: now.toISOString() } } });
}

/** Starts the shop's walk unless one is running in this process; resolves when it ends (tests await it). */
export function refreshInBackground(domain: string, opts: CountOptions = {}): Promise<void> {
  const current = running.get(domain);
  if (current) return current;
  const walk = countCatalogue(domain, opts)
    .catch((error: unknown) => logger.warn("Counting the shop's products stopped", { shop: domain, error: (error as Error).message }))
    .finally(() => running.delete(domain));
  running.set(domain, walk);
  return walk;
}

/** The walk running for a shop, if any (tests). */
export const countingNow = (domain: string) => running.get(domain);

async function countCatalogue(domain: string, opts: CountOptions): Promise<void> {
  const db = opts.db ?? getDb();
  const now = opts.now ?? (() => new Date());
  const sleep = opts.sleep ?? defaultSleep;
  const admin = await (opts.backgroundAdmin ?? adminFor)(domain);
  const startedAt = now().toISOString();
  const totals = { missingWeight: 0, missingDimensions: 0, oversize: 0, total: 0 };
  let after: string | undefined;
  for (let page = 0; page < (opts.maxPages ?? MAX_PAGES); page++) {
    if (page > 0) await sleep(opts.pauseMs ?? PAGE_PAUSE_MS);
    const result = await listVariants(domain, admin, { size: VARIANT_PAGE_MAX, after, maxThrottleWaitMs: PAGE_THROTTLE_WAIT_MS });
    // A failed page leaves the stored counts as they were; the next home page tries again.
    if (result.error) throw new Error(`Shopify did not return the variants (${result.error})`);
    const counts = countRows(result.rows);
    for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += counts[k];
    if (!result.pageInfo.hasNextPage || !result.pageInfo.endCursor) {
      await store(domain, { ...totals, complete: true, countedAt: startedAt }, db);
      return;
    }
    after = result.pageInfo.endCursor;
  }
  await store(domain, { ...totals, complete: false, countedAt: startedAt }, db);
}

async function store(domain: string, counts: z.infer<typeof StoredCounts>, db: Db): Promise<void> {
  const shop = await db.shop.findUnique({ where: { domain }, select: { id: true, productCounts: true } });
  if (!shop) return;
  // A save of product data during the walk keeps the counts stale (its changedAt is after the walk's start).
  const changedAt = readStored(shop.productCounts)?.changedAt ?? null;
  await db.shop.update({ where: { id: shop.id, domain }, data: { productCounts: { ...counts, changedAt } } });
}
