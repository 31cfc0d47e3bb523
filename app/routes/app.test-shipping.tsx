// "Test your shipping": a destination and a cart in, the rates a shopper would see out, with the full trace of how
// each price came to be (zone, packages, sources, rule steps, fallbacks).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { Badge, Banner, BlockStack, Button, Card, DataTable, FormLayout, InlineGrid, InlineStack, Layout, List, Page, Select, Text, TextField } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { authenticate } from "~/shopify.server";
import { type ShippingTestOutcome, loadTestShippingPage, runShippingTest } from "~/services/test-shipping-page.server";
import type { RateShopResult } from "~/services/rating/rate-shop";
import { LandedCostBreakdown } from "~/components/LandedCostBreakdown";
import { countryOptions } from "~/lib/countries";
import { cartWarnings } from "~/admin/forms/test-cart-warnings";
import { type FieldError, errorAt, zodFieldErrors } from "~/lib/field-errors";
import { formatWeightField } from "~/admin/forms/form-units";
import { formatDeliveryWindow, formatGrams, formatMoney, formatShopifyPrice } from "~/lib/format";
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
    return json<ShippingTestOutcome>({ ok: false, errors: [], message: "The form could not be read; reload the page." }, { status: 400 });
  }
  const outcome = await runShippingTest(session.shop, parsed.data);
  return json<ShippingTestOutcome>(outcome, { status: outcome.ok ? 200 : 422 });
};

export default function TestShipping() {
  const data = useLoaderData<typeof loader>();
  const run = useFetcher<ShippingTestOutcome>();
  const [form, setForm] = useState<TestCartForm>({
    destination: { country: data.originCountry, province: "", postalCode: "", city: "" },
    items: [emptyCartLine(data.weightUnit, data.lengthUnit)],
  });
  const [pick, setPick] = useState("");
  const errors = run.data && !run.data.ok ? run.data.errors : [];
  const setDest = (key: keyof TestCartForm["destination"], value: string) => setForm((f) => ({ ...f, destination: { ...f.destination, [key]: value } }));
  const setLine = (i: number, patch: Partial<CartLineForm>) => setForm((f) => ({ ...f, items: f.items.map((l, j) => (j === i ? { ...l, ...patch } : l)) }));
  const addProduct = (variantId: string) => {
    const p = data.products.find((x) => x.variantId === variantId);
    if (!p) return;
    const line = { ...emptyCartLine(data.weightUnit, data.lengthUnit), name: p.title, sku: p.sku ?? "", variantId: p.variantId, weight: formatWeightField(p.grams, data.weightUnit) };
    setForm((f) => ({ ...f, items: [...f.items.filter((l) => l.name || l.weight || l.price), line] }));
    setPick("");
  };
  const [sent, setSent] = useState<typeof form | null>(null);
  const submit = () => {
    setSent(form);
    run.submit(JSON.stringify(form), { method: "post", encType: "application/json" });
  };
  const warnings = run.data?.ok && sent ? cartWarnings(sent) : [];

  return (
    <Page title="Test your shipping">
      <TitleBar title="Test your shipping" />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {data.productsError && (
              <Banner tone="warning" title="Products could not be loaded">
                <p>{data.productsError} You can still type items by hand.</p>
              </Banner>
            )}
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">Destination</Text>
                <FormLayout>
                  <FormLayout.Group>
                    <Select label="Country" options={countryOptions()} value={form.destination.country} onChange={(v) => setDest("country", v)} error={errorAt(errors, "destination.country")} />
                    <TextField label="Province or state code" autoComplete="off" value={form.destination.province} onChange={(v) => setDest("province", v)} placeholder="CA, ON, SP" />
                  </FormLayout.Group>
                  <FormLayout.Group>
                    <TextField label="Postal code" autoComplete="off" value={form.destination.postalCode} onChange={(v) => setDest("postalCode", v)} />
                    <TextField label="City" autoComplete="off" value={form.destination.city} onChange={(v) => setDest("city", v)} />
                  </FormLayout.Group>
                </FormLayout>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">Cart</Text>
                {data.products.length > 0 && (
                  <Select
                    label="Add a product"
                    options={[{ label: "Choose a product…", value: "" }, ...data.products.map((p) => ({ label: p.sku ? `${p.title} (${p.sku})` : p.title, value: p.variantId }))]}
                    value={pick}
                    onChange={addProduct}
                  />
                )}
                {form.items.map((line, i) => (
                  <CartLine key={i} index={i} line={line} currency={data.currency} errors={errors} onChange={(patch) => setLine(i, patch)} onRemove={() => setForm((f) => ({ ...f, items: f.items.filter((_, j) => j !== i) }))} />
                ))}
                {errorAt(errors, "items") && <Text as="p" tone="critical">{errorAt(errors, "items")}</Text>}
                <InlineStack gap="200">
                  <Button onClick={() => setForm((f) => ({ ...f, items: [...f.items, emptyCartLine(data.weightUnit, data.lengthUnit)] }))}>Add item</Button>
                  <Button variant="primary" onClick={submit} loading={run.state !== "idle"}>Get rates</Button>
                </InlineStack>
              </BlockStack>
            </Card>
            {run.data && !run.data.ok && run.data.message && <Banner tone="critical">{run.data.message}</Banner>}
            {warnings.length > 0 && (
              <Banner tone="warning" title="These rates may not match checkout">
                <List>
                  {warnings.map((w) => (
                    <List.Item key={w}>{w}</List.Item>
                  ))}
                </List>
              </Banner>
            )}
            {run.data?.ok && <Results currency={run.data.currency} result={run.data.result} />}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function CartLine({ index, line, currency, errors, onChange, onRemove }: { index: number; line: CartLineForm; currency: string; errors: FieldError[]; onChange: (p: Partial<CartLineForm>) => void; onRemove: () => void }) {
  const at = `items[${index}]`;
  const tf = (key: "name" | "sku" | "quantity" | "weight" | "price" | "length" | "width" | "height", label: string) => (
    <TextField label={label} autoComplete="off" value={line[key]} onChange={(v) => onChange({ [key]: v })} error={errorAt(errors, `${at}.${key}`)} />
  );
  return (
    <BlockStack gap="200">
      <InlineGrid columns={{ xs: 2, md: 6 }} gap="200" alignItems="end">
        {tf("name", "Item")}
        {tf("sku", "SKU")}
        {tf("quantity", "Quantity")}
        {tf("weight", `Weight each (${line.weightUnit})`)}
        {tf("price", `Price each (${currency})`)}
        <Button onClick={onRemove}>Remove</Button>
      </InlineGrid>
      <InlineGrid columns={{ xs: 2, md: 6 }} gap="200" alignItems="end">
        {tf("length", `Length (${line.lengthUnit})`)}
        {tf("width", `Width (${line.lengthUnit})`)}
        {tf("height", `Height (${line.lengthUnit})`)}
        <Select label="Weight unit" options={["kg", "lb"]} value={line.weightUnit} onChange={(v) => onChange({ weightUnit: v as CartLineForm["weightUnit"] })} />
        <Select label="Length unit" options={["cm", "in"]} value={line.lengthUnit} onChange={(v) => onChange({ lengthUnit: v as CartLineForm["lengthUnit"] })} />
        <Text as="span" tone="subdued">{line.variantId ? "Product: stored dimensions apply when left empty" : "Typed item"}</Text>
      </InlineGrid>
    </BlockStack>
  );
}

function Results({ currency, result }: { currency: string; result: RateShopResult }) {
  const { rates, trace } = result;
  const money = (m: { amount: number; currency: string } | null) => (m ? formatMoney(m.amount, m.currency) : "—");
  return (
    <BlockStack gap="400">
      {trace.zone === null ? (
        <Banner tone="warning" title="No zone matches this address: shoppers there see no Waypost rates">
          <p>Add the country, province or postal code to a zone in Zones and rates.</p>
        </Banner>
      ) : (
        <Card>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">What the shopper sees at checkout</Text>
            {rates.length === 0 ? (
              <Text as="p" tone="subdued">No rates: every service of “{trace.zone.name}” is disabled, hidden by a condition or has no price. The trace below says why.</Text>
            ) : (
              <DataTable
                columnContentTypes={["text", "text", "text", "numeric"]}
                headings={["Service", "Description", "Delivery", "Price"]}
                rows={rates.map((r) => [r.service_name, r.description, formatDeliveryWindow(r.min_delivery_date, r.max_delivery_date), formatShopifyPrice(r.total_price, r.currency || currency)])}
              />
            )}
          </BlockStack>
        </Card>
      )}
      {trace.zone && (
        <Card>
          <BlockStack gap="400">
            <InlineStack align="space-between">
              <Text as="h2" variant="headingMd">How these rates were found</Text>
              <Text as="span" tone="subdued">{`${trace.totalMs} ms`}</Text>
            </InlineStack>
            <Text as="p">
              Zone: <b>{trace.zone.name}</b> (matched {trace.zone.region})
            </Text>
            <BlockStack gap="200">
              <Text as="h3" variant="headingSm">Packages</Text>
              <List>
                {trace.packages.map((p, i) => (
                  <List.Item key={i}>
                    {`${p.boxName}: ${Math.round(p.dimensionsMm.l)} × ${Math.round(p.dimensionsMm.w)} × ${Math.round(p.dimensionsMm.h)} mm, ${formatGrams(p.grams)}; billed as ${formatGrams(p.billableGrams)}. ${p.explanation}`}
                  </List.Item>
                ))}
              </List>
              {trace.packingNotes.length > 0 && (
                <List>
                  {trace.packingNotes.map((n, i) => (
                    <List.Item key={i}>{n}</List.Item>
                  ))}
                </List>
              )}
            </BlockStack>
            <BlockStack gap="200">
              <Text as="h3" variant="headingSm">Rate sources</Text>
              {trace.sources.map((s) => (
                <BlockStack gap="100" key={s.sourceId}>
                  <InlineStack gap="200" blockAlign="center">
                    <Text as="span" fontWeight="semibold">{s.sourceId}</Text>
                    <Badge tone={s.outcome === "ok" ? "success" : s.outcome === "unavailable" ? "attention" : "critical"}>{s.outcome}</Badge>
                    <Text as="span" tone="subdued">{`${s.latencyMs} ms${s.cached ? " · from cache" : ""}`}</Text>
                  </InlineStack>
                  {s.messages.map((m, i) => (
                    <Text as="p" key={i} tone={m.level === "error" ? "critical" : "caution"}>{`${m.code}: ${m.message}`}</Text>
                  ))}
                </BlockStack>
              ))}
            </BlockStack>
            <BlockStack gap="300">
              <Text as="h3" variant="headingSm">Services</Text>
              {trace.services.map((s) => (
                <BlockStack gap="100" key={s.code}>
                  <InlineStack gap="200" blockAlign="center">
                    <Text as="span" fontWeight="semibold">{`${s.name} (${s.code})`}</Text>
                    {s.fallbackUsed && <Badge tone="warning">fallback price used</Badge>}
                    {s.finalPrice === null && <Badge tone="critical">not shown</Badge>}
                    {s.quoteDetails?.pricing !== undefined && (
                      <Badge tone={s.quoteDetails.pricing === "negotiated" ? "success" : "attention"}>{String(s.quoteDetails.pricing)}</Badge>
                    )}
                  </InlineStack>
                  {(s.quoteDetails?.billingWeight !== undefined || s.carrierDeliveryDate) && (
                    <Text as="p" tone="subdued">
                      {[
                        s.quoteDetails?.billingWeight !== undefined ? `Billing weight ${s.quoteDetails.billingWeight}` : "",
                        s.carrierDeliveryDate ? `carrier's delivery date ${s.carrierDeliveryDate} (before processing days)` : "",
                        s.quoteDetails?.address === "residential" ? "quoted as a residential delivery (shoppers are mostly at home; UPS adds its surcharge)" : "",
                      ]
                        .filter(Boolean)
                        .join(" · ")}
                    </Text>
                  )}
                  <Text as="p" tone="subdued">{`Source price ${money(s.sourcePrice)} → final ${money(s.finalPrice)}${s.hiddenReason ? ` · ${s.hiddenReason}` : ""}`}</Text>
                  {s.rules.length > 0 && (
                    <List type="number">
                      {s.rules.map((r, i) => (
                        <List.Item key={i}>{`${r.step}: ${r.detail}`}</List.Item>
                      ))}
                    </List>
                  )}
                </BlockStack>
              ))}
            </BlockStack>
            {trace.landedCost.length > 0 && <LandedCostBreakdown entries={trace.landedCost} />}
          </BlockStack>
        </Card>
      )}
    </BlockStack>
  );
}
