// Generic merchant webhook (Intelipost-style): one JSON POST per event, Basic or HMAC auth, SSRF-checked.
import type { SaveCheckOptions } from "../admin-form";
import { outcomeOf, timeoutOf, type ChannelConnection, type ChannelConnector, type PushOptions, type PushOutcome, type TrackingDelivery } from "../channel";
import { checkOutboundUrl, defaultLookup } from "~/lib/outbound-url.server";
import { parts, say, verbatim } from "~/lib/said";
import { storeSaid } from "~/lib/stored-said";
import { postWebhook } from "./client.server";
import { webhookForm } from "./form";
import { webhookPayload, webhookRequest, webhookUrl } from "./request";
import { interpretWebhook } from "./response";
import { webhookSecretFields, webhookSecretsSchema, webhookSettingsSchema, type WebhookSettings } from "./settings";

type Conn = ChannelConnection<WebhookSettings>;

async function send(delivery: TrackingDelivery, conn: Conn, opts: PushOptions, test: boolean): Promise<PushOutcome> {
  const now = opts.now?.() ?? new Date();
  const plan = webhookRequest(conn.settings, conn.secrets, webhookPayload(delivery, { sentAt: now.toISOString(), test }));
  if (!plan.ok) return { result: "needs_attention", reason: plan.reason };
  // conn.baseUrl replaces scheme+host+port only (tests and the demo point the same path at a loopback sink).
  const url = conn.baseUrl ? `${conn.baseUrl.replace(/\/+$/, "")}${conn.settings.path}` : plan.url;
  const sent = await postWebhook(
    {
      outbound: {
        // Callers pass the deployment's mode; https-only is enforced there in production.
        production: opts.outbound?.production ?? false,
        allowLoopback: opts.outbound?.allowLoopback ?? false,
        allowPrivate: opts.outbound?.allowPrivate,
        lookup: opts.outbound?.lookup,
      },
      timeoutMs: timeoutOf(opts),
      signal: opts.signal,
      fetchImpl: opts.fetchImpl,
    },
    url,
    plan.headers,
    plan.bodyText,
  );
  if (sent.blocked !== undefined) {
    // Waypost's refusal in the reader's language; the URL check's reason is a technical detail, kept as it came.
    return { result: "needs_attention", reason: storeSaid(parts(say("deliveries:stored.destinationRefused", { url }), verbatim(sent.blocked))) };
  }
  const r = interpretWebhook(sent.outcome, now.getTime());
  return outcomeOf(r, sent.exchange);
}

export const SAMPLE_DELIVERY: TrackingDelivery = {
  shop: "example.myshopify.com",
  orderId: "1000000001",
  orderName: "#1001",
  fulfillmentId: "2000000001",
  trackingValue: "110093",
  trackingNumbers: ["OJ123456789BR"],
  trackingCompany: "Correios",
  trackingUrl: "https://rastreamento.correios.com.br/app/index.php?objeto=OJ123456789BR",
  originCountry: "BR",
  destinationCountry: "BR",
  nfe: { key: "33150308370779000149550010001100931002410775", number: "110093", series: "1" },
  status: "in_transit",
  event: "in_transit",
};

export const webhookConnector: ChannelConnector<WebhookSettings> = {
  type: "webhook",
  label: "Webhook (Intelipost-style)",
  settingsSchema: webhookSettingsSchema,
  secretsSchema: webhookSecretsSchema,
  secretFields: webhookSecretFields,
  defaultBaseUrl: "",
  push: (delivery, conn, opts) => send(delivery, conn, opts, false),
  /** Sends a sample event with `"event":"test"` and `"test":true`, signed like a real one. */
  test: (conn, opts) => send({ ...SAMPLE_DELIVERY, deliveryKey: "test" }, conn, opts, true),
  form: webhookForm,
  checkOnSave: checkDestination,
  receivesEveryStatus: true,
  inboundFormat: "intelipost",
};

/**
 * Refuses a destination inside our network when the merchant saves it, not only when a delivery is sent. A name
 * that does not resolve right now is accepted: DNS may be down, and every send checks again.
 */
async function checkDestination(settings: WebhookSettings, opts: SaveCheckOptions) {
  if (opts.production && settings.protocol !== "https") return [{ path: "protocol", message: "https_required" }];
  let unresolved = false;
  const lookup = async (host: string) => {
    try {
      return await (opts.lookup ?? defaultLookup)(host);
    } catch (error) {
      unresolved = true;
      throw error;
    }
  };
  const check = await checkOutboundUrl(webhookUrl(settings), { production: opts.production, allowLoopback: opts.allowLoopback, lookup });
  if (check.ok || unresolved) return [];
  // The reason is technical (which address a name resolves to); it goes into the sentence as it came.
  return [{ path: "host", message: "destination_not_allowed", params: { reason: check.reason } }];
}
