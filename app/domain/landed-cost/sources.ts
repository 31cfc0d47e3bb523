// Where each rule comes from. `confidence`: "official" = a government page or legal text read for this table;
// "secondary" = a reputable trade/logistics summary of the official text; "unverified" = believed current but
// not confirmed from a source we could read (listed in docs/landed-cost.md). `checked` is when we read it.
export type Confidence = "official" | "secondary" | "unverified";
export type RuleSource = { title: string; url: string; confidence: Confidence; checked: string };

const checked = "2026-12-01";
const src = (title: string, url: string, confidence: Confidence): RuleSource => ({ title, url, confidence, checked });

export const SOURCES = {
  salesTax: src(
    "sales-tax 2.23.0 (MIT) res/sales_tax_rates.json, standard VAT/GST rates with history",
    "https://www.npmjs.com/package/sales-tax/v/2.23.0",
    "secondary",
  ),
  bulgariaEuro: src(
    "Council of the EU, 8 Jul 2025: Bulgaria adopts the euro on 1 Jan 2026 (1.95583 BGN/EUR)",
    "https://sofiaglobe.com/2025/07/08/official-decision-by-eu-finance-ministers-bulgaria-will-adopt-the-euro-from-january-1-2026/",
    "secondary",
  ),
  usEo14324: src(
    "Executive Order 14324, Suspending Duty-Free De Minimis Treatment for All Countries (effective 29 Aug 2025)",
    "https://www.govinfo.gov/content/pkg/CDOC-119hdoc85/html/CDOC-119hdoc85.htm",
    "official",
  ),
  us800: src(
    "CBP: de minimis value increases to $800 (Trade Facilitation and Trade Enforcement Act, 10 Mar 2016)",
    "https://www.cbp.gov/newsroom/national-media-release/de-minimis-value-increases-800",
    "secondary",
  ),
  caCusma: src(
    "CBSA Customs Notice 20-18: CUSMA courier thresholds (CAD 150 duty / CAD 40 tax from the US or Mexico; CAD 20 otherwise), from 1 Jul 2020",
    "https://cbsa-asfc.gc.ca/publications/cn-ad/cn20-18-eng.html",
    "official",
  ),
  caHst: src(
    "sales-tax 2.23.0 provincial rates (HST = 5% GST + provincial part; Nova Scotia 15% → 14% on 1 Apr 2025)",
    "https://www.npmjs.com/package/sales-tax/v/2.23.0",
    "secondary",
  ),
  mxCourier: src(
    "SAT, 4th Resolution amending RGCE 2025, rule 3.7.35: courier simplified regime 33.5%; USMCA > USD 117 19% (from 15 Aug 2025)",
    "https://regfollower.com/mexico-increases-tariffs-on-goods-via-simplified-customs-scheme",
    "secondary",
  ),
  mxCourier2025: src(
    "SAT, December 2024 RGCE amendment: non-treaty courier imports 19%; USMCA USD 50–117 17%",
    "https://latinnews.com/component/k2/item/104144.html?period=2025&archive=3&Itemid=6&cat_id=835446:in-brief-mexico-issues-new-tariffs",
    "secondary",
  ),
  brRemessa: src(
    "DHL: Brazil simplified regime from 1 Aug 2024 (Remessa Conforme: ≤ USD 50 20%, USD 50.01–3,000 60% minus USD 20; ICMS 17%)",
    "https://www.dhl.com/discover/en-tw/ship-with-dhl/export-with-dhl/brazil-value-basis",
    "secondary",
  ),
  brIcms20: src(
    "IOB editorial via Fatto Consultoria (3 Apr 2025): ICMS on postal/express imports raised to 20% from 1 Apr 2025 in AC, AL, BA, CE, MG, PB, PI, RN, RR, SE (Convênios ICMS 81/2023, 135/2024)",
    "https://www.fattoconsultoria.com.br/5121/noticia-contabil/manuais.html",
    "secondary",
  ),
  jpReform2028: src(
    "FY2026 Tax Reform Outline (Dec 2025): the ¥10,000 exemption ends for cross-border mail-order goods on or after 1 Apr 2028",
    "https://skadvisory.jp/en/japan-platform-taxation",
    "secondary",
  ),
  ukLowValue: src(
    "HMRC guidance 'VAT and overseas goods sold directly to customers in the UK' (≤ £135 consignments, from 1 Jan 2021), as reproduced by brexitlegal.ie; duty on consignments > £135 per mylawyer.co.uk",
    "https://brexitlegal.ie/vat-on-goods-b2c-uk/",
    "secondary",
  ),
  euIoss: src(
    "Agencia Tributaria, low-value shipments manual: €22 VAT exemption abolished and IOSS for consignments ≤ €150 from 1 Jul 2021 (Directive 2017/2455)",
    "https://sede.agenciatributaria.gob.es/Sede/en_gb/ayuda/manuales-videos-folletos/manuales-practicos/manual-importacion-exportacion-envios-escaso-valor/1-introduccion/1_1-conjunto-medidas-sobre-iva-electronico/1_1_2-normas-iva-que-afectan-aduanas/supresion-exencion-iva-importacion-bienes.html",
    "official",
  ),
  euDuty150: src(
    "EU customs duty relief for consignments ≤ €150 unchanged by the 2021 VAT package",
    "https://vatupdate.com/2021/04/01/the-new-eu-vat-e-commerce-package-implications-for-low-value-importers",
    "secondary",
  ),
  euFlat3: src(
    "Council of the EU, 11 Feb 2026: interim €3 customs duty per tariff sub-heading on parcels < €150 (IOSS), 1 Jul 2026 – 1 Jul 2028",
    "https://regfollower.com/?p=78434",
    "secondary",
  ),
  chVat: src(
    "BAZG (Swiss customs): receipt of letters and parcels — VAT 8.1%, tax amounts up to CHF 5 not levied",
    "https://bazg.admin.ch/bazg/en/home/information-individuals/online-shopping--mail-and-courier-consignments/importation-into-switzerland/receipt-of-letters-and-parcels.html",
    "official",
  ),
  noVoec: src(
    "Skatteetaten: VAT on low value imported goods (VOEC, < NOK 3,000 per item)",
    "https://www.skatteetaten.no/en/business-and-organisation/vat-and-duties/vat/foreign/e-commerce-voec/low-value/",
    "official",
  ),
  noFirstKrone: src(
    "Tolletaten: the VOEC scheme — VAT on all purchases from abroad from 1 Jan 2024; VOEC goods exempt from customs duty",
    "https://toll.no/en/online-shopping/the-voec-scheme",
    "official",
  ),
  auLvig: src(
    "GST on low value imported goods (≤ A$1,000, from 1 Jul 2018); customs duty not payable below A$1,000",
    "https://easyfreight.co.nz/blog/new-import-tax-in-australia/",
    "secondary",
  ),
  nzLvig: src(
    "Inland Revenue NZ fact sheet: GST on low-value imported goods (≤ NZ$1,000, from 1 Dec 2019); tariffs removed ≤ NZ$1,000",
    "https://www.taxpolicy.ird.govt.nz/publications/2018/2018-other-gst-low-value-imported-goods/fact-sheet",
    "official",
  ),
  jpDeMinimis: src(
    "Japan: duty and consumption tax exempt when customs value ≤ ¥10,000",
    "https://vatabout.com/japan-2026-tax-reform-consumption-tax-changes",
    "secondary",
  ),
  jp60: src(
    "Japan: personal-use imports taxed on 60% of the overseas retail price (the '60% rule')",
    "https://en.link-trans.com/japan-to-end-duty-free-era-for-cross-border-e-commerce-in-2026",
    "secondary",
  ),
  krDeMinimis: src(
    "Korea list clearance: duty and VAT exempt ≤ USD 150, ≤ USD 200 from the US (KORUS)",
    "https://krutils.com/main/guides/korea-customs-guide-2026/",
    "secondary",
  ),
  sgLvg: src(
    "IRAS: GST on imported low-value goods (≤ S$400 by air or post; OVR regime from 1 Jan 2023)",
    "https://www.iras.gov.sg/taxes/goods-services-tax-(gst)/consumers/gst-on-imported-low-value-goods",
    "official",
  ),
  cnCbec: src(
    "Ministry of Finance / GACC Cai Guan Shui [2018] No. 49: cross-border e-commerce retail imports ≤ CNY 5,000, duty 0%, VAT at 70%",
    "https://www.cceeccic.org/1452613053.html",
    "secondary",
  ),
  idConsignment: src(
    "Indonesia PMK 199/2019 (consignments): duty exempt ≤ USD 3 FOB; 7.5% duty above; VAT without threshold",
    "https://voi.id/en/amp/1097",
    "secondary",
  ),
  idVat2025: src(
    "Indonesia: VAT 12% from 1 Jan 2025, taxable base 11/12 for non-luxury goods (effective 11%)",
    "https://www.npmjs.com/package/sales-tax/v/2.23.0",
    "unverified",
  ),
  inCourier: src(
    "Mumbai Customs (Air Cargo) FAQ: courier personal imports CTH 9804 — BCD 10%, SWS 10% of BCD, IGST 18% (30.98%)",
    "https://mumbaicustomszone3.gov.in/apsc-ict-faq",
    "official",
  ),
} satisfies Record<string, RuleSource>;
