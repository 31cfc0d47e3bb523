// Provider API keys: "wpk_<prefix>_<secret>", shown once; the prefix finds the row, the SHA-256 of the whole key
// is compared in constant time. Scoped to one provider, revocable.
import { PartnerError, type PartnersContext } from "./context.server";
import { newToken, sameHash, sha256 } from "./tokens.server";

export async function createApiKey(ctx: PartnersContext, providerId: string, name: string) {
  const count = await ctx.db.providerApiKey.count({ where: { providerId, revokedAt: null } });
  if (count >= 20) throw new PartnerError("At most 20 active keys; revoke one first", 409, "errors.tooManyKeys", { max: 20 });
  const prefix = newToken(6).replace(/[^A-Za-z0-9]/g, "x");
  const key = `wpk_${prefix}_${newToken(24)}`;
  const row = await ctx.db.providerApiKey.create({ data: { providerId, name: name.trim().slice(0, 60) || "API key", prefix, keyHash: sha256(key) } });
  return { id: row.id, key };
}

export async function revokeApiKey(ctx: PartnersContext, providerId: string, id: string) {
  const res = await ctx.db.providerApiKey.updateMany({ where: { id, providerId, revokedAt: null }, data: { revokedAt: ctx.now() } });
  if (res.count === 0) throw new PartnerError("API key not found", 404, "errors.apiKeyNotFound");
}

export function listApiKeys(ctx: PartnersContext, providerId: string) {
  return ctx.db.providerApiKey.findMany({ where: { providerId }, select: { id: true, name: true, prefix: true, revokedAt: true, lastUsedAt: true, createdAt: true }, orderBy: { createdAt: "desc" } });
}

/** The provider id a bearer key belongs to, or null (unknown, malformed or revoked). */
export async function providerForKey(ctx: PartnersContext, authorization: string | null): Promise<string | null> {
  const m = /^Bearer (wpk_([A-Za-z0-9]{8})_[A-Za-z0-9_-]{20,64})$/.exec(authorization ?? "");
  if (!m) return null;
  const row = await ctx.db.providerApiKey.findUnique({ where: { prefix: m[2]! } });
  if (!row || row.revokedAt || !sameHash(row.keyHash, sha256(m[1]!))) return null;
  await ctx.db.providerApiKey.updateMany({ where: { id: row.id, providerId: row.providerId }, data: { lastUsedAt: ctx.now() } });
  return row.providerId;
}
