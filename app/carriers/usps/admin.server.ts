// Carriers → USPS, as declarations the generic carrier page renders: the merchant's USPS developer app (consumer
// key and secret, TEM or production), optional CRID / MID / payment account for contract prices, verified with
// one token call and one price call; a side panel with the shared hourly quota and the last day's checkout answers.
import { z } from "zod";
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
      ctx.addIssue({ code: "custom", path: ["paymentAccountNumber"], message: "Give both the account type and its number, or neither" });
    }
    if (f.paymentAccountType && (!f.crid || !f.mid)) ctx.addIssue({ code: "custom", path: ["crid"], message: "Contract prices need the CRID and MID with the payment account" });
  });
type UspsConnectForm = z.output<typeof UspsConnectFormSchema>;

const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;
const time = (ms: number | null) => (ms === null ? "—" : new Date(ms).toISOString().slice(11, 16) + " UTC");
const US_ZIP = /^\d{5}/;

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
    if (!settings.success) return { errors: settings.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) };
    // One connection per shop: a new app replaces the old one in place.
    return { accountNumber: "", mode: f.mode, settings: settings.data, secrets: { consumerKey: f.consumerKey, consumerSecret: f.consumerSecret } };
  },
  async verify(connection, input, deps) {
    const fromForm = typeof input.form?.originZip === "string" ? input.form.originZip : undefined;
    const originZip = fromForm ?? (input.origin?.country === "US" && US_ZIP.test(input.origin.postalCode) ? input.origin.postalCode.slice(0, 5) : "");
    const verification = await verifyUspsConnection(connection, { originZip, signal: input.signal }, deps as UspsDeps);
    const lastError = verification.ok ? null : (verification.messages[0]?.message ?? "USPS verification failed");
    const s = verification.sample;
    const note = s ? `sample: ${s.mailClass} ${dollars(s.cents)} (${s.priceType ?? "published"}, zone ${s.zone ?? "?"})` : undefined;
    return { status: verification.ok ? "connected" : "needs_reconnect", diagnosis: verification, lastError, ...(note ? { note } : {}) };
  },
  describe(c) {
    const s = c.settings ?? UspsSettingsSchema.parse({ mode: c.mode });
    // The key is an identifier, not the secret, but a hint is all the page needs.
    const hint = c.secrets?.consumerKey ? `…${c.secrets.consumerKey.slice(-4)}` : "";
    const prices = s.paymentAccount ? `Contract prices (${s.paymentAccount.type} ${s.paymentAccount.number})` : `Published ${s.publishedPriceType.toLowerCase()} prices`;
    return { title: `USPS app ${hint}`.trim(), subtitle: c.mode === "test" ? "Test (TEM)" : "Production", notes: [{ text: prices }] };
  },
  stateKeyPrefixes: (connectionId) => [uspsTokenKeyPrefix(connectionId)],
  async panel({ connection, answers }, deps) {
    const lines: Awaited<ReturnType<NonNullable<CarrierAdmin<UspsSettings, UspsSecrets>["panel"]>>>["lines"] = [];
    if (connection?.secrets.consumerKey) {
      const q = await readUspsQuota({ mode: connection.mode, consumerKey: connection.secrets.consumerKey, hourlyQuota: connection.settings.hourlyQuota }, deps);
      lines.push({ text: `${q.usedLastHour} of ${q.limit} calls used in the last hour (${q.remaining} left)` });
      lines.push({ text: `Next call frees up at ${time(q.nextFreeAt)}`, tone: "subdued" });
      if (q.blockedUntil) lines.push({ text: `USPS asked us to pause until ${time(q.blockedUntil)}; checkouts get cached or fallback prices until then.`, tone: "warning" });
    } else {
      lines.push({ text: "Connect USPS to see the quota.", tone: "subdued" });
    }
    lines.push({ text: "Checkout answers, last 24 hours", heading: true });
    const shares = uspsAnswerShares(answers);
    lines.push({
      text: shares.total === 0 ? "No USPS answers yet." : (["live", "cached", "learned", "fallback"] as const).map((k) => `${k} ${Math.round((shares[k] / shares.total) * 100)}%`).join(" · "),
    });
    return { heading: "Hourly quota", lines };
  },
};
