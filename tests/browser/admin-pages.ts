// Every admin page (app/routes/app.*.tsx; not the labels PDF and settings-as-code downloads), by the path that
// shows it with the demo shop's data, and the checks every page must pass in every locale.
import type { Frame } from "playwright-core";

export const ADMIN_PAGES = [
  ["home", "/app"],
  ["zones", "/app/zones"],
  ["zone-us", "/app/zones/us"],
  ["zone-new", "/app/zones/new"],
  ["carriers", "/app/carriers"],
  ["carriers-ups", "/app/carriers/ups"],
  ["carriers-usps", "/app/carriers/usps"],
  ["settings", "/app/settings"],
  ["products", "/app/products"],
  ["landed-cost", "/app/landed-cost"],
  ["test-shipping", "/app/test-shipping"],
  ["rate-requests", "/app/rate-requests?window=7d"],
  ["channels", "/app/channels"],
  ["channel-rules", "/app/channels/rules"],
  ["deliveries", "/app/deliveries"],
  ["labels", "/app/labels"],
  ["partners", "/app/partners"],
] as const;

/** The nav's "Zones and rates" in each locale: proof the page is in that language, not English. */
export const ZONES_NAV: Record<string, string> = {
  en: "Zones and rates",
  "pt-BR": "Zonas e fretes",
  fr: "Zones et tarifs",
  de: "Zonen und Tarife",
  id: "Zona dan tarif",
  "zh-CN": "区域和运费",
  "es-MX": "Zonas y tarifas",
};

const RAW_KEY = /^([a-zA-Z]+:)?[a-z][a-zA-Z0-9_]*(\.[a-zA-Z0-9_]+)+$/;

/** Text nodes, labels and placeholders that look like an i18next key rendered raw ("list.title", "zones:editor.name"). */
export async function rawKeys(app: Frame): Promise<string[]> {
  return app.evaluate((source) => {
    const pattern = new RegExp(source);
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? "").trim();
      if (pattern.test(text)) found.push(text);
    }
    const labels = [...document.querySelectorAll("[aria-label], [placeholder]")].map((el) => el.getAttribute("aria-label") ?? el.getAttribute("placeholder") ?? "");
    return [...found, ...labels.filter((l) => pattern.test(l))];
  }, RAW_KEY.source);
}
