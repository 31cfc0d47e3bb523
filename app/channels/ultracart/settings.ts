import { z } from "zod";
import { LIMITS } from "../admin-form";

export const ultracartSettingsSchema = z.object({
  /** The distribution center code the orders are queued at (same code ShipStation asks for). */
  distributionCenterCode: z.string().trim().min(1).max(50),
  /** Send the carrier fee as `shipping_cost`; off when the merchant does not want UltraCart to see label costs. */
  sendCarrierFee: z.boolean().optional(),
});
export type UltraCartSettings = z.infer<typeof ultracartSettingsSchema>;

export const ultracartSecretsSchema = z.object({
  simpleKey: z.string().min(1).max(LIMITS.secret),
});

export const ultracartSecretFields = ["simpleKey"] as const;

export const ULTRACART_BASE_URL = "https://secure.ultracart.com";
export const ULTRACART_API_VERSION = "2017-03-01";
