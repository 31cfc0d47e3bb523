// What "Test your shipping" warns about while still answering with rates: inputs a real checkout would rarely send
// and that make the rates misleading (a weightless item; an address without a postal code, which postal-code
// zones and carriers need).
import { parseWeightField } from "./form-units";
import type { TestCartForm } from "./test-cart";

/** Countries whose addresses have no postal codes (a missing one there is normal). */
const NO_POSTAL_CODES = new Set(["AE", "AG", "AO", "AW", "BF", "BI", "BJ", "BO", "BS", "BW", "BZ", "CD", "CF", "CG", "CI", "CK", "CM", "DJ", "DM", "ER", "FJ", "GA", "GD", "GH", "GM", "GQ", "GY", "HK", "IE", "JM", "KI", "KM", "KN", "KP", "LC", "ML", "MO", "MR", "MW", "NR", "NU", "QA", "RW", "SB", "SC", "SL", "SR", "ST", "SY", "TD", "TF", "TG", "TK", "TL", "TO", "TV", "UG", "VU", "YE", "ZW"]);

export function cartWarnings(form: Pick<TestCartForm, "destination" | "items">): string[] {
  const out: string[] = [];
  const weightless = form.items.filter((l) => {
    const w = parseWeightField(l.weight, l.weightUnit);
    return !w.ok || !w.value;
  });
  for (const l of weightless) {
    out.push(`${l.name.trim() || "An item"} has no weight: weight-based rates treat it as weightless, so these rates may be too low.`);
  }
  const country = form.destination.country.trim().toUpperCase();
  if (!form.destination.postalCode.trim() && country && !NO_POSTAL_CODES.has(country)) {
    out.push("The address has no postal code: zones by postal code cannot match it, and carriers may quote a different price or none at checkout.");
  }
  return out;
}
