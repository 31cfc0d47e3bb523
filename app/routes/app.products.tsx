// Product data: the shop's variants with the shipping data rating needs (weight, dimensions) and customs data
// (HS code, country of origin), plus warnings about variants that will be rated badly.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Badge, Banner, BlockStack, Button, Card, EmptyState, FormLayout, IndexTable, InlineStack, List, Page, Select, Text, TextField } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { authenticate } from "~/shopify.server";
import { type ProductSaveResult, loadProductsPage, saveProductData } from "~/services/product-data.server";
import { type FieldError, errorAt, zodFieldErrors } from "~/lib/field-errors";
import { formatLengthField, formatWeightField } from "~/admin/forms/form-units";
import { formatGrams } from "~/lib/format";
import { UnsavedChanges } from "~/admin/ui/UnsavedChanges";
import { useFieldErrors } from "~/admin/ui/use-field-errors";
import { type ProductForm, ProductFormSchema, type VariantRow, effectiveGrams, variantTitle } from "~/admin/forms/product-data";

const EMPTY_STATE_IMAGE = "https://cdn.shopify.com/s/files/1/0262/4071/2726/files/emptystate-files.png";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session, admin } = await authenticate.admin(request);
  return json(await loadProductsPage(session.shop, admin));
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const body = await request.json().catch(() => null);
  const parsed = ProductFormSchema.safeParse(body);
  if (!parsed.success) {
    if (body && typeof body === "object") return json<ProductSaveResult>({ ok: false, errors: zodFieldErrors(parsed.error) }, { status: 422 });
    return json<ProductSaveResult>({ ok: false, message: "The form could not be read; reload the page." }, { status: 400 });
  }
  const result = await saveProductData(session.shop, parsed.data);
  return json<ProductSaveResult>(result, { status: result.ok ? 200 : "errors" in result ? 422 : 404 });
};

function toForm(v: VariantRow, lengthUnit: "cm" | "in", weightUnit: "kg" | "lb"): ProductForm {
  const d = v.data;
  return {
    productId: v.productId,
    variantId: v.variantId,
    title: variantTitle(v),
    sku: v.sku,
    lengthUnit,
    weightUnit,
    length: formatLengthField(d?.dimensionsMm?.l, lengthUnit),
    width: formatLengthField(d?.dimensionsMm?.w, lengthUnit),
    height: formatLengthField(d?.dimensionsMm?.h, lengthUnit),
    weight: formatWeightField(d?.weightGrams, weightUnit),
    hsCode: d?.hsCode ?? "",
    countryOfOrigin: d?.countryOfOrigin ?? "",
  };
}

export default function Products() {
  const { rows, units, warnings, error } = useLoaderData<typeof loader>();
  const [opened, setOpened] = useState<ProductForm | null>(null);
  const [editing, setEditing] = useState<ProductForm | null>(null);
  const save = useFetcher<ProductSaveResult>();
  const result = save.state === "idle" ? save.data : undefined;
  const errors: FieldError[] = useFieldErrors(result && !result.ok && "errors" in result ? result.errors : undefined, editing);
  const open = (form: ProductForm | null) => {
    setOpened(form);
    setEditing(form);
  };
  useEffect(() => {
    if (result?.ok) open(null);
  }, [result]);
  const submit = () => editing && save.submit(JSON.stringify(editing), { method: "post", encType: "application/json" });
  const dirty = JSON.stringify(editing) !== JSON.stringify(opened);
  const field = (key: "length" | "width" | "height" | "weight" | "hsCode" | "countryOfOrigin", label: string, helpText?: string) =>
    editing && <TextField label={label} autoComplete="off" value={editing[key]} onChange={(v) => setEditing({ ...editing, [key]: v })} error={errorAt(errors, key)} helpText={helpText} />;
  const dims = (v: VariantRow) => {
    const d = v.data?.dimensionsMm;
    return d ? `${formatLengthField(d.l, units.lengthUnit)} × ${formatLengthField(d.w, units.lengthUnit)} × ${formatLengthField(d.h, units.lengthUnit)} ${units.lengthUnit}` : "—";
  };
  const byKind = (kind: string) => warnings.filter((w) => w.kind === kind);

  return (
    <Page>
      <TitleBar title="Product data" />
      <UnsavedChanges id="product-save-bar" dirty={dirty} saving={save.state !== "idle"} onSave={submit} onDiscard={() => setEditing(opened)} />
      <BlockStack gap="400">
        {error && (
          <Banner tone="critical" title="Products could not be loaded from Shopify">
            <p>{error}</p>
          </Banner>
        )}
        {result && !result.ok && "message" in result && <Banner tone="critical">{result.message}</Banner>}
        {result?.ok && <Banner tone="success" title="Saved. Checkout uses the new data from now on." />}
        {warnings.length > 0 && (
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">Needs attention</Text>
              {[
                ["no_weight", "No weight"],
                ["oversize", "Over 11 inches on a side"],
                ["no_dimensions", "No dimensions"],
                ["no_customs", "No HS code or country of origin (landed cost)"],
              ].map(([kind, title]) =>
                byKind(kind).length === 0 ? null : (
                  <BlockStack gap="100" key={kind}>
                    <Text as="h3" variant="headingSm">{`${title} (${byKind(kind).length})`}</Text>
                    <Text as="p" tone="subdued">{byKind(kind)[0].message}</Text>
                    <List>
                      {byKind(kind).slice(0, 20).map((w) => (
                        <List.Item key={w.variantId}>{w.title}</List.Item>
                      ))}
                    </List>
                    {byKind(kind).length > 20 && <Text as="p" tone="subdued">{`and ${byKind(kind).length - 20} more`}</Text>}
                  </BlockStack>
                ),
              )}
            </BlockStack>
          </Card>
        )}
        {editing && (
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">{editing.title}</Text>
              <FormLayout>
                <FormLayout.Group condensed>
                  <Select label="Sizes in" options={["cm", "in"]} value={editing.lengthUnit} onChange={(v) => setEditing({ ...editing, lengthUnit: v as ProductForm["lengthUnit"] })} />
                  {field("length", "Length")}
                  {field("width", "Width")}
                  {field("height", "Height")}
                </FormLayout.Group>
                <FormLayout.Group condensed>
                  <Select label="Weight in" options={["kg", "lb"]} value={editing.weightUnit} onChange={(v) => setEditing({ ...editing, weightUnit: v as ProductForm["weightUnit"] })} />
                  {field("weight", "Shipping weight", "Leave empty to use Shopify's weight.")}
                  {field("hsCode", "HS code", "6 to 10 digits, e.g. 6109.10")}
                  {field("countryOfOrigin", "Country of origin", "Two-letter code, e.g. PT")}
                </FormLayout.Group>
              </FormLayout>
              <InlineStack gap="200">
                <Button variant="primary" onClick={submit} loading={save.state !== "idle"}>Save</Button>
                <Button onClick={() => open(null)}>Cancel</Button>
              </InlineStack>
            </BlockStack>
          </Card>
        )}
        <Card padding="0">
          {rows.length === 0 ? (
            <EmptyState heading="No products" image={EMPTY_STATE_IMAGE}>
              <p>{error ? "Products appear here once Shopify answers." : "Add products in Shopify to give them shipping data."}</p>
            </EmptyState>
          ) : (
            <IndexTable
              resourceName={{ singular: "variant", plural: "variants" }}
              itemCount={rows.length}
              selectable={false}
              headings={[{ title: "Variant" }, { title: "SKU" }, { title: "Weight" }, { title: "Dimensions" }, { title: "HS code" }, { title: "Origin" }, { title: "" }]}
            >
              {rows.map((v, i) => (
                <IndexTable.Row id={v.variantId} key={v.variantId} position={i}>
                  <IndexTable.Cell>{variantTitle(v)}</IndexTable.Cell>
                  <IndexTable.Cell>{v.sku ?? ""}</IndexTable.Cell>
                  <IndexTable.Cell>{effectiveGrams(v) > 0 ? formatGrams(effectiveGrams(v), units.weightUnit) : <Badge tone="critical">none</Badge>}</IndexTable.Cell>
                  <IndexTable.Cell>{dims(v)}</IndexTable.Cell>
                  <IndexTable.Cell>{v.data?.hsCode ?? ""}</IndexTable.Cell>
                  <IndexTable.Cell>{v.data?.countryOfOrigin ?? ""}</IndexTable.Cell>
                  <IndexTable.Cell>
                    <Button variant="plain" onClick={() => open(toForm(v as VariantRow, units.lengthUnit, units.weightUnit))}>Edit</Button>
                  </IndexTable.Cell>
                </IndexTable.Row>
              ))}
            </IndexTable>
          )}
        </Card>
      </BlockStack>
    </Page>
  );
}
