// NF-e access keys (chave de acesso) and invoice numbers (nNF). Layout and check digit follow MOC item 5.4:
// cUF(2) AAMM(4) CNPJ(14) mod(2) série(3) nNF(9) tpEmis(1) cNF(8) cDV(1).

const IBGE_STATES: Readonly<Record<string, string>> = {
  "11": "RO", "12": "AC", "13": "AM", "14": "RR", "15": "PA", "16": "AP", "17": "TO",
  "21": "MA", "22": "PI", "23": "CE", "24": "RN", "25": "PB", "26": "PE", "27": "AL", "28": "SE", "29": "BA",
  "31": "MG", "32": "ES", "33": "RJ", "35": "SP",
  "41": "PR", "42": "SC", "43": "RS",
  "50": "MS", "51": "MT", "52": "GO", "53": "DF",
};
// 99 ("exterior") is deliberately absent: it describes foreign parties inside an NF-e, but the key's cUF is always
// the issuing state's SEFAZ, so a key starting with 99 is a typo, not a foreign invoice.

type NfeModel = "55" | "65";

interface NfeKey {
  /** The 44 digits, no separators. */
  digits: string;
  cUF: string;
  stateCode: string;
  yearMonth: { year: number; month: number };
  cnpj: string;
  model: NfeModel;
  /** Série without leading zeros ("0" is a valid série). */
  series: string;
  /** nNF without leading zeros. */
  number: string;
  emissionType: string;
  randomCode: string;
  checkDigit: number;
}

type NfeKeyResult = { ok: true; key: NfeKey } | { ok: false; error: string };

interface NfeParseOptions {
  /** Upper bound for the plausible emission year (current year + 1); passed in to keep this module pure. */
  now: Date;
}

const FIRST_NFE_YEAR = 2006;

/** Separators merchants paste from a DANFE or an XML `Id="NFe…"` attribute. */
function clean(input: string): string {
  return input.trim().replace(/^NFe/i, "").replace(/[\s.\-/]/g, "");
}

export function nfeCheckDigit(first43: string): number {
  let sum = 0;
  let weight = 2;
  for (let i = first43.length - 1; i >= 0; i--) {
    sum += Number(first43[i]) * weight;
    weight = weight === 9 ? 2 : weight + 1;
  }
  const r = sum % 11;
  return r <= 1 ? 0 : 11 - r;
}

function stripZeros(s: string): string {
  const t = s.replace(/^0+/, "");
  return t === "" ? "0" : t;
}

export function parseNfeKey(input: string, opts: NfeParseOptions): NfeKeyResult {
  const digits = clean(input);
  if (!/^\d*$/.test(digits)) {
    return { ok: false, error: "NF-e access key may contain only digits (spaces and dots are ignored)" };
  }
  if (digits.length !== 44) {
    return { ok: false, error: `NF-e access key must have 44 digits, got ${digits.length}` };
  }
  const cUF = digits.slice(0, 2);
  const stateCode = IBGE_STATES[cUF];
  if (!stateCode) return { ok: false, error: `NF-e access key has unknown state code ${cUF} (IBGE cUF)` };

  const year = 2000 + Number(digits.slice(2, 4));
  const month = Number(digits.slice(4, 6));
  if (month < 1 || month > 12) return { ok: false, error: `NF-e access key has invalid month ${digits.slice(4, 6)}` };
  const maxYear = opts.now.getUTCFullYear() + 1;
  if (year < FIRST_NFE_YEAR || year > maxYear) {
    return { ok: false, error: `NF-e access key has implausible year ${year} (expected ${FIRST_NFE_YEAR}–${maxYear})` };
  }

  const model = digits.slice(20, 22);
  if (model !== "55" && model !== "65") {
    return { ok: false, error: `NF-e access key has model ${model}; expected 55 (NF-e) or 65 (NFC-e)` };
  }
  const number = stripZeros(digits.slice(25, 34));
  if (number === "0") return { ok: false, error: "NF-e access key has invoice number 0" };

  const expected = nfeCheckDigit(digits.slice(0, 43));
  const checkDigit = Number(digits[43]);
  if (expected !== checkDigit) {
    return { ok: false, error: `NF-e access key check digit is ${checkDigit}, expected ${expected}; check for a typo` };
  }

  return {
    ok: true,
    key: {
      digits,
      cUF,
      stateCode,
      yearMonth: { year, month },
      cnpj: digits.slice(6, 20),
      model,
      series: stripZeros(digits.slice(22, 25)),
      number,
      emissionType: digits.slice(34, 35),
      randomCode: digits.slice(35, 43),
      checkDigit,
    },
  };
}

export function nfeInvoiceNumber(key: NfeKey): { number: string; series: string } {
  return { number: key.number, series: key.series };
}

/** "plain" = what marketplaces' NF-e fields expect (no leading zeros); "danfe" = as printed on the DANFE (000.000.030). */
export function formatNfeNumber(number: string, style: "plain" | "danfe" = "plain"): string {
  const plain = stripZeros(number);
  if (style === "plain") return plain;
  return plain.padStart(9, "0").replace(/^(\d{3})(\d{3})(\d{3})$/, "$1.$2.$3");
}

/** Groups of four, as printed on a DANFE. */
export function formatNfeKey(key: NfeKey): string {
  return key.digits.replace(/(\d{4})(?=\d)/g, "$1 ");
}

/**
 * A reference is either a full access key or a bare nNF. A bare number carries no série (null): series is only
 * known from a key, and guessing "1" would silently mislabel invoices issued on other séries.
 */
export type NfeReference =
  | { kind: "key"; key: NfeKey; number: string; series: string }
  | { kind: "number"; number: string; series: null };

type NfeReferenceResult = { ok: true; ref: NfeReference } | { ok: false; error: string };

export function parseNfeReference(input: string, opts: NfeParseOptions): NfeReferenceResult {
  const digits = clean(input);
  if (/^\d{1,9}$/.test(digits)) {
    const number = stripZeros(digits);
    if (number === "0") return { ok: false, error: "NF-e number must be at least 1" };
    return { ok: true, ref: { kind: "number", number, series: null } };
  }
  if (/^\d+$/.test(digits) && digits.length !== 44) {
    return {
      ok: false,
      error: `expected an NF-e number (1–9 digits) or a 44-digit access key, got ${digits.length} digits`,
    };
  }
  const parsed = parseNfeKey(input, opts);
  if (!parsed.ok) return parsed;
  return { ok: true, ref: { kind: "key", key: parsed.key, ...nfeInvoiceNumber(parsed.key) } };
}
