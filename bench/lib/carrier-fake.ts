// A stand-in live carrier: answers every POST after BENCH_LIVE_LATENCY_MS with a rate response of about the
// size of a UPS Rating answer (~3 KB of JSON).
import http from "node:http";

const latency = Number(process.env.BENCH_LIVE_LATENCY_MS ?? 50);
const body = JSON.stringify({
  RateResponse: {
    Response: { ResponseStatus: { Code: "1", Description: "Success" } },
    RatedShipment: Array.from({ length: 6 }, (_, i) => ({
      Service: { Code: `0${i + 1}` },
      BillingWeight: { UnitOfMeasurement: { Code: "LBS" }, Weight: "5.0" },
      TransportationCharges: { CurrencyCode: "USD", MonetaryValue: `${10 + i}.50` },
      TotalCharges: { CurrencyCode: "USD", MonetaryValue: `${12 + i}.75` },
      NegotiatedRateCharges: { TotalCharge: { CurrencyCode: "USD", MonetaryValue: `${11 + i}.10` } },
      GuaranteedDelivery: { BusinessDaysInTransit: String(1 + i) },
      RatedPackage: [{ Weight: "5.0", TotalCharges: { CurrencyCode: "USD", MonetaryValue: `${12 + i}.75` }, ItemizedCharges: [{ Code: "375", MonetaryValue: "1.20" }] }],
      RatedShipmentAlert: [{ Code: "110971", Description: "Your invoice may vary from the displayed reference rates" }],
    })),
  },
});
const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => setTimeout(() => {
    res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
    res.end(body);
  }, latency));
});
server.keepAliveTimeout = 65_000;
server.listen(0, "127.0.0.1", () => process.send!({ ready: (server.address() as { port: number }).port }));
