// The built-in table carrier: prices come from merchant-defined rate tables, one table per service code.
//
//   weight tables:              each package is priced by its billable weight, and the prices are summed;
//   subtotal tables:            priced once per order (never multiplied by the package count);
//   weight_and_subtotal tables: each package by its billable weight within the order's subtotal band, summed.
// A service whose table cannot price the request yields an error message and no quote; the others still quote.
import { type Money } from "~/domain/money";
import { priceFromTable, type RateTable } from "~/domain/rate-table";
import type { CarrierMessage, Quote, RateRequest, RateResult, RateSource } from "../carrier";

export type TableSourceConfig = {
  id?: string;
  tables: Record<string, RateTable>;
  transitDays?: Record<string, { min: number; max: number }>;
};

type Priced = { price: Money } | { error: string };

export function priceRequest(table: RateTable, req: RateRequest): Priced {
  if (table.basis === "subtotal") return priceFromTable(table, { billableGrams: 0, subtotal: req.subtotal });
  let amount = 0;
  for (const [i, pkg] of req.packages.entries()) {
    const r = priceFromTable(table, { billableGrams: pkg.billableGrams, subtotal: req.subtotal });
    if ("error" in r) return { error: req.packages.length > 1 ? `package ${i + 1}: ${r.error}` : r.error };
    amount += r.price.amount;
  }
  return { price: { amount, currency: table.currency } };
}

export function createTableSource(config: TableSourceConfig): RateSource {
  return {
    id: config.id ?? "table",
    inMemory: true,
    async rate(req: RateRequest): Promise<RateResult> {
      const quotes: Quote[] = [];
      const messages: CarrierMessage[] = [];
      const wanted = req.services.length > 0 ? [...new Set(req.services)] : Object.keys(config.tables);
      for (const serviceCode of wanted) {
        const table = config.tables[serviceCode];
        if (!table) {
          messages.push({ level: "warning", code: "unknown_service", serviceCode, message: `no rate table for service ${serviceCode}` });
          continue;
        }
        if (table.currency !== req.currency.toUpperCase()) {
          messages.push({
            level: "error",
            code: "currency_mismatch",
            serviceCode,
            message: `the ${serviceCode} table is in ${table.currency}, the request is in ${req.currency}`,
          });
          continue;
        }
        const priced = priceRequest(table, req);
        if ("error" in priced) {
          messages.push({ level: "error", code: "no_band", serviceCode, message: priced.error });
          continue;
        }
        const transit = config.transitDays?.[serviceCode];
        quotes.push({ serviceCode, price: priced.price, ...(transit ? { transitDays: { ...transit } } : {}) });
      }
      return { quotes, messages };
    },
  };
}
