// Writes app/locales/<locale>/countries.json: every country's name in each admin language, from Intl.DisplayNames
// (Node's full ICU). The names are committed data rather than computed at render time because a browser's ICU is
// not Node's (Chrome, Firefox and Safari ship different CLDR versions), and a name that differs between the server
// and the browser would break hydration. English keeps its hand-picked short names (app/locales/en/countries.json
// is the list of codes); the other languages take CLDR's names, with CLDR's short form where English uses one.
// Keys are written in each language's collation order, which is the order the pickers list them in.
// Run: npx tsx scripts/i18n/country-names.ts (then npx tsx scripts/i18n/check.ts).
import fs from "node:fs";
import path from "node:path";
import { LOCALES } from "../../app/i18n/config";

const DIR = path.join(import.meta.dirname, "../../app/locales");
/** "Hong Kong" rather than "Hong Kong SAR China", as the English list says. */
const SHORT = new Set(["HK", "MO", "MM"]);

type File = { names: Record<string, string> };
const read = (locale: string): File => JSON.parse(fs.readFileSync(path.join(DIR, locale, "countries.json"), "utf8")) as File;

export function namesFor(locale: string, codes: readonly string[], english: Record<string, string>): Record<string, string> {
  const long = new Intl.DisplayNames([locale], { type: "region", fallback: "none" });
  const short = new Intl.DisplayNames([locale], { type: "region", style: "short", fallback: "none" });
  const name = (code: string) => (locale === "en" ? english[code] : ((SHORT.has(code) ? short.of(code) : undefined) ?? long.of(code))) ?? english[code];
  const collator = new Intl.Collator(locale);
  return Object.fromEntries(codes.map((c) => [c, name(c)] as const).sort((a, b) => collator.compare(a[1], b[1]) || (a[0] < b[0] ? -1 : 1)));
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const english = read("en").names;
  const codes = Object.keys(english);
  for (const locale of LOCALES) {
    const file = path.join(DIR, locale, "countries.json");
    fs.writeFileSync(file, `${JSON.stringify({ names: namesFor(locale, codes, english) }, null, 2)}\n`);
    process.stdout.write(`${file}: ${codes.length} countries\n`);
  }
}
