// Landed-cost rules as data. A rule applies from `from` (inclusive) to `to` (exclusive); a rule change is a new
// row with dates, never a code change. Amounts are integer minor units of the rule's own `currency` (the
// currency the law states the threshold in). Every row names its source (sources.ts) and docs/landed-cost.md
// lists the ones we could not confirm.
import type { Registration } from "./model";
import { SOURCES, type RuleSource } from "./sources";

export const EU_MEMBERS = [
  "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
  "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
] as const;

export type TaxRateRule = {
  country: string;
  /** Province or state when the rate differs inside the country (Canada HST). */
  province?: string;
  /** "import VAT", "GST", "HST", "IGST", "ICMS", "consumption tax". */
  name: string;
  percent: string;
  from: string;
  to?: string;
  source: RuleSource;
  note?: string;
};

const T = (country: string, percent: string, from = "2021-01-01", to?: string, name = "import VAT", source = SOURCES.salesTax, province?: string, note?: string): TaxRateRule => ({
  country, province, name, percent, from, to, source, note,
});

/** Standard rates, cross-checked against sales-tax 2.23.0 (May 2026); history kept where it changed in 2024–2025. */
export const TAX_RATES: TaxRateRule[] = [
  T("AT", "20"), T("BE", "21"), T("BG", "20"), T("HR", "25"), T("CY", "19"), T("CZ", "21"), T("DK", "25"),
  T("EE", "22", "2024-01-01", "2025-07-01"), T("EE", "24", "2025-07-01"),
  T("FI", "24", "2013-01-01", "2024-09-01"), T("FI", "25.5", "2024-09-01"),
  T("FR", "20"), T("DE", "19"), T("GR", "24"), T("HU", "27"), T("IE", "23", "2021-03-01"), T("IT", "22"), T("LV", "21"),
  T("LT", "21"), T("LU", "17", "2024-01-01"), T("MT", "18"), T("NL", "21"), T("PL", "23"), T("PT", "23"),
  T("RO", "19", "2017-01-01", "2025-08-01"), T("RO", "21", "2025-08-01"),
  T("SK", "20", "2011-01-01", "2025-01-01"), T("SK", "23", "2025-01-01"),
  T("SI", "22"), T("ES", "21"), T("SE", "25"),
  T("GB", "20"),
  T("CH", "8.1", "2024-01-01", undefined, "import VAT", SOURCES.chVat),
  T("NO", "25", "2005-01-01", undefined, "import VAT"),
  T("AU", "10", "2000-07-01", undefined, "GST"),
  T("NZ", "15", "2010-10-01", undefined, "GST"),
  T("JP", "10", "2019-10-01", undefined, "consumption tax"),
  T("KR", "10", "1977-07-01", undefined, "import VAT"),
  T("SG", "9", "2024-01-01", undefined, "GST"),
  T("CN", "13", "2019-04-01", undefined, "import VAT"),
  T("ID", "11", "2025-01-01", undefined, "import VAT", SOURCES.idVat2025, undefined, "12% on a taxable base of 11/12 for non-luxury goods"),
  T("IN", "18", "2017-07-01", undefined, "IGST", SOURCES.inCourier),
  T("BR", "17", "2024-08-01", undefined, "ICMS", SOURCES.brRemessa, undefined,
    "17% in most states; AC, AL, BA, CE, MG, PB, PI, RN, RR and SE charge 20% since 1 Apr 2025 (give the state)"),
  ...["AC", "AL", "BA", "CE", "MG", "PB", "PI", "RN", "RR", "SE"].flatMap((state) => [
    T("BR", "17", "2024-08-01", "2025-04-01", "ICMS", SOURCES.brRemessa, state),
    T("BR", "20", "2025-04-01", undefined, "ICMS", SOURCES.brIcms20, state),
  ]),
  // Canada: GST 5% everywhere; the HST provinces replace it with a harmonised rate collected at the border.
  T("CA", "5", "2008-01-01", undefined, "GST", SOURCES.caHst),
  T("CA", "13", "2010-07-01", undefined, "HST", SOURCES.caHst, "ON"),
  T("CA", "15", "2016-07-01", undefined, "HST", SOURCES.caHst, "NB"),
  T("CA", "15", "2016-07-01", undefined, "HST", SOURCES.caHst, "NL"),
  T("CA", "15", "2016-10-01", undefined, "HST", SOURCES.caHst, "PE"),
  T("CA", "15", "2010-07-01", "2025-04-01", "HST", SOURCES.caHst, "NS"),
  T("CA", "14", "2025-04-01", undefined, "HST", SOURCES.caHst, "NS"),
];

/** A de minimis: the charge is not collected at the border when the measured value is within the threshold. */
export type DeMinimisRule = {
  charge: "duty" | "tax";
  /** Inclusive upper bound, in minor units of the regime currency. */
  upTo: number;
  /** `below` makes the bound exclusive (Norway: "below NOK 3,000"). */
  exclusive?: boolean;
  /** goods: the consignment's customs value; goods_and_shipping: CIF value; amount: the charge itself (Switzerland). */
  measure: "goods" | "goods_and_shipping" | "amount";
  /** Only for shipments sent from these countries. */
  shipFrom?: string[];
  label: string;
};

/** A seller-collection scheme: the merchant charges the tax at sale, and nothing is collected at import. */
export type SellerScheme = {
  registration: Registration;
  label: string;
  upTo: number;
  exclusive?: boolean;
  /** goods: consignment value; max_item: the most valuable single item (Norway VOEC, per item). */
  measure: "goods" | "max_item";
  /** Customs duty is not collected on scheme consignments. */
  dutyWaived: boolean;
  /** China CBEC: the tax collected is a share of the statutory amount ("70"). */
  taxSharePercent?: string;
};

/** A duty that replaces the tariff for low-value shipments. */
export type FlatDuty =
  | { kind: "per_subheading"; label: string; amount: number; when: "scheme" | "always"; upTo?: number }
  | { kind: "percent"; label: string; percent: string; when: "scheme" | "always"; upTo?: number; exceptHs?: string[]; surchargePercentOfDuty?: { label: string; percent: string } };

/** A rate that covers duty (and sometimes tax) by value band: Mexico's courier regime, Brazil's simplified regime. */
export type BandRate = {
  label: string;
  includesTax: boolean;
  bands: Array<{ shipFrom?: string[]; registration?: Registration; over: number; upTo?: number; percent: string; deduction?: number }>;
};

export type Regime = {
  id: string;
  countries: readonly string[];
  from: string;
  to?: string;
  /** The currency the thresholds are stated in. */
  currency: string;
  /** Duty is charged on the goods (FOB) or on goods plus transport to the border (CIF). */
  dutyBase: "FOB" | "CIF";
  /** What the import tax is charged on besides the goods. */
  taxBase: { shipping: boolean; duty: boolean; grossUp?: boolean };
  /** Japan: personal-use imports are valued at 60% of the retail price. */
  customsValuePercent?: string;
  deMinimis: DeMinimisRule[];
  scheme?: SellerScheme;
  flatDuty?: FlatDuty;
  bandRate?: BandRate;
  /** No customs duty on general goods (Singapore). */
  noGeneralDuty?: string;
  /** The country has no import VAT/GST (United States). */
  noImportTax?: string;
  sources: RuleSource[];
  notes: string[];
};

const EU_BASE = {
  countries: EU_MEMBERS,
  currency: "EUR",
  dutyBase: "CIF" as const,
  taxBase: { shipping: true, duty: true },
};

export const REGIMES: Regime[] = [
  {
    id: "US-321", countries: ["US"], from: "2016-03-10", to: "2025-08-29", currency: "USD", dutyBase: "FOB",
    taxBase: { shipping: false, duty: false }, noImportTax: "The United States has no import VAT; state sales tax is the seller's, not the border's.",
    deMinimis: [{ charge: "duty", upTo: 80_000, measure: "goods", label: "Section 321 de minimis (USD 800 per person per day)" }],
    sources: [SOURCES.us800], notes: [],
  },
  {
    id: "US-2025-08", countries: ["US"], from: "2025-08-29", currency: "USD", dutyBase: "FOB",
    taxBase: { shipping: false, duty: false }, noImportTax: "The United States has no import VAT; state sales tax is the seller's, not the border's.",
    deMinimis: [],
    sources: [SOURCES.usEo14324],
    notes: [
      "Duty-free de minimis is suspended for all countries (EO 14324): duty is due from the first dollar.",
      "Postal shipments may use the EO's specific duty per item; not modelled (courier rates assumed).",
      "Tariff surcharges (IEEPA, Section 232/301, the Feb 2026 surcharge) belong in the merchant's duty table per HS and origin.",
    ],
  },
  {
    id: "CA-CUSMA", countries: ["CA"], from: "2020-07-01", currency: "CAD", dutyBase: "FOB",
    taxBase: { shipping: false, duty: true },
    deMinimis: [
      { charge: "duty", upTo: 15_000, measure: "goods", shipFrom: ["US", "MX"], label: "CUSMA courier threshold (CAD 150, duty)" },
      { charge: "tax", upTo: 4_000, measure: "goods", shipFrom: ["US", "MX"], label: "CUSMA courier threshold (CAD 40, taxes)" },
      { charge: "duty", upTo: 2_000, measure: "goods", label: "Canada low-value threshold (CAD 20)" },
      { charge: "tax", upTo: 2_000, measure: "goods", label: "Canada low-value threshold (CAD 20)" },
    ],
    sources: [SOURCES.caCusma, SOURCES.caHst],
    notes: [
      "CUSMA thresholds apply to courier shipments by place of direct shipment (the ship-from country), not by the goods' origin; postal shipments keep CAD 20.",
      "Provincial PST/QST is not collected by the border on courier imports in this model (unverified); HST is.",
    ],
  },
  {
    id: "MX-2025-01", countries: ["MX"], from: "2025-01-01", to: "2025-08-15", currency: "USD", dutyBase: "CIF",
    taxBase: { shipping: false, duty: false }, deMinimis: [],
    bandRate: {
      label: "courier simplified regime global rate (duty + IVA)", includesTax: true,
      bands: [
        { shipFrom: ["US", "CA"], over: 0, upTo: 5_000, percent: "0" },
        { shipFrom: ["US", "CA"], over: 5_000, upTo: 11_700, percent: "17" },
        { shipFrom: ["US", "CA"], over: 11_700, upTo: 250_000, percent: "19" },
        { over: 0, upTo: 250_000, percent: "19" },
      ],
    },
    sources: [SOURCES.mxCourier2025], notes: ["Above USD 2,500 a formal entry is needed: not modelled."],
  },
  {
    id: "MX-2025-08", countries: ["MX"], from: "2025-08-15", currency: "USD", dutyBase: "CIF",
    taxBase: { shipping: false, duty: false }, deMinimis: [],
    bandRate: {
      label: "courier simplified regime global rate (duty + IVA)", includesTax: true,
      bands: [
        { shipFrom: ["US", "CA"], over: 0, upTo: 5_000, percent: "0" },
        { shipFrom: ["US", "CA"], over: 5_000, upTo: 11_700, percent: "17" },
        { shipFrom: ["US", "CA"], over: 11_700, upTo: 250_000, percent: "19" },
        { over: 0, upTo: 250_000, percent: "33.5" },
      ],
    },
    sources: [SOURCES.mxCourier],
    notes: ["Above USD 2,500 a formal entry is needed: not modelled.", "The global rate is assumed to include IVA (unverified)."],
  },
  {
    id: "BR-2024-08", countries: ["BR"], from: "2024-08-01", currency: "USD", dutyBase: "CIF",
    taxBase: { shipping: true, duty: true, grossUp: true }, deMinimis: [],
    bandRate: {
      label: "Imposto de Importação (simplified regime)", includesTax: false,
      bands: [
        { registration: "BR-PRC", over: 0, upTo: 5_000, percent: "20" },
        { registration: "BR-PRC", over: 5_000, upTo: 300_000, percent: "60", deduction: 2_000 },
        { over: 0, upTo: 300_000, percent: "60" },
      ],
    },
    sources: [SOURCES.brRemessa],
    notes: ["ICMS is charged 'por dentro': base = (customs value + shipping + II) ÷ (1 − rate).", "Above USD 3,000 a formal entry is needed: not modelled."],
  },
  {
    id: "GB-2021", countries: ["GB"], from: "2021-01-01", currency: "GBP", dutyBase: "CIF",
    taxBase: { shipping: true, duty: true }, deMinimis: [],
    scheme: { registration: "UK", label: "UK low-value consignment rules (≤ £135: VAT at point of sale)", upTo: 13_500, measure: "goods", dutyWaived: true },
    sources: [SOURCES.ukLowValue],
    notes: ["Overseas sellers must register and charge UK VAT on consignments ≤ £135; Waypost assumes the merchant does when 'UK' is registered."],
  },
  {
    ...EU_BASE, id: "EU-2021-07", from: "2021-07-01", to: "2026-07-01",
    deMinimis: [{ charge: "duty", upTo: 15_000, measure: "goods", label: "EU customs duty relief (≤ €150 intrinsic value)" }],
    scheme: { registration: "IOSS", label: "IOSS (≤ €150: VAT collected at sale)", upTo: 15_000, measure: "goods", dutyWaived: false },
    sources: [SOURCES.euIoss, SOURCES.euDuty150], notes: ["Import VAT is due from the first euro unless the consignment goes through IOSS."],
  },
  {
    ...EU_BASE, id: "EU-2026-07", from: "2026-07-01", to: "2028-07-01",
    deMinimis: [{ charge: "duty", upTo: 15_000, measure: "goods", label: "EU customs duty relief for non-IOSS consignments ≤ €150 (unverified after 1 Jul 2026)" }],
    scheme: { registration: "IOSS", label: "IOSS (≤ €150: VAT collected at sale)", upTo: 15_000, measure: "goods", dutyWaived: false },
    flatDuty: { kind: "per_subheading", label: "EU interim flat duty, €3 per tariff sub-heading", amount: 300, when: "scheme", upTo: 15_000 },
    sources: [SOURCES.euIoss, SOURCES.euDuty150, SOURCES.euFlat3],
    notes: ["The €3 applies to IOSS consignments < €150, per distinct 6-digit sub-heading; the Commission may extend it to non-IOSS sellers."],
  },
  {
    id: "CH-2024", countries: ["CH"], from: "2024-01-01", currency: "CHF", dutyBase: "FOB",
    taxBase: { shipping: true, duty: true },
    deMinimis: [
      { charge: "tax", upTo: 500, measure: "amount", label: "Swiss import VAT of CHF 5 or less is not levied" },
      { charge: "duty", upTo: 500, measure: "amount", label: "Swiss customs duty of CHF 5 or less is not levied" },
    ],
    sources: [SOURCES.chVat],
    notes: ["Swiss duties are mostly per kg gross weight: enter them as perKg in the duty table.", "Foreign mail-order sellers registered for Swiss VAT (CH-VAT) are not modelled separately."],
  },
  {
    id: "NO-2024", countries: ["NO"], from: "2024-01-01", currency: "NOK", dutyBase: "CIF",
    taxBase: { shipping: true, duty: true }, deMinimis: [],
    scheme: { registration: "VOEC", label: "VOEC (each item < NOK 3,000: VAT at sale, no duty)", upTo: 300_000, exclusive: true, measure: "max_item", dutyWaived: true },
    sources: [SOURCES.noVoec, SOURCES.noFirstKrone],
    notes: ["Foodstuffs, restricted and excise goods are outside VOEC: not detected here."],
  },
  {
    id: "AU-2018", countries: ["AU"], from: "2018-07-01", currency: "AUD", dutyBase: "FOB",
    taxBase: { shipping: true, duty: true },
    deMinimis: [
      { charge: "duty", upTo: 100_000, measure: "goods", label: "Australian low-value threshold (A$1,000)" },
      { charge: "tax", upTo: 100_000, measure: "goods", label: "Australian low-value threshold (A$1,000)" },
    ],
    scheme: { registration: "AU", label: "GST on low value imported goods (≤ A$1,000: GST at sale)", upTo: 100_000, measure: "goods", dutyWaived: true },
    sources: [SOURCES.auLvig], notes: ["Above A$1,000 the ABF also charges processing charges: not modelled."],
  },
  {
    id: "NZ-2019", countries: ["NZ"], from: "2019-12-01", currency: "NZD", dutyBase: "FOB",
    taxBase: { shipping: true, duty: true },
    deMinimis: [
      { charge: "duty", upTo: 100_000, measure: "goods", label: "NZ low-value threshold (NZ$1,000)" },
      { charge: "tax", upTo: 100_000, measure: "goods", label: "NZ low-value threshold (NZ$1,000, GST collected by registered sellers)" },
    ],
    scheme: { registration: "NZ", label: "GST on low-value imported goods (≤ NZ$1,000: GST at sale)", upTo: 100_000, measure: "goods", dutyWaived: true },
    sources: [SOURCES.nzLvig], notes: ["Above NZ$1,000 border cost-recovery charges apply: not modelled (amount unverified)."],
  },
  {
    id: "JP-10000", countries: ["JP"], from: "2025-01-01", to: "2028-04-01", currency: "JPY", dutyBase: "CIF",
    taxBase: { shipping: true, duty: true }, customsValuePercent: "60",
    deMinimis: [
      { charge: "duty", upTo: 10_000, measure: "goods_and_shipping", label: "Japan small-value exemption (customs value ≤ ¥10,000)" },
      { charge: "tax", upTo: 10_000, measure: "goods_and_shipping", label: "Japan small-value exemption (customs value ≤ ¥10,000)" },
    ],
    sources: [SOURCES.jpDeMinimis, SOURCES.jp60, SOURCES.jpReform2028],
    notes: ["The FY2026 reform ends the ¥10,000 exemption for mail-order goods from 1 Apr 2028; the rules after that date are not modelled yet (the engine says so)."],
  },
  {
    id: "KR", countries: ["KR"], from: "2025-01-01", currency: "USD", dutyBase: "CIF",
    taxBase: { shipping: true, duty: true },
    deMinimis: [
      { charge: "duty", upTo: 20_000, measure: "goods", shipFrom: ["US"], label: "Korea list clearance, KORUS (USD 200)" },
      { charge: "tax", upTo: 20_000, measure: "goods", shipFrom: ["US"], label: "Korea list clearance, KORUS (USD 200)" },
      { charge: "duty", upTo: 15_000, measure: "goods", label: "Korea list clearance (USD 150)" },
      { charge: "tax", upTo: 15_000, measure: "goods", label: "Korea list clearance (USD 150)" },
    ],
    sources: [SOURCES.krDeMinimis], notes: ["Food, supplements and cosmetics go through general clearance (USD 150 from the US too): not detected."],
  },
  {
    id: "SG-2023", countries: ["SG"], from: "2023-01-01", currency: "SGD", dutyBase: "CIF",
    taxBase: { shipping: true, duty: true },
    deMinimis: [{ charge: "tax", upTo: 40_000, measure: "goods_and_shipping", label: "Singapore GST import relief (CIF ≤ S$400, air or post)" }],
    scheme: { registration: "SG-OVR", label: "Overseas vendor registration (≤ S$400: GST at sale)", upTo: 40_000, measure: "goods", dutyWaived: true },
    noGeneralDuty: "Singapore levies customs duty only on liquor, tobacco, motor vehicles and petroleum.",
    sources: [SOURCES.sgLvg], notes: [],
  },
  {
    id: "CN", countries: ["CN"], from: "2019-01-01", currency: "CNY", dutyBase: "CIF",
    taxBase: { shipping: true, duty: true }, deMinimis: [],
    scheme: { registration: "CN-CBEC", label: "Cross-border e-commerce retail import (≤ CNY 5,000: duty 0%, VAT at 70%, withheld at sale)", upTo: 500_000, measure: "goods", dutyWaived: true, taxSharePercent: "70" },
    sources: [SOURCES.cnCbec],
    notes: ["Outside CBEC, courier B2C parcels are taxed here as general trade (duty + 13% VAT); China's personal-article postal tax (CNY 50 exemption) is not modelled (unverified)."],
  },
  {
    id: "ID-2020", countries: ["ID"], from: "2020-01-30", currency: "USD", dutyBase: "CIF",
    taxBase: { shipping: true, duty: true },
    deMinimis: [{ charge: "duty", upTo: 300, measure: "goods", label: "Indonesia consignment duty exemption (FOB ≤ USD 3)" }],
    flatDuty: { kind: "percent", label: "Indonesia consignment duty 7.5%", percent: "7.5", when: "always", upTo: 150_000, exceptHs: ["4202", "61", "62", "63", "64"] },
    sources: [SOURCES.idConsignment, SOURCES.idVat2025],
    notes: ["Bags (4202), textiles (61–63) and footwear (64) pay the MFN rate from the duty table; income tax (PPh) on them is not modelled."],
  },
  {
    id: "IN-courier", countries: ["IN"], from: "2017-07-01", currency: "INR", dutyBase: "CIF",
    taxBase: { shipping: true, duty: true }, deMinimis: [],
    flatDuty: {
      kind: "percent", label: "Basic customs duty, personal imports (CTH 9804)", percent: "10", when: "always",
      surchargePercentOfDuty: { label: "Social welfare surcharge", percent: "10" },
    },
    sources: [SOURCES.inCourier], notes: ["Gifts (no payment) pay BCD 20% without SWS: not modelled."],
  },
];

const ALL = [...EU_MEMBERS, "US", "CA", "MX", "BR", "GB", "CH", "NO", "AU", "NZ", "JP", "KR", "SG", "CN", "ID", "IN"];
/** The destinations the built-in rules cover, in a stable order (EU members first). */
export const COVERED_DESTINATIONS: readonly string[] = ALL;

/** The national currency of each covered destination (for display and the CLI's examples). */
export const NATIONAL_CURRENCY: Record<string, string> = {
  ...Object.fromEntries(EU_MEMBERS.map((c) => [c, "EUR"])),
  CZ: "CZK", DK: "DKK", HU: "HUF", PL: "PLN", RO: "RON", SE: "SEK",
  US: "USD", CA: "CAD", MX: "MXN", BR: "BRL", GB: "GBP", CH: "CHF", NO: "NOK", AU: "AUD", NZ: "NZD",
  JP: "JPY", KR: "KRW", SG: "SGD", CN: "CNY", ID: "IDR", IN: "INR",
};
