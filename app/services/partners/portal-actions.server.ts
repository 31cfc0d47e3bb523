// Portal form intents → partner services, for the provider signed in. Failures the provider can fix come back as
// { error } with the service's status; nothing here trusts a provider id from the form.
import { z } from "zod";
import { LinkSettingsSchema } from "~/domain/partners/link-settings";
import { checkOutboundUrl } from "~/lib/outbound-url.server";
import { REJECTION_REASONS } from "~/shopify/graphql/rejection-reasons";
import { createApiKey, revokeApiKey } from "./api-keys.server";
import { PartnerError, type Notice } from "./context.server";
import { inviteShop } from "./invitations.server";
import { approvePendingLink, updateLinkSettings } from "./links.server";
import { acceptOrder, answerCancellation, rejectOrder, shipOrder } from "./orders.server";
import { text, type Portal } from "./portal-route.server";
import { endLinkAsProvider } from "./unlink.server";
import { replayPartnerWebhook } from "./webhooks.server";

export type { Notice };
/** `message`/`error` stay English for scripts and tests; the page shows `notices` / `errorKey` (portal namespace). */
type Result = { ok: true; message: string; notices: Notice[]; key?: string } | PortalError;
export type PortalError = { error: string; errorKey: string; errorParams?: Notice["params"]; status: number };

/** A service failure as the portal's answer: the English message beside its sentence's key and values. */
export const portalError = (error: PartnerError): PortalError => ({ error: error.message, errorKey: error.key, ...(error.params ? { errorParams: error.params } : {}), status: error.status });

// Link settings fields with a sentence of their own when refused (portal.json errors.settings.*).
const SETTINGS_FIELDS = new Set(["carriers", "shippingRules", "payer", "supportHandledBy", "clientId"]);

function zodAnswer(error: z.ZodError): PortalError {
  const field = String(error.issues[0]?.path[0] ?? "");
  return {
    error: error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
    errorKey: SETTINGS_FIELDS.has(field) ? `errors.settings.${field}` : "errors.invalidForm",
    status: 422,
  };
}

/** A required text of at most `max` characters, else the form's sentence for it. */
function required(form: FormData, name: string, max: number, error: PartnerError): string {
  const v = text(form, name, max + 1).trim();
  if (!v || v.length > max) throw error;
  return v;
}

const ok = (message: string, ...notices: Notice[]): Result => ({ ok: true, message, notices });

const id = (form: FormData, name: string) => {
  const v = text(form, name, 60);
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(v)) throw new PartnerError(`Missing or malformed ${name}`, 400, "errors.malformedId");
  return v;
};

async function run(fn: () => Promise<Result>): Promise<Result> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof PartnerError) return portalError(error);
    if (error instanceof z.ZodError) return zodAnswer(error);
    throw error;
  }
}

export function orderIntent(portal: Portal, form: FormData): Promise<Result> {
  const { ctx, session } = portal;
  return run(async () => {
    const orderId = id(form, "orderId");
    switch (text(form, "intent", 20)) {
      case "accept":
        await acceptOrder(ctx, session.providerId, orderId);
        return ok("Accepted", { key: "notices.accepted" });
      case "reject": {
        const reason = z.enum(REJECTION_REASONS).safeParse(text(form, "reason", 40));
        if (!reason.success) throw new PartnerError("Choose a rejection reason", 422, "errors.rejectReason");
        const message = required(form, "message", 500, new PartnerError("Say why (at most 500 characters)", 422, "errors.rejectMessage", { max: 500 }));
        await rejectOrder(ctx, session.providerId, orderId, reason.data, message);
        return ok("Rejected; the order went back to the merchant", { key: "notices.rejected" });
      }
      case "ship": {
        const number = required(form, "trackingNumber", 100, new PartnerError("Enter the tracking number (at most 100 characters)", 422, "errors.trackingNumber", { max: 100 }));
        const company = required(form, "carrier", 100, new PartnerError("Enter the carrier (at most 100 characters)", 422, "errors.carrier", { max: 100 }));
        const fulfillmentId = await shipOrder(ctx, session.providerId, orderId, { number, company });
        const fulfillment = fulfillmentId.split("/").pop() ?? fulfillmentId;
        return ok(`Shipped: Shopify fulfillment ${fulfillment} created with tracking ${number}`, { key: "notices.shipped", params: { fulfillment, number } });
      }
      case "cancel-accept":
      case "cancel-refuse":
        await answerCancellation(ctx, session.providerId, orderId, text(form, "intent", 20) === "cancel-accept");
        return ok("Answer sent to the merchant", { key: "notices.answered" });
      default:
        throw new PartnerError("Unknown action", 400, "errors.unknownAction");
    }
  });
}

const splitList = (v: string) => v.split(",").map((s) => s.trim()).filter(Boolean);

export function linkIntent(portal: Portal, form: FormData): Promise<Result> {
  const { ctx, session } = portal;
  return run(async () => {
    switch (text(form, "intent", 20)) {
      case "approve":
        await approvePendingLink(ctx, { providerId: session.providerId }, id(form, "linkId"));
        return ok("Link active: the shop's fulfillment service is set up", { key: "notices.linkActive" });
      case "invite": {
        const by = text(form, "by", 20) === "email" ? "email" : "shop_domain";
        const inv = await inviteShop(ctx, session.providerId, { by, value: text(form, "value", 254) }, { senderLocale: portal.locale });
        // Whether the shop uses Waypost is not the provider's to learn: the answer reads the same either way.
        if (inv.emailed) return ok("Invitation sent", { key: "notices.invitationSent" });
        return by === "shop_domain"
          ? ok(`Invitation created: if the shop uses Waypost, it sees your pending link under Fulfillment partners. You can also give the merchant this code: ${inv.token}`, { key: "notices.invitationCreated", params: { code: inv.token } })
          : ok(`Email not sent (no mail transport); give the merchant this code: ${inv.token}`, { key: "notices.emailNotSent", params: { code: inv.token } });
      }
      case "settings": {
        const linkId = id(form, "linkId");
        const settings = LinkSettingsSchema.parse({
          carriers: splitList(text(form, "carriers")),
          shippingRules: text(form, "shippingRules", 2000),
          payer: text(form, "payer", 20),
          supportHandledBy: text(form, "supportHandledBy", 20),
          clientId: text(form, "clientId", 100),
        });
        const rawUrl = text(form, "webhookUrl", 500).trim();
        if (rawUrl) {
          const check = await checkOutboundUrl(rawUrl, { production: ctx.production, allowLoopback: ctx.allowLoopback, lookup: ctx.lookup });
          if (!check.ok) throw new PartnerError(`Webhook URL refused: ${check.reason}`, 422, "errors.webhookUrlRefused", { detail: check.reason });
        }
        const v = await updateLinkSettings(ctx, session.providerId, linkId, { settings, webhookUrl: rawUrl || null });
        return ok(`Saved as settings version ${v}; it applies to new orders`, { key: "notices.saved", params: { version: v } });
      }
      case "end": {
        const r = await endLinkAsProvider(ctx, session.providerId, id(form, "linkId"));
        const counts = { returned: r.returned.length, inProgress: r.inProgress.length };
        return ok(
          `Link deactivated: ${counts.returned} order(s) returned to the merchant, ${counts.inProgress} in progress stay with you${r.refused.length ? `, ${r.refused.length} Shopify would not move` : ""}`,
          { key: "notices.deactivated", params: counts },
          ...(r.refused.length ? [{ key: "notices.deactivatedRefused", params: { refused: r.refused.length } }] : []),
        );
      }
      case "replay":
        await replayPartnerWebhook(ctx, session.providerId, id(form, "messageId"));
        return ok("Queued again", { key: "notices.queued" });
      default:
        throw new PartnerError("Unknown action", 400, "errors.unknownAction");
    }
  });
}

export function keyIntent(portal: Portal, form: FormData): Promise<Result> {
  const { ctx, session } = portal;
  return run(async () => {
    switch (text(form, "intent", 20)) {
      case "create": {
        const created = await createApiKey(ctx, session.providerId, text(form, "name", 60));
        return { ...ok("Copy the key now; it is not shown again", { key: "notices.keyCreated" }), key: created.key };
      }
      case "revoke":
        await revokeApiKey(ctx, session.providerId, id(form, "keyId"));
        return ok("Revoked", { key: "notices.revoked" });
      default:
        throw new PartnerError("Unknown action", 400, "errors.unknownAction");
    }
  });
}

export const answer = (r: Result) => Response.json(r, { status: "error" in r ? r.status : 200 });

/** A thin route's try/catch: the service's failure as the portal's answer, anything else rethrown. */
export async function portalAnswer(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof PartnerError) return answer(portalError(error));
    throw error;
  }
}
