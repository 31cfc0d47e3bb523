// The USPS LabelProvider: the HTTP side of labels, payments, addresses, cancel and tracking. Every call goes through
// the connection's UspsClient (shared token, the shared quota ledger with a "label" permit, timeouts), and every
// failure becomes a LabelFailure classified by what the batch job does next.
import type { CarrierConnectionContext } from "../../connector";
import type { LabelFailure, LabelProvider, LabelResult } from "../../labels";
import type { UspsClient, RawResult } from "../client.server";
import { openUspsConnection, type UspsDeps } from "../connection.server";
import { priceMemoryFor } from "../price-memory";
import { priceTerms } from "../price-request";
import type { UspsProblem } from "../errors";
import type { UspsSecrets, UspsSettings } from "../settings";
import { internationalLabelRequest } from "./international";
import { ADDRESS_PATH, addressQuery, cancelPath, INTERNATIONAL_LABEL_PATH, isDomestic, LABEL_PATH, labelRequest, PAYMENT_AUTHORIZATION_PATH, paymentRoles, trackingPath } from "./request";
import { quoteUspsLabels } from "./quote.server";
import { CancelResponseSchema, parseAddressResponse, parseLabelResponse, parseTracking, PaymentAuthorizationSchema, toVoidOutcome } from "./response";

export function failureFrom(p: UspsProblem): LabelFailure {
  const said = p.carrierText ? { carrierText: p.carrierText } : {};
  if (p.action === "reconnect") return { kind: "reconnect", code: p.code, message: p.message, ...said };
  if (p.code === "429" || p.code === "quota") return { kind: "rate_limited", code: p.code, message: p.message, retryAfterSeconds: p.retryAfterSeconds, ...said };
  if (p.action === "retry_later") return { kind: "retry", code: p.code, message: p.message, retryAfterSeconds: p.retryAfterSeconds, ...said };
  return { kind: "refused", code: p.code, message: p.message, ...said };
}

const fail = <T>(f: LabelFailure): LabelResult<T> => ({ ok: false, failure: f });
const malformed = <T>(detail: string): LabelResult<T> => fail({ kind: "retry", code: "malformed", message: `USPS answered with a body we cannot read: ${detail}` });

function jsonOf(r: Extract<RawResult, { ok: true }>): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(r.bytes));
  } catch {
    return undefined;
  }
}

export function createUspsLabelProvider(connection: CarrierConnectionContext<UspsSettings, UspsSecrets> | null, deps: UspsDeps): LabelProvider {
  const opened = openUspsConnection(connection, deps);
  const client: UspsClient | null = opened.ok ? opened.value.client : null;
  const notOpen = (): LabelResult<never> => fail(failureFrom(opened.ok ? { action: "reconnect", code: "not_connected", message: "USPS is not connected" } : opened.problem));

  return {
    carrierId: "usps",

    async quote(requests, signal) {
      if (!client || !opened.ok) return requests.map(() => null);
      return quoteUspsLabels({ client, memory: priceMemoryFor(deps), terms: priceTerms(opened.value.settings), now: deps.now }, requests, signal);
    },

    async validateAddress(address, signal) {
      if (!client) return notOpen();
      if (address.country !== "US") return { ok: true, value: { deliverable: true } };
      const r = await client.request(`${ADDRESS_PATH}?${addressQuery(address)}`, { method: "GET" }, signal);
      if (!r.ok) {
        const f = failureFrom(r.problem);
        // "Address Not Found" is the answer we asked for, not a failure of the call.
        return f.kind === "refused" ? { ok: true, value: { deliverable: false, ...(f.carrierText ? { message: f.carrierText } : {}) } } : fail(f);
      }
      const parsed = parseAddressResponse(jsonOf(r), address);
      return parsed.ok ? { ok: true, value: parsed.check } : malformed(parsed.detail);
    },

    async authorizePayment(signal) {
      if (!client || !opened.ok) return notOpen();
      const roles = paymentRoles(opened.value.settings);
      if (!roles.ok) return fail({ kind: "refused", code: "no_payment_account", message: roles.message });
      const r = await client.request(PAYMENT_AUTHORIZATION_PATH, { method: "POST", body: roles.body }, signal);
      if (!r.ok) return fail(failureFrom(r.problem));
      const parsed = PaymentAuthorizationSchema.safeParse(jsonOf(r));
      if (!parsed.success) return malformed("no paymentAuthorizationToken");
      const account = opened.value.settings.paymentAccount!;
      return { ok: true, value: { token: parsed.data.paymentAuthorizationToken, account: `${account.type} ${account.number}` } };
    },

    async buyLabel(purchase, auth, signal) {
      if (!client) return notOpen();
      const abroad = !isDomestic(purchase.to.country);
      const body = abroad ? internationalLabelRequest(purchase) : labelRequest(purchase);
      if (!body.ok) return fail({ kind: "refused", code: "unsupported", message: body.message });
      const r = await client.request(
        abroad ? INTERNATIONAL_LABEL_PATH : LABEL_PATH,
        {
          method: "POST",
          headers: { accept: "multipart/form-data", "x-payment-authorization-token": auth.token, "x-idempotency-key": purchase.idempotencyKey },
          body: body.body,
        },
        signal,
      );
      if (!r.ok) return fail(failureFrom(r.problem));
      const parsed = parseLabelResponse(r.contentType, r.bytes, purchase.serviceCode, purchase.imageFormat ?? "PDF");
      return parsed.ok ? { ok: true, value: parsed.label } : malformed(parsed.detail);
    },

    async voidLabel(trackingNumber, auth, signal) {
      if (!client) return notOpen();
      const r = await client.request(cancelPath(trackingNumber), { method: "DELETE", headers: { "x-payment-authorization-token": auth.token } }, signal);
      if (!r.ok) return fail(failureFrom(r.problem));
      const parsed = CancelResponseSchema.safeParse(jsonOf(r));
      return parsed.success ? { ok: true, value: toVoidOutcome(parsed.data) } : malformed("cancel answer has no status");
    },

    async track(trackingNumber, signal) {
      if (!client) return notOpen();
      const r = await client.request(trackingPath(trackingNumber), { method: "GET", kind: "tracking" }, signal);
      if (!r.ok) return fail(failureFrom(r.problem));
      const parsed = parseTracking(jsonOf(r));
      return parsed.ok ? { ok: true, value: parsed.events } : malformed(parsed.detail);
    },
  };
}
