// Partner-portal accounts: argon2id password hashes (@node-rs/argon2, memory-hard), sessions stored in the
// database (the cookie carries a random id; the row id is its SHA-256), a per-session CSRF token
// (synchronizer pattern), login rate limiting per account (lockout after failures) and per client address, and
// password reset by email with a single-use, expiring token. The portal never touches Shopify sessions.
import { hash, verify } from "@node-rs/argon2";
import { z } from "zod";
import { resolveLocale } from "~/i18n/config";
import { PartnerError, type PartnersContext } from "./context.server";
import { mailLocale, mailT } from "./mail-text.server";
import { newToken, sameHash, sha256 } from "./tokens.server";

export const SESSION_TTL_MS = 12 * 3_600_000;
export const RESET_TTL_MS = 30 * 60_000;
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;
/** Per client address: attempts allowed in a window (in-process; one more guard on top of the account lockout). */
export const ADDRESS_LIMIT = 20;
const ADDRESS_WINDOW_MS = 15 * 60_000;

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const ARGON = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

const PASSWORD_MIN = 12;
const PASSWORD_MAX = 200;
export const PasswordSchema = z.string().min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters`).max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters`);
export const EmailSchema = z.email("Enter a valid email").max(254).transform((v) => v.toLowerCase());

export const hashPassword = (password: string) => hash(password, ARGON);

/** A hash of nothing, verified when the account does not exist, so timing does not tell who has an account. */
let dummyHash: Promise<string> | undefined;

export interface AddressLimiter {
  hit(key: string, now: number): boolean;
}

/** A fixed-window counter per address; bounded in size (old windows are dropped as they pass). */
export function addressLimiter(limit = ADDRESS_LIMIT, windowMs = ADDRESS_WINDOW_MS): AddressLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key, now) {
      if (windows.size > 10_000) for (const [k, w] of windows) if (now - w.start > windowMs) windows.delete(k);
      const w = windows.get(key);
      if (!w || now - w.start > windowMs) {
        windows.set(key, { start: now, count: 1 });
        return true;
      }
      w.count++;
      return w.count <= limit;
    },
  };
}

export async function createProviderAccount(ctx: PartnersContext, input: { name: string; email: string; password: string; locale?: string | null }) {
  const email = EmailSchema.safeParse(input.email);
  if (!email.success) throw new PartnerError("Enter a valid email", 422, "errors.invalidEmail");
  const password = PasswordSchema.safeParse(input.password);
  if (!password.success) throw new PartnerError(password.error.issues[0]!.message, 422, "errors.password", { min: PASSWORD_MIN, max: PASSWORD_MAX });
  const name = z.string().trim().min(1).max(100).safeParse(input.name);
  if (!name.success) throw new PartnerError("Enter the company name (at most 100 characters)", 422, "errors.companyName");
  const exists = await ctx.db.providerUser.findUnique({ where: { email: email.data } });
  if (exists) throw new PartnerError("An account with this email exists; sign in or reset the password", 409, "errors.accountExists");
  const publicId = `P-${newToken(8).replace(/[^A-Za-z0-9]/g, "").toUpperCase().slice(0, 8).padEnd(8, "X")}`;
  const provider = await ctx.db.provider.create({ data: { name: name.data, email: email.data, publicId } });
  await ctx.db.providerUser.create({ data: { providerId: provider.id, email: email.data, passwordHash: await hashPassword(password.data), locale: resolveLocale(input.locale) } });
  return provider;
}

export type LoginResult = { ok: true; sessionToken: string; expiresAt: Date } | { ok: false; message: string; key: string; status: 401 | 429 };

const WRONG = "Email or password is wrong";

export async function login(ctx: PartnersContext, limiter: AddressLimiter, input: { email: string; password: string; address: string; locale?: string | null }): Promise<LoginResult> {
  const now = ctx.now();
  if (!limiter.hit(input.address, now.getTime())) return { ok: false, status: 429, message: "Too many sign-in attempts from your network; wait 15 minutes", key: "notices.tooManyFromAddress" };
  const email = EmailSchema.safeParse(input.email);
  const user = email.success ? await ctx.db.providerUser.findUnique({ where: { email: email.data } }) : null;
  if (!user) {
    await verify(await (dummyHash ??= hashPassword("not-a-real-password")), input.password.slice(0, 200)).catch(() => false);
    return { ok: false, status: 401, message: WRONG, key: "notices.wrongPassword" };
  }
  if (user.lockedUntil && user.lockedUntil > now) return { ok: false, status: 429, message: "Too many failed sign-ins; try again in 15 minutes or reset your password", key: "notices.locked" };
  const good = await verify(user.passwordHash, input.password.slice(0, 200)).catch(() => false);
  if (!good) {
    const failed = user.failedLogins + 1;
    await ctx.db.providerUser.updateMany({
      where: { id: user.id, providerId: user.providerId },
      data: failed >= MAX_FAILED_LOGINS ? { failedLogins: 0, lockedUntil: new Date(now.getTime() + LOCKOUT_MS) } : { failedLogins: failed },
    });
    return { ok: false, status: 401, message: WRONG, key: "notices.wrongPassword" };
  }
  await ctx.db.providerUser.updateMany({ where: { id: user.id, providerId: user.providerId }, data: { failedLogins: 0, lockedUntil: null, ...(resolveLocale(input.locale) ? { locale: resolveLocale(input.locale) } : {}) } });
  const sessionToken = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await ctx.db.portalSession.create({ data: { id: sha256(sessionToken), userId: user.id, providerId: user.providerId, csrfToken: newToken(), expiresAt } });
  return { ok: true, sessionToken, expiresAt };
}

export interface PortalSessionInfo {
  sessionId: string;
  userId: string;
  providerId: string;
  providerName: string;
  publicId: string;
  email: string;
  csrfToken: string;
}

export async function sessionFor(ctx: PartnersContext, sessionToken: string | null | undefined): Promise<PortalSessionInfo | null> {
  if (!sessionToken || sessionToken.length > 100) return null;
  const row = await ctx.db.portalSession.findUnique({ where: { id: sha256(sessionToken) }, include: { user: { include: { provider: true } } } });
  if (!row || row.expiresAt <= ctx.now()) return null;
  return {
    sessionId: row.id,
    userId: row.userId,
    providerId: row.providerId,
    providerName: row.user.provider.name,
    publicId: row.user.provider.publicId,
    email: row.user.email,
    csrfToken: row.csrfToken,
  };
}

export function csrfMatches(session: PortalSessionInfo, submitted: unknown): boolean {
  return typeof submitted === "string" && submitted.length > 0 && sameHash(session.csrfToken, submitted);
}

export async function logout(ctx: PartnersContext, session: PortalSessionInfo) {
  await ctx.db.portalSession.deleteMany({ where: { id: session.sessionId, providerId: session.providerId } });
}

/**
 * Always answers the same, whether or not the account exists; the email carries a single-use 30-minute link, in the
 * language the user last signed in with, else the language of the page that asked (`requestLocale`).
 */
export async function requestPasswordReset(ctx: PartnersContext, rawEmail: string, requestLocale?: string | null) {
  const email = EmailSchema.safeParse(rawEmail);
  if (!email.success) return;
  const user = await ctx.db.providerUser.findUnique({ where: { email: email.data } });
  if (!user) return;
  const token = newToken();
  await ctx.db.providerUser.updateMany({
    where: { id: user.id, providerId: user.providerId },
    data: { resetTokenHash: sha256(token), resetExpiresAt: new Date(ctx.now().getTime() + RESET_TTL_MS) },
  });
  const t = mailT(mailLocale(user.locale, requestLocale));
  await ctx.mailer.send({ to: user.email, subject: t("email.reset.subject"), text: t("email.reset.body", { url: `${ctx.appUrl}/partners/reset/${token}` }) });
}

/** Sets a new password from a reset token; ends every session of the account. */
export async function resetPassword(ctx: PartnersContext, token: string, password: string) {
  const pw = PasswordSchema.safeParse(password);
  if (!pw.success) throw new PartnerError(pw.error.issues[0]!.message, 400, "errors.password", { min: PASSWORD_MIN, max: PASSWORD_MAX });
  if (token.length > 100) throw new PartnerError("This reset link is not valid", 400, "errors.resetInvalid");
  const user = await ctx.db.providerUser.findFirst({ where: { resetTokenHash: sha256(token) } });
  if (!user || !user.resetExpiresAt || user.resetExpiresAt <= ctx.now()) throw new PartnerError("This reset link has expired or was already used; ask for a new one", 410, "errors.resetExpired");
  const claimed = await ctx.db.providerUser.updateMany({
    where: { id: user.id, providerId: user.providerId, resetTokenHash: user.resetTokenHash },
    data: { passwordHash: await hashPassword(pw.data), resetTokenHash: null, resetExpiresAt: null, failedLogins: 0, lockedUntil: null },
  });
  if (claimed.count === 0) throw new PartnerError("This reset link was already used", 410, "errors.resetUsed");
  await ctx.db.portalSession.deleteMany({ where: { userId: user.id, providerId: user.providerId } });
}
