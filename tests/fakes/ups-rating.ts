// The fake UPS's rating answers: spec-shaped RATEResponseWrapper bodies with BillingWeight computed by UPS's
// published rule (contracts.md §C6: whole units rounded up, ÷139 in³/lb or ÷5000 cm³/kg), published prices
// from a small made-up table, negotiated prices at 80 % for eligible accounts, and time in transit.

type Json = Record<string, any>;

export interface FakeAccount {
  /** Negotiated rates come back only for accounts marked eligible; others get alert 120900. */
  negotiated: boolean;
}

// Published price per service: base + per billable unit, in minor units. Made-up numbers, stable for tests.
const PRICES: Record<string, { base: number; perUnit: number; days: number; description: string }> = {
  "03": { base: 1050, perUnit: 95, days: 3, description: "UPS Ground" },
  "12": { base: 1890, perUnit: 160, days: 3, description: "UPS 3 Day Select" },
  "02": { base: 2410, perUnit: 240, days: 2, description: "UPS 2nd Day Air" },
  "59": { base: 2990, perUnit: 260, days: 2, description: "UPS 2nd Day Air A.M." },
  "13": { base: 4120, perUnit: 390, days: 1, description: "UPS Next Day Air Saver" },
  "01": { base: 4630, perUnit: 420, days: 1, description: "UPS Next Day Air" },
  "14": { base: 8350, perUnit: 450, days: 1, description: "UPS Next Day Air Early" },
  "11": { base: 2200, perUnit: 210, days: 5, description: "UPS Standard" },
  "08": { base: 6100, perUnit: 520, days: 5, description: "UPS Worldwide Expedited" },
  "65": { base: 7100, perUnit: 610, days: 3, description: "UPS Worldwide Saver" },
  "07": { base: 7900, perUnit: 640, days: 2, description: "UPS Worldwide Express" },
};
const DOMESTIC = ["03", "12", "02", "59", "13", "01", "14"];
const INTERNATIONAL = ["11", "08", "65", "07"];
const CURRENCY: Record<string, string> = { US: "USD", PR: "USD", CA: "CAD", GB: "GBP", MX: "MXN", DE: "EUR", FR: "EUR", NL: "EUR" };

const money = (minor: number, currency: string) => ({ CurrencyCode: currency, MonetaryValue: (minor / 100).toFixed(2) });
const zero = (currency: string) => money(0, currency);

/** UPS's billable weight for one package in the request's own units. */
export function billableUnits(pkg: Json): { units: number; uom: "LBS" | "KGS" } {
  const uom = pkg.PackageWeight.UnitOfMeasurement.Code === "KGS" ? "KGS" : "LBS";
  const step = uom === "KGS" ? 0.5 : 1;
  const up = (x: number) => Math.ceil(x / step - 1e-9) * step;
  const actual = up(Number(pkg.PackageWeight.Weight));
  const d = pkg.Dimensions;
  if (!d) return { units: Math.max(step, actual), uom };
  const cube = Math.ceil(Number(d.Length)) * Math.ceil(Number(d.Width)) * Math.ceil(Number(d.Height));
  const dim = up(cube / (d.UnitOfMeasurement.Code === "CM" ? 5000 : 139));
  return { units: Math.max(step, actual, dim), uom };
}

function addBusinessDays(yyyymmdd: string, days: number): string {
  const d = new Date(Date.UTC(+yyyymmdd.slice(0, 4), +yyyymmdd.slice(4, 6) - 1, +yyyymmdd.slice(6, 8)));
  for (let left = days; left > 0; ) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) left--;
  }
  return d.toISOString().slice(0, 10).replace(/-/g, "");
}

const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const dayOfWeek = (yyyymmdd: string) => DAYS[new Date(`${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}T00:00:00Z`).getUTCDay()];

export function rateAnswer(body: Json, requestOption: string, account: FakeAccount | null): Json {
  const shipment = body.RateRequest.Shipment;
  const from = (shipment.ShipFrom ?? shipment.Shipper).Address.CountryCode as string;
  const to = shipment.ShipTo.Address.CountryCode as string;
  const currency = CURRENCY[from] ?? "USD";
  const option = requestOption.toLowerCase();
  const shop = option.startsWith("shop");
  const codes = shop ? (from === to ? DOMESTIC : INTERNATIONAL) : [String(shipment.Service.Code).replace(/^0(\d\d)$/, "$1")];
  const packages: Json[] = shipment.Package;
  const billed = packages.map(billableUnits);
  const total = billed.reduce((s, b) => s + b.units, 0);
  const uom = billed[0].uom;
  const negotiatedAsked = shipment.ShipmentRatingOptions?.NegotiatedRatesIndicator !== undefined;
  const negotiated = negotiatedAsked && !!account?.negotiated;
  const alerts: Json[] = [];
  if (negotiatedAsked && !negotiated) {
    alerts.push({ Code: "120900", Description: "User Id and Shipper Number combination is not qualified to receive negotiated rates" });
  }
  alerts.push({ Code: "110971", Description: "Your invoice may vary from the displayed reference rates" });
  const pickup = shipment.DeliveryTimeInformation?.Pickup?.Date as string | undefined;

  const RatedShipment = codes
    .filter((c) => PRICES[c])
    .map((code) => {
      const p = PRICES[code];
      const published = p.base + p.perUnit * Math.ceil(total);
      const weight = { UnitOfMeasurement: { Code: uom, Description: uom === "LBS" ? "Pounds" : "Kilograms" }, Weight: String(total) };
      return {
        Service: { Code: code, Description: p.description },
        RatedShipmentAlert: alerts,
        BillingWeight: weight,
        TransportationCharges: money(published, currency),
        BaseServiceCharge: money(published, currency),
        ServiceOptionsCharges: zero(currency),
        TotalCharges: money(published, currency),
        ...(negotiated ? { NegotiatedRateCharges: { TotalCharge: money(Math.round(published * 0.8), currency) } } : {}),
        RatedPackage: packages.map((_, i) => ({ Weight: packages[i].PackageWeight.Weight, BillingWeight: { ...weight, Weight: String(billed[i].units) } })),
        ...(code !== "03" ? { GuaranteedDelivery: { BusinessDaysInTransit: String(p.days) } } : {}),
        ...(option.endsWith("timeintransit") && pickup
          ? {
              TimeInTransit: {
                PickupDate: pickup,
                ServiceSummary: {
                  Service: { Description: p.description },
                  EstimatedArrival: {
                    Arrival: { Date: addBusinessDays(pickup, p.days), Time: "230000" },
                    BusinessDaysInTransit: String(p.days),
                    Pickup: { Date: pickup, Time: "170000" },
                    DayOfWeek: dayOfWeek(addBusinessDays(pickup, p.days)),
                  },
                },
              },
            }
          : {}),
      };
    });

  return {
    RateResponse: {
      Response: {
        ResponseStatus: { Code: "1", Description: "Success" },
        Alert: alerts,
        ...(body.RateRequest.Request?.TransactionReference ? { TransactionReference: body.RateRequest.Request.TransactionReference } : {}),
      },
      RatedShipment,
    },
  };
}
