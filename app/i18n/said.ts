// Server messages (app/lib/said.ts) as sentences in the merchant's language. Pure apart from the `t` it is given.
import type { TFunction } from "i18next";
import { formatMoney, formatNumber } from "~/lib/format";
import type { MessageParams } from "~/lib/field-errors";
import type { Said } from "~/lib/said";

/** Between the parts of a `parts` message: a separator every language in the admin reads the same way. */
const SEPARATOR = " · ";

// A time of day in UTC: the server and the browser render the same text, whatever their own time zones.
function utcTime(ms: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", timeZone: "UTC", timeZoneName: "short" }).format(new Date(ms));
}

export function sayParams(t: TFunction, params: MessageParams | undefined, locale: string): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  const currency = typeof params?.currency === "string" ? params.currency : undefined;
  for (const [k, v] of Object.entries(params ?? {})) {
    if (k.endsWith("Key") && typeof v === "string") out[k.slice(0, -3)] = t(v);
    else if (typeof v !== "number") out[k] = v;
    else if (k === "count") out[k] = v;
    else if (k.endsWith("At")) out[k.slice(0, -2)] = utcTime(v, locale);
    else if (k.endsWith("Minor") && currency) out[k.slice(0, -5)] = formatMoney(v, currency, locale);
    else out[k] = formatNumber(v, locale);
  }
  return out;
}

export function saidText(t: TFunction, said: Said, locale: string): string {
  if ("verbatim" in said) return said.verbatim;
  if ("parts" in said) return said.parts.map((p) => saidText(t, p, locale)).filter(Boolean).join(SEPARATOR);
  return t(said.key, sayParams(t, said.params, locale));
}
