// One shipping service of a zone in the zone editor: identity, delivery window, fallback price, the rate table
// (bands as rows) and the price rules. Every input is keyed by its document path, relative to the zone, so save
// errors such as `services[0].rateTable.bands[2]` appear next to the right row.
import { BlockStack, Box, Button, Card, Checkbox, Divider, FormLayout, InlineGrid, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { type FieldError, errorAt, errorsUnder } from "~/lib/field-errors";
import { CONDITION_LABELS, CONDITION_TYPES, type ConditionForm, type ServiceForm, emptyBand, emptyCondition } from "~/admin/forms/zone-form";

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

const BASIS_OPTIONS = [
  { label: "Cart weight", value: "weight" },
  { label: "Cart subtotal", value: "subtotal" },
  { label: "Weight and subtotal", value: "weight_and_subtotal" },
];
const LANDED_COST_OPTIONS = [
  { label: "Off: shipping only", value: "off" },
  { label: "Duties paid (DDP): duties and import taxes in the price", value: "ddp" },
  { label: "Duties on delivery (DAP): shipping only, estimate in the description", value: "dap" },
  { label: "Both, side by side (codes <code>-ddp and <code>-dap)", value: "both" },
];

const ROUNDING_OPTIONS = [
  { label: "No rounding", value: "none" },
  { label: "Up to .99 (12.00 → 12.99)", value: "to_99" },
  { label: "Up to a whole amount (12.01 → 13.00)", value: "to_whole" },
];

export function ServiceCard({ index, service: s, currency, weightUnit, errors, onChange, onRemove, carriers = [] }: Props) {
  const isTable = !s.source || s.source === "table";
  const sourceValue = isTable ? "table" : `${s.source}:${s.carrierService}`;
  const carrier = carriers.find((c) => c.id === s.source);
  const sourceOptions = [
    { label: "Rate table (your prices)", value: "table" },
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
  const field = (key: keyof ServiceForm & string, label: string, path: string, extra: Partial<React.ComponentProps<typeof TextField>> = {}) => (
    <TextField label={label} autoComplete="off" value={String(s[key])} onChange={(v) => set(key, v as never)} error={err(path)} {...extra} />
  );

  const setBand = (bi: number, key: keyof ServiceForm["bands"][number], value: string) =>
    set("bands", s.bands.map((b, i) => (i === bi ? { ...b, [key]: value } : b)));
  const setCondition = (ci: number, next: ConditionForm) => set("conditions", s.conditions.map((c, i) => (i === ci ? next : c)));

  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h3" variant="headingMd">
            {s.name || `Service ${index + 1}`}
          </Text>
          <InlineStack gap="300" blockAlign="center">
            <Checkbox label="Offered at checkout" checked={s.enabled} onChange={(v) => set("enabled", v)} />
            <Button tone="critical" variant="plain" onClick={onRemove}>
              Remove service
            </Button>
          </InlineStack>
        </InlineStack>
        <FormLayout>
          <FormLayout.Group>
            {field("name", "Name shoppers see", "name")}
            {field("code", "Service code", "code", { helpText: "Lowercase letters, digits, - or _; unique in the shop." })}
          </FormLayout.Group>
          {field("description", "Description", "description", { helpText: "Shown under the rate at checkout." })}
          <FormLayout.Group condensed>
            {field("minDays", "Fastest delivery (business days)", "delivery.minDays", { type: "number" })}
            {field("maxDays", "Slowest delivery (business days)", "delivery.maxDays", { type: "number" })}
            {field("fallbackPrice", `Fallback price (${currency})`, "fallbackPrice", {
              helpText: "Charged when the table has no price for a cart. Leave empty to hide the rate instead.",
            })}
          </FormLayout.Group>
          <Select
            label="Landed cost (duties and import taxes)"
            options={LANDED_COST_OPTIONS}
            value={s.landedCost}
            onChange={(v) => set("landedCost", v as ServiceForm["landedCost"])}
            error={err("landedCost")}
            helpText="Uses the shop's landed-cost settings (Settings → Landed cost). Domestic destinations are never charged duties."
          />
        </FormLayout>

        <Divider />
        <Select label="Priced by" options={sourceOptions} value={sourceValue} onChange={pickSource} error={err("source") ?? err("carrierService")} />
        {!isTable && (
          <Text as="p" tone="subdued">
            {`${carrier?.displayName ?? s.source} prices this service at checkout (the account's negotiated rate when it has one) and gives its delivery dates. Your name, description and rules below still apply; the fallback price is charged when ${carrier?.displayName ?? "the carrier"} does not answer in time.`}
          </Text>
        )}
        {isTable && (<>
        <Text as="h4" variant="headingSm">Rate table</Text>
        <Select label="Price by" options={BASIS_OPTIONS} value={s.basis} onChange={(v) => set("basis", v as ServiceForm["basis"])} error={err("rateTable.basis")} />
        <Text as="p" tone="subdued">
          Each row covers “from” (included) up to “to” (not included); leave an end empty for “no limit”. Weights in {weightUnit}, amounts in {currency}.
        </Text>
        {s.bands.map((b, bi) => {
          const bp = `rateTable.bands[${bi}]`;
          const rowError = err(bp);
          return (
            <BlockStack gap="100" key={bi}>
              <InlineGrid columns={{ xs: 2, md: (usesWeight ? 2 : 0) + (usesSubtotal ? 2 : 0) + 2 }} gap="200" alignItems="end">
                {usesWeight && (
                  <>
                    <TextField label={`From (${weightUnit})`} autoComplete="off" value={b.minWeight} onChange={(v) => setBand(bi, "minWeight", v)} error={err(`${bp}.minGrams`)} />
                    <TextField label={`To (${weightUnit})`} autoComplete="off" value={b.maxWeight} onChange={(v) => setBand(bi, "maxWeight", v)} error={err(`${bp}.maxGrams`)} />
                  </>
                )}
                {usesSubtotal && (
                  <>
                    <TextField label={`Subtotal from (${currency})`} autoComplete="off" value={b.minSubtotal} onChange={(v) => setBand(bi, "minSubtotal", v)} error={err(`${bp}.minSubtotal`)} />
                    <TextField label={`Subtotal to (${currency})`} autoComplete="off" value={b.maxSubtotal} onChange={(v) => setBand(bi, "maxSubtotal", v)} error={err(`${bp}.maxSubtotal`)} />
                  </>
                )}
                <TextField label={`Price (${currency})`} autoComplete="off" value={b.price} onChange={(v) => setBand(bi, "price", v)} error={err(`${bp}.price`)} />
                <Button onClick={() => set("bands", s.bands.filter((_, i) => i !== bi))} accessibilityLabel={`Remove row ${bi + 1}`}>
                  Remove
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
          <Button onClick={() => set("bands", [...s.bands, emptyBand()])}>Add row</Button>
        </InlineStack>
        {usesWeight && (
          <FormLayout>
            <FormLayout.Group condensed>
              {field("extraPerWeight", `Above the last row, for every started (${weightUnit})`, "rateTable.extraWeight.perGrams")}
              {field("extraPrice", `add (${currency})`, "rateTable.extraWeight.price")}
            </FormLayout.Group>
            {err("rateTable.extraWeight") && <Text as="p" tone="critical">{err("rateTable.extraWeight")}</Text>}
          </FormLayout>
        )}
        </>)}

        <Divider />
        <Text as="h4" variant="headingSm">Price rules</Text>
        <Text as="p" tone="subdued">Applied in this order: markup, handling, conditions, rounding, minimum and maximum.</Text>
        <FormLayout>
          <FormLayout.Group condensed>
            {field("markupPercent", "Markup or discount (%)", "rules.markupBasisPoints", { helpText: "Negative for a discount, e.g. -10." })}
            {field("handlingPerOrder", `Handling per order (${currency})`, "rules.handling.perOrder")}
            {field("handlingPerPackage", `Handling per package (${currency})`, "rules.handling.perPackage")}
          </FormLayout.Group>
          <FormLayout.Group condensed>
            <Select label="Rounding" options={ROUNDING_OPTIONS} value={s.rounding} onChange={(v) => set("rounding", v as ServiceForm["rounding"])} />
            {field("capMin", `Minimum price (${currency})`, "rules.caps.min")}
            {field("capMax", `Maximum price (${currency})`, "rules.caps.max")}
          </FormLayout.Group>
          {err("rules.caps") && <Text as="p" tone="critical">{err("rules.caps")}</Text>}
        </FormLayout>
        <Text as="h4" variant="headingSm">Conditions</Text>
        <Text as="p" tone="subdued">A hiding condition always beats free shipping.</Text>
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
          <Button onClick={() => set("conditions", [...s.conditions, emptyCondition()])}>Add condition</Button>
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
  const set = (key: keyof ConditionForm, value: string) => onChange({ ...c, [key]: value });
  const err = (...keys: string[]) => keys.map((k) => errorAt(errors, k ? `${path}.${k}` : path)).filter(Boolean).join("; ") || undefined;
  const input = (key: "min" | "max" | "list" | "key" | "value", label: string, errorKeys: string[], extra: Partial<React.ComponentProps<typeof TextField>> = {}) => (
    <TextField label={label} autoComplete="off" value={c[key]} onChange={(v) => set(key, v)} error={err(...errorKeys)} {...extra} />
  );
  let fields: React.ReactNode;
  switch (c.type) {
    case "free_over_subtotal":
      fields = input("min", `Subtotal (${currency})`, ["threshold"]);
      break;
    case "hide_weight_outside":
      fields = (
        <>
          {input("min", `Minimum (${weightUnit})`, ["minGrams", ""])}
          {input("max", `Maximum (${weightUnit})`, ["maxGrams"])}
        </>
      );
      break;
    case "hide_subtotal_outside":
      fields = (
        <>
          {input("min", `Minimum (${currency})`, ["min", ""])}
          {input("max", `Maximum (${currency})`, ["max"])}
        </>
      );
      break;
    case "hide_if_sku":
      fields = input("list", "SKUs", ["skus", ""], { helpText: "Separate with commas." });
      break;
    case "hide_if_vendor":
      fields = input("list", "Vendors", ["vendors", ""], { helpText: "Separate with commas." });
      break;
    case "hide_if_property":
      fields = (
        <>
          {input("key", "Property name", ["key"])}
          {input("value", "Value (empty = any value)", ["value"])}
        </>
      );
      break;
  }
  return (
    <Box paddingBlockEnd="200">
      <InlineGrid columns={{ xs: 1, md: 4 }} gap="200" alignItems="end">
        <Select
          label="Condition"
          options={CONDITION_TYPES.map((t) => ({ label: CONDITION_LABELS[t], value: t }))}
          value={c.type}
          onChange={(t) => onChange({ ...emptyCondition(t as ConditionForm["type"]) })}
        />
        {fields}
        <Button onClick={onRemove}>Remove</Button>
      </InlineGrid>
    </Box>
  );
}
