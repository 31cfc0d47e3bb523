// One shipping service of a zone in the zone editor: identity, delivery window, fallback price, the rate table
// (bands as rows) and the price rules. Every input is keyed by its document path, relative to the zone, so save
// errors such as `services[0].rateTable.bands[2]` appear next to the right row.
import { BlockStack, Box, Button, Card, Checkbox, Divider, FormLayout, InlineGrid, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { type FieldError, errorAt, errorsUnder } from "~/lib/field-errors";
import { CONDITION_TYPES, type ConditionForm, type ServiceForm, emptyBand, emptyCondition } from "~/admin/forms/zone-form";
import { DecimalField } from "~/admin/ui/DecimalField";

/** Fields holding a price, weight or percent: shown with the admin language's decimal mark. */
const DECIMAL_KEYS = new Set<string>(["fallbackPrice", "extraPerWeight", "extraPrice", "markupPercent", "handlingPerOrder", "handlingPerPackage", "capMin", "capMax"]);

interface Props {
  index: number;
  service: ServiceForm;
  currency: string;
  weightUnit: "kg" | "lb";
  errors: FieldError[];
  onChange: (next: ServiceForm) => void;
  onRemove: () => void;
  /** Live carriers and the services they offer for this zone; a service priced by one of them has no rate table. */
  carriers?: { id: string; displayName: string; services: { code: string; name: string }[] }[];
}

const options = (t: TFunction, group: string, values: readonly string[]) => values.map((value) => ({ label: t(`zones:service.${group}.${value}`), value }));
const BASIS = ["weight", "subtotal", "weight_and_subtotal"] as const;
const LANDED_COST = ["off", "ddp", "dap", "both"] as const;
const ROUNDING = ["none", "to_99", "to_whole"] as const;

export function ServiceCard({ index, service: s, currency, weightUnit, errors, onChange, onRemove, carriers = [] }: Props) {
  const { t } = useTranslation("zones");
  const isTable = !s.source || s.source === "table";
  const sourceValue = isTable ? "table" : `${s.source}:${s.carrierService}`;
  const carrier = carriers.find((c) => c.id === s.source);
  const sourceOptions = [
    { label: t("service.sourceTable"), value: "table" },
    ...carriers.flatMap((c) => c.services.map((x) => ({ label: `${c.displayName}: ${x.name} (${x.code})`, value: `${c.id}:${x.code}` }))),
    // A saved carrier service this zone would not offer any more stays visible until changed.
    ...(!isTable && !carriers.some((c) => c.id === s.source && c.services.some((x) => x.code === s.carrierService))
      ? [{ label: `${s.source}: ${s.carrierService}`, value: sourceValue }]
      : []),
  ];
  const pickSource = (value: string) => {
    if (value === "table") return onChange({ ...s, source: "table", carrierService: "" });
    const [source, carrierService] = value.split(":");
    onChange({ ...s, source, carrierService });
  };
  const at = `services[${index}]`;
  const err = (path: string) => errorAt(errors, `${at}.${path}`);
  const set = <K extends keyof ServiceForm>(key: K, value: ServiceForm[K]) => onChange({ ...s, [key]: value });
  const usesWeight = s.basis !== "subtotal";
  const usesSubtotal = s.basis !== "weight";
  const field = (key: keyof ServiceForm & string, label: string, path: string, extra: Partial<React.ComponentProps<typeof TextField>> = {}) =>
    DECIMAL_KEYS.has(key) ? (
      <DecimalField label={label} value={String(s[key])} onChange={(v) => set(key, v as never)} error={err(path)} {...extra} />
    ) : (
      <TextField label={label} autoComplete="off" value={String(s[key])} onChange={(v) => set(key, v as never)} error={err(path)} {...extra} />
    );

  const setBand = (bi: number, key: Exclude<keyof ServiceForm["bands"][number], "grams">, value: string) =>
    set("bands", s.bands.map((b, i) => (i === bi ? { ...b, [key]: value } : b)));
  const setCondition = (ci: number, next: ConditionForm) => set("conditions", s.conditions.map((c, i) => (i === ci ? next : c)));

  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h3" variant="headingMd">
            {s.name || t("service.untitled", { n: index + 1 })}
          </Text>
          <InlineStack gap="300" blockAlign="center">
            <Checkbox label={t("service.enabled")} checked={s.enabled} onChange={(v) => set("enabled", v)} />
            <Button tone="critical" variant="plain" onClick={onRemove}>
              {t("service.remove")}
            </Button>
          </InlineStack>
        </InlineStack>
        <FormLayout>
          <FormLayout.Group>
            {field("name", t("service.name"), "name")}
            {field("code", t("service.code"), "code", { helpText: t("service.codeHelp") })}
          </FormLayout.Group>
          {field("description", t("service.description"), "description", { helpText: t("service.descriptionHelp") })}
          <FormLayout.Group condensed>
            {field("minDays", t("service.minDays"), "delivery.minDays", { type: "number" })}
            {field("maxDays", t("service.maxDays"), "delivery.maxDays", { type: "number" })}
            {field("fallbackPrice", t("service.fallbackPrice", { currency }), "fallbackPrice", { helpText: t("service.fallbackPriceHelp") })}
          </FormLayout.Group>
          <Select
            label={t("service.landedCost")}
            options={options(t, "landedCostOptions", LANDED_COST)}
            value={s.landedCost}
            onChange={(v) => set("landedCost", v as ServiceForm["landedCost"])}
            error={err("landedCost")}
            helpText={t("service.landedCostHelp")}
          />
        </FormLayout>

        <Divider />
        <Select label={t("service.pricedBy")} options={sourceOptions} value={sourceValue} onChange={pickSource} error={err("source") ?? err("carrierService")} />
        {!isTable && (
          <Text as="p" tone="subdued">
            {t("service.carrierPrices", { carrier: carrier?.displayName ?? s.source })}
          </Text>
        )}
        {isTable && (<>
        <Text as="h4" variant="headingSm">{t("service.rateTable")}</Text>
        <Select label={t("service.basis")} options={options(t, "basisOptions", BASIS)} value={s.basis} onChange={(v) => set("basis", v as ServiceForm["basis"])} error={err("rateTable.basis")} />
        <Text as="p" tone="subdued">
          {t("service.bandsHelp", { unit: weightUnit, currency })}
        </Text>
        {s.bands.map((b, bi) => {
          const bp = `rateTable.bands[${bi}]`;
          const rowError = err(bp);
          return (
            <BlockStack gap="100" key={bi}>
              <InlineGrid columns={{ xs: 2, md: (usesWeight ? 2 : 0) + (usesSubtotal ? 2 : 0) + 2 }} gap="200" alignItems="end">
                {usesWeight && (
                  <>
                    <DecimalField label={t("service.weightFrom", { unit: weightUnit })} value={b.minWeight} onChange={(v) => setBand(bi, "minWeight", v)} error={err(`${bp}.minGrams`)} />
                    <DecimalField label={t("service.weightTo", { unit: weightUnit })} value={b.maxWeight} onChange={(v) => setBand(bi, "maxWeight", v)} error={err(`${bp}.maxGrams`)} />
                  </>
                )}
                {usesSubtotal && (
                  <>
                    <DecimalField label={t("service.subtotalFrom", { currency })} value={b.minSubtotal} onChange={(v) => setBand(bi, "minSubtotal", v)} error={err(`${bp}.minSubtotal`)} />
                    <DecimalField label={t("service.subtotalTo", { currency })} value={b.maxSubtotal} onChange={(v) => setBand(bi, "maxSubtotal", v)} error={err(`${bp}.maxSubtotal`)} />
                  </>
                )}
                <DecimalField label={t("service.price", { currency })} value={b.price} onChange={(v) => setBand(bi, "price", v)} error={err(`${bp}.price`)} />
                <Button onClick={() => set("bands", s.bands.filter((_, i) => i !== bi))} accessibilityLabel={t("service.removeRow", { n: bi + 1 })}>
                  {t("common:remove")}
                </Button>
              </InlineGrid>
              {rowError && (
                <Text as="p" tone="critical">
                  {rowError}
                </Text>
              )}
            </BlockStack>
          );
        })}
        {err("rateTable.bands") && <Text as="p" tone="critical">{err("rateTable.bands")}</Text>}
        <InlineStack>
          <Button onClick={() => set("bands", [...s.bands, emptyBand()])}>{t("service.addRow")}</Button>
        </InlineStack>
        {usesWeight && (
          <FormLayout>
            <FormLayout.Group condensed>
              {field("extraPerWeight", t("service.extraPerWeight", { unit: weightUnit }), "rateTable.extraWeight.perGrams")}
              {field("extraPrice", t("service.extraPrice", { currency }), "rateTable.extraWeight.price")}
            </FormLayout.Group>
            {err("rateTable.extraWeight") && <Text as="p" tone="critical">{err("rateTable.extraWeight")}</Text>}
          </FormLayout>
        )}
        </>)}

        <Divider />
        <Text as="h4" variant="headingSm">{t("service.rules")}</Text>
        <Text as="p" tone="subdued">{t("service.rulesHelp")}</Text>
        <FormLayout>
          <FormLayout.Group condensed>
            {field("markupPercent", t("service.markup"), "rules.markupBasisPoints", { helpText: t("service.markupHelp") })}
            {field("handlingPerOrder", t("service.handlingPerOrder", { currency }), "rules.handling.perOrder")}
            {field("handlingPerPackage", t("service.handlingPerPackage", { currency }), "rules.handling.perPackage")}
          </FormLayout.Group>
          <FormLayout.Group condensed>
            <Select label={t("service.rounding")} options={options(t, "roundingOptions", ROUNDING)} value={s.rounding} onChange={(v) => set("rounding", v as ServiceForm["rounding"])} />
            {field("capMin", t("service.capMin", { currency }), "rules.caps.min")}
            {field("capMax", t("service.capMax", { currency }), "rules.caps.max")}
          </FormLayout.Group>
          {err("rules.caps") && <Text as="p" tone="critical">{err("rules.caps")}</Text>}
        </FormLayout>
        <Text as="h4" variant="headingSm">{t("service.conditions")}</Text>
        <Text as="p" tone="subdued">{t("service.conditionsHelp")}</Text>
        {s.conditions.map((c, ci) => (
          <ConditionRow
            key={ci}
            condition={c}
            currency={currency}
            weightUnit={weightUnit}
            errors={errorsUnder(errors, `${at}.rules.conditions[${ci}]`)}
            path={`${at}.rules.conditions[${ci}]`}
            onChange={(next) => setCondition(ci, next)}
            onRemove={() => set("conditions", s.conditions.filter((_, i) => i !== ci))}
          />
        ))}
        <InlineStack>
          <Button onClick={() => set("conditions", [...s.conditions, emptyCondition()])}>{t("service.addCondition")}</Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

interface ConditionProps {
  condition: ConditionForm;
  currency: string;
  weightUnit: string;
  errors: FieldError[];
  path: string;
  onChange: (next: ConditionForm) => void;
  onRemove: () => void;
  /** Live carriers and the services they offer for this zone; a service priced by one of them has no rate table. */
  carriers?: { id: string; displayName: string; services: { code: string; name: string }[] }[];
}

function ConditionRow({ condition: c, currency, weightUnit, errors, path, onChange, onRemove }: ConditionProps) {
  const { t } = useTranslation("zones");
  const set = (key: keyof ConditionForm, value: string) => onChange({ ...c, [key]: value });
  const err = (...keys: string[]) => keys.map((k) => errorAt(errors, k ? `${path}.${k}` : path)).filter(Boolean).join("; ") || undefined;
  const input = (key: "min" | "max" | "list" | "key" | "value", label: string, errorKeys: string[], extra: Partial<React.ComponentProps<typeof TextField>> = {}) =>
    key === "min" || key === "max" ? (
      <DecimalField label={label} value={c[key]} onChange={(v) => set(key, v)} error={err(...errorKeys)} {...extra} />
    ) : (
      <TextField label={label} autoComplete="off" value={c[key]} onChange={(v) => set(key, v)} error={err(...errorKeys)} {...extra} />
    );
  let fields: React.ReactNode;
  switch (c.type) {
    case "free_over_subtotal":
      fields = input("min", t("condition.subtotal", { currency }), ["threshold"]);
      break;
    case "hide_weight_outside":
      fields = (
        <>
          {input("min", t("condition.minimum", { unit: weightUnit }), ["minGrams", ""])}
          {input("max", t("condition.maximum", { unit: weightUnit }), ["maxGrams"])}
        </>
      );
      break;
    case "hide_subtotal_outside":
      fields = (
        <>
          {input("min", t("condition.minimum", { unit: currency }), ["min", ""])}
          {input("max", t("condition.maximum", { unit: currency }), ["max"])}
        </>
      );
      break;
    case "hide_if_sku":
      fields = input("list", t("condition.skus"), ["skus", ""], { helpText: t("condition.listHelp") });
      break;
    case "hide_if_vendor":
      fields = input("list", t("condition.vendors"), ["vendors", ""], { helpText: t("condition.listHelp") });
      break;
    case "hide_if_property":
      fields = (
        <>
          {input("key", t("condition.propertyName"), ["key"])}
          {input("value", t("condition.propertyValue"), ["value"])}
        </>
      );
      break;
  }
  return (
    <Box paddingBlockEnd="200">
      <InlineGrid columns={{ xs: 1, md: 4 }} gap="200" alignItems="end">
        <Select
          label={t("condition.label")}
          options={CONDITION_TYPES.map((type) => ({ label: t(`condition.types.${type}`), value: type }))}
          value={c.type}
          onChange={(type) => onChange({ ...emptyCondition(type as ConditionForm["type"]) })}
        />
        {fields}
        <Button onClick={onRemove}>{t("common:remove")}</Button>
      </InlineGrid>
    </Box>
  );
}
