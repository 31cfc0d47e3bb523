// What a USPS connection stores: settings in plain columns, secrets sealed. Zod is the boundary for both.
import { z } from "zod";

const digits = (what: string) => z.string().trim().regex(/^\d+$/, `${what} is digits only`);

export const UspsSettingsSchema = z
  .object({
    mode: z.enum(["test", "production"]),
    /** Customer Registration ID and Mailer ID: needed for contract prices now and for labels later. */
    crid: digits("the CRID").optional(),
    mid: digits("the MID").optional(),
    /** The EPS account or permit that holds the contract; when set, USPS answers with contract prices. */
    paymentAccount: z.object({ type: z.enum(["EPS", "PERMIT"]), number: digits("the account number") }).optional(),
    /** Without an account: RETAIL (Post Office counter) or COMMERCIAL (online postage) published prices. */
    publishedPriceType: z.enum(["RETAIL", "COMMERCIAL"]).default("COMMERCIAL"),
    /** Media Mail and Library Mail restrict what may be mailed, so the merchant must opt in. */
    allowMediaMail: z.boolean().default(false),
    allowLibraryMail: z.boolean().default(false),
    /** Calls per hour USPS granted this app (default quota about 60; increases on request). */
    hourlyQuota: z.number().int().min(1).max(100_000).default(60),
  })
  .refine((s) => !s.paymentAccount || (s.crid && s.mid), {
    message: "contract prices need the CRID and MID with the payment account",
    path: ["paymentAccount"],
  });
export type UspsSettings = z.output<typeof UspsSettingsSchema>;
export type UspsSettingsInput = z.input<typeof UspsSettingsSchema>;

export const UspsSecretsSchema = z.object({
  consumerKey: z.string().min(1),
  consumerSecret: z.string().min(1),
  accessToken: z.string().min(1).optional(),
  /** Epoch milliseconds. */
  accessTokenExpiresAt: z.number().int().optional(),
});
export type UspsSecrets = z.output<typeof UspsSecretsSchema>;

// contracts.md §D1: TEM is USPS's test environment (older docs said api-cat).
export const USPS_HOSTS = { test: "https://apis-tem.usps.com", production: "https://apis.usps.com" } as const;
