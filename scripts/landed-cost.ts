// `npm run waypost -- landed-cost`: the landed-cost breakdown of a described shipment, for support and for people
// checking figures. Pure: no database, no network. See docs/landed-cost.md.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { ZodError } from "zod";
import {
  COVERED_DESTINATIONS,
  computeLandedCost,
  describeLandedCost,
  dutyRateSchema,
  landedCostSettingsSchema,
  shipmentSchema,
  type Incoterm,
  type LandedCostResult,
} from "../app/domain/landed-cost";
import { minorToDecimalString } from "../app/domain/money";

export const LANDED_COST_USAGE = `usage: npm run waypost -- landed-cost --to <CC|all> --from <CC> --currency <ISO> --item "<hs>,<origin>,<unit value in minor units>,<qty>[,<grams>[,<currency>]]" …
  [--shipping <minor units>] [--province ON] [--date YYYY-MM-DD] [--incoterm DDP|DAP|both]
  [--register IOSS|UK|AU|NZ|VOEC|SG-OVR|BR-PRC|CN-CBEC …] [--duty <hs prefix>=<percent> …] [--rate <BASE>/<QUOTE>=<rate> …]
  [--settings landed-cost.json] [--shopify-duties] [--json]
example: npm run waypost -- landed-cost --to DE --from US --currency EUR --item "6109.10,CN,2500,2" --shipping 990`;

class UsageError extends Error {}

function parseItem(text: string, shopCurrency: string) {
  const parts = text.split(",").map((p) => p.trim());
  if (parts.length < 4 || parts.length > 6) throw new UsageError(`--item "${text}": expected "<hs>,<origin>,<unit value in minor units>,<qty>[,<grams>[,<currency>]]"`);
  const [hs, origin, value, qty, grams, currency] = parts;
  const int = (s: string, what: string) => {
    if (!/^\d+$/.test(s)) throw new UsageError(`--item "${text}": ${what} must be a whole number (minor units for money), got "${s}"`);
    return Number(s);
  };
  return {
    hsCode: hs || undefined,
    originCountry: origin || undefined,
    unitValue: int(value, "the unit value"),
    quantity: int(qty, "the quantity"),
    unitWeightGrams: grams ? int(grams, "the weight in grams") : 0,
    currency: currency || shopCurrency,
  };
}

function parseRate(text: string) {
  const m = /^([A-Za-z]{3})\/([A-Za-z]{3})=(\d+(?:\.\d+)?)$/.exec(text.trim());
  if (!m) throw new UsageError(`--rate "${text}": expected BASE/QUOTE=rate, e.g. EUR/USD=1.16`);
  return { base: m[1].toUpperCase(), quote: m[2].toUpperCase(), rate: m[3], date: new Date().toISOString().slice(0, 10), source: "given on the command line" };
}

const money = (amount: number, currency: string) => `${currency} ${minorToDecimalString(amount, currency)}`;

function render(r: LandedCostResult): string {
  const out: string[] = [];
  const desc = describeLandedCost(r);
  out.push(`  ${r.incoterm}: ${desc.text}`);
  for (const l of r.lines) {
    const src = "url" in l.source && l.source.url ? `${l.source.title} <${l.source.url}> [${l.source.confidence}]` : l.source.title;
    out.push(`    ${l.kind.padEnd(6)} ${money(l.amount, l.currency).padStart(14)}  ${l.label} = ${l.formula}`);
    out.push(`    ${"".padEnd(21)}  payer: ${l.payer}; source: ${src}; effective ${l.effectiveFrom}`);
  }
  out.push(`    added to the rate ${money(r.totals.addToRate, r.currency)} · due on delivery ${money(r.totals.dueOnDelivery, r.currency)} · collected at sale ${money(r.totals.collectedAtSale, r.currency)}${r.totals.chargedByShopify ? ` · charged by Shopify ${money(r.totals.chargedByShopify, r.currency)}` : ""}`);
  return out.join("\n");
}

/** Runs the command; returns the process exit code (0 ok, 1 incomplete estimate, 2 bad input). */
export function runLandedCost(argv: string[], write: (s: string) => void = (s) => process.stdout.write(s), writeError: (s: string) => void = (s) => process.stderr.write(s)): number {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        to: { type: "string" }, from: { type: "string" }, currency: { type: "string" },
        item: { type: "string", multiple: true }, shipping: { type: "string" }, province: { type: "string" },
        date: { type: "string" }, incoterm: { type: "string", default: "both" },
        register: { type: "string", multiple: true }, duty: { type: "string", multiple: true }, rate: { type: "string", multiple: true },
        settings: { type: "string" }, "shopify-duties": { type: "boolean", default: false }, json: { type: "boolean", default: false },
      },
    });
    if (!values.to || !values.from || !values.currency || !values.item?.length) throw new UsageError("--to, --from, --currency and at least one --item are required");
    if (values.shipping !== undefined && !/^\d+$/.test(values.shipping)) throw new UsageError(`--shipping must be whole minor units (990 = 9.90), got "${values.shipping}"`);
    const incoterm = values.incoterm?.toUpperCase();
    const incoterms: Incoterm[] | null = incoterm === "BOTH" ? ["DDP", "DAP"] : incoterm === "DDP" || incoterm === "DAP" ? [incoterm] : null;
    if (!incoterms) throw new UsageError(`--incoterm must be DDP, DAP or both, got "${values.incoterm}"`);
    const currency = values.currency.toUpperCase();
    const file = values.settings ? JSON.parse(fs.readFileSync(values.settings, "utf8")) : {};
    const destinations = values.to.toLowerCase() === "all" ? [...COVERED_DESTINATIONS] : values.to.split(",").map((c) => c.trim().toUpperCase());
    const base = landedCostSettingsSchema.parse({
      ...file,
      shopifyCollectsDuties: values["shopify-duties"] || file.shopifyCollectsDuties,
      registrations: [...(file.registrations ?? []), ...(values.register ?? []).map((r) => r.toUpperCase())],
      exchangeRates: [...(file.exchangeRates ?? []), ...(values.rate ?? []).map(parseRate)],
    });
    const results: LandedCostResult[] = [];
    for (const to of destinations) {
      const dutyRates = [
        ...base.dutyRates,
        ...(values.duty ?? []).map((d) => {
          const m = /^([\d.]+)=(\d+(?:\.\d+)?)$/.exec(d.trim());
          if (!m) throw new UsageError(`--duty "${d}": expected <hs prefix>=<percent>, e.g. 6109=12`);
          return dutyRateSchema.parse({ hsPrefix: m[1], destination: to, percent: m[2] });
        }),
      ];
      const shipment = shipmentSchema.parse({
        destination: { country: to, province: values.province },
        originCountry: values.from,
        shopCurrency: currency,
        shipping: values.shipping === undefined ? 0 : Number(values.shipping),
        date: values.date ?? new Date().toISOString().slice(0, 10),
        items: values.item.map((i) => parseItem(i, currency)),
      });
      for (const incoterm of incoterms) results.push(computeLandedCost(shipment, { ...base, dutyRates }, incoterm));
    }
    if (values.json) {
      write(JSON.stringify(results, null, 2) + "\n");
    } else {
      let last = "";
      for (const r of results) {
        if (r.destination !== last) {
          last = r.destination;
          write(`\n${values.from.toUpperCase()} → ${r.destination}${r.province ? `-${r.province}` : ""} on ${r.date}, amounts in ${r.currency} (rules ${r.regime})\n`);
          for (const d of r.deMinimis) write(`  de minimis: ${d}\n`);
          for (const c of r.conversions) write(`  conversion: ${c}\n`);
          for (const m of r.messages) write(`  ${m.level}: ${m.text}\n`);
        }
        write(render(r) + "\n");
      }
    }
    return results.every((r) => r.complete) ? 0 : 1;
  } catch (error) {
    if (error instanceof ZodError) {
      writeError(`landed-cost: invalid input:\n${error.issues.map((i) => `  ${i.path.join(".") || "(input)"}: ${i.message}`).join("\n")}\n${LANDED_COST_USAGE}\n`);
      return 2;
    }
    if (error instanceof UsageError || (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS"))) {
      writeError(`landed-cost: ${error.message}\n${LANDED_COST_USAGE}\n`);
      return 2;
    }
    if (error instanceof SyntaxError || (error instanceof Error && "code" in error && error.code === "ENOENT")) {
      writeError(`landed-cost: cannot read --settings: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
