// The fake UPS's Time in Transit answers: spec-shaped emsResponse bodies with letter service codes
// (domestic) and YYYY-MM-DD dates, business days from a small made-up table.
type Json = Record<string, any>;

const DOMESTIC: Array<[string, string, number]> = [
  ["1DM", "UPS Next Day Air Early", 1],
  ["1DA", "UPS Next Day Air", 1],
  ["1DP", "UPS Next Day Air Saver", 1],
  ["2DM", "UPS 2nd Day Air A.M.", 2],
  ["2DA", "UPS 2nd Day Air", 2],
  ["3DS", "UPS 3 Day Select", 3],
  ["GND", "UPS Ground", 3],
];
// International TNT codes are their own numbering (TimeInTransit.yaml lists "01", "03", "05"… as examples).
const INTERNATIONAL: Array<[string, string, number]> = [
  ["01", "UPS Worldwide Express", 2],
  ["03", "UPS Worldwide Expedited", 5],
  ["05", "UPS Standard", 6],
];
const NAMES: Record<string, string> = { US: "UNITED STATES", CA: "CANADA", GB: "UNITED KINGDOM", MX: "MEXICO", DE: "GERMANY" };
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

function addBusinessDays(isoDate: string, days: number): Date {
  const d = new Date(`${isoDate}T00:00:00Z`);
  for (let left = days; left > 0; ) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) left--;
  }
  return d;
}

export function transitAnswer(body: Json, opts: { peak?: boolean } = {}): Json {
  const shipDate: string = body.shipDate ?? new Date().toISOString().slice(0, 10);
  const table = body.originCountryCode === body.destinationCountryCode ? DOMESTIC : INTERNATIONAL;
  const services = table.map(([serviceLevel, serviceLevelDescription, days]) => {
    const arrival = addBusinessDays(shipDate, days);
    return {
      serviceLevel,
      serviceLevelDescription,
      shipDate,
      deliveryDate: arrival.toISOString().slice(0, 10),
      commitTime: "23:00:00",
      deliveryTime: "23:00:00",
      deliveryDayOfWeek: DAYS[arrival.getUTCDay()],
      nextDayPickupIndicator: "0",
      saturdayPickupIndicator: "0",
      saturdayDeliveryIndicator: "0",
      guaranteeIndicator: serviceLevel === "GND" ? "0" : "1",
      totalTransitDays: days,
      businessTransitDays: days,
      restDaysCount: 0,
      holidayCount: 0,
      delayCount: 0,
      pickupDate: shipDate,
      pickupTime: "17:00:00",
      cstccutoffTime: "16:00:00",
    };
  });
  return {
    emsResponse: {
      shipDate: shipDate.replace(/-/g, ""),
      shipTime: body.shipTime ?? "12:00:00",
      serviceLevel: "A",
      billType: body.billType ?? "03",
      residentialIndicator: body.residentialIndicator ?? "02",
      destinationCountryName: NAMES[body.destinationCountryCode] ?? body.destinationCountryCode,
      destinationCountryCode: body.destinationCountryCode,
      originCountryName: NAMES[body.originCountryCode] ?? body.originCountryCode,
      originCountryCode: body.originCountryCode,
      guaranteeSuspended: !!opts.peak,
      numberOfServices: services.length,
      services,
    },
  };
}
