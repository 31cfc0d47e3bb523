// What "Test your shipping" warns about while still answering with rates: inputs a real checkout would rarely send
// and that make the rates misleading (a weightless item; an address without a postal code, which postal-code
// zones and carriers need).
import { parseWeightField } from "./form-units";
import type { TestCartForm } from "./test-cart";

/** Countries whose addresses have no postal codes (a missing one there is normal). */
const NO_POSTAL_CODES = new Set(["AE", "AG", "AO", "AW", "BF", "BI", "BJ", "BO", "BS", "BW", "BZ", "CD", "CF", "CG", "CI", "CK", "CM", "DJ", "DM", "ER", "FJ", "GA", "GD", "GH", "GM", "GQ", "GY", "HK", "IE", "JM", "KI", "KM", "KN", "KP", "LC", "ML", "MO", "MR", "MW", "NR", "NU", "QA", "RW", "SB", "SC", "SL", "SR", "ST", "SY", "TD", "TF", "TG", "TK", "TL", "TO", "TV", "UG", "VU", "YE", "ZW"]);

/** A warning as a message key of testShipping.json `warnings` and the item it is about. */
export type CartWarning = { key: "no_weight"; item: string } | { key: "no_postal_code" };

export function cartWarnings(form: Pick<TestCartForm, "destination" | "items">): CartWarning[] {
  const out: CartWarning[] = [];
  const weightless = form.items.filter((l) => {
    const w = parseWeightField(l.weight, l.weightUnit);
    return !w.ok || !w.value;
  });
  for (const l of weightless) {
    out.push({ key: "no_weight", item: l.name.trim() });
  }
  const country = form.destination.country.trim().toUpperCase();
  if (!form.destination.postalCode.trim() && country && !NO_POSTAL_CODES.has(country)) {
    out.push({ key: "no_postal_code" });
  }
  return out;
}
