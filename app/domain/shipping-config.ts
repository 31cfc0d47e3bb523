// The whole shipping setup of a shop as one JSON document: what `npm run waypost -- export/import` reads and
// writes, what the demo seed uses, and what the rating engine compiles. One zod schema validates it everywhere;
// docs/shipping-config.schema.json is generated from it.
import { z } from "zod";
import { AddressSchema } from "./address";
import { DIM_RULE_IDS } from "./billable-weight";
import { RegionSchema, type Zone } from "./zones";
import { RateTableSchema } from "./rate-table";
import { RuleSetSchema } from "./rules";
import { hsCode, landedCostSettingsSchema } from "./landed-cost/model";

const positiveInt = z.number().int().positive();
// Lengths keep fractions of a millimetre: 12 in is 304.8 mm, and rounding it to 305 mm would bill 13 in.
const positiveMm = z.number().positive();
// A carrier id names the service's rate source. The domain only checks its shape; the service layer checks it is
// registered (app/services/shipping-config-carriers.server.ts), so this file never depends on the registry.
export const CarrierIdSchema = z.string().regex(/^[a-z][a-z0-9-]{1,31}$/, "must be a carrier id such as table or ups");
const cutoff = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM in 24-hour time, e.g. 14:00");

// Every string and list has a maximum (issue 8, defect 5): the document is stored whole and compiled into every
// rate request, so its size is the shop's cost on the hot path. Limits sit far above real setups.
export const LIMITS = { name: 100, boxes: 100, zones: 200, regionsPerZone: 500, servicesPerZone: 50 } as const;

/**
 * Landed cost for a zone or a service: off, duties paid at checkout (DDP), an estimate due on delivery (DAP), or
 * both side by side ("Express, duties paid" / "Express, duties on delivery", codes `<code>-ddp` / `<code>-dap`).
 */
export const LandedCostModeSchema = z.enum(["off", "ddp", "dap", "both"]);
export type LandedCostMode = z.output<typeof LandedCostModeSchema>;

/**
 * Shop-level landed-cost settings: the engine's settings (duty table per HS prefix and destination, fees, dated
 * exchange rates with their source, seller registrations, and the Shopify-duties guard) plus the defaults for
 * variants without an HS code or country of origin. Shopify's Admin API does not expose whether the shop's own
 * duties collection is on, so `shopifyCollectsDuties` is the merchant's explicit statement (docs/landed-cost.md).
 */
export const LandedCostConfigSchema = landedCostSettingsSchema.extend({
  defaultHsCode: hsCode.optional(),
  defaultOriginCountry: z.string().regex(/^[A-Z]{2}$/, "must be a two-letter ISO country code such as CN").optional(),
});
export type LandedCostConfig = z.output<typeof LandedCostConfigSchema>;

export const BoxConfigSchema = z.object({
  name: z.string().trim().min(1, "is required").max(LIMITS.name),
  innerMm: z.object({ l: positiveMm, w: positiveMm, h: positiveMm }),
  maxGrams: positiveInt,
  tareGrams: z.number().int().nonnegative().default(0),
  default: z.boolean().default(false),
});

export const ServiceConfigSchema = z
  .object({
    code: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "must be lowercase letters, digits, - or _ (it becomes Shopify's service_code)"),
    name: z.string().trim().min(1, "is required").max(100),
    description: z.string().max(300).default(""),
    source: CarrierIdSchema.default("table"),
    /** The carrier's own service code (e.g. UPS "03"), for carriers with a fixed catalogue; the table carrier has none. */
    carrierService: z.string().trim().min(1).max(64).optional(),
    enabled: z.boolean().default(true),
    delivery: z
      .object({ minDays: z.number().int().nonnegative(), maxDays: z.number().int().nonnegative() })
      .refine((d) => d.minDays <= d.maxDays, { message: "minDays must not exceed maxDays", path: ["minDays"], params: { i18n: "delivery_order" } })
      .optional(),
    fallbackPrice: z.number().int().nonnegative().optional(),
    /** The price list of a "table" service; live carriers (UPS, USPS) price from the carrier and need none. */
    rateTable: RateTableSchema.optional(),
    rules: RuleSetSchema.optional(),
    /** Overrides the zone's landed-cost mode for this service. */
    landedCost: LandedCostModeSchema.optional(),
  })
  .superRefine((s, ctx) => {
    if (s.source === "table" && !s.rateTable) ctx.addIssue({ code: "custom", path: ["rateTable"], message: "is required for a rate-table service", params: { i18n: "rate_table_required" } });
  });

export const ZoneConfigSchema = z.object({
  // Stable handle for admin URLs; assigned on save when an imported document has none.
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, "must be 1-40 lowercase letters, digits or -").optional(),
  name: z.string().trim().min(1, "is required").max(LIMITS.name),
  priority: z.number().int().min(0).max(10_000).default(100),
  regions: z.array(RegionSchema).min(1, "a zone needs at least one region").max(LIMITS.regionsPerZone),
  services: z.array(ServiceConfigSchema).max(LIMITS.servicesPerZone).default([]),
  /** The landed-cost mode of the zone's services that do not set their own. */
  landedCost: LandedCostModeSchema.default("off"),
});

export const ShippingConfigSchema = z
  .object({
    $schema: z.string().max(500).optional(),
    version: z.literal(1),
    currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as USD"),
    timeZone: z.string().max(64).refine(isTimeZone, "must be an IANA time zone such as America/New_York"),
    origin: AddressSchema,
    processing: z
      .object({
        days: z.number().int().min(0).max(60).default(1),
        cutoff: cutoff.default("14:00"),
        workingDays: z.array(z.number().int().min(0).max(6)).min(1).default([1, 2, 3, 4, 5]),
      })
      .default({ days: 1, cutoff: "14:00", workingDays: [1, 2, 3, 4, 5] }),
    dimRule: z.enum(DIM_RULE_IDS).default("none"),
    boxes: z.array(BoxConfigSchema).max(LIMITS.boxes).default([]),
    zones: z.array(ZoneConfigSchema).max(LIMITS.zones).default([]),
    landedCost: LandedCostConfigSchema.optional(),
  })
  .superRefine((config, ctx) => {
    const defaults = config.boxes.filter((b) => b.default).length;
    if (defaults > 1) ctx.addIssue({ code: "custom", path: ["boxes"], message: "only one box can be the default", params: { i18n: "one_default_box" } });
    const codes = new Map<string, number>();
    const answered = new Map<string, { owner: string; derived: boolean }>();
    config.zones.forEach((zone, zi) =>
      zone.services.forEach((service, si) => {
        // "both" answers <code>-ddp and <code>-dap: those must not collide with another service's code either.
        for (const code of answeredCodes(service.code, service.landedCost ?? zone.landedCost)) {
          const derived = code !== service.code;
          const other = answered.get(code);
          // Plain duplicates are reported below; here only clashes that involve a -ddp/-dap twin.
          if (other && (derived || other.derived) && other.owner !== `${zi}:${service.code}`) {
            ctx.addIssue({ code: "custom", path: ["zones", zi, "services", si, "landedCost"], message: `answers "${code}", which another service already answers`, params: { i18n: "code_answered_twice", code } });
          }
          answered.set(code, { owner: `${zi}:${service.code}`, derived });
        }
        // service_code must be unique per shop, so one code cannot mean two prices in two zones.
        const key = `${service.code}`;
        const seenIn = codes.get(key);
        if (seenIn !== undefined && seenIn !== zi) {
          ctx.addIssue({
            code: "custom",
            path: ["zones", zi, "services", si, "code"],
            message: `"${service.code}" is already used in zones[${seenIn}]; service codes must be unique per shop`,
            params: { i18n: "code_used_in_zone", code: service.code, zone: config.zones[seenIn]?.name ?? "" },
          });
        }
        codes.set(key, zi);
        zone.services.forEach((other, oi) => {
          if (oi > si && other.code === service.code) {
            ctx.addIssue({ code: "custom", path: ["zones", zi, "services", oi, "code"], message: `duplicate code "${service.code}" in this zone`, params: { i18n: "code_duplicate", code: service.code } });
          }
        });
      }),
    );
  });

export type ShippingConfig = z.output<typeof ShippingConfigSchema>;

/** The document's zones as matching sees them, with how many services each has enabled (an empty zone is skipped). */
export function matchableZones(config: Pick<ShippingConfig, "zones">): Zone[] {
  return config.zones.map((z, i) => ({ id: z.id ?? `zone-${i}`, name: z.name, priority: z.priority, regions: z.regions, enabledServices: z.services.filter((s) => s.enabled).length }));
}
export type ShippingConfigInput = z.input<typeof ShippingConfigSchema>;
export type ZoneConfig = z.output<typeof ZoneConfigSchema>;
export type ServiceConfig = z.output<typeof ServiceConfigSchema>;
export type BoxConfig = z.output<typeof BoxConfigSchema>;

/** The service codes a service answers Shopify with: its own, or `-ddp` and `-dap` twins when landed cost is "both". */
export function answeredCodes(code: string, mode: LandedCostMode): string[] {
  return mode === "both" ? [`${code}-ddp`, `${code}-dap`] : [code];
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** `zones[2].services[0].rules.caps.min: must be ≥ 0` — the path format the CLI and forms report. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === "number" ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), "");
}
