// Edit one zone (or create one at /app/zones/new): name, priority, regions and its services. The page keeps the
// form in client state and posts it as JSON; the action saves it as one validated document and answers with
// field errors at paths relative to the zone.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigate } from "@remix-run/react";
import { useEffect } from "react";
import { Banner, BlockStack, Button, Card, FormLayout, InlineGrid, InlineStack, Layout, List, Page, Select, Text, TextField } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { loadZoneEditor, saveZone } from "~/services/zones.server";
import { ServiceCard } from "~/components/ServiceCard";
import { ZoneOverlapBanner } from "~/components/ZoneOverlapBanner";
import { CountryPicker } from "~/admin/ui/CountryPicker";
import { ProvincePicker } from "~/admin/ui/ProvincePicker";
import { useTranslation } from "react-i18next";
import { type FieldError, errorAt, zodFieldErrors } from "~/lib/field-errors";
import { describePath } from "~/i18n/messages";
import { useTranslatedErrors } from "~/i18n/hooks";
import { type RegionForm, type ZoneForm, ZoneFormSchema, changeWeightUnit, emptyRegion, emptyService } from "~/admin/forms/zone-form";
import { postalPatternProblem } from "~/domain/zones";
import { UnsavedChanges, useEditorState } from "~/admin/ui/UnsavedChanges";
import { useFieldErrors } from "~/admin/ui/use-field-errors";
import { carrierChoices } from "~/services/carrier-catalogue.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const data = await loadZoneEditor(session.shop, params.zoneId ?? "");
  if (!data) throw new Response("Zone not found", { status: 404 });
  return json({ ...data, carriers: carrierChoices(data.originCountry) });
};

const SaveRequest = z.object({ version: z.number().int(), form: ZoneFormSchema });

export type ZoneActionData =
  | { ok: true; zoneId: string; version: number }
  | { ok: false; kind: "invalid"; errors: FieldError[]; other: FieldError[] }
  | { ok: false; kind: "conflict" | "unknown_shop" | "not_found" | "bad_request"; message: string };

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const body = await request.json().catch(() => null);
  const parsed = SaveRequest.safeParse(body);
  if (!parsed.success) {
    if (body && typeof body === "object") return json<ZoneActionData>({ ok: false, kind: "invalid", errors: zodFieldErrors(parsed.error, "form"), other: [] }, { status: 422 });
    return json<ZoneActionData>({ ok: false, kind: "bad_request", message: "form_unreadable" }, { status: 400 });
  }
  const result = await saveZone(session.shop, { zoneId: params.zoneId ?? "", ...parsed.data });
  const status = result.ok ? 200 : result.kind === "conflict" ? 409 : result.kind === "not_found" ? 404 : 422;
  return json<ZoneActionData>(result, { status });
};

const REGION_TYPES = ["country", "province", "postal"] as const;
const WEIGHT_UNITS = ["kg", "lb"] as const;

export default function ZoneEditor() {
  const data = useLoaderData<typeof loader>();
  const save = useFetcher<ZoneActionData>();
  const navigate = useNavigate();
  const { t } = useTranslation("zones");
  const result = save.state === "idle" ? save.data : undefined;
  const editor = useEditorState<ZoneForm>(data.form, `${data.zoneId}:${data.version}`, result);
  const { form, setForm } = editor;
  const units = { currency: data.currency, weightUnit: form.weightUnit };
  const errors = useTranslatedErrors(useFieldErrors(result && !result.ok && result.kind === "invalid" ? result.errors : undefined, form), units);
  const other = useTranslatedErrors(result && !result.ok && result.kind === "invalid" ? result.other : undefined, units);
  useEffect(() => {
    // Once the save bar has cleared, so the unsaved-changes guard lets the page move to the new zone's address.
    if (result?.ok && data.isNew && !editor.dirty) navigate(`/app/zones/${result.zoneId}`, { replace: true });
  }, [result, data.isNew, navigate, editor.dirty]);

  const set = <K extends keyof ZoneForm>(key: K, value: ZoneForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setRegion = (ri: number, next: RegionForm) => set("regions", form.regions.map((r, i) => (i === ri ? next : r)));
  const submit = () => {
    editor.submitted(form);
    save.submit(JSON.stringify({ version: data.version, form }), { method: "post", encType: "application/json" });
  };

  return (
    <Page backAction={{ content: t("list.title"), url: "/app/zones" }} primaryAction={{ content: t("common:save"), onAction: submit, loading: save.state !== "idle" }}>
      <TitleBar title={data.isNew ? t("editor.newZone") : data.form.name || t("editor.zone")} />
      <UnsavedChanges id="zone-save-bar" dirty={editor.dirty} saving={save.state !== "idle"} onSave={submit} onDiscard={editor.discard} />
      <BlockStack gap="400">
        {result && !result.ok && result.kind !== "invalid" && (
          <Banner tone="critical" title={result.kind === "conflict" ? t("editor.conflict") : t("editor.notSaved")}>
            <p>{t(`editor.failure.${result.kind}`)}</p>
          </Banner>
        )}
        {errors.length + other.length > 0 && (
          <Banner tone="critical" title={t("editor.fixThese")}>
            <List>
              {[...errors, ...other].map((e, i) => (
                <List.Item key={i}>{t("editor.errorAt", { where: describePath(t, e.path), message: e.message })}</List.Item>
              ))}
            </List>
          </Banner>
        )}
        {result?.ok && !data.isNew && <Banner tone="success" title={t("editor.saved")} />}
        {data.zoneId && <ZoneOverlapBanner overlaps={data.overlaps} zoneId={data.zoneId} />}
        <Layout>
          <Layout.AnnotatedSection title={t("editor.zone")} description={t("editor.zoneHelp")}>
            <Card>
              <FormLayout>
                <TextField label={t("editor.name")} autoComplete="off" value={form.name} onChange={(v) => set("name", v)} error={errorAt(errors, "name")} />
                <FormLayout.Group>
                  <TextField label={t("editor.priority")} type="number" autoComplete="off" value={form.priority} onChange={(v) => set("priority", v)} error={errorAt(errors, "priority")} />
                  <Select label={t("editor.weightsIn")} options={WEIGHT_UNITS.map((u) => ({ label: t(`editor.weightUnits.${u}`), value: u }))} value={form.weightUnit} onChange={(v) => setForm((f) => changeWeightUnit(f, v as ZoneForm["weightUnit"]))} helpText={t("editor.weightsInHelp")} />
                </FormLayout.Group>
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection title={t("editor.regions")} description={t("editor.regionsHelp")}>
            <Card>
              <BlockStack gap="300">
                {form.regions.map((r, ri) => {
                  const problem = r.type === "postal" && r.pattern.trim() ? postalPatternProblem(r.pattern, r.country) : null;
                  const local = problem ? t(`errors:${problem.key}`, { ...problem.params }) : null;
                  return (
                    <InlineGrid key={ri} columns={{ xs: 1, md: 4 }} gap="200" alignItems="end">
                      <Select label={t("editor.regionType")} options={REGION_TYPES.map((type) => ({ label: t(`editor.regionTypes.${type}`), value: type }))} value={r.type} onChange={(v) => setRegion(ri, { ...r, type: v as RegionForm["type"] })} />
                      <CountryPicker label={t("editor.country")} value={r.country} onChange={(v) => setRegion(ri, { ...r, country: v, province: "" })} error={errorAt(errors, `regions[${ri}].country`)} />
                      {r.type === "province" ? (
                        <ProvincePicker label={t("editor.province")} country={r.country} value={r.province} onChange={(v) => setRegion(ri, { ...r, province: v })} error={errorAt(errors, `regions[${ri}].province`)} />
                      ) : r.type === "postal" ? (
                        <TextField label={t("editor.postalPattern")} autoComplete="off" value={r.pattern} placeholder="9021, 01000-19999, SW1A" onChange={(v) => setRegion(ri, { ...r, pattern: v })} error={local ?? errorAt(errors, `regions[${ri}].pattern`)} />
                      ) : (
                        <div />
                      )}
                      <Button onClick={() => set("regions", form.regions.filter((_, i) => i !== ri))}>{t("common:remove")}</Button>
                    </InlineGrid>
                  );
                })}
                {form.regions.length === 0 && <Text as="p" tone="subdued">{t("editor.noRegions")}</Text>}
                {errorAt(errors, "regions") && <Text as="p" tone="critical">{errorAt(errors, "regions")}</Text>}
                <InlineStack>
                  <Button onClick={() => set("regions", [...form.regions, emptyRegion(data.originCountry)])}>{t("editor.addRegion")}</Button>
                </InlineStack>
              </BlockStack>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.Section>
            <BlockStack gap="400">
              <Text as="h2" variant="headingLg">{t("editor.services")}</Text>
              {form.services.length === 0 && <Text as="p" tone="subdued">{t("editor.noServices")}</Text>}
              {form.services.map((s, si) => (
                <ServiceCard
                  key={si}
                  index={si}
                  service={s}
                  currency={data.currency}
                  weightUnit={form.weightUnit}
                  errors={errors}
                  carriers={visibleCarrierServices(data.carriers, data.originCountry, form.regions)}
                  onChange={(next) => set("services", form.services.map((x, i) => (i === si ? next : x)))}
                  onRemove={() => set("services", form.services.filter((_, i) => i !== si))}
                />
              ))}
              <InlineStack gap="200">
                <Button onClick={() => set("services", [...form.services, emptyService()])}>{t("editor.addService")}</Button>
                <Button variant="primary" onClick={submit} loading={save.state !== "idle"}>{t("common:save")}</Button>
              </InlineStack>
            </BlockStack>
          </Layout.Section>
        </Layout>
      </BlockStack>
    </Page>
  );
}

/** Domestic services for a zone inside the origin country, international ones for a zone outside it, else both. */
function visibleCarrierServices<C extends { services: { scope: string }[] }>(carriers: C[], origin: string, regions: { country: string }[]): C[] {
  const countries = new Set(regions.map((r) => r.country.toUpperCase()).filter(Boolean));
  const domestic = countries.size > 0 && [...countries].every((c) => c === origin.toUpperCase());
  const international = countries.size > 0 && !countries.has(origin.toUpperCase());
  return carriers.map((c) => ({
    ...c,
    services: c.services.filter((s) => s.scope === "both" || (domestic ? s.scope === "domestic" : international ? s.scope === "international" : true)),
  }));
}
