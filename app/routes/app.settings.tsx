// Boxes and origin: where parcels ship from, when they leave, how carriers weigh them and the boxes they go in.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, ChoiceList, FormLayout, InlineGrid, InlineStack, Layout, List, Page, Select, Text, TextField } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { type SettingsSaveResult, loadSettings, saveSettings } from "~/services/shop-settings.server";
import { CountryPicker } from "~/admin/ui/CountryPicker";
import { ProvincePicker } from "~/admin/ui/ProvincePicker";
import { DecimalField } from "~/admin/ui/DecimalField";
import { type FieldError, errorAt, errorsUnder, zodFieldErrors } from "~/lib/field-errors";
import { describePath } from "~/i18n/messages";
import { useTranslatedErrors } from "~/i18n/hooks";
import { SettingsAsCode } from "~/admin/ui/SettingsAsCode";
import { UnsavedChanges, useEditorState } from "~/admin/ui/UnsavedChanges";
import { useFieldErrors } from "~/admin/ui/use-field-errors";
import { type BoxForm, DIM_RULES, type SettingsForm, SettingsFormSchema, emptyBox } from "~/admin/forms/shop-settings-form";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const data = await loadSettings(session.shop);
  if (!data) throw new Response("Shop not installed", { status: 404 });
  return json({ ...data, timeZones: Intl.supportedValuesOf("timeZone") });
};

const SaveRequest = z.object({ version: z.number().int(), form: SettingsFormSchema });

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const body = await request.json().catch(() => null);
  const parsed = SaveRequest.safeParse(body);
  if (!parsed.success) {
    // A readable form with a bad field (too long, wrong type) gets field errors; anything else is unreadable.
    if (!body || typeof body !== "object") return json<SettingsSaveResult>({ ok: false, kind: "invalid", errors: [{ path: "", message: "form_unreadable" }] }, { status: 400 });
    return json<SettingsSaveResult>({ ok: false, kind: "invalid", errors: zodFieldErrors(parsed.error, "form") }, { status: 422 });
  }
  const result = await saveSettings(session.shop, parsed.data);
  return json<SettingsSaveResult>(result, { status: result.ok ? 200 : result.kind === "conflict" ? 409 : 422 });
};

/** Weekday names in the admin's language, Sunday first (0 = Sunday, as the setup stores them). */
const weekdays = (locale: string) => [0, 1, 2, 3, 4, 5, 6].map((d) => new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2026, 0, 4 + d))));

export default function Settings() {
  const data = useLoaderData<typeof loader>();
  const save = useFetcher<SettingsSaveResult>();
  const { t, i18n } = useTranslation("settings");
  const result = save.state === "idle" ? save.data : undefined;
  const editor = useEditorState<SettingsForm>(data.form, data.version, result);
  const { form, setForm } = editor;
  const errors: FieldError[] = useTranslatedErrors(useFieldErrors(result && !result.ok && result.kind === "invalid" ? result.errors : undefined, form), { currency: data.form.currency, weightUnit: form.weightUnit });
  const set = <K extends keyof SettingsForm>(key: K, value: SettingsForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setOrigin = (key: keyof SettingsForm["origin"], value: string) => setForm((f) => ({ ...f, origin: { ...f.origin, [key]: value } }));
  const setBox = (i: number, patch: Partial<BoxForm>) =>
    set("boxes", form.boxes.map((b, j) => (j === i ? { ...b, ...patch } : patch.isDefault ? { ...b, isDefault: false } : b)));
  const submit = () => {
    editor.submitted(form);
    save.submit(JSON.stringify({ version: data.version, form }), { method: "post", encType: "application/json" });
  };
  const timeZones = data.timeZones.includes(form.timeZone) ? data.timeZones : [form.timeZone, ...data.timeZones];
  const originField = (key: keyof SettingsForm["origin"], label: string) => (
    <TextField label={label} autoComplete="off" value={form.origin[key]} onChange={(v) => setOrigin(key, v)} error={errorAt(errors, `origin.${key}`)} />
  );

  return (
    <Page primaryAction={{ content: t("common:save"), onAction: submit, loading: save.state !== "idle" }}>
      <TitleBar title={t("title")} />
      <UnsavedChanges id="settings-save-bar" dirty={editor.dirty} saving={save.state !== "idle"} onSave={submit} onDiscard={editor.discard} />
      <BlockStack gap="400">
        {result && !result.ok && result.kind !== "invalid" && (
          <Banner tone="critical" title={result.kind === "conflict" ? t("zones:editor.conflict") : t("zones:editor.notSaved")}>
            <p>{t(`zones:editor.failure.${result.kind}`)}</p>
          </Banner>
        )}
        {errors.length > 0 && (
          <Banner tone="critical" title={t("zones:editor.fixThese")}>
            <List>
              {errors.map((e, i) => (
                <List.Item key={i}>{e.path ? t("zones:editor.errorAt", { where: describePath(t, e.path), message: e.message }) : e.message}</List.Item>
              ))}
            </List>
          </Banner>
        )}
        {result?.ok && <Banner tone="success" title={t("saved")} />}
        <Layout>
          <Layout.AnnotatedSection title={t("origin.title")} description={t("origin.help")}>
            <Card>
              <FormLayout>
                <CountryPicker label={t("origin.country")} value={form.origin.country} onChange={(v) => setOrigin("country", v)} error={errorAt(errors, "origin.country")} />
                {originField("address1", t("origin.address1"))}
                {originField("address2", t("origin.address2"))}
                <FormLayout.Group condensed>
                  {originField("city", t("origin.city"))}
                  <ProvincePicker label={t("origin.province")} country={form.origin.country} value={form.origin.province} onChange={(v) => setOrigin("province", v)} error={errorAt(errors, "origin.province")} />
                  {originField("postalCode", t("origin.postalCode"))}
                </FormLayout.Group>
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection title={t("time.title")} description={t("time.help")}>
            <Card>
              <FormLayout>
                <FormLayout.Group>
                  <TextField label={t("time.currency")} autoComplete="off" value={form.currency} onChange={(v) => set("currency", v.toUpperCase())} error={errorAt(errors, "currency")} />
                  <Select label={t("time.timeZone")} options={timeZones} value={form.timeZone} onChange={(v) => set("timeZone", v)} error={errorAt(errors, "timeZone")} />
                </FormLayout.Group>
                <FormLayout.Group>
                  <TextField label={t("time.processingDays")} type="number" autoComplete="off" value={form.processingDays} onChange={(v) => set("processingDays", v)} error={errorAt(errors, "processing.days")} />
                  <TextField label={t("time.cutoff")} autoComplete="off" value={form.cutoff} onChange={(v) => set("cutoff", v)} error={errorAt(errors, "processing.cutoff")} />
                </FormLayout.Group>
                <ChoiceList
                  allowMultiple
                  title={t("time.workingDays")}
                  choices={weekdays(i18n.language).map((d, i) => ({ label: d, value: String(i) }))}
                  selected={form.workingDays.map(String)}
                  onChange={(v) => set("workingDays", v.map(Number))}
                  error={errorAt(errors, "processing.workingDays")}
                />
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection title={t("dim.title")} description={t("dim.help")}>
            <Card>
              <Select label={t("dim.rule")} options={DIM_RULES.map((r) => ({ label: t(`dim.rules.${r}`), value: r }))} value={form.dimRule} onChange={(v) => set("dimRule", v as SettingsForm["dimRule"])} />
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection title={t("boxes.title")} description={t("boxes.help")}>
            <Card>
              <BlockStack gap="300">
                <FormLayout.Group condensed>
                  <Select label={t("boxes.sizesIn")} options={[{ label: t("boxes.cm"), value: "cm" }, { label: t("boxes.in"), value: "in" }]} value={form.lengthUnit} onChange={(v) => set("lengthUnit", v as SettingsForm["lengthUnit"])} />
                  <Select label={t("boxes.weightsIn")} options={[{ label: t("boxes.kg"), value: "kg" }, { label: t("boxes.lb"), value: "lb" }]} value={form.weightUnit} onChange={(v) => set("weightUnit", v as SettingsForm["weightUnit"])} />
                </FormLayout.Group>
                {form.boxes.map((b, i) => (
                  <BoxRow key={i} index={i} box={b} lengthUnit={form.lengthUnit} weightUnit={form.weightUnit} errors={errorsUnder(errors, `boxes[${i}]`)} onChange={(p) => setBox(i, p)} onRemove={() => set("boxes", form.boxes.filter((_, j) => j !== i))} />
                ))}
                {errorAt(errors, "boxes") && <Text as="p" tone="critical">{errorAt(errors, "boxes")}</Text>}
                <InlineStack>
                  <Button onClick={() => set("boxes", [...form.boxes, { ...emptyBox(), isDefault: form.boxes.length === 0 }])}>{t("boxes.add")}</Button>
                </InlineStack>
              </BlockStack>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection title={t("asCode.title")} description={t("asCode.help")}>
            <SettingsAsCode units={{ currency: data.form.currency, weightUnit: form.weightUnit }} />
          </Layout.AnnotatedSection>
        </Layout>
      </BlockStack>
    </Page>
  );
}

function BoxRow({ index, box, lengthUnit, weightUnit, errors, onChange, onRemove }: { index: number; box: BoxForm; lengthUnit: string; weightUnit: string; errors: FieldError[]; onChange: (p: Partial<BoxForm>) => void; onRemove: () => void }) {
  const { t } = useTranslation("settings");
  const at = `boxes[${index}]`;
  const tf = (key: Exclude<keyof BoxForm, "isDefault" | "grams">, label: string, path: string) => {
    const props = { label, value: box[key], onChange: (v: string) => onChange({ [key]: v }), error: errorAt(errors, `${at}.${path}`) ?? (path === "innerMm.l" ? errorAt(errors, `${at}.innerMm`) : undefined) };
    return key === "name" ? <TextField autoComplete="off" {...props} /> : <DecimalField {...props} />;
  };
  return (
    <BlockStack gap="200">
      {/* The name has a row of its own: "Medium box (12 x 9 x 6 in)" was cut off beside five numbers (seen on the
          screenshots at 1280 px), and German and French labels need the numbers' full width. */}
      {tf("name", t("boxes.name"), "name")}
      <InlineGrid columns={{ xs: 2, md: 5 }} gap="200" alignItems="end">
        {tf("length", t("boxes.length", { unit: lengthUnit }), "innerMm.l")}
        {tf("width", t("boxes.width", { unit: lengthUnit }), "innerMm.w")}
        {tf("height", t("boxes.height", { unit: lengthUnit }), "innerMm.h")}
        {tf("maxWeight", t("boxes.maxWeight", { unit: weightUnit }), "maxGrams")}
        {tf("tareWeight", t("boxes.tareWeight", { unit: weightUnit }), "tareGrams")}
      </InlineGrid>
      <InlineStack gap="300" blockAlign="center">
        <Checkbox label={t("boxes.default")} checked={box.isDefault} onChange={(v) => onChange({ isDefault: v })} />
        <Button variant="plain" tone="critical" onClick={onRemove}>{t("boxes.remove")}</Button>
      </InlineStack>
    </BlockStack>
  );
}
