// Landed-cost settings: the Shopify-duties guard, seller registrations, customs defaults, the duty table, fees and
// exchange rates. Saved into the shipping document (settings as code) at the version the page was loaded at.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { Banner, BlockStack, Button, Card, Checkbox, ChoiceList, FormLayout, InlineGrid, Layout, List, Page, Select, Text, TextField } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { describePath } from "~/i18n/messages";
import { useTranslatedErrors } from "~/i18n/hooks";
import { authenticate } from "~/shopify.server";
import { type LandedCostSaveResult, loadLandedCostSettings, saveLandedCostSettings } from "~/services/landed-cost-settings.server";
import { type FieldError, errorAt, zodFieldErrors } from "~/lib/field-errors";
import { UnsavedChanges, useEditorState } from "~/admin/ui/UnsavedChanges";
import { useFieldErrors } from "~/admin/ui/use-field-errors";
import { DecimalField } from "~/admin/ui/DecimalField";
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
    if (!body || typeof body !== "object") return json<LandedCostSaveResult>({ ok: false, kind: "invalid", errors: [{ path: "", message: "form_unreadable" }] }, { status: 400 });
    return json<LandedCostSaveResult>({ ok: false, kind: "invalid", errors: zodFieldErrors(parsed.error, "form") }, { status: 422 });
  }
  const result = await saveLandedCostSettings(session.shop, parsed.data);
  return json<LandedCostSaveResult>(result, { status: result.ok ? 200 : result.kind === "conflict" ? 409 : 422 });
};

const FEE_KINDS = ["brokerage", "disbursement", "other"] as const;

export default function LandedCostSettings() {
  const data = useLoaderData<typeof loader>();
  const save = useFetcher<LandedCostSaveResult>();
  const { t } = useTranslation("landedCost");
  const result = save.state === "idle" ? save.data : undefined;
  const editor = useEditorState<LandedCostForm>(data.form, data.version, result);
  const { form, setForm } = editor;
  // Save errors are document paths (landedCost.fees[0].label): the hook compares the form under the same key.
  const watched = useMemo(() => ({ landedCost: form }), [form]);
  const unfixed = useFieldErrors(result && !result.ok && result.kind === "invalid" ? result.errors : undefined, watched);
  const errors: FieldError[] = useTranslatedErrors(unfixed, { currency: data.currency, weightUnit: "kg" });
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
  // Percents and exchange rates in the admin's decimal mark; the form reads a point or a comma.
  const df = (label: string, value: string, onChange: (v: string) => void, error?: string, helpText?: string) => (
    <DecimalField label={label} value={value} onChange={onChange} error={error} helpText={helpText} />
  );

  return (
    <Page primaryAction={{ content: t("common:save"), onAction: submit, loading: save.state !== "idle" }}>
      <TitleBar title={t("title")} />
      <UnsavedChanges id="landed-cost-save-bar" dirty={editor.dirty} saving={save.state !== "idle"} onSave={submit} onDiscard={editor.discard} />
      <BlockStack gap="400">
        {result?.ok && <Banner tone="success" title={t("saved")} />}
        {result && !result.ok && "message" in result && <Banner tone="critical">{t(`zones:editor.failure.${result.kind}`)}</Banner>}
        {errors.length > 0 && <Banner tone="critical" title={t("needsFixing")}>{errors.slice(0, 5).map((e) => <p key={e.path}>{e.path ? t("zones:editor.errorAt", { where: describePath(t, e.path.replace(/^landedCost\./, "")), message: e.message }) : e.message}</p>)}</Banner>}
        <Layout>
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <Checkbox label={t("enabled")} checked={form.enabled} onChange={(v) => set("enabled", v)} />
                <Text as="p" tone="subdued">
                  {data.services.length > 0 ? t("servicesUsing", { services: data.services.join(", ") }) : t("noServices")}
                </Text>
              </BlockStack>
            </Card>
          </Layout.Section>
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">{t("shopifyDuties")}</Text>
                <Banner tone="warning">
                  <p>{t("shopifyDutiesHelp")}</p>
                </Banner>
                <Checkbox label={t("shopifyCollectsDuties")} checked={form.shopifyCollectsDuties} onChange={(v) => set("shopifyCollectsDuties", v)} />
                <Checkbox label={t("shopifyCollectsTaxes")} checked={form.shopifyCollectsImportTaxes} onChange={(v) => set("shopifyCollectsImportTaxes", v)} />
              </BlockStack>
            </Card>
          </Layout.Section>
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">{t("registrations")}</Text>
                <ChoiceList
                  allowMultiple
                  title={t("registrationsHelp")}
                  choices={REGISTRATIONS.map((r) => ({ label: r, value: r }))}
                  selected={form.registrations}
                  onChange={(v) => set("registrations", v as LandedCostForm["registrations"])}
                />
                <FormLayout.Group>
                  {tf(t("defaultHsCode"), form.defaultHsCode, (v) => set("defaultHsCode", v), err("defaultHsCode"), t("defaultHsCodeHelp"))}
                  {tf(t("defaultOrigin"), form.defaultOriginCountry, (v) => set("defaultOriginCountry", v), err("defaultOriginCountry"), t("defaultOriginHelp"))}
                </FormLayout.Group>
              </BlockStack>
            </Card>
          </Layout.Section>
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">{t("dutyRates")}</Text>
                <Text as="p" tone="subdued">{t("dutyRatesHelp")}</Text>
                {form.dutyRates.map((r, i) => (
                  <InlineGrid columns={5} gap="200" key={i}>
                    {tf(t("hsPrefix"), r.hsPrefix, (v) => setRow("dutyRates", i, { hsPrefix: v }), err(`dutyRates[${i}].hsPrefix`))}
                    {tf(t("destination"), r.destination, (v) => setRow("dutyRates", i, { destination: v }), err(`dutyRates[${i}].destination`))}
                    {tf(t("origin"), r.origin, (v) => setRow("dutyRates", i, { origin: v }), err(`dutyRates[${i}].origin`))}
                    {df(t("dutyPercent"), r.percent, (v) => setRow("dutyRates", i, { percent: v }), err(`dutyRates[${i}].percent`) ?? err(`dutyRates[${i}]`), r.specific ? t("specificDuty") : undefined)}
                    <Button tone="critical" variant="plain" onClick={() => removeRow("dutyRates", i)}>{t("common:remove")}</Button>
                  </InlineGrid>
                ))}
                <Button onClick={() => set("dutyRates", [...form.dutyRates, emptyDutyRow()])}>{t("addDutyRate")}</Button>
              </BlockStack>
            </Card>
          </Layout.Section>
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">{t("fees", { currency: data.currency })}</Text>
                {form.fees.map((f, i) => (
                  <InlineGrid columns={5} gap="200" key={i}>
                    {tf(t("feeLabel"), f.label, (v) => setRow("fees", i, { label: v }), err(`fees[${i}].label`))}
                    <Select label={t("feeKind")} options={FEE_KINDS.map((k) => ({ label: t(`feeKinds.${k}`), value: k }))} value={f.kind} onChange={(v) => setRow("fees", i, { kind: v as LandedCostForm["fees"][number]["kind"] })} />
                    <DecimalField label={t("feeFlat")} value={f.flat} onChange={(v) => setRow("fees", i, { flat: v })} error={err(`fees[${i}].flat`)} />
                    {df(t("feePercent"), f.percent, (v) => setRow("fees", i, { percent: v }), err(`fees[${i}].percentOfDutiesAndTaxes`))}
                    <Button tone="critical" variant="plain" onClick={() => removeRow("fees", i)}>{t("common:remove")}</Button>
                  </InlineGrid>
                ))}
                <Button onClick={() => set("fees", [...form.fees, emptyFee(t("defaultFeeLabel"))])}>{t("addFee")}</Button>
              </BlockStack>
            </Card>
          </Layout.Section>
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">{t("exchangeRates")}</Text>
                <Text as="p" tone="subdued">{t("exchangeRatesHelp", { currency: data.currency })}</Text>
                {form.exchangeRates.map((x, i) => (
                  <InlineGrid columns={6} gap="200" key={i}>
                    {tf(t("base"), x.base, (v) => setRow("exchangeRates", i, { base: v }), err(`exchangeRates[${i}].base`))}
                    {tf(t("quote"), x.quote, (v) => setRow("exchangeRates", i, { quote: v }), err(`exchangeRates[${i}].quote`))}
                    {df(t("rate"), x.rate, (v) => setRow("exchangeRates", i, { rate: v }), err(`exchangeRates[${i}].rate`))}
                    {tf(t("date"), x.date, (v) => setRow("exchangeRates", i, { date: v }), err(`exchangeRates[${i}].date`))}
                    {tf(t("source"), x.source, (v) => setRow("exchangeRates", i, { source: v }), err(`exchangeRates[${i}].source`))}
                    <Button tone="critical" variant="plain" onClick={() => removeRow("exchangeRates", i)}>{t("common:remove")}</Button>
                  </InlineGrid>
                ))}
                <Button onClick={() => set("exchangeRates", [...form.exchangeRates, emptyExchangeRate(data.currency)])}>{t("addExchangeRate")}</Button>
              </BlockStack>
            </Card>
          </Layout.Section>
          <Layout.Section>
            <List>
              <List.Item>{t("noteDomestic")}</List.Item>
              <List.Item>{t("noteTest")}</List.Item>
            </List>
          </Layout.Section>
        </Layout>
      </BlockStack>
    </Page>
  );
}
