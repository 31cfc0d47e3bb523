// The parts of an address that rating uses. Shopify sends null for absent fields; the schema turns null
// and blank strings into undefined so the rest of the code has one way to say "missing".
import { z } from "zod";

const optionalText = z
  .string()
  .max(255)
  .nullish()
  .transform((v) => {
    const t = v?.trim();
    return t ? t : undefined;
  });

export const AddressSchema = z.object({
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, "country must be an ISO 3166-1 alpha-2 code such as US or BR"),
  province: optionalText.transform((v) => v?.toUpperCase()),
  postalCode: optionalText,
  city: optionalText,
  address1: optionalText,
  address2: optionalText,
});

export type Address = z.output<typeof AddressSchema>;
export type AddressInput = z.input<typeof AddressSchema>;

/** Countries whose postcodes follow the UK format (outward code + 3-character inward code). */
export const UK_POSTCODE_COUNTRIES = new Set(["GB", "GG", "JE", "IM"]);

/** Upper-case, without spaces, dashes or dots: the form used for matching, never for display. */
export function normalizePostalCode(_country: string, code: string): string {
  // The country is part of the signature so country-specific rules can be added without touching callers;
  // today every country normalises the same way (BR "01310-100" → "01310100", GB "sw1a 1aa" → "SW1A1AA").
  return code.toUpperCase().replace(/[\s\-.]/g, "");
}

const UK_FULL = /^([A-Z]{1,2}\d[A-Z\d]?)(\d[A-Z]{2})$/;
const UK_OUTWARD = /^[A-Z]{1,2}\d[A-Z\d]?$/;

/**
 * "SW1A 1AA" → "SW1A", "M1 1AE" → "M1", "SW1A" → "SW1A"; null when the text is not a UK postcode.
 * The inward code is always digit + two letters, so the outward code is whatever precedes it.
 */
export function ukOutwardCode(postcode: string): string | null {
  const n = normalizePostalCode("GB", postcode);
  const full = UK_FULL.exec(n);
  if (full) return full[1];
  return UK_OUTWARD.test(n) ? n : null;
}

/** The leading letters of a UK postcode ("SW1A 1AA" → "SW"), i.e. the postcode area. */
export function ukPostcodeArea(postcode: string): string | null {
  const outward = ukOutwardCode(postcode);
  return outward ? /^[A-Z]+/.exec(outward)![0] : null;
}
