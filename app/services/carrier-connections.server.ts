// A shop's carrier accounts (CarrierConnection rows). Every read and write is scoped by shop: a row is only ever
// found by (shopId, id) or by its unique (shopId, carrierId, accountNumber), never by id alone. Credentials are
// sealed on write and opened only here, bound to the row's identity, and never logged or returned in a view.
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Db } from "~/db.server";
import type { CarrierConnection } from "~/generated/sqlite/client";
import type { CarrierConnectionContext } from "~/carriers/connector";
import type { CarrierRegistry } from "~/carriers/registry.server";
import { logger } from "~/lib/logger.server";
import { seal, unseal } from "~/lib/secrets.server";
import type { ShopConnections } from "./rating/compile";

const ConnectionModeSchema = z.enum(["test", "production"]);
const ConnectionStatusSchema = z.enum(["pending", "connected", "needs_reconnect", "disconnected"]);
type ConnectionMode = z.output<typeof ConnectionModeSchema>;
export type ConnectionStatus = z.output<typeof ConnectionStatusSchema>;

/** What the admin may see of a connection: everything but the credentials. */
export interface CarrierConnectionView {
  id: string;
  carrierId: string;
  accountNumber: string;
  mode: ConnectionMode;
  status: ConnectionStatus;
  settings: unknown;
  hasCredentials: boolean;
  tokenExpiresAt: Date | null;
  lastError: string | null;
  diagnosis: unknown;
  createdAt: Date;
  updatedAt: Date;
}

/** A row named by both its id and its shop. Both are checked at run time: Prisma reads `{ id: undefined }` as "any". */
export interface ConnectionRef {
  shopId: string;
  id: string;
}

interface ConnectionInput {
  carrierId: string;
  accountNumber?: string;
  mode: ConnectionMode;
  status?: ConnectionStatus;
  settings?: unknown;
  secrets?: unknown;
  tokenExpiresAt?: Date | null;
  lastError?: string | null;
  diagnosis?: unknown;
}

type ConnectionPatch = Partial<Omit<ConnectionInput, "carrierId" | "accountNumber">>;

function scoped(ref: ConnectionRef): ConnectionRef {
  if (!ref.shopId || !ref.id) throw new Error("a carrier connection is addressed by both shopId and id");
  return { shopId: ref.shopId, id: ref.id };
}

const sealContext = (row: { shopId: string; carrierId: string; accountNumber: string }) =>
  `carrier-connection:${row.shopId}:${row.carrierId}:${row.accountNumber}`;

function toView(row: CarrierConnection): CarrierConnectionView {
  return {
    id: row.id,
    carrierId: row.carrierId,
    accountNumber: row.accountNumber,
    mode: row.mode as ConnectionMode,
    status: row.status as ConnectionStatus,
    settings: row.settings ?? {},
    hasCredentials: row.credentials !== null,
    tokenExpiresAt: row.tokenExpiresAt,
    lastError: row.lastError,
    diagnosis: row.diagnosis === null ? null : JSON.parse(row.diagnosis),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The columns a patch writes; credentials need the row's identity, so the caller passes it. */
function columns(patch: ConnectionPatch, identity: { shopId: string; carrierId: string; accountNumber: string }) {
  return {
    // Parsed, not trusted: these columns are plain strings in the database.
    ...(patch.mode !== undefined ? { mode: ConnectionModeSchema.parse(patch.mode) } : {}),
    ...(patch.status !== undefined ? { status: ConnectionStatusSchema.parse(patch.status) } : {}),
    ...(patch.settings !== undefined ? { settings: patch.settings as never } : {}),
    ...(patch.secrets !== undefined ? { credentials: seal(JSON.stringify(patch.secrets), sealContext(identity)) } : {}),
    ...(patch.tokenExpiresAt !== undefined ? { tokenExpiresAt: patch.tokenExpiresAt } : {}),
    ...(patch.lastError !== undefined ? { lastError: patch.lastError } : {}),
    ...(patch.diagnosis !== undefined ? { diagnosis: patch.diagnosis === null ? null : JSON.stringify(patch.diagnosis) } : {}),
  };
}

// A connection change alters which sources a shop's zones get: bumping the config version makes every
// instance's rating cache recompile the shop within about a second.
const bumpConfig = (db: Db, shopId: string) => db.shop.update({ where: { id: shopId }, data: { configVersion: { increment: 1 } } });

export async function listCarrierConnections(db: Db, shopId: string): Promise<CarrierConnectionView[]> {
  if (!shopId) throw new Error("listCarrierConnections needs a shopId");
  const rows = await db.carrierConnection.findMany({ where: { shopId }, orderBy: { createdAt: "asc" } });
  return rows.map(toView);
}

export async function getCarrierConnection(db: Db, ref: ConnectionRef): Promise<CarrierConnectionView | null> {
  const row = await db.carrierConnection.findFirst({ where: scoped(ref) });
  return row ? toView(row) : null;
}

/** Opens the connection's credentials; null when it has none. Throws SecretDecryptError if they do not open. */
export async function readCarrierSecrets(db: Db, ref: ConnectionRef): Promise<unknown> {
  const row = await db.carrierConnection.findFirst({ where: scoped(ref) });
  return row?.credentials ? JSON.parse(unseal(row.credentials, sealContext(row))) : null;
}

/** Creates the shop's connection for (carrier, account) or updates it in place. */
export async function upsertCarrierConnection(db: Db, shopId: string, input: ConnectionInput): Promise<CarrierConnectionView> {
  if (!shopId) throw new Error("upsertCarrierConnection needs a shopId");
  const identity = { shopId, carrierId: input.carrierId, accountNumber: input.accountNumber ?? "" };
  const data = columns(input, identity);
  const [row] = await db.$transaction([
    db.carrierConnection.upsert({ where: { shopId_carrierId_accountNumber: identity }, create: { ...identity, ...data }, update: data }),
    bumpConfig(db, shopId),
  ]);
  return toView(row);
}

/** Updates one connection of the shop; false when the shop has no such connection. */
export async function updateCarrierConnection(db: Db, ref: ConnectionRef, patch: ConnectionPatch): Promise<boolean> {
  const where = scoped(ref);
  const row = await db.carrierConnection.findFirst({ where, select: { shopId: true, carrierId: true, accountNumber: true } });
  if (!row) return false;
  const updated = await db.carrierConnection.updateMany({ where, data: columns(patch, row) });
  if (updated.count > 0) await bumpConfig(db, where.shopId);
  return updated.count > 0;
}

/**
 * Stores rotated credentials (a refreshed OAuth token) from a running source. No config bump: the source already
 * holds the new token, and recompiling every instance on each refresh would cost more than it tells.
 */
export async function saveCarrierSecrets(db: Db, ref: ConnectionRef, secrets: unknown, tokenExpiresAt?: Date | null): Promise<boolean> {
  const where = scoped(ref);
  const row = await db.carrierConnection.findFirst({ where, select: { shopId: true, carrierId: true, accountNumber: true } });
  if (!row) return false;
  const updated = await db.carrierConnection.updateMany({ where, data: columns({ secrets, tokenExpiresAt }, row) });
  return updated.count > 0;
}

/** An opaque version of the stored credentials: every seal has a fresh IV, so any write changes it. */
const secretsVersion = (sealed: string) => createHash("sha256").update(sealed).digest("base64url").slice(0, 22);

/** The opened credentials with their version, for a later compareAndSwapSecrets; null without a row or credentials. */
export async function readCarrierSecretsVersioned(db: Db, ref: ConnectionRef): Promise<{ secrets: unknown; version: string } | null> {
  const row = await db.carrierConnection.findFirst({ where: scoped(ref) });
  if (!row?.credentials) return null;
  return { secrets: JSON.parse(unseal(row.credentials, sealContext(row))), version: secretsVersion(row.credentials) };
}

/**
 * Stores `next` only if the row's credentials are still at `expectedVersion` (across instances: the update's WHERE
 * names the exact sealed value read). Returns the new version, or null when another writer got there first.
 */
export async function compareAndSwapSecrets(db: Db, ref: ConnectionRef, expectedVersion: string, next: unknown, tokenExpiresAt?: Date | null): Promise<string | null> {
  const where = scoped(ref);
  const row = await db.carrierConnection.findFirst({ where, select: { shopId: true, carrierId: true, accountNumber: true, credentials: true } });
  if (!row?.credentials || secretsVersion(row.credentials) !== expectedVersion) return null;
  const data = columns({ secrets: next, ...(tokenExpiresAt !== undefined ? { tokenExpiresAt } : {}) }, row);
  const updated = await db.carrierConnection.updateMany({ where: { ...where, credentials: row.credentials }, data });
  return updated.count === 1 ? secretsVersion(data.credentials!) : null;
}

export async function deleteCarrierConnection(db: Db, ref: ConnectionRef): Promise<boolean> {
  const where = scoped(ref);
  const deleted = await db.carrierConnection.deleteMany({ where });
  if (deleted.count > 0) await bumpConfig(db, where.shopId);
  return deleted.count > 0;
}

/**
 * The shop's usable connections for rating, one per carrier (the most recently updated connected one), with
 * settings and secrets validated by the carrier's own schemas. A connection that fails them is left out (its
 * services answer fallbacks) and logged by field name only.
 */
export async function activeCarrierConnections(db: Db, shop: { id: string; domain: string }, carriers: CarrierRegistry): Promise<ShopConnections> {
  const rows = await db.carrierConnection.findMany({ where: { shopId: shop.id, status: "connected" }, orderBy: { updatedAt: "desc" } });
  const active = new Map<string, CarrierConnectionContext<unknown, unknown>>();
  for (const row of rows) {
    const connector = carriers.get(row.carrierId);
    if (!connector || active.has(row.carrierId)) continue;
    const ref = { shopId: row.shopId, id: row.id };
    let opened: unknown = {};
    try {
      opened = row.credentials ? JSON.parse(unseal(row.credentials, sealContext(row))) : {};
    } catch (error) {
      logger.warn("carrier credentials do not open; connection skipped", { shop: shop.domain, carrier: row.carrierId, connection: row.id, reason: (error as Error).name });
      continue;
    }
    const settings = connector.settingsSchema.safeParse(row.settings ?? {});
    const secrets = connector.secretsSchema.safeParse(opened);
    if (!settings.success || !secrets.success) {
      const fields = [...(settings.error?.issues ?? []), ...(secrets.error?.issues ?? [])].map((i) => i.path.join(".") || "(root)");
      logger.warn("carrier connection is invalid; skipped", { shop: shop.domain, carrier: row.carrierId, connection: row.id, fields });
      continue;
    }
    active.set(row.carrierId, {
      id: row.id,
      shop: shop.domain,
      mode: row.mode === "production" ? "production" : "test",
      settings: settings.data,
      secrets: secrets.data,
      saveSecrets: async (next) => {
        await saveCarrierSecrets(db, ref, next);
      },
      loadSecrets: async () => {
        const got = await readCarrierSecretsVersioned(db, ref);
        const parsed = got ? connector.secretsSchema.safeParse(got.secrets) : null;
        return got && parsed?.success ? { secrets: parsed.data, version: got.version } : null;
      },
      compareAndSwapSecrets: (expectedVersion, next) => compareAndSwapSecrets(db, ref, expectedVersion, next),
      reportNeedsReconnect: async (reason) => {
        await updateCarrierConnection(db, ref, { status: "needs_reconnect", lastError: reason });
        logger.warn("carrier connection needs reconnecting", { shop: shop.domain, carrier: row.carrierId, connection: row.id });
      },
    });
  }
  return active;
}
