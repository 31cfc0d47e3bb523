// What a carrier connector declares about connecting an account: the form the one generic page
// (app/routes/app.carriers.$carrierId.tsx) renders, the zod schema of each way to connect, the form → settings and
// secrets mapping, the verify step, the OAuth steps where the carrier has a sign-in, and what the page shows of a
// connection. Pure declarations and steps with their I/O passed in: storing rows and sealing secrets is the
// generic service's job (app/services/carrier-connect.server.ts), so a carrier folder never touches the database.
import type { z } from "zod";
import type { Said } from "~/lib/said";
import type { CarrierConnectionContext, CarrierDeps } from "./connector";

export interface CarrierFormField {
  name: string;
  label: string;
  /** text by default; password fields are never prefilled. */
  kind?: "text" | "password" | "number" | "select" | "checkbox";
  /** The choices of a select (the first is the default unless `initial` says otherwise). */
  options?: readonly { label: string; value: string }[];
  help?: string;
  /** The value the empty form starts with ("true"/"false" for a checkbox). */
  initial?: string;
  /** Starts as the shop's ship-from postal code (e.g. the ZIP a verification price is quoted from). */
  prefill?: "originPostalCode";
  /** Shown for these connect methods only; absent, for every method. */
  methods?: readonly string[];
  /** A heading shown above this field (starts a section of the form). */
  section?: string;
}

export interface CarrierConnectMethod {
  id: string;
  /** Shown in the method choice when a carrier has more than one way to connect. */
  label: string;
  submitLabel: string;
  /**
   * "sign_in": the merchant leaves for the carrier's OAuth sign-in (needs `oauth` and Waypost's app credentials);
   * "credentials": the connection is stored and verified at once.
   */
  flow: "sign_in" | "credentials";
  /** Parses the posted fields of this method; issue paths are field names, so errors land beside their inputs. */
  schema: z.ZodType<Record<string, unknown>>;
}

/** A connect form as the generic service stores it: one row per (shop, carrier, account number). */
export interface StoredCarrierConnection<Settings, Secrets> {
  /** Identifies the account within the carrier; "" when a shop has one connection per carrier. */
  accountNumber: string;
  mode: "test" | "production";
  settings: Settings;
  /** Absent for a sign-in: the tokens come from the code exchange. */
  secrets?: Secrets;
}

export interface CarrierVerifyInput {
  /** The shop's ship-from address (shipping setup), when it has one. */
  origin: { country: string; postalCode: string } | null;
  /** The parsed connect form, when verifying right after connecting. */
  form?: Record<string, unknown>;
  signal: AbortSignal;
}

export interface CarrierVerification {
  status: "connected" | "pending" | "needs_reconnect";
  /** Stored as the connection's diagnosis (JSON) and summarised by `describe`. */
  diagnosis: unknown;
  lastError: string | null;
  /** One line for the merchant about what the check found (e.g. the sample price). */
  note?: Said;
  /** `lastError` as the merchant reads it: the carrier's own words, or a message key when the carrier said nothing. */
  problem?: Said;
}

export type OAuthExchange<Secrets> = { ok: true; secrets: Secrets; tokenExpiresAt: Date | null } | { ok: false; message: string };

/** The authorization-code flow with PKCE; the generic service seals the state and keeps the verifier. */
export interface CarrierOAuth<Settings, Secrets> {
  authorizeUrl(a: { settings: Settings; mode: "test" | "production"; clientId: string; redirectUri: string; state: string; codeVerifier: string }, deps: Pick<CarrierDeps, "baseUrl">): string;
  exchangeCode(a: { settings: Settings; mode: "test" | "production"; code: string; redirectUri: string; codeVerifier: string; clientId: string }, deps: CarrierDeps): Promise<OAuthExchange<Secrets>>;
}

/** Said in the merchant's language by the page (app/lib/said.ts); a carrier's own words stay `verbatim`. */
export interface CarrierConnectionSummary {
  /** e.g. "UPS account A1B2C3" */
  title: Said;
  /** e.g. "Test (UPS CIE) · UPS sign-in" */
  subtitle: Said;
  notes: { text: Said; tone?: "success" | "caution" | "warning" | "critical" }[];
}

/** One checkout answer of this carrier from the quote log, for a carrier's side panel. */
export interface CarrierAnswerTrace {
  outcome: string;
  cached: boolean;
  messages: { code: string }[];
}

export interface CarrierPanel {
  heading: Said;
  lines: { text: Said; tone?: "subdued" | "warning"; heading?: boolean }[];
}

export interface CarrierAdmin<Settings, Secrets> {
  fields: readonly CarrierFormField[];
  methods: readonly CarrierConnectMethod[];
  /** The parsed form of one method as settings and secrets; field errors when the settings schema refuses it. */
  toStored(methodId: string, form: Record<string, unknown>): StoredCarrierConnection<Settings, Secrets> | { errors: { path: string; message: string }[] };
  /** One cheap real call that shows whether the account works, and a diagnosis of what to fix when it does not. */
  verify(connection: CarrierConnectionContext<Settings, Secrets>, input: CarrierVerifyInput, deps: CarrierDeps): Promise<CarrierVerification>;
  oauth?: CarrierOAuth<Settings, Secrets>;
  /** What the page shows of a stored connection; secrets are given so a hint can be shown, never the secret. */
  describe(c: { accountNumber: string; mode: "test" | "production"; status: string; settings: Settings | null; secrets: Secrets | null; diagnosis: unknown }): CarrierConnectionSummary;
  /** Shared-state key prefixes of a connection (cached tokens): deleted when its credentials change or it goes. */
  stateKeyPrefixes?(connectionId: string): string[];
  /** An optional side panel (USPS: the hourly quota and the last day's checkout answers). */
  panel?(input: { connection: { mode: "test" | "production"; settings: Settings; secrets: Secrets } | null; answers: readonly CarrierAnswerTrace[] }, deps: CarrierDeps): Promise<CarrierPanel>;
}

/** Environment variable names by role, e.g. `{ baseUrl: "UPS_BASE_URL", clientId: "UPS_CLIENT_ID", … }`. */
export interface CarrierEnvNames {
  /** Replaces the carrier's hosts (loopback fakes in the demo and tests); refused in production. */
  baseUrl?: string;
  /** Waypost's own developer app at the carrier; the two go together. */
  clientId?: string;
  clientSecret?: string;
}

/** The mode select every carrier form has; labels name the carrier's own test environment. */
export function modeField(testLabel: string, label = "Mode"): CarrierFormField {
  return { name: "mode", label, kind: "select", options: [{ label: testLabel, value: "test" }, { label: "Production", value: "production" }] };
}
