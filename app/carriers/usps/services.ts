// The USPS mail classes Waypost quotes, with the codes the v3 price APIs use.
// Source: shared/specs/usps/domestic-prices.yaml (v3.4.30, MailClass enum) and international-prices.yaml
// (BaseRatesQuery.mailClass enum), read 2026-12-01. Deprecated codes (FIRST-CLASS_PACKAGE_SERVICE →
// USPS_GROUND_ADVANTAGE) and USPS_RETAIL_GROUND (400 since its retirement) are deliberately absent; Global
// Express Guaranteed is absent because USPS suspended it on 2024-09-29.
import type { CarrierService } from "../connector";

export interface UspsService extends CarrierService {
  scope: "domestic" | "international";
  /** Offered only when the merchant opts in (content restrictions). */
  optIn?: "allowMediaMail" | "allowLibraryMail";
}

export const USPS_SERVICES = [
  { code: "USPS_GROUND_ADVANTAGE", name: "USPS Ground Advantage", scope: "domestic", description: "2–5 business days" },
  { code: "PRIORITY_MAIL", name: "Priority Mail", scope: "domestic", description: "1–3 business days" },
  { code: "PRIORITY_MAIL_EXPRESS", name: "Priority Mail Express", scope: "domestic", description: "1–2 days, money-back guarantee" },
  { code: "MEDIA_MAIL", name: "Media Mail", scope: "domestic", description: "Books and media only", optIn: "allowMediaMail" },
  { code: "LIBRARY_MAIL", name: "Library Mail", scope: "domestic", description: "Between libraries and schools only", optIn: "allowLibraryMail" },
  { code: "FIRST-CLASS_PACKAGE_INTERNATIONAL_SERVICE", name: "First-Class Package International Service", scope: "international" },
  { code: "PRIORITY_MAIL_INTERNATIONAL", name: "Priority Mail International", scope: "international" },
  { code: "PRIORITY_MAIL_EXPRESS_INTERNATIONAL", name: "Priority Mail Express International", scope: "international" },
] as const satisfies readonly UspsService[];

export type UspsMailClass = (typeof USPS_SERVICES)[number]["code"];

const BY_CODE = new Map<string, UspsService>(USPS_SERVICES.map((s) => [s.code, s]));

export const uspsService = (code: string): UspsService | undefined => BY_CODE.get(code);

/**
 * US states plus the territories and freely associated states USPS serves with ZIP Codes and domestic
 * prices (DMM 608.2); APO/FPO/DPO addresses come through as US states AA/AE/AP.
 */
export const USPS_DOMESTIC_COUNTRIES = new Set(["US", "PR", "VI", "GU", "AS", "MP", "UM", "FM", "MH", "PW"]);
