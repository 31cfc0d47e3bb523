// Connecting a shop's USPS account (admin → Carriers → USPS): parse the form, store the connection with its
// credentials sealed, verify with one token call and one price call, and report the shared quota. Disconnecting
// deletes the credentials and the cached token. Every change names the row's id and the shop.
import { z } from "zod";
import type { CarrierConnectionContext } from "~/carriers/connector";
import { readUspsQuota, uspsConnector, verifyUspsConnection, type UspsDeps } from "~/carriers/usps/index.server";
import { uspsAnswerShares } from "~/carriers/usps/answer-kind";
import { uspsTokenKeyPrefix } from "~/carriers/usps/connection.server";
import type { QuotaSnapshot } from "~/carriers/usps/quota";
import { UspsSettingsSchema, type UspsSecrets, type UspsSettings } from "~/carriers/usps/settings";
import type { Db } from "~/db.server";
import { zodFieldErrors, type FieldError } from "~/lib/field-errors";
import { deleteCarrierConnection, getCarrierConnection, listCarrierConnections, readCarrierSecrets, saveCarrierSecrets, updateCarrierConnection, upsertCarrierConnection, type ConnectionRef } from "./carrier-connections.server";
import { deleteSharedCarrierState, sharedCarrierState } from "./carrier-state.server";
import { getShippingSetup } from "./shipping-config.server";

const digits = (what: string, max: number) => z.string().trim().max(max, `${what} is at most ${max} digits`).regex(/^\d*$/, `${what} is digits only`);

/** The Connect form. Blank optional fields mean "not set". */
export const UspsConnectFormSchema = z
  .object({
    consumerKey: z.string().trim().min(1, "Enter the consumer key of your USPS app").max(200),
    consumerSecret: z.string().trim().min(1, "Enter the consumer secret of your USPS app").max(200),
    mode: z.enum(["test", "production"], { message: "Choose test (TEM) or production" }),
    crid: digits("The CRID", 15).default(""),
    mid: digits("The MID", 15).default(""),
    paymentAccountType: z.enum(["", "EPS", "PERMIT"]).default(""),
    paymentAccountNumber: digits("The account number", 20).default(""),
    publishedPriceType: z.enum(["RETAIL", "COMMERCIAL"]).default("COMMERCIAL"),
    allowMediaMail: z.enum(["on", "true", "false", ""]).default("").transform((v) => v === "on" || v === "true"),
    allowLibraryMail: z.enum(["on", "true", "false", ""]).default("").transform((v) => v === "on" || v === "true"),
    hourlyQuota: z.coerce.number({ message: "Enter a whole number" }).int("Enter a whole number").min(1).max(100_000).default(60),
    originZip: z.string().trim().regex(/^\d{5}$/, "Enter the 5-digit ZIP Code you ship from"),
  })
  .superRefine((f, ctx) => {
    if ((f.paymentAccountType === "") !== (f.paymentAccountNumber === "")) {
      ctx.addIssue({ code: "custom", path: ["paymentAccountNumber"], message: "Give both the account type and its number, or neither" });
    }
    if (f.paymentAccountType && (!f.crid || !f.mid)) ctx.addIssue({ code: "custom", path: ["crid"], message: "Contract prices need the CRID and MID with the payment account" });
  });

export interface UspsDepsInput {
  fetch: typeof fetch;
  now: () => number;
  baseUrl?: string;
}

const depsFor = (db: Db, d: UspsDepsInput): UspsDeps => ({ fetch: d.fetch, now: d.now, baseUrl: d.baseUrl, sharedState: sharedCarrierState(db) });

export interface UspsPageData {
  originZip: string;
  connection: null | {
    id: string;
    mode: "test" | "production";
    status: string;
    settings: UspsSettings;
    consumerKeyHint: string;
    lastError: string | null;
    diagnosis: unknown;
    updatedAt: string;
  };
  quota: QuotaSnapshot | null;
  /** USPS answers at checkout over the last 24 hours, by kind (from the quote log). */
  shares: ReturnType<typeof uspsAnswerShares>;
}

const DAY_MS = 86_400_000;
/** Enough rows for a day of a busy store; older or further rows are left out of the shares. */
const SHARE_ROWS = 5_000;

/** Live / cached / learned / fallback shares of the shop's USPS answers in the last day. */
export async function uspsShares(db: Db, shopId: string, now: number) {
  const rows = await db.quoteLog.findMany({
    where: { shopId, createdAt: { gte: new Date(now - DAY_MS) } },
    select: { sources: true },
    orderBy: { createdAt: "desc" },
    take: SHARE_ROWS,
  });
  const traces = rows.flatMap((r) => (Array.isArray(r.sources) ? (r.sources as { sourceId?: unknown; outcome?: unknown; cached?: unknown; messages?: unknown }[]) : []));
  return uspsAnswerShares(
    traces
      .filter((t) => typeof t?.sourceId === "string" && t.sourceId.startsWith("usps:"))
      .map((t) => ({ outcome: String(t.outcome), cached: t.cached === true, messages: Array.isArray(t.messages) ? (t.messages as { code: string }[]).filter((m) => typeof m?.code === "string") : [] })),
  );
}

async function shopIdOf(db: Db, domain: string): Promise<string | null> {
  return (await db.shop.findUnique({ where: { domain }, select: { id: true } }))?.id ?? null;
}

export async function loadUspsPage(db: Db, domain: string, d: UspsDepsInput): Promise<UspsPageData> {
  const setup = await getShippingSetup(domain);
  const originZip = setup?.config.origin.country === "US" ? (setup.config.origin.postalCode ?? "").slice(0, 5) : "";
  const shopId = await shopIdOf(db, domain);
  const row = shopId ? (await listCarrierConnections(db, shopId)).find((c) => c.carrierId === "usps") : undefined;
  const empty = { total: 0, live: 0, cached: 0, learned: 0, fallback: 0 };
  if (!shopId || !row) return { originZip, connection: null, quota: null, shares: shopId ? await uspsShares(db, shopId, d.now()) : empty };
  const settings = UspsSettingsSchema.safeParse(row.settings);
  const secrets = (await readCarrierSecrets(db, { shopId, id: row.id }).catch(() => null)) as UspsSecrets | null;
  const s = settings.success ? settings.data : UspsSettingsSchema.parse({ mode: row.mode });
  const quota = secrets?.consumerKey ? await readUspsQuota({ mode: row.mode, consumerKey: secrets.consumerKey, hourlyQuota: s.hourlyQuota }, depsFor(db, d)) : null;
  return {
    originZip,
    connection: {
      id: row.id,
      mode: row.mode,
      status: row.status,
      settings: s,
      // The key is an identifier, not the secret, but a hint is all the page needs.
      consumerKeyHint: secrets?.consumerKey ? `…${secrets.consumerKey.slice(-4)}` : "",
      lastError: row.lastError,
      diagnosis: row.diagnosis,
      updatedAt: row.updatedAt.toISOString(),
    },
    quota,
    shares: await uspsShares(db, shopId, d.now()),
  };
}

export type UspsActionResult =
  | { ok: true; connectionId: string; message: string; verification?: Awaited<ReturnType<typeof verifyUspsConnection>> }
  | { ok: false; status: 404 | 422; message: string; errors?: FieldError[]; verification?: Awaited<ReturnType<typeof verifyUspsConnection>> };

/** Saves the form as the shop's USPS connection and verifies it at once. */
export async function connectUsps(db: Db, domain: string, fields: Record<string, string>, d: UspsDepsInput): Promise<UspsActionResult> {
  const parsed = UspsConnectFormSchema.safeParse(fields);
  if (!parsed.success) return { ok: false, status: 422, message: "Check the highlighted fields.", errors: zodFieldErrors(parsed.error) };
  const f = parsed.data;
  const settings = UspsSettingsSchema.safeParse({
    mode: f.mode,
    crid: f.crid || undefined,
    mid: f.mid || undefined,
    paymentAccount: f.paymentAccountType ? { type: f.paymentAccountType, number: f.paymentAccountNumber } : undefined,
    publishedPriceType: f.publishedPriceType,
    allowMediaMail: f.allowMediaMail,
    allowLibraryMail: f.allowLibraryMail,
    hourlyQuota: f.hourlyQuota,
  });
  if (!settings.success) return { ok: false, status: 422, message: "Check the highlighted fields.", errors: zodFieldErrors(settings.error) };
  const shopId = await shopIdOf(db, domain);
  if (!shopId) return { ok: false, status: 404, message: "Shop not found" };
  const secrets: UspsSecrets = { consumerKey: f.consumerKey, consumerSecret: f.consumerSecret };
  const view = await upsertCarrierConnection(db, shopId, { carrierId: "usps", mode: f.mode, status: "pending", settings: settings.data, secrets, lastError: null });
  // New credentials: the old token (if any) must not be reused.
  await deleteSharedCarrierState(db, uspsTokenKeyPrefix(view.id));
  return verify(db, { shopId, id: view.id }, domain, settings.data, secrets, f.originZip, d);
}

/** Verifies the stored connection again (the merchant's "Verify" button). */
export async function reverifyUsps(db: Db, domain: string, id: string, originZip: string, d: UspsDepsInput): Promise<UspsActionResult> {
  const shopId = await shopIdOf(db, domain);
  const ref = shopId ? { shopId, id } : null;
  const row = ref ? await getCarrierConnection(db, ref) : null;
  if (!ref || !row || row.carrierId !== "usps") return { ok: false, status: 404, message: "Connection not found" };
  const settings = uspsConnector.settingsSchema.safeParse(row.settings);
  const secrets = uspsConnector.secretsSchema.safeParse(await readCarrierSecrets(db, ref).catch(() => null));
  if (!settings.success || !secrets.success) return { ok: false, status: 422, message: "The stored connection is incomplete; connect USPS again." };
  return verify(db, ref, domain, settings.data, secrets.data, originZip, d);
}

async function verify(db: Db, ref: ConnectionRef, domain: string, settings: UspsSettings, secrets: UspsSecrets, originZip: string, d: UspsDepsInput): Promise<UspsActionResult> {
  const connection: CarrierConnectionContext<UspsSettings, UspsSecrets> = {
    id: ref.id,
    shop: domain,
    mode: settings.mode,
    settings,
    secrets,
    saveSecrets: async (next) => {
      await saveCarrierSecrets(db, ref, next, next.accessTokenExpiresAt ? new Date(next.accessTokenExpiresAt) : null);
    },
  };
  const verification = await verifyUspsConnection(connection, { originZip, signal: AbortSignal.timeout(10_000) }, depsFor(db, d));
  const lastError = verification.ok ? null : (verification.messages[0]?.message ?? "USPS verification failed");
  await updateCarrierConnection(db, ref, { status: verification.ok ? "connected" : "needs_reconnect", lastError, diagnosis: verification });
  return verification.ok
    ? { ok: true, connectionId: ref.id, message: "USPS is connected", verification }
    : { ok: false, status: 422, message: `USPS could not be verified: ${lastError}`, verification };
}

/** Deletes the connection (its sealed credentials with it) and the token cached for it. */
export async function disconnectUsps(db: Db, domain: string, id: string): Promise<boolean> {
  const shopId = await shopIdOf(db, domain);
  if (!shopId) return false;
  const row = await getCarrierConnection(db, { shopId, id });
  if (!row || row.carrierId !== "usps") return false;
  const deleted = await deleteCarrierConnection(db, { shopId, id });
  if (deleted) await deleteSharedCarrierState(db, uspsTokenKeyPrefix(id));
  return deleted;
}
