// What the label services tell the merchant, as data: an i18n key under `labels:` and its values, which the Labels
// page translates. A carrier's or Shopify's own words are not ours to translate: they travel as `detail` and are
// shown as they came, after the translated sentence. A numeric `amount` beside a `currency` is money in minor units
// (the page formats it).
export interface LabelMessage {
  key: string;
  params?: Record<string, string | number>;
  detail?: string;
}

export const labelMessage = (key: string, params?: Record<string, string | number>, detail?: string): LabelMessage => ({
  key,
  ...(params ? { params } : {}),
  ...(detail ? { detail } : {}),
});
