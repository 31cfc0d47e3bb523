import { z } from "zod";
import { LIMITS } from "../admin-form";

const slug = z.string().max(LIMITS.label);

export const aftershipSettingsSchema = z.object({
  /** Dated API version; from 2024-04 the create body is flat (no `tracking` wrapper). */
  apiVersion: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .refine((v) => v >= "2024-04", "Waypost sends the flat body introduced in 2024-04; use 2024-04 or later")
    .optional(),
  /** Shopify tracking_company → AfterShip slug, checked before the built-in table. */
  slugOverrides: z.record(slug, slug).optional(),
  /** Slug for carriers we cannot map (e.g. "intelipost" for NF-e based tracking); unset = AfterShip detects. */
  defaultSlug: z.string().trim().min(1).max(LIMITS.label).optional(),
});
export type AfterShipSettings = z.infer<typeof aftershipSettingsSchema>;

export const aftershipSecretsSchema = z.object({ apiKey: z.string().min(1).max(LIMITS.secret) });
export const aftershipSecretFields = ["apiKey"] as const;

export const AFTERSHIP_BASE_URL = "https://api.aftership.com";
export const AFTERSHIP_DEFAULT_VERSION = "2024-04";
