// "Test your shipping": a destination and a cart in, the rates a shopper would see out, with the full trace of how
// each price came to be (zone, packages, sources, rule steps, fallbacks).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { Banner, BlockStack, Button, Card, FormLayout, InlineGrid, InlineStack, Layout, List, Page, Select, Text, TextField } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { authenticate } from "~/shopify.server";
import { type ShippingTestOutcome, loadTestShippingPage, runShippingTest } from "~/services/test-shipping-page.server";
import { ShippingTestResults } from "~/components/ShippingTestResults";
import { CountryPicker } from "~/admin/ui/CountryPicker";
import { ProvincePicker } from "~/admin/ui/ProvincePicker";
import { DecimalField } from "~/admin/ui/DecimalField";
import { type FieldError, errorAt, zodFieldErrors } from "~/lib/field-errors";
import { formatWeightField } from "~/admin/forms/form-units";
import { useTranslation } from "react-i18next";
import { useTranslatedErrors } from "~/i18n/hooks";
import { type CartLineForm, type TestCartForm, TestCartFormSchema, emptyCartLine } from "~/admin/forms/test-cart";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session, admin } = await authenticate.admin(request);
  const data = await loadTestShippingPage(session.shop, admin);
  if (!data) throw new Response("Shop not installed", { status: 404 });
  return json(data);
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const body = await request.json().catch(() => null);
  const parsed = TestCartFormSchema.safeParse(body);
  if (!parsed.success) {
    if (body && typeof body === "object") return json<ShippingTestOutcome>({ ok: false, errors: zodFieldErrors(parsed.error) }, { status: 422 });
    return json<ShippingTestOutcome>({ ok: false, errors: [], message: "form_unreadable" }, { status: 400 });
  }
  const outcome = await runShippingTest(session.shop, parsed.data);
  return json<ShippingTestOutcome>(outcome, { status: outcome.ok ? 200 : 422 });
};

export default function TestShipping() {
  const data = useLoaderData<typeof loader>();
  const run = useFetcher<ShippingTestOutcome>();
  const { t } = useTranslation("testShipping");
  const [form, setForm] = useState<TestCartForm>({
    destination: { country: data.originCountry, province: "", postalCode: "", city: "" },
    items: [emptyCartLine(data.weightUnit, data.lengthUnit)],
  });
  const [pick, setPick] = useState("");
  const errors = useTranslatedErrors(run.data && !run.data.ok ? run.data.errors : undefined, { currency: data.currency, weightUnit: data.weightUnit });
  const setDest = (key: keyof TestCartForm["destination"], value: string) => setForm((f) => ({ ...f, destination: { ...f.destination, [key]: value } }));
  const setLine = (i: number, patch: Partial<CartLineForm>) => setForm((f) => ({ ...f, items: f.items.map((l, j) => (j === i ? { ...l, ...patch } : l)) }));
  const addProduct = (variantId: string) => {
    const p = data.products.find((x) => x.variantId === variantId);
    if (!p) return;
    const line = { ...emptyCartLine(data.weightUnit, data.lengthUnit), name: p.title, sku: p.sku ?? "", variantId: p.variantId, weight: formatWeightField(p.grams, data.weightUnit) };
    setForm((f) => ({ ...f, items: [...f.items.filter((l) => l.name || l.weight || l.price), line] }));
    setPick("");
  };
  const submit = () => {
    run.submit(JSON.stringify(form), { method: "post", encType: "application/json" });
  };
  // The server says what made these rates misleading (a weightless item, no postal code), next to the rates.
  const warnings = run.data?.ok ? run.data.warnings : [];

  return (
    <Page>
      <TitleBar title={t("title")} />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {data.productsError && (
              <Banner tone="warning" title={t("productsFailed")}>
                <p>{t("productsFailedHelp")}</p>
              </Banner>
            )}
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">{t("destination")}</Text>
                <FormLayout>
                  <FormLayout.Group>
                    <CountryPicker label={t("country")} value={form.destination.country} onChange={(v) => setForm((f) => ({ ...f, destination: { ...f.destination, country: v, province: "" } }))} error={errorAt(errors, "destination.country")} />
                    <ProvincePicker label={t("province")} country={form.destination.country} value={form.destination.province} onChange={(v) => setDest("province", v)} error={errorAt(errors, "destination.province")} />
                  </FormLayout.Group>
                  <FormLayout.Group>
                    <TextField label={t("postalCode")} autoComplete="off" value={form.destination.postalCode} onChange={(v) => setDest("postalCode", v)} />
                    <TextField label={t("city")} autoComplete="off" value={form.destination.city} onChange={(v) => setDest("city", v)} />
                  </FormLayout.Group>
                </FormLayout>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">{t("cart")}</Text>
                {data.products.length > 0 && (
                  <Select
                    label={t("addProduct")}
                    options={[{ label: t("chooseProduct"), value: "" }, ...data.products.map((p) => ({ label: p.sku ? `${p.title} (${p.sku})` : p.title, value: p.variantId }))]}
                    value={pick}
                    onChange={addProduct}
                  />
                )}
                {form.items.map((line, i) => (
                  <CartLine key={i} index={i} line={line} currency={data.currency} errors={errors} onChange={(patch) => setLine(i, patch)} onRemove={() => setForm((f) => ({ ...f, items: f.items.filter((_, j) => j !== i) }))} />
                ))}
                {errorAt(errors, "items") && <Text as="p" tone="critical">{errorAt(errors, "items")}</Text>}
                <InlineStack gap="200">
                  <Button onClick={() => setForm((f) => ({ ...f, items: [...f.items, emptyCartLine(data.weightUnit, data.lengthUnit)] }))}>{t("addItem")}</Button>
                  <Button variant="primary" onClick={submit} loading={run.state !== "idle"}>{t("getRates")}</Button>
                </InlineStack>
              </BlockStack>
            </Card>
            {run.data && !run.data.ok && run.data.message && <Banner tone="critical">{t(`failure.${run.data.message === "unknown_shop" ? "unknown_shop" : "form_unreadable"}`)}</Banner>}
            {warnings.length > 0 && (
              <Banner tone="warning" title={t("warningsTitle")}>
                <List>
                  {warnings.map((w, i) => (
                    <List.Item key={i}>{w.key === "no_weight" ? t("warnings.no_weight", { item: w.item || t("warnings.anItem") }) : t("warnings.no_postal_code")}</List.Item>
                  ))}
                </List>
              </Banner>
            )}
            {run.data?.ok && <ShippingTestResults currency={run.data.currency} result={run.data.result} names={run.data.names} weightUnit={data.weightUnit} lengthUnit={data.lengthUnit} />}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function CartLine({ index, line, currency, errors, onChange, onRemove }: { index: number; line: CartLineForm; currency: string; errors: FieldError[]; onChange: (p: Partial<CartLineForm>) => void; onRemove: () => void }) {
  const { t } = useTranslation("testShipping");
  const at = `items[${index}]`;
  const tf = (key: "name" | "sku" | "quantity" | "weight" | "price" | "length" | "width" | "height", label: string) => {
    const props = { label, value: line[key], onChange: (v: string) => onChange({ [key]: v }), error: errorAt(errors, `${at}.${key}`) };
    return key === "name" || key === "sku" || key === "quantity" ? <TextField autoComplete="off" {...props} /> : <DecimalField {...props} />;
  };
  return (
    <BlockStack gap="200">
      <InlineGrid columns={{ xs: 2, md: 6 }} gap="200" alignItems="end">
        {tf("name", t("item"))}
        {tf("sku", t("sku"))}
        {tf("quantity", t("quantity"))}
        {tf("weight", t("weightEach", { unit: line.weightUnit }))}
        {tf("price", t("priceEach", { currency }))}
        <Button onClick={onRemove}>{t("common:remove")}</Button>
      </InlineGrid>
      <InlineGrid columns={{ xs: 2, md: 6 }} gap="200" alignItems="end">
        {tf("length", t("length", { unit: line.lengthUnit }))}
        {tf("width", t("width", { unit: line.lengthUnit }))}
        {tf("height", t("height", { unit: line.lengthUnit }))}
        <Select label={t("weightUnit")} options={["kg", "lb"]} value={line.weightUnit} onChange={(v) => onChange({ weightUnit: v as CartLineForm["weightUnit"] })} />
        <Select label={t("lengthUnit")} options={["cm", "in"]} value={line.lengthUnit} onChange={(v) => onChange({ lengthUnit: v as CartLineForm["lengthUnit"] })} />
        <Text as="span" tone="subdued">{line.variantId ? t("productLine") : t("typedLine")}</Text>
      </InlineGrid>
    </BlockStack>
  );
}
