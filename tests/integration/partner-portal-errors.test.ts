// What a refused action says: the portal and the merchant's Fulfillment partners page get the sentence's key and
// values (shown in the reader's language), the provider API a stable code beside its English message.
import i18next, { type TFunction } from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { LOCALES } from "~/i18n/config";
import { i18nOptions } from "~/i18n/i18n";
import { resources } from "~/i18n/resources.server";
import * as apiAction from "~/routes/partners.api.v1.orders.$orderId.$action";
import * as ordersRoute from "~/routes/partners.orders";
import * as signupRoute from "~/routes/partners.signup";
import { createApiKey } from "~/services/partners/api-keys.server";
import { inviteProvider } from "~/services/partners/invitations.server";
import { approvePendingLink } from "~/services/partners/links.server";
import { merchantIntent } from "~/services/partners/merchant-page.server";
import { saidText } from "~/i18n/said";
import { acceptOrder, handleNotification, listProviderOrders } from "~/services/partners/orders.server";
import { hashPassword } from "~/services/partners/portal-auth.server";
import { sha256 } from "~/services/partners/tokens.server";
import { capturingContext, createProviderRow, foAt } from "./partners-world";
import { useTrackingWorld } from "./tracking-world";

const SHOP = "partner-errors.myshopify.com";
const world = useTrackingWorld(SHOP);
const translators = new Map<string, TFunction>();

beforeAll(async () => {
  for (const lng of LOCALES) {
    const i18n = i18next.createInstance();
    await i18n.init({ ...i18nOptions, resources, lng });
    translators.set(lng, i18n.t);
  }
});

/** A provider linked to the shop with one requested order, signed in to the portal. */
async function signedInProvider() {
  const { ctx } = capturingContext();
  const provider = await createProviderRow("Wordy 3PL");
  await inviteProvider(ctx, world.shopId, { by: "partner_id", value: provider.publicId });
  const pending = await getDb().partnerLink.findFirstOrThrow({ where: { shopId: world.shopId, providerId: provider.id } });
  const link = await approvePendingLink(ctx, { providerId: provider.id }, pending.id);
  foAt(world, link.locationId!);
  await handleNotification(ctx, link.id, "FULFILLMENT_REQUEST");
  const user = await getDb().providerUser.create({ data: { providerId: provider.id, email: provider.email, passwordHash: await hashPassword("a-long-enough-password") } });
  const session = `session-${provider.id}`;
  await getDb().portalSession.create({ data: { id: sha256(session), userId: user.id, providerId: provider.id, csrfToken: "csrf-token", expiresAt: new Date(Date.now() + 3_600_000) } });
  const [order] = await listProviderOrders(ctx, provider.id);
  return { ctx, provider, link, order: order!, cookie: `wp_portal=${session}; wp_portal_csrf=csrf-token` };
}

function portalPost(path: string, cookie: string, fields: Record<string, string>) {
  return new Request(`${process.env.SHOPIFY_APP_URL}${path}`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrf: "csrf-token", ...fields }).toString(),
  });
}

/** The sentence in every locale: a real text (never the key, never an untranslated nesting), English only in en. */
function sentences(key: string, params?: Record<string, unknown>) {
  const english = translators.get("en")!(key, { ns: "portal", ...params });
  return LOCALES.map((lng) => {
    const text = translators.get(lng)!(key, { ns: "portal", ...params });
    expect(text, `${lng}: ${key}`).not.toMatch(/errors\.|\$t\(|\{\{/);
    if (lng !== "en") expect(text, `${lng}: ${key}`).not.toBe(english);
    return text;
  });
}

describe("refusals in the partner portal", () => {
  it("answers an action on an unknown order with the sentence's key, which every locale translates", async () => {
    const { cookie } = await signedInProvider();
    const res = (await ordersRoute.action({ request: portalPost("/partners/orders", cookie, { intent: "accept", orderId: "no-such-order" }), params: {}, context: {} })) as Response;
    expect(res.status).toBe(404);
    const body = await res.json();
    expect(body).toMatchObject({ error: "Order not found", errorKey: "errors.orderNotFound" });
    sentences(body.errorKey);
  });

  it("names the order's status in the reader's language when it can no longer be accepted", async () => {
    const { ctx, provider, order, cookie } = await signedInProvider();
    await acceptOrder(ctx, provider.id, order.id);
    const res = (await ordersRoute.action({ request: portalPost("/partners/orders", cookie, { intent: "accept", orderId: order.id }), params: {}, context: {} })) as Response;
    expect(res.status).toBe(409);
    const body = await res.json();
    expect(body).toMatchObject({ errorKey: "errors.cannotAccept", errorParams: { status: "accepted" } });
    const texts = sentences(body.errorKey, body.errorParams);
    expect(texts[LOCALES.indexOf("en")]).toContain("accepted");
    expect(texts[LOCALES.indexOf("de")]).toContain("angenommen");
  });

  it("explains a refused form field with a key of its own instead of the validator's English", async () => {
    const { order, cookie } = await signedInProvider();
    const res = (await ordersRoute.action({ request: portalPost("/partners/orders", cookie, { intent: "reject", orderId: order.id, reason: "OTHER", message: " " }), params: {}, context: {} })) as Response;
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body).toMatchObject({ errorKey: "errors.rejectMessage", errorParams: { max: 500 } });
    sentences(body.errorKey, body.errorParams);
  });

  it("gives sign-up's password rule as a key with its limits", async () => {
    const request = new Request(`${process.env.SHOPIFY_APP_URL}/partners/signup`, {
      method: "POST",
      headers: { Cookie: "wp_portal_csrf=pre-session-csrf-token-0000", "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrf: "pre-session-csrf-token-0000", name: "Short 3PL", email: "short@3pl.test", password: "short" }).toString(),
    });
    const res = (await signupRoute.action({ request, params: {}, context: {} })) as Response;
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body).toMatchObject({ errorKey: "errors.password", errorParams: { min: 12, max: 200 } });
    expect(sentences(body.errorKey, body.errorParams)[0]).toBe("Use 12 to 200 characters for the password");
  });
});

describe("refusals in the provider API", () => {
  it("keeps the English message and adds a stable code", async () => {
    const { ctx, provider, order } = await signedInProvider();
    const { key } = await createApiKey(ctx, provider.id, "wms");
    await acceptOrder(ctx, provider.id, order.id);
    const request = new Request(`${process.env.SHOPIFY_APP_URL}/partners/api/v1/orders/${order.id}/accept`, { method: "POST", headers: { Authorization: `Bearer ${key}` } });
    const res = await apiAction.action({ request, params: { orderId: order.id, action: "accept" }, context: {} });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: "A accepted order cannot be accepted", code: "cannot_accept" });
  });
});

describe("a refused portal form", () => {
  /** The route throws its refusal as a plain-text Response; the test reads what the browser would show. */
  async function refusal(request: Request) {
    const thrown = await ordersRoute.action({ request, params: {}, context: {} }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(thrown).toBeInstanceOf(Response);
    const res = thrown as Response;
    return { status: res.status, language: res.headers.get("Content-Language"), text: await res.text() };
  }

  it("explains a stale form in the reader's language", async () => {
    const { cookie } = await signedInProvider();
    const request = portalPost("/partners/orders", cookie, { csrf: "stale-token", intent: "accept" });
    request.headers.set("Accept-Language", "fr-FR,fr;q=0.9");
    expect(await refusal(request)).toEqual({
      status: 403,
      language: "fr",
      text: "Le formulaire a expiré ou provient d'un autre site\u00a0; rechargez la page et réessayez",
    });
    sentences("formRefused.stale");
  });

  it("names the form type it expects in the reader's language, and refuses an oversized form the same way", async () => {
    const { cookie } = await signedInProvider();
    const json = new Request(`${process.env.SHOPIFY_APP_URL}/partners/orders`, {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/json", "Accept-Language": "de" },
      body: "{}",
    });
    expect(await refusal(json)).toEqual({ status: 415, language: "de", text: "Sende das Formular als application/x-www-form-urlencoded" });
    const large = portalPost("/partners/orders", cookie, { intent: "accept", filler: "x".repeat(40_000) });
    large.headers.set("Accept-Language", "es-MX");
    expect(await refusal(large)).toEqual({ status: 413, language: "es-MX", text: "Formulario demasiado grande" });
    sentences("formRefused.tooLarge");
    sentences("formRefused.mediaType", { type: "application/x-www-form-urlencoded" });
  });
});

describe("the merchant's Fulfillment partners page", () => {
  it("gets each outcome as keys of the partners namespace, translated in every locale", async () => {
    const { link } = await signedInProvider();
    const answer = await merchantIntent(capturingContext().ctx, { domain: SHOP }, { intent: "routing", linkId: link.id, kind: "countries", values: "br, us" });
    expect(answer.said).toEqual({ key: "partners:notices.routingSaved", params: { version: 2 } });
    const texts = LOCALES.map((lng) => saidText(translators.get(lng)!, answer.said, lng));
    expect(new Set(texts).size).toBe(LOCALES.length);
    expect(texts.every((t) => t.includes("2"))).toBe(true);
  });

  it("gets a service's refusal as a key of the portal namespace", async () => {
    await expect(merchantIntent(capturingContext().ctx, { domain: SHOP }, { intent: "routing", linkId: "no-such-link", kind: "all", values: "" })).rejects.toMatchObject({
      status: 404,
      key: "errors.linkNotFound",
      code: "link_not_found",
    });
    sentences("errors.linkNotFound");
  });
});
