// Landed-cost settings: the Shopify-duties guard, seller registrations, customs defaults, the duty table, fees and
// exchange rates. Saved into the shipping document (settings as code) at the version the page was loaded at.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { Banner, BlockStack, Button, Card, Checkbox, ChoiceList, FormLayout, InlineGrid, Layout, List, Page, Select, Text, TextField } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { type LandedCostSaveResult, loadLandedCostSettings, saveLandedCostSettings } from "~/services/landed-cost-settings.server";
import { type FieldError, errorAt, zodFieldErrors } from "~/lib/field-errors";
import { UnsavedChanges, useEditorState } from "~/admin/ui/UnsavedChanges";
import { useFieldErrors } from "~/admin/ui/use-field-errors";
import { type LandedCostForm, LandedCostFormSchema, REGISTRATIONS, emptyDutyRow, emptyExchangeRate, emptyFee } from "~/admin/forms/landed-cost-form";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const data = await loadLandedCostSettings(session.shop);
  if (!data) throw new Response("Shop not installed", { status: 404 });
  return json(data);
};

const SaveRequest = z.object({ version: z.number().int(), form: LandedCostFormSchema });

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const body = await request.json().catch(() => null);
  const parsed = SaveRequest.safeParse(body);
  if (!parsed.success) {
    if (!body || typeof body !== "object") return json<LandedCostSaveResult>({ ok: false, kind: "invalid", errors: [{ path: "", message: "The form could not be read; reload the page." }] }, { status: 400 });
    return json<LandedCostSaveResult>({ ok: false, kind: "invalid", errors: zodFieldErrors(parsed.error, "form") }, { status: 422 });
  }
  const result = await saveLandedCostSettings(session.shop, parsed.data);
  return json<LandedCostSaveResult>(result, { status: result.ok ? 200 : result.kind === "conflict" ? 409 : 422 });
};

const FEE_KINDS = [
  { label: "Brokerage", value: "brokerage" },
  { label: "Carrier disbursement", value: "disbursement" },
  { label: "Other", value: "other" },
];

export default function LandedCostSettings() {
  const data = useLoaderData<typeof loader>();
  const save = useFetcher<LandedCostSaveResult>();
  const result = save.state === "idle" ? save.data : undefined;
  const editor = useEditorState<LandedCostForm>(data.form, data.version, result);
  const { form, setForm } = editor;
  // Save errors are document paths (landedCost.fees[0].label): the hook compares the form under the same key.
  const watched = useMemo(() => ({ landedCost: form }), [form]);
  const errors: FieldError[] = useFieldErrors(result && !result.ok && result.kind === "invalid" ? result.errors : undefined, watched);
  const err = (path: string) => errorAt(errors, `landedCost.${path}`);
  const set = <K extends keyof LandedCostForm>(key: K, value: LandedCostForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setRow = <K extends "dutyRates" | "fees" | "exchangeRates">(key: K, i: number, patch: Partial<LandedCostForm[K][number]>) =>
    set(key, form[key].map((row, j) => (j === i ? { ...row, ...patch } : row)) as LandedCostForm[K]);
  const removeRow = <K extends "dutyRates" | "fees" | "exchangeRates">(key: K, i: number) => set(key, form[key].filter((_, j) => j !== i) as LandedCostForm[K]);
  const submit = () => {
    editor.submitted(form);
    save.submit(JSON.stringify({ version: data.version, form }), { method: "post", encType: "application/json" });
  };
  const tf = (label: string, value: string, onChange: (v: string) => void, error?: string, helpText?: string) => (
    <TextField label={label} autoComplete="off" value={value} onChange={onChange} error={error} helpText={helpText} />
  );

  return (
    <Page primaryAction={{ content: "Save", onAction: submit, loading: save.state !== "idle" }}>
      <TitleBar title="Landed cost" />
      <UnsavedChanges id="landed-cost-save-bar" dirty={editor.dirty} saving={save.state !== "idle"} onSave={submit} onDiscard={editor.discard} />
      <BlockStack gap="400">
        {result?.ok && <Banner tone="success" title="Saved. Checkout uses the new settings from now on." />}
        {result && !result.ok && "message" in result && <Banner tone="critical">{result.message}</Banner>}
        {errors.length > 0 && <Banner tone="critical" title="Some settings need fixing">{errors.slice(0, 5).map((e) => <p key={e.path}>{`${e.path}: ${e.message}`}</p>)}</Banner>}
        <Layout>
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <Checkbox label="Estimate duties and import taxes for international rates" checked={form.enabled} onChange={(v) => set("enabled", v)} />
                <Text as="p" tone="subdued">
                  {data.services.length > 0
                    ? `Services using landed cost: ${data.services.join(", ")}.`
                    : "No service uses landed cost yet: choose duties paid, on delivery or both per service in Zones and rates."}
                </Text>
              </BlockStack>
            </Card>
          </Layout.Section>
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">{"Shopify's own duties collection"}</Text>
                <Banner tone="warning">
                  <p>
                    Shopify does not tell apps whether its duties and import taxes collection is on. If you turned it on in Shopify (Settings → Duties and import taxes),
                    say so here: Waypost then never folds duties (or import taxes) into its rates, so buyers do not pay twice.
                  </p>
                </Banner>
                <Checkbox label="Shopify collects duties at checkout" checked={form.shopifyCollectsDuties} onChange={(v) => set("shopifyCollectsDuties", v)} />
                <Checkbox label="Shopify collects import taxes at checkout" checked={form.shopifyCollectsImportTaxes} onChange={(v) => set("shopifyCollectsImportTaxes", v)} />
              </BlockStack>
            </Card>
          </Layout.Section>
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">Registrations and defaults</Text>
                <ChoiceList
                  allowMultiple
                  title="Seller-collection schemes you are registered in (tax is then charged with the order, not at the border)"
                  choices={REGISTRATIONS.map((r) => ({ label: r, value: r }))}
                  selected={form.registrations}
                  onChange={(v) => set("registrations", v as LandedCostForm["registrations"])}
                />
                <FormLayout.Group>
                  {tf("Default HS code", form.defaultHsCode, (v) => set("defaultHsCode", v), err("defaultHsCode"), "Used for variants without one in Product data.")}
                  {tf("Default country of origin", form.defaultOriginCountry, (v) => set("defaultOriginCountry", v), err("defaultOriginCountry"), "Two letters, e.g. CN.")}
                </FormLayout.Group>
              </BlockStack>
            </Card>
          </Layout.Section>
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">Duty rates</Text>
                <Text as="p" tone="subdued">{'Per HS prefix and destination (a country, or EU for all 27). The longest prefix wins; a missing rate is reported as "duty unknown", never as zero. Large tables: import them as code (npm run waypost -- import).'}</Text>
                {form.dutyRates.map((r, i) => (
                  <InlineGrid columns={5} gap="200" key={i}>
                    {tf("HS prefix", r.hsPrefix, (v) => setRow("dutyRates", i, { hsPrefix: v }), err(`dutyRates[${i}].hsPrefix`))}
                    {tf("Destination", r.destination, (v) => setRow("dutyRates", i, { destination: v }), err(`dutyRates[${i}].destination`))}
                    {tf("Origin (optional)", r.origin, (v) => setRow("dutyRates", i, { origin: v }), err(`dutyRates[${i}].origin`))}
                    {tf("Duty %", r.percent, (v) => setRow("dutyRates", i, { percent: v }), err(`dutyRates[${i}].percent`) ?? err(`dutyRates[${i}]`), r.specific ? "plus a specific duty (edited as code)" : undefined)}
                    <Button tone="critical" variant="plain" onClick={() => removeRow("dutyRates", i)}>Remove</Button>
                  </InlineGrid>
                ))}
                <Button onClick={() => set("dutyRates", [...form.dutyRates, emptyDutyRow()])}>Add duty rate</Button>
              </BlockStack>
            </Card>
          </Layout.Section>
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">{`Fees (${data.currency})`}</Text>
                {form.fees.map((f, i) => (
                  <InlineGrid columns={5} gap="200" key={i}>
                    {tf("Label", f.label, (v) => setRow("fees", i, { label: v }), err(`fees[${i}].label`))}
                    <Select label="Kind" options={FEE_KINDS} value={f.kind} onChange={(v) => setRow("fees", i, { kind: v as LandedCostForm["fees"][number]["kind"] })} />
                    {tf("Flat amount", f.flat, (v) => setRow("fees", i, { flat: v }), err(`fees[${i}].flat`))}
                    {tf("or % of duties and taxes", f.percent, (v) => setRow("fees", i, { percent: v }), err(`fees[${i}].percentOfDutiesAndTaxes`))}
                    <Button tone="critical" variant="plain" onClick={() => removeRow("fees", i)}>Remove</Button>
                  </InlineGrid>
                ))}
                <Button onClick={() => set("fees", [...form.fees, emptyFee()])}>Add fee</Button>
              </BlockStack>
            </Card>
          </Layout.Section>
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">Exchange rates</Text>
                <Text as="p" tone="subdued">{`Thresholds are in the destination's currency and rates in ${data.currency}: "1 base = rate quote", with the date and source shown in every breakdown. A missing rate is an error, never a guess.`}</Text>
                {form.exchangeRates.map((x, i) => (
                  <InlineGrid columns={6} gap="200" key={i}>
                    {tf("Base", x.base, (v) => setRow("exchangeRates", i, { base: v }), err(`exchangeRates[${i}].base`))}
                    {tf("Quote", x.quote, (v) => setRow("exchangeRates", i, { quote: v }), err(`exchangeRates[${i}].quote`))}
                    {tf("Rate", x.rate, (v) => setRow("exchangeRates", i, { rate: v }), err(`exchangeRates[${i}].rate`))}
                    {tf("Date", x.date, (v) => setRow("exchangeRates", i, { date: v }), err(`exchangeRates[${i}].date`))}
                    {tf("Source", x.source, (v) => setRow("exchangeRates", i, { source: v }), err(`exchangeRates[${i}].source`))}
                    <Button tone="critical" variant="plain" onClick={() => removeRow("exchangeRates", i)}>Remove</Button>
                  </InlineGrid>
                ))}
                <Button onClick={() => set("exchangeRates", [...form.exchangeRates, emptyExchangeRate(data.currency)])}>Add exchange rate</Button>
              </BlockStack>
            </Card>
          </Layout.Section>
          <Layout.Section>
            <List>
              <List.Item>Domestic destinations are never charged duties.</List.Item>
              <List.Item>Test your shipping shows every figure with its formula, source and de minimis decision.</List.Item>
            </List>
          </Layout.Section>
        </Layout>
      </BlockStack>
    </Page>
  );
}
