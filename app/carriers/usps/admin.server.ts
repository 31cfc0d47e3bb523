// Carriers → USPS, as declarations the generic carrier page renders: the merchant's USPS developer app (consumer
// key and secret, TEM or production), optional CRID / MID / payment account for contract prices, verified with
// one token call and one price call; a side panel with the shared hourly quota and the last day's checkout answers.
import { z } from "zod";
import { zodFieldErrors } from "~/lib/field-errors";
import { parts, say, verbatim, type Said } from "~/lib/said";
import { modeField, type CarrierAdmin } from "../admin";
import { uspsAnswerShares } from "./answer-kind";
import { readUspsQuota, uspsTokenKeyPrefix, type UspsDeps } from "./connection.server";
import { UspsSettingsSchema, type UspsSecrets, type UspsSettings } from "./settings";
import { verifyUspsConnection } from "./verify.server";

const digits = (what: string, max: number) => z.string().trim().max(max, `${what} is at most ${max} digits`).regex(/^\d*$/, `${what} is digits only`);
const flag = z.enum(["on", "true", "false", ""]).default("").transform((v) => v === "on" || v === "true");

/** The Connect form. Blank optional fields mean "not set". */
export const UspsConnectFormSchema = z
  .object({
    consumerKey: z.string().trim().min(1, "Enter the consumer key of your USPS app").max(200),
    consumerSecret: z.string().trim().min(1, "Enter the consumer secret of your USPS app").max(200),
    mode: z.enum(["test", "production"], { message: "Choose test (TEM) or production" }),
    crid: digits("The CRID", 15).default(""),
    mid: digits("The MID", 15).default(""),
    paymentAccountType: z.enum(["", "EPS", "PERMIT"]).default(""),
    paymentAccountNumber: digits("The account number", 20).default(""),
    publishedPriceType: z.enum(["RETAIL", "COMMERCIAL"]).default("COMMERCIAL"),
    allowMediaMail: flag,
    allowLibraryMail: flag,
    hourlyQuota: z.coerce.number({ message: "Enter a whole number" }).int("Enter a whole number").min(1).max(100_000).default(60),
    originZip: z.string().trim().regex(/^\d{5}$/, "Enter the 5-digit ZIP Code you ship from"),
  })
  .superRefine((f, ctx) => {
    if ((f.paymentAccountType === "") !== (f.paymentAccountNumber === "")) {
      ctx.addIssue({ code: "custom", path: ["paymentAccountNumber"], message: "Give both the account type and its number, or neither", params: { i18n: "usps_payment_account_pair" } });
    }
    if (f.paymentAccountType && (!f.crid || !f.mid)) {
      ctx.addIssue({ code: "custom", path: ["crid"], message: "Contract prices need the CRID and MID with the payment account", params: { i18n: "usps_contract_ids" } });
    }
  });
type UspsConnectForm = z.output<typeof UspsConnectFormSchema>;

const US_ZIP = /^\d{5}/;
const PRICE_TYPES: Record<string, string> = { RETAIL: "carriers:summary.priceType.retail", COMMERCIAL: "carriers:summary.priceType.commercial", CONTRACT: "carriers:summary.priceType.contract" };
const ANSWER_KINDS = ["live", "cached", "learned", "fallback"] as const;

/** The verification as the page reads it: whether it passed and USPS's first message. */
const VerificationView = z.object({ ok: z.boolean().optional(), messages: z.array(z.object({ message: z.string() })).optional() }).catch({});

/** The sample price a verification got, for the merchant: "Sample price: USPS GROUND ADVANTAGE $8.50 (commercial, zone 4)". */
function sampleNote(s: { mailClass: string; cents: number; priceType?: string; zone?: string }): Said {
  // USPS names the price type it applied; without one, the price is a published one.
  const priceType = s.priceType ? PRICE_TYPES[s.priceType] : "carriers:summary.priceType.published";
  return say("carriers:verify.uspsSample", {
    mailClass: s.mailClass.replace(/_/g, " "),
    priceMinor: s.cents,
    currency: "USD",
    ...(priceType ? { priceTypeKey: priceType } : { priceType: s.priceType ?? "" }),
    zone: s.zone ?? "?",
  });
}

export const uspsAdmin: CarrierAdmin<UspsSettings, UspsSecrets> = {
  fields: [
    { name: "consumerKey", label: "Consumer key" },
    { name: "consumerSecret", label: "Consumer secret", kind: "password" },
    modeField("Test (TEM)", "Environment"),
    { name: "originZip", label: "Ship-from ZIP Code", help: "Used for the verification price", prefill: "originPostalCode" },
    { name: "hourlyQuota", label: "Calls per hour USPS granted your app", kind: "number", help: "60 unless USPS raised it", initial: "60" },
    { name: "crid", label: "CRID", section: "Contract prices (optional)" },
    { name: "mid", label: "MID" },
    { name: "paymentAccountType", label: "Payment account", kind: "select", options: [{ label: "None (published prices)", value: "" }, { label: "EPS account", value: "EPS" }, { label: "Permit", value: "PERMIT" }] },
    { name: "paymentAccountNumber", label: "Account or permit number" },
    { name: "allowMediaMail", label: "Offer Media Mail (books and media only)", kind: "checkbox", initial: "false" },
    { name: "allowLibraryMail", label: "Offer Library Mail (libraries and schools only)", kind: "checkbox", initial: "false" },
  ],
  methods: [{ id: "credentials", label: "Your USPS app", submitLabel: "Save and verify", flow: "credentials", schema: UspsConnectFormSchema }],
  toStored(_methodId, form) {
    const f = form as UspsConnectForm;
    const settings = UspsSettingsSchema.safeParse({
      mode: f.mode,
      crid: f.crid || undefined,
      mid: f.mid || undefined,
      paymentAccount: f.paymentAccountType ? { type: f.paymentAccountType, number: f.paymentAccountNumber } : undefined,
      publishedPriceType: f.publishedPriceType,
      allowMediaMail: f.allowMediaMail,
      allowLibraryMail: f.allowLibraryMail,
      hourlyQuota: f.hourlyQuota,
    });
    if (!settings.success) return { errors: zodFieldErrors(settings.error) };
    // One connection per shop: a new app replaces the old one in place.
    return { accountNumber: "", mode: f.mode, settings: settings.data, secrets: { consumerKey: f.consumerKey, consumerSecret: f.consumerSecret } };
  },
  async verify(connection, input, deps) {
    const fromForm = typeof input.form?.originZip === "string" ? input.form.originZip : undefined;
    const originZip = fromForm ?? (input.origin?.country === "US" && US_ZIP.test(input.origin.postalCode) ? input.origin.postalCode.slice(0, 5) : "");
    const verification = await verifyUspsConnection(connection, { originZip, signal: input.signal }, deps as UspsDeps);
    const first = verification.messages[0]?.message;
    const lastError = verification.ok ? null : (first ?? "USPS verification failed");
    const problem = verification.ok ? undefined : first ? verbatim(first) : say("carriers:notes.verifyFailed", { carrier: "USPS" });
    const s = verification.sample;
    return { status: verification.ok ? "connected" : "needs_reconnect", diagnosis: verification, lastError, ...(problem ? { problem } : {}), ...(s ? { note: sampleNote(s) } : {}) };
  },
  describe(c) {
    const s = c.settings ?? UspsSettingsSchema.parse({ mode: c.mode });
    // The key is an identifier, not the secret, but a hint is all the page needs.
    const hint = c.secrets?.consumerKey ? c.secrets.consumerKey.slice(-4) : "";
    const prices = s.paymentAccount
      ? say("carriers:summary.contractPrices", { type: s.paymentAccount.type, number: s.paymentAccount.number })
      : say(s.publishedPriceType === "RETAIL" ? "carriers:summary.publishedRetail" : "carriers:summary.publishedCommercial");
    const notes: ReturnType<CarrierAdmin<UspsSettings, UspsSecrets>["describe"]>["notes"] = [{ text: prices }];
    const verification = VerificationView.parse(c.diagnosis ?? {});
    if (verification.ok === false) {
      // USPS's own words when it gave any; they stay as USPS wrote them.
      const first = verification.messages?.[0]?.message;
      notes.push({ text: first ? verbatim(first) : say("carriers:notes.verifyFailed", { carrier: "USPS" }), tone: "warning" });
    }
    return {
      title: hint ? say("carriers:summary.uspsApp", { last4: hint }) : say("carriers:summary.uspsAppNoKey"),
      subtitle: say(c.mode === "test" ? "carriers:summary.uspsTest" : "carriers:production"),
      notes,
    };
  },
  stateKeyPrefixes: (connectionId) => [uspsTokenKeyPrefix(connectionId)],
  async panel({ connection, answers }, deps) {
    const lines: Awaited<ReturnType<NonNullable<CarrierAdmin<UspsSettings, UspsSecrets>["panel"]>>>["lines"] = [];
    if (connection?.secrets.consumerKey) {
      const q = await readUspsQuota({ mode: connection.mode, consumerKey: connection.secrets.consumerKey, hourlyQuota: connection.settings.hourlyQuota }, deps);
      lines.push({ text: say("carriers:panel.usage", { used: q.usedLastHour, limit: q.limit, remaining: q.remaining }) });
      lines.push({ text: q.nextFreeAt === null ? say("carriers:panel.nextFreeNow") : say("carriers:panel.nextFree", { nextAt: q.nextFreeAt }), tone: "subdued" });
      if (q.blockedUntil) lines.push({ text: say("carriers:panel.paused", { carrier: "USPS", untilAt: q.blockedUntil }), tone: "warning" });
    } else {
      lines.push({ text: say("carriers:panel.connectFirst", { carrier: "USPS" }), tone: "subdued" });
    }
    lines.push({ text: say("carriers:panel.answers"), heading: true });
    const shares = uspsAnswerShares(answers);
    lines.push({
      text: shares.total === 0
        ? say("carriers:panel.noAnswers", { carrier: "USPS" })
        : parts(...ANSWER_KINDS.map((k) => say(`carriers:panel.share.${k}`, { percent: Math.round((shares[k] / shares.total) * 100) }))),
    });
    return { heading: say("carriers:panel.quota"), lines };
  },
};
