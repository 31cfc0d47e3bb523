// What a UPS connection stores: settings in plain columns, secrets sealed. Zod is the boundary for both.
import { z } from "zod";

export const UpsSettingsSchema = z.object({
  /** The UPS account (shipper) number: six characters, required for negotiated rates. */
  accountNumber: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{6}$/, "a UPS account number has six letters or digits"),
  accountPostalCode: z.string().trim().min(1).max(9),
  accountCountry: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/),
  mode: z.enum(["test", "production"]),
  authKind: z.enum(["authorization_code", "client_credentials"]),
});
export type UpsSettings = z.output<typeof UpsSettingsSchema>;

export const UpsSecretsSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("client_credentials"), clientId: z.string().min(1), clientSecret: z.string().min(1) }),
  z.object({
    kind: z.literal("authorization_code"),
    accessToken: z.string().min(1),
    /** Epoch milliseconds. */
    accessTokenExpiresAt: z.number().int(),
    refreshToken: z.string().min(1),
    refreshTokenExpiresAt: z.number().int().optional(),
    /** Epoch ms until which one instance holds the right to spend the (single-use) refresh token. */
    refreshLeaseUntil: z.number().int().optional(),
  }),
]);
export type UpsSecrets = z.output<typeof UpsSecretsSchema>;
export type UpsTokenSecrets = Extract<UpsSecrets, { kind: "authorization_code" }>;

/** Waypost's own UPS developer app, used to refresh merchants' authorization-code tokens. */
export const UpsAppCredentialsSchema = z.object({ clientId: z.string().min(1), clientSecret: z.string().min(1) });
export type UpsAppCredentials = z.output<typeof UpsAppCredentialsSchema>;

export const UPS_HOSTS = { test: "https://wwwcie.ups.com", production: "https://onlinetools.ups.com" } as const;
