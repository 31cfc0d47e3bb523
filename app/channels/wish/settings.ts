import { z } from "zod";
import { LIMITS } from "../admin-form";

const secret = z.string().min(1).max(LIMITS.secret);
const carrierName = z.string().max(LIMITS.label);

export const wishSettingsSchema = z.object({
  /** OAuth app client id (not secret; needed to refresh tokens). */
  clientId: z.string().trim().min(1).max(LIMITS.id),
  /**
   * A fixed Wish `shipping_provider` for every push — "Intelipost" for Brazil→Brazil NF-e orders, where the
   * tracking value is the NF-e number rather than the carrier's number. Otherwise derived from the carrier.
   */
  shippingProvider: z.string().trim().min(1).max(LIMITS.label).optional(),
  /** Shopify tracking_company → Wish shipping_provider, checked before the built-in table. */
  carrierOverrides: z.record(carrierName, carrierName).optional(),
  shipNote: z.string().max(500).optional(),
  sandbox: z.boolean().optional(),
});
export type WishSettings = z.infer<typeof wishSettingsSchema>;

export const wishSecretsSchema = z.object({
  accessToken: secret,
  refreshToken: secret.optional(),
  clientSecret: secret.optional(),
});

export const wishSecretFields = ["accessToken", "refreshToken", "clientSecret"] as const;

export const WISH_BASE_URL = "https://merchant.wish.com";
export const WISH_SANDBOX_BASE_URL = "https://sandbox.merchant.wish.com";
