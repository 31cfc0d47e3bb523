// What a service tells the merchant, as data the page says in the merchant's language (app/i18n/said.ts): a message
// key with its values, a text shown exactly as it came (a carrier's own words), or several of these in a row.
// Services never build English sentences for the admin; scripts and logs keep their own English `message`.
import type { MessageParams } from "./field-errors";

export type Said = { key: string; params?: MessageParams } | { verbatim: string } | { parts: readonly Said[] };

/**
 * A message key ("carriers:panel.usage") and its values. Values are raw: numbers are formatted for the locale, an
 * `…At` number is a time (epoch ms, shown in UTC), an `…Minor` number is money in `params.currency`, and a value
 * named `…Key` is itself a key whose text is put in its place (`modeKey` → `{{mode}}`).
 */
export const say = (key: string, params?: MessageParams): Said => (params ? { key, params } : { key });

/** A text that is data, not interface: shown as it came in every language. */
export const verbatim = (text: string): Said => ({ verbatim: text });

/** Parts said one after another ("Test (TEM) · UPS sign-in"). */
export const parts = (...list: Said[]): Said => ({ parts: list });
