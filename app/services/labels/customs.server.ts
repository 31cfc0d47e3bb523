// The customs side of a label batch: each fulfillment order's lines (packing slip and customs form), and the
// customs form itself from the merchant's product data (Product data page: HS code, country of origin), falling
// back to what Shopify keeps on the inventory item, with the order's unit prices as the declared values.
import { buildCustoms, type BuiltCustoms, type CustomsLine, type ProductCustomsData } from "~/domain/labels/customs";
import { decimalToMinor } from "~/domain/labels/plan";
import { parseWeight, type WeightUnit } from "~/domain/units";
import type { FulfillmentOrderNode } from "~/shopify/graphql/labels";
import type { LabelContext } from "./context.server";

/** What the packing slip lists for one line. */
export interface SlipLine {
  title: string;
  sku: string | null;
  quantity: number;
}

const UNITS: Record<string, WeightUnit> = { GRAMS: "g", KILOGRAMS: "kg", OUNCES: "oz", POUNDS: "lb" };

export function slipLines(fo: FulfillmentOrderNode): SlipLine[] {
  return fo.lineItems.nodes.filter((l) => l.remainingQuantity > 0).map((l) => ({ title: l.productTitle, sku: l.sku ?? null, quantity: l.remainingQuantity }));
}

export function customsLines(fo: FulfillmentOrderNode): CustomsLine[] {
  return fo.lineItems.nodes
    .filter((l) => l.remainingQuantity > 0)
    .map((l) => {
      const money = l.originalUnitPriceSet?.shopMoney;
      const unit = l.weight ? UNITS[l.weight.unit] : undefined;
      return {
        title: l.productTitle,
        sku: l.sku ?? null,
        variantId: l.variant?.id ?? null,
        quantity: l.remainingQuantity,
        unitGrams: l.weight && unit ? Math.max(1, Math.round(parseWeight(l.weight.value, unit))) : 1,
        unitPrice: money ? decimalToMinor(money.amount) : null,
        currency: money?.currencyCode ?? "",
        shopifyHsCode: l.variant?.inventoryItem?.harmonizedSystemCode ?? null,
        shopifyOrigin: l.variant?.inventoryItem?.countryCodeOfOrigin ?? null,
      };
    });
}

/** The shop's stored HS codes and origins for the variants of these orders, in one query. */
export async function productCustomsData(ctx: LabelContext, shopId: string, orders: FulfillmentOrderNode[]): Promise<Map<string, ProductCustomsData>> {
  const ids = [...new Set(orders.flatMap((fo) => fo.lineItems.nodes.map((l) => l.variant?.id).filter((v): v is string => Boolean(v))))];
  if (ids.length === 0) return new Map();
  const rows = await ctx.db.productShippingData.findMany({ where: { shopId, variantId: { in: ids } }, select: { variantId: true, hsCode: true, countryOfOrigin: true } });
  return new Map(rows.map((r) => [r.variantId, { hsCode: r.hsCode, countryOfOrigin: r.countryOfOrigin }]));
}

export function customsFor(fo: FulfillmentOrderNode, products: ReadonlyMap<string, ProductCustomsData>): BuiltCustoms {
  return buildCustoms(customsLines(fo), products);
}
