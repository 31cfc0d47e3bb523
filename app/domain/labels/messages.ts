// What the label services tell the merchant, as a Said (app/lib/said.ts): a key under `labels:` with its values,
// which the Labels page says in the merchant's language, followed by a carrier's or Shopify's own words as they came
// (never translated). Values follow Said's rules: `amountMinor` beside `currency` is money, numbers are formatted.
import type { MessageParams } from "~/lib/field-errors";
import { parts, say, verbatim, type Said } from "~/lib/said";

export type LabelMessage = Said;

export function labelMessage(key: string, params?: MessageParams, detail?: string | null): LabelMessage {
  const said = say(`labels:${key}`, params);
  return detail ? parts(said, verbatim(detail)) : said;
}
