// A warning naming zones that share addresses and which one checkout uses for them (app/domain/zones.ts
// findZoneOverlaps). Shown on the home page, the zones list and the zone page.
import { Banner, BlockStack, Link, Text } from "@shopify/polaris";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { Region, ZoneOverlap } from "~/domain/zones";
import { useFormat } from "~/i18n/hooks";

/** The shared part in words: a country, a province, or a postal pattern. */
function regionText(t: TFunction, country: (code: string) => string, r: Region): string {
  if (r.type === "postal") return t("zones:overlap.region.postal", { pattern: r.pattern, country: country(r.country) });
  if (r.type === "province") return t("zones:overlap.region.province", { province: r.province, country: country(r.country) });
  return t("zones:overlap.region.country", { country: country(r.country) });
}

export function ZoneOverlapBanner({ overlaps, zoneId }: { overlaps: ZoneOverlap[]; zoneId?: string }) {
  const { t } = useTranslation("zones");
  const fmt = useFormat();
  const shown = zoneId ? overlaps.filter((o) => o.winner.id === zoneId || o.shadowed.id === zoneId) : overlaps;
  if (shown.length === 0) return null;
  return (
    <Banner tone={shown.some((o) => o.unreachable) ? "warning" : "info"} title={t("overlap.title")}>
      <BlockStack gap="100">
        {shown.map((o) => (
          <Text as="p" key={`${o.winner.id}|${o.shadowed.id}`}>
            <Link url={`/app/zones/${o.winner.id}`}>{o.winner.name}</Link>
            {` ${t("overlap.and")} `}
            <Link url={`/app/zones/${o.shadowed.id}`}>{o.shadowed.name}</Link>
            {` ${t("overlap.sentence", { region: regionText(t, fmt.country, o.region), winner: o.winner.name, shadowed: o.shadowed.name, reason: t(`overlap.reason.${o.reason}`) })}`}
          </Text>
        ))}
        <Text as="p" tone="subdued">{t("overlap.help")}</Text>
      </BlockStack>
    </Banner>
  );
}
