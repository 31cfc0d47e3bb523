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
import { countryOptions } from "~/lib/countries";
import { type FieldError, describePath, errorAt, zodFieldErrors } from "~/lib/field-errors";
import { type RegionForm, type ZoneForm, ZoneFormSchema, changeWeightUnit, emptyRegion, emptyService } from "~/admin/forms/zone-form";
import { validatePostalPattern } from "~/domain/zones";
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
    return json<ZoneActionData>({ ok: false, kind: "bad_request", message: "The form could not be read; reload the page and try again." }, { status: 400 });
  }
  const result = await saveZone(session.shop, { zoneId: params.zoneId ?? "", ...parsed.data });
  const status = result.ok ? 200 : result.kind === "conflict" ? 409 : result.kind === "not_found" ? 404 : 422;
  return json<ZoneActionData>(result, { status });
};

const REGION_TYPES = [
  { label: "Whole country", value: "country" },
  { label: "Province or state", value: "province" },
  { label: "Postal codes", value: "postal" },
];
const WEIGHT_UNITS = [
  { label: "Kilograms (kg)", value: "kg" },
  { label: "Pounds (lb)", value: "lb" },
];

export default function ZoneEditor() {
  const data = useLoaderData<typeof loader>();
  const save = useFetcher<ZoneActionData>();
  const navigate = useNavigate();
  const result = save.state === "idle" ? save.data : undefined;
  const editor = useEditorState<ZoneForm>(data.form, `${data.zoneId}:${data.version}`, result);
  const { form, setForm } = editor;
  const errors = useFieldErrors(result && !result.ok && result.kind === "invalid" ? result.errors : undefined, form);
  const other = result && !result.ok && result.kind === "invalid" ? result.other : [];
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
  const countries = countryOptions();

  return (
    <Page backAction={{ content: "Zones", url: "/app/zones" }} primaryAction={{ content: "Save", onAction: submit, loading: save.state !== "idle" }}>
      <TitleBar title={data.isNew ? "New zone" : data.form.name || "Zone"} />
      <UnsavedChanges id="zone-save-bar" dirty={editor.dirty} saving={save.state !== "idle"} onSave={submit} onDiscard={editor.discard} />
      <BlockStack gap="400">
        {result && !result.ok && result.kind !== "invalid" && (
          <Banner tone="critical" title={result.kind === "conflict" ? "Someone else changed the shipping setup" : "Not saved"}>
            <p>{result.message}</p>
          </Banner>
        )}
        {errors.length + other.length > 0 && (
          <Banner tone="critical" title="Nothing was saved. Fix these and save again:">
            <List>
              {[...errors, ...other].map((e, i) => (
                <List.Item key={i}>{`${describePath(e.path)}: ${e.message}`}</List.Item>
              ))}
            </List>
          </Banner>
        )}
        {result?.ok && !data.isNew && <Banner tone="success" title="Zone saved" />}
        {data.zoneId && <ZoneOverlapBanner overlaps={data.overlaps} zoneId={data.zoneId} />}
        <Layout>
          <Layout.AnnotatedSection title="Zone" description="Lower priority numbers are checked first at checkout.">
            <Card>
              <FormLayout>
                <TextField label="Name" autoComplete="off" value={form.name} onChange={(v) => set("name", v)} error={errorAt(errors, "name")} />
                <FormLayout.Group>
                  <TextField label="Priority" type="number" autoComplete="off" value={form.priority} onChange={(v) => set("priority", v)} error={errorAt(errors, "priority")} />
                  <Select label="Weights in" options={WEIGHT_UNITS} value={form.weightUnit} onChange={(v) => setForm((f) => changeWeightUnit(f, v as ZoneForm["weightUnit"]))} helpText="Weights already typed are converted." />
                </FormLayout.Group>
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection title="Regions" description="Addresses in any of these regions use this zone. Postal patterns: a prefix (9021, M5V*), a range (01000-19999) or, in the UK, an outward code (SW1A) or area (SW).">
            <Card>
              <BlockStack gap="300">
                {form.regions.map((r, ri) => {
                  const local = r.type === "postal" && r.pattern.trim() ? validatePostalPattern(r.pattern, r.country) : null;
                  return (
                    <InlineGrid key={ri} columns={{ xs: 1, md: 4 }} gap="200" alignItems="end">
                      <Select label="Type" options={REGION_TYPES} value={r.type} onChange={(v) => setRegion(ri, { ...r, type: v as RegionForm["type"] })} />
                      <Select
                        label="Country"
                        options={countries.some((c) => c.value === r.country) ? countries : [{ label: r.country, value: r.country }, ...countries]}
                        value={r.country}
                        onChange={(v) => setRegion(ri, { ...r, country: v })}
                        error={errorAt(errors, `regions[${ri}].country`)}
                      />
                      {r.type === "province" ? (
                        <TextField label="Province code" autoComplete="off" value={r.province} placeholder="CA, ON, SP" onChange={(v) => setRegion(ri, { ...r, province: v })} error={errorAt(errors, `regions[${ri}].province`)} />
                      ) : r.type === "postal" ? (
                        <TextField label="Postal pattern" autoComplete="off" value={r.pattern} placeholder="9021, 01000-19999, SW1A" onChange={(v) => setRegion(ri, { ...r, pattern: v })} error={local ?? errorAt(errors, `regions[${ri}].pattern`)} />
                      ) : (
                        <div />
                      )}
                      <Button onClick={() => set("regions", form.regions.filter((_, i) => i !== ri))}>Remove</Button>
                    </InlineGrid>
                  );
                })}
                {form.regions.length === 0 && <Text as="p" tone="subdued">No regions yet. Add the countries, provinces or postal codes this zone covers.</Text>}
                {errorAt(errors, "regions") && <Text as="p" tone="critical">{errorAt(errors, "regions")}</Text>}
                <InlineStack>
                  <Button onClick={() => set("regions", [...form.regions, emptyRegion(data.originCountry)])}>Add region</Button>
                </InlineStack>
              </BlockStack>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.Section>
            <BlockStack gap="400">
              <Text as="h2" variant="headingLg">Services</Text>
              {form.services.length === 0 && <Text as="p" tone="subdued">No services yet: checkout skips this zone until it has an enabled service, and its addresses get the next matching zone&apos;s rates, or none.</Text>}
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
                <Button onClick={() => set("services", [...form.services, emptyService()])}>Add service</Button>
                <Button variant="primary" onClick={submit} loading={save.state !== "idle"}>Save</Button>
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
