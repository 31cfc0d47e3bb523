// A warning naming zones that share addresses and which one checkout uses for them (app/domain/zones.ts
// findZoneOverlaps). Shown on the home page, the zones list and the zone page.
import { Banner, BlockStack, Link, Text } from "@shopify/polaris";
import type { Region, ZoneOverlap } from "~/domain/zones";
import { countryName } from "~/lib/countries";

/** The shared part in words: a country, a province, or a postal pattern. */
function regionText(r: Region): string {
  if (r.type === "postal") return `postal codes ${r.pattern} (${r.country})`;
  if (r.type === "province") return `${r.province} (${r.country})`;
  return `all of ${countryName(r.country)}`;
}

const REASONS: Record<ZoneOverlap["reason"], string> = {
  priority: "it has the lower priority number",
  specificity: "priorities are equal and its region is more specific",
  id: "everything else is equal and its id sorts first",
  no_services: "the other zone has no enabled service, so checkout skips it",
};

export function ZoneOverlapBanner({ overlaps, zoneId }: { overlaps: ZoneOverlap[]; zoneId?: string }) {
  const shown = zoneId ? overlaps.filter((o) => o.winner.id === zoneId || o.shadowed.id === zoneId) : overlaps;
  if (shown.length === 0) return null;
  return (
    <Banner tone={shown.some((o) => o.unreachable) ? "warning" : "info"} title="Zones overlap">
      <BlockStack gap="100">
        {shown.map((o) => (
          <Text as="p" key={`${o.winner.id}|${o.shadowed.id}`}>
            <Link url={`/app/zones/${o.winner.id}`}>{o.winner.name}</Link>
            {" and "}
            <Link url={`/app/zones/${o.shadowed.id}`}>{o.shadowed.name}</Link>
            {` both cover ${regionText(o.region)}. Checkout uses “${o.winner.name}” there because ${REASONS[o.reason]}; “${o.shadowed.name}” is never used for those addresses.`}
          </Text>
        ))}
        <Text as="p" tone="subdued">Change a zone&apos;s priority or regions if that is not what you want.</Text>
      </BlockStack>
    </Banner>
  );
}
