// Keys Waypost keeps in ChannelConnection.settings beside the connector's own settings (which ignore them): what
// the connection wants (tracking number, NF-e number or key) and, outside production, an API base override.
import { z } from "zod";
import type { TrackingWant } from "~/domain/tracking/idempotency";
import { env } from "~/env.server";

export const TRACKING_WANTS = ["tracking_number", "nfe_number", "nfe_key"] as const satisfies readonly TrackingWant[];

/** Keys Waypost keeps in ChannelConnection.settings next to the connector's settings (which ignore them). */
const ConnectionExtrasSchema = z.object({
  wants: z.enum(TRACKING_WANTS).default("tracking_number"),
  /**
   * API base override (fakes, sandboxes, the demo). Honoured only outside production: merchants cannot set it from
   * the admin, so it can never point a production push at an internal address.
   */
  baseUrl: z.string().url().optional(),
});
export type ConnectionExtras = z.infer<typeof ConnectionExtrasSchema>;

export function connectionExtras(settings: unknown): ConnectionExtras {
  const parsed = ConnectionExtrasSchema.safeParse(settings ?? {});
  return parsed.success ? parsed.data : { wants: "tracking_number" };
}

export function effectiveBaseUrl(settings: unknown): string | undefined {
  if (env().NODE_ENV === "production") return undefined;
  return connectionExtras(settings).baseUrl;
}
