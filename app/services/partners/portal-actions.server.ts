// Portal form intents → partner services, for the provider signed in. Failures the provider can fix come back as
// { error } with the service's status; nothing here trusts a provider id from the form.
import { z } from "zod";
import { LinkSettingsSchema } from "~/domain/partners/link-settings";
import { checkOutboundUrl } from "~/lib/outbound-url.server";
import { REJECTION_REASONS } from "~/shopify/graphql/rejection-reasons";
import { createApiKey, revokeApiKey } from "./api-keys.server";
import { PartnerError } from "./context.server";
import { inviteShop } from "./invitations.server";
import { approvePendingLink, updateLinkSettings } from "./links.server";
import { acceptOrder, answerCancellation, rejectOrder, shipOrder } from "./orders.server";
import { text, type Portal } from "./portal-route.server";
import { endLinkAsProvider } from "./unlink.server";
import { replayPartnerWebhook } from "./webhooks.server";

type Result = { ok: true; message: string; key?: string } | { error: string; status: number };

const id = (form: FormData, name: string) => {
  const v = text(form, name, 60);
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(v)) throw new PartnerError(`Missing or malformed ${name}`, 400);
  return v;
};

async function run(fn: () => Promise<Result>): Promise<Result> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof PartnerError) return { error: error.message, status: error.status };
    if (error instanceof z.ZodError) return { error: error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "), status: 422 };
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
        return { ok: true, message: "Accepted" };
      case "reject": {
        const reason = z.enum(REJECTION_REASONS).parse(text(form, "reason", 40));
        const message = z.string().trim().min(1, "Say why").max(500).parse(text(form, "message"));
        await rejectOrder(ctx, session.providerId, orderId, reason, message);
        return { ok: true, message: "Rejected; the order went back to the merchant" };
      }
      case "ship": {
        const number = z.string().trim().min(1, "Enter the tracking number").max(100).parse(text(form, "trackingNumber", 100));
        const company = z.string().trim().min(1, "Enter the carrier").max(100).parse(text(form, "carrier", 100));
        const fulfillmentId = await shipOrder(ctx, session.providerId, orderId, { number, company });
        return { ok: true, message: `Shipped: Shopify fulfillment ${fulfillmentId.split("/").pop()} created with tracking ${number}` };
      }
      case "cancel-accept":
      case "cancel-refuse":
        await answerCancellation(ctx, session.providerId, orderId, text(form, "intent", 20) === "cancel-accept");
        return { ok: true, message: "Answer sent to the merchant" };
      default:
        throw new PartnerError("Unknown action", 400);
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
        return { ok: true, message: "Link active: the shop's fulfillment service is set up" };
      case "invite": {
        const by = text(form, "by", 20) === "email" ? "email" : "shop_domain";
        const inv = await inviteShop(ctx, session.providerId, { by, value: text(form, "value", 254) }, { senderLocale: portal.locale });
        // Whether the shop uses Waypost is not the provider's to learn: the answer reads the same either way.
        if (inv.emailed) return { ok: true, message: "Invitation sent" };
        return {
          ok: true,
          message:
            by === "shop_domain"
              ? `Invitation created: if the shop uses Waypost, it sees your pending link under Fulfillment partners. You can also give the merchant this code: ${inv.token}`
              : `Email not sent (no mail transport); give the merchant this code: ${inv.token}`,
        };
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
          if (!check.ok) throw new PartnerError(`Webhook URL refused: ${check.reason}`, 422);
        }
        const v = await updateLinkSettings(ctx, session.providerId, linkId, { settings, webhookUrl: rawUrl || null });
        return { ok: true, message: `Saved as settings version ${v}; it applies to new orders` };
      }
      case "end": {
        const r = await endLinkAsProvider(ctx, session.providerId, id(form, "linkId"));
        return { ok: true, message: `Link deactivated: ${r.returned.length} order(s) returned to the merchant, ${r.inProgress.length} in progress stay with you${r.refused.length ? `, ${r.refused.length} Shopify would not move` : ""}` };
      }
      case "replay":
        await replayPartnerWebhook(ctx, session.providerId, id(form, "messageId"));
        return { ok: true, message: "Queued again" };
      default:
        throw new PartnerError("Unknown action", 400);
    }
  });
}

export function keyIntent(portal: Portal, form: FormData): Promise<Result> {
  const { ctx, session } = portal;
  return run(async () => {
    switch (text(form, "intent", 20)) {
      case "create": {
        const created = await createApiKey(ctx, session.providerId, text(form, "name", 60));
        return { ok: true, message: "Copy the key now; it is not shown again", key: created.key };
      }
      case "revoke":
        await revokeApiKey(ctx, session.providerId, id(form, "keyId"));
        return { ok: true, message: "Revoked" };
      default:
        throw new PartnerError("Unknown action", 400);
    }
  });
}

export const answer = (r: Result) => Response.json(r, { status: "error" in r ? r.status : 200 });
