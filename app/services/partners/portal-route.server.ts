// What every portal route does first: find the database session from the cookie (or send to the login page),
// check the CSRF token on every POST (synchronizer token from the session; before sign-in, a double-submit
// cookie), and refuse cross-site form posts by Origin. Routes stay thin: parse, call a service, answer.
import { redirect } from "@remix-run/node";
import type { Locale } from "~/i18n/config";
import { fixedT, getLocale } from "~/i18n/i18next.server";
import { partnersContext, type PartnersContext } from "./context.server";
import { PRE_CSRF_COOKIE, SESSION_COOKIE, cookie, readCookie } from "./http.server";
import { addressLimiter, csrfMatches, sessionFor, type PortalSessionInfo } from "./portal-auth.server";
import { newToken, sameHash } from "./tokens.server";

/** One limiter per server process, shared by the login action (an in-memory window per client address). */
export const loginLimiter = addressLimiter();

export const MAX_FORM_BYTES = 32 * 1024;

export interface Portal {
  ctx: PartnersContext;
  session: PortalSessionInfo;
  /** The page's language (the picker's cookie, else the browser's): emails this provider sends use it. */
  locale?: Locale;
}

export async function requirePortal(request: Request): Promise<Portal> {
  const ctx = partnersContext();
  const session = await sessionFor(ctx, readCookie(request, SESSION_COOKIE));
  if (!session) {
    const url = new URL(request.url);
    throw redirect(`/partners/login?next=${encodeURIComponent(url.pathname)}`);
  }
  return { ctx, session, locale: await getLocale(request) };
}

function sameOrigin(request: Request, appUrl: string): boolean {
  const origin = request.headers.get("origin");
  if (!origin || origin === "null") return origin === null;
  return origin === new URL(request.url).origin || origin === new URL(appUrl).origin;
}

const FORM_TYPE = "application/x-www-form-urlencoded";

/**
 * A refused form as a short plain-text page in the portal's language (the picker's cookie, else the browser's):
 * the route never ran, so there is no page to put a banner on.
 */
async function refusal(request: Request, reason: "stale" | "tooLarge" | "mediaType" | "nul", status: number): Promise<Response> {
  const locale = await getLocale(request);
  const t = await fixedT(locale, "portal");
  return new Response(t(`formRefused.${reason}`, { type: FORM_TYPE }), {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Content-Language": locale },
  });
}

/** Reads a bounded urlencoded/multipart form; a foreign Origin or a bad CSRF token is a 403. */
export async function portalForm(request: Request, portal: Portal): Promise<FormData> {
  const form = await boundedForm(request);
  if (!sameOrigin(request, portal.ctx.appUrl) || !csrfMatches(portal.session, form.get("csrf"))) {
    throw await refusal(request, "stale", 403);
  }
  return form;
}

async function boundedForm(request: Request): Promise<FormData> {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_FORM_BYTES) throw await refusal(request, "tooLarge", 413);
  const text = await request.text();
  if (text.length > MAX_FORM_BYTES) throw await refusal(request, "tooLarge", 413);
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith(FORM_TYPE)) throw await refusal(request, "mediaType", 415);
  const form = new FormData();
  for (const [k, v] of new URLSearchParams(text)) {
    // PostgreSQL refuses NUL in text columns (22P05): a client mistake, not our crash.
    if (k.includes("\u0000") || v.includes("\u0000")) throw await refusal(request, "nul", 400);
    form.append(k, v);
  }
  return form;
}

/** Before sign-in: a random token in a cookie and in the form (double submit). */
export function preSessionCsrf(request: Request, secure: boolean): { token: string; setCookie?: string } {
  const existing = readCookie(request, PRE_CSRF_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{20,64}$/.test(existing)) return { token: existing };
  const token = newToken();
  return { token, setCookie: cookie(PRE_CSRF_COOKIE, token, { secure, maxAgeSeconds: 3_600 }) };
}

export async function anonymousForm(request: Request, appUrl: string): Promise<FormData> {
  const form = await boundedForm(request);
  const cookieToken = readCookie(request, PRE_CSRF_COOKIE) ?? "";
  const submitted = form.get("csrf");
  if (!sameOrigin(request, appUrl) || typeof submitted !== "string" || !cookieToken || !sameHash(cookieToken, submitted)) {
    throw await refusal(request, "stale", 403);
  }
  return form;
}

export const text = (form: FormData, name: string, max = 500) => String(form.get(name) ?? "").slice(0, max);
export const isSecure = (appUrl: string) => appUrl.startsWith("https://");
