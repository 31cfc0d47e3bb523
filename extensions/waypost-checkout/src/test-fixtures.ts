// Backend answers as the route sends them (decimal strings), shared by the logic and component tests.
export const eur = (amount: string) => ({ amount, currencyCode: "EUR" });

export const wireDdp = {
  code: "de-express-ddp",
  incoterm: "DDP",
  rateTotal: eur("41.40"),
  charges: [
    { kind: "duty", payable: "prepaid", amount: eur("4.20") },
    { kind: "tax", payable: "prepaid", amount: eur("21.30") },
    { kind: "fee", payable: "prepaid", amount: eur("3.00") },
  ],
  prepaid: eur("28.50"),
  dueOnDelivery: eur("0.00"),
  estimate: false,
  delivery: { earliest: "2026-12-04", latest: "2026-12-08" },
  computedAt: "2026-12-01T12:00:00.000Z",
};

export const wireDap = {
  ...wireDdp,
  code: "de-express-dap",
  incoterm: "DAP",
  rateTotal: eur("12.90"),
  estimate: true,
  prepaid: eur("0.00"),
  dueOnDelivery: eur("28.50"),
  charges: wireDdp.charges.map((c) => ({ ...c, payable: "on_delivery" })),
};
