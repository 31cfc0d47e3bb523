// Public API of the landed-cost engine (pure: no I/O). See docs/landed-cost.md.
export { computeLandedCost, dapFromDdp } from "./engine";
export { describeLandedCost, type RateDescription } from "./describe";
export { buildFxTable, fxTableFor, MissingExchangeRateError, type FxTable } from "./fx";
export { findDutyRate, selectRegime, selectTaxRate, regimesFor } from "./lookup";
export { COVERED_DESTINATIONS, EU_MEMBERS, NATIONAL_CURRENCY, REGIMES, TAX_RATES, type Regime, type TaxRateRule } from "./rules";
export { SOURCES, type RuleSource } from "./sources";
export * from "./model";
