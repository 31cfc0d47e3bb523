// The fake UPS Landed Cost API's answers: deterministic duties and import VAT from the request alone, so tests
// can compute the figures they expect. Duty: 12% for HS chapter 61/62 (apparel), 4% otherwise; VAT: the
// destination's rate below (20% when unlisted) on value + duty. Not UPS's tariff data: a stand-in.
export const FAKE_VAT: Record<string, number> = { DE: 19, FR: 20, GB: 20, NL: 21, CA: 5, AU: 10, JP: 10 };
export const fakeDutyPercent = (hs: string) => (/^6[12]/.test(hs) ? 12 : 4);

const round2 = (n: number) => Math.round(n * 100) / 100;

export function landedCostAnswer(body: any) {
  const s = body.shipment;
  const vat = FAKE_VAT[s.importCountryCode] ?? 20;
  const items = (s.shipmentItems as any[]).map((i) => {
    const value = i.priceEach * i.quantity;
    const duty = round2((value * fakeDutyPercent(i.hsCode ?? "")) / 100);
    const tax = round2(((value + duty) * vat) / 100);
    return {
      commodityID: i.commodityId,
      hsCode: i.hsCode ?? "",
      commodityDuty: duty,
      totalCommodityTaxAndFee: tax,
      commodityVAT: tax,
      totalCommodityDutyAndTax: round2(duty + tax),
      commodityCurrencyCode: body.currencyCode,
      isCalculable: !!i.hsCode,
    };
  });
  const duties = round2(items.reduce((a, i) => a + i.commodityDuty, 0));
  const taxes = round2(items.reduce((a, i) => a + i.commodityVAT, 0));
  const now = new Date().toISOString();
  return {
    shipment: {
      currencyCode: body.currencyCode,
      importCountryCode: s.importCountryCode,
      id: s.id,
      brokerageFeeItems: [],
      totalBrokerageFees: 0,
      totalDuties: duties,
      totalCommodityLevelTaxesAndFees: taxes,
      totalShipmentLevelTaxesAndFees: 0,
      totalVAT: taxes,
      totalDutyAndTax: round2(duties + taxes),
      grandTotal: round2(duties + taxes),
      shipmentItems: items,
    },
    transID: body.transID,
    perfStats: { absLayerTime: "12", fulfillTime: now, receiptTime: now },
    alVersion: 1,
  };
}
