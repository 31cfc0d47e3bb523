// Pure: carrier-neutral RateRequest → Domestic / International Prices v3 request bodies.
// Checkout uses total-rates/search because one call prices every wanted mail class for a package; with a quota
// of ~60 calls an hour, a call per class would cost three times as much. base-rates/search (one class, exact
// ingredients) serves the "verify on save" call and label work later.
// The actual weight is sent, not the request's billableGrams: USPS computes dimWeight from the dimensions and
// bills the greater, so sending an already-dimensional weight would make USPS apply it twice over.
import type { RatePackage, RateRequest } from "../carrier";
import { type UspsPackageFacts, uspsPackageFacts } from "./package-facts";
import { USPS_DOMESTIC_COUNTRIES, USPS_SERVICES, type UspsService } from "./services";
import type { UspsSettings } from "./settings";
import { gramsToUspsPounds } from "./units";
import type { UspsProblem } from "./errors";
import type { PriceKeyParts } from "./price-memory";

export const DOMESTIC_TOTAL_RATES_PATH = "/prices/v3/total-rates/search";
export const INTERNATIONAL_TOTAL_RATES_PATH = "/international-prices/v3/total-rates/search";

export type PriceTerms =
  | { priceType: "RETAIL" | "COMMERCIAL" }
  | { priceType: "CONTRACT"; accountType: "EPS" | "PERMIT"; accountNumber: string };

/** An account number overrides priceType at USPS and asks for contract prices (domestic-prices.yaml PriceType). */
export function priceTerms(settings: Pick<UspsSettings, "paymentAccount" | "publishedPriceType">): PriceTerms {
  const acct = settings.paymentAccount;
  if (acct) return { priceType: "CONTRACT", accountType: acct.type, accountNumber: acct.number };
  return { priceType: settings.publishedPriceType };
}

/**
 * USPS accepts today to today + 7 days. The UTC date is always today or tomorrow in every US time zone, so it
 * is always accepted and needs no time-zone table.
 */
export const mailingDateFor = (nowMs: number): string => new Date(nowMs).toISOString().slice(0, 10);

export const isDomestic = (country: string) => USPS_DOMESTIC_COUNTRIES.has(country);

/** Mail classes to ask for: the request's services in scope, or every class the merchant allows. */
export function wantedMailClasses(req: Pick<RateRequest, "services" | "destination">, settings: Pick<UspsSettings, "allowMediaMail" | "allowLibraryMail">): UspsService[] {
  const scope = isDomestic(req.destination.country) ? "domestic" : "international";
  const allowed = (USPS_SERVICES as readonly UspsService[]).filter((s) => s.scope === scope && (!s.optIn || settings[s.optIn]));
  if (req.services.length === 0) return allowed;
  return allowed.filter((s) => req.services.includes(s.code));
}

const ZIP = /^(\d{5})(?:[-\s]?\d{4})?$/;
const zip5 = (postal: string | undefined) => (postal ? (ZIP.exec(postal.trim())?.[1] ?? null) : null);

export type Built<T> = { ok: true; body: T; facts: UspsPackageFacts } | { ok: false; problem: UspsProblem };

const termsFields = (t: PriceTerms) =>
  t.priceType === "CONTRACT" ? { priceType: t.priceType, accountType: t.accountType, accountNumber: t.accountNumber } : { priceType: t.priceType };

type Common = { problem: UspsProblem } | { facts: UspsPackageFacts; origin: string; weight: number; dims: { length: number; width: number; height: number } };

/** Where a package goes from and to: all USPS prices on (a rate request's, or a label's addresses). */
type Ends = { origin: Pick<RateRequest["origin"], "country" | "postalCode">; destination: Pick<RateRequest["destination"], "country" | "postalCode"> };

function common(req: Ends, pkg: RatePackage, mailingDate: string): Common {
  const facts = uspsPackageFacts(pkg, mailingDate);
  const origin = zip5(req.origin.postalCode);
  if (!origin || !isDomestic(req.origin.country)) {
    return { problem: { action: "fix_settings", code: "origin_zip", message: "USPS prices need a US origin with a 5-digit ZIP Code" } };
  }
  return { facts, origin, weight: gramsToUspsPounds(pkg.grams), dims: { length: facts.length, width: facts.width, height: facts.height } };
}

export interface DomesticTotalRatesQuery {
  originZIPCode: string;
  destinationZIPCode: string;
  weight: number;
  length: number;
  width: number;
  height: number;
  mailClasses: string[];
  priceType: PriceTerms["priceType"];
  accountType?: "EPS" | "PERMIT";
  accountNumber?: string;
  mailingDate: string;
}

export function domesticTotalRatesQuery(req: Ends, pkg: RatePackage, mailClasses: string[], terms: PriceTerms, mailingDate: string): Built<DomesticTotalRatesQuery> {
  const c = common(req, pkg, mailingDate);
  if ("problem" in c) return { ok: false, problem: c.problem };
  const destination = zip5(req.destination.postalCode);
  if (!destination) return { ok: false, problem: { action: "not_quotable", code: "destination_zip", message: "USPS needs a 5-digit destination ZIP Code" } };
  return {
    ok: true,
    facts: c.facts,
    body: { originZIPCode: c.origin, destinationZIPCode: destination, weight: c.weight, ...c.dims, mailClasses, ...termsFields(terms), mailingDate },
  };
}

export interface DomesticBaseRatesQuery extends Omit<DomesticTotalRatesQuery, "mailClasses"> {
  mailClass: string;
  processingCategory: UspsPackageFacts["processingCategory"];
  rateIndicator: string;
  destinationEntryFacilityType: "NONE";
}

export function domesticBaseRatesQuery(req: RateRequest, pkg: RatePackage, mailClass: string, terms: PriceTerms, mailingDate: string): Built<DomesticBaseRatesQuery> {
  const total = domesticTotalRatesQuery(req, pkg, [mailClass], terms, mailingDate);
  if (!total.ok) return total;
  const { mailClasses: _ignored, ...rest } = total.body;
  // Priority Mail Express single-piece parcels use PA, not SP (rateIndicator list in domestic-prices.yaml).
  const rateIndicator = mailClass === "PRIORITY_MAIL_EXPRESS" && total.facts.rateIndicator === "SP" ? "PA" : total.facts.rateIndicator;
  return {
    ok: true,
    facts: total.facts,
    body: { ...rest, mailClass, processingCategory: total.facts.processingCategory, rateIndicator, destinationEntryFacilityType: "NONE" },
  };
}

export interface InternationalTotalRatesQuery {
  originZIPCode: string;
  foreignPostalCode?: string;
  destinationCountryCode: string;
  weight: number;
  length: number;
  width: number;
  height: number;
  /** The international list query takes one class or ALL; ALL prices every class in one call. */
  mailClass: string;
  priceType: PriceTerms["priceType"];
  accountType?: "EPS" | "PERMIT";
  accountNumber?: string;
  mailingDate: string;
}

export function internationalTotalRatesQuery(req: Ends, pkg: RatePackage, mailClasses: string[], terms: PriceTerms, mailingDate: string): Built<InternationalTotalRatesQuery> {
  const c = common(req, pkg, mailingDate);
  if ("problem" in c) return { ok: false, problem: c.problem };
  const foreign = req.destination.postalCode?.trim();
  return {
    ok: true,
    facts: c.facts,
    body: {
      originZIPCode: c.origin,
      ...(foreign ? { foreignPostalCode: foreign } : {}),
      destinationCountryCode: req.destination.country,
      weight: c.weight,
      ...c.dims,
      mailClass: mailClasses.length === 1 ? mailClasses[0] : "ALL",
      ...termsFields(terms),
      mailingDate,
    },
  };
}

/** What USPS prices a total-rates body on, as the price memory keys it (domestic: ZIP; abroad: country + postal code). */
export function priceKeyParts(body: DomesticTotalRatesQuery | InternationalTotalRatesQuery, mailClass: string, facts: UspsPackageFacts, terms: PriceTerms): PriceKeyParts {
  const destination = "destinationZIPCode" in body ? body.destinationZIPCode : `${body.destinationCountryCode}:${(body.foreignPostalCode ?? "").toUpperCase().replace(/\s/g, "")}`;
  return { origin: body.originZIPCode, destination, mailClass, facts, terms };
}
