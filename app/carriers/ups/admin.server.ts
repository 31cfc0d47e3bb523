// Carriers → UPS, as declarations the generic carrier page renders: two ways to connect (UPS sign-in through
// Waypost's UPS app, or the merchant's own UPS app's client credentials), the authorize URL and code exchange,
// and the verify step: one Shop rating call (UPS's token says nothing about which accounts the user may use)
// whose answer becomes the diagnosis (negotiated, published only, 120900, 111580, authentication…).
import { z } from "zod";
import { zodFieldErrors } from "~/lib/field-errors";
import { parts, say, verbatim } from "~/lib/said";
import { RateRequestSchema, type RateSource } from "../carrier";
import { modeField, type CarrierAdmin, type CarrierVerification } from "../admin";
import type { CarrierConnectionContext, CarrierDeps } from "../connector";
import { exchangeAuthorizationCode } from "./client.server";
import type { UpsMessage } from "./errors";
import { buildAuthorizeUrl, pkceChallenge } from "./oauth";
import { UPS_HOSTS, UpsSettingsSchema, type UpsSecrets, type UpsSettings } from "./settings";

/** What the merchant types before leaving for UPS's sign-in (the authorization-code draft). */
export const UpsAccountFormSchema = UpsSettingsSchema.pick({ accountNumber: true, accountPostalCode: true, accountCountry: true, mode: true });
export const UpsClientCredentialsFormSchema = UpsAccountFormSchema.extend({
  clientId: z.string().trim().min(1, "is required").max(200),
  clientSecret: z.string().trim().min(1, "is required").max(200),
});

/** A well-known destination in the account's own country, so the first call is a plain domestic rate. */
const PROBE_DESTINATION: Record<string, { postalCode: string; province?: string; currency: string }> = {
  US: { postalCode: "10001", province: "NY", currency: "USD" },
  CA: { postalCode: "M5V 2T6", province: "ON", currency: "CAD" },
};

export interface UpsDiagnosis {
  checkedAt: string;
  outcome: "negotiated" | "published_only" | "failed";
  services: number;
  messages: { code: string; message: string }[];
}

const DiagnosisView = z.object({ outcome: z.string().optional(), messages: z.array(z.object({ code: z.string(), message: z.string() })).optional() }).catch({});

const host = (deps: Pick<CarrierDeps, "baseUrl">, mode: UpsSettings["mode"]) => deps.baseUrl ?? UPS_HOSTS[mode];

/** Verifies with one rating call through the connector's own source, so verify and checkout speak the same way. */
export async function verifyUpsAccount(source: RateSource, settings: UpsSettings, shop: string, now: number, signal: AbortSignal): Promise<CarrierVerification> {
  const probe = PROBE_DESTINATION[settings.accountCountry] ?? { postalCode: settings.accountPostalCode, currency: "USD" };
  const request = RateRequestSchema.parse({
    shop,
    origin: { country: settings.accountCountry, postalCode: settings.accountPostalCode },
    destination: { country: settings.accountCountry, postalCode: probe.postalCode, province: probe.province },
    packages: [{ grams: 454, billableGrams: 454, dimensionsMm: { l: 254, w: 203.2, h: 101.6 } }],
    services: [],
    currency: probe.currency,
    subtotal: { amount: 0, currency: probe.currency },
  });
  const result = await source.rate(request, { signal });
  const messages = result.messages as UpsMessage[];
  const negotiated = result.quotes.some((q) => q.details?.pricing === "negotiated");
  const diagnosis: UpsDiagnosis = {
    checkedAt: new Date(now).toISOString(),
    outcome: result.quotes.length === 0 ? "failed" : negotiated ? "negotiated" : "published_only",
    services: result.quotes.length,
    messages: messages.filter((m) => m.action !== "none" || m.level === "error").map((m) => ({ code: m.code, message: m.message })),
  };
  const status: CarrierVerification["status"] =
    result.quotes.length > 0 ? "connected"
    : messages.some((m) => m.action === "reconnect") ? "needs_reconnect"
    : messages.every((m) => m.action === "retry_later") ? "connected" // UPS is down now; rating retries, the diagnosis says so
    : "pending";
  const problem = diagnosis.messages.find((m) => !m.code.startsWith("none/"));
  if (result.quotes.length > 0) return { status, diagnosis, lastError: null };
  return { status, diagnosis, lastError: problem?.message ?? "UPS returned no rates", problem: problem ? verbatim(problem.message) : say("carriers:notes.noRates", { carrier: "UPS" }) };
}

type RateSourceFor = (connection: CarrierConnectionContext<UpsSettings, UpsSecrets>, deps: CarrierDeps) => RateSource;

export function upsAdmin(sourceFor: RateSourceFor): CarrierAdmin<UpsSettings, UpsSecrets> {
  return {
    fields: [
      { name: "accountNumber", label: "UPS account number", help: "The six-character shipper number; UPS prices negotiated rates for it." },
      { name: "accountPostalCode", label: "Account postal code" },
      { name: "accountCountry", label: "Account country", initial: "US" },
      modeField("Test (UPS CIE)"),
      { name: "clientId", label: "Client ID", methods: ["client_credentials"] },
      { name: "clientSecret", label: "Client secret", kind: "password", methods: ["client_credentials"] },
    ],
    methods: [
      { id: "authorization_code", label: "Sign in to UPS (recommended)", submitLabel: "Connect with UPS", flow: "sign_in", schema: UpsAccountFormSchema },
      { id: "client_credentials", label: "My own UPS developer app (client id and secret)", submitLabel: "Connect", flow: "credentials", schema: UpsClientCredentialsFormSchema },
    ],
    toStored(methodId, form) {
      const { clientId, clientSecret, ...account } = form as z.output<typeof UpsClientCredentialsFormSchema>;
      const authKind = methodId === "client_credentials" ? "client_credentials" : "authorization_code";
      const settings = UpsSettingsSchema.safeParse({ ...account, authKind });
      if (!settings.success) return { errors: zodFieldErrors(settings.error) };
      const secrets: UpsSecrets | undefined = authKind === "client_credentials" ? { kind: "client_credentials", clientId, clientSecret } : undefined;
      return { accountNumber: settings.data.accountNumber, mode: settings.data.mode, settings: settings.data, ...(secrets ? { secrets } : {}) };
    },
    verify: (connection, input, deps) => verifyUpsAccount(sourceFor(connection, deps), connection.settings, connection.shop, deps.now(), input.signal),
    oauth: {
      authorizeUrl: (a, deps) => buildAuthorizeUrl({ baseUrl: host(deps, a.mode), clientId: a.clientId, redirectUri: a.redirectUri, state: a.state, codeChallenge: pkceChallenge(a.codeVerifier) }),
      async exchangeCode(a, deps) {
        const exchanged = await exchangeAuthorizationCode(
          { baseUrl: host(deps, a.mode), fetch: deps.fetch, now: deps.now },
          { code: a.code, redirectUri: a.redirectUri, clientId: a.clientId, codeVerifier: a.codeVerifier },
        );
        if (!exchanged.ok) return { ok: false, message: exchanged.messages[0]?.message ?? "UPS refused the sign-in" };
        return { ok: true, secrets: exchanged.value, tokenExpiresAt: new Date(exchanged.value.accessTokenExpiresAt) };
      },
    },
    describe(c) {
      const diagnosis = DiagnosisView.parse(c.diagnosis ?? {});
      const notes: ReturnType<CarrierAdmin<UpsSettings, UpsSecrets>["describe"]>["notes"] = [];
      if (diagnosis.outcome === "negotiated") notes.push({ text: say("carriers:notes.upsNegotiated") });
      if (diagnosis.outcome === "published_only") notes.push({ text: say("carriers:notes.upsPublishedOnly"), tone: "caution" });
      // UPS's own words explain a refusal best; they stay as UPS wrote them.
      for (const m of diagnosis.messages ?? []) notes.push({ text: verbatim(m.message), tone: "warning" });
      if (diagnosis.outcome === "failed" && !diagnosis.messages?.length) notes.push({ text: say("carriers:notes.noRates", { carrier: "UPS" }), tone: "warning" });
      const how = say(c.settings?.authKind === "client_credentials" ? "carriers:summary.upsOwnApp" : "carriers:summary.upsSignIn");
      const mode = say(c.mode === "production" ? "carriers:production" : "carriers:summary.upsTest");
      return { title: say("carriers:summary.upsAccount", { number: c.accountNumber }), subtitle: parts(mode, how), notes };
    },
  };
}
