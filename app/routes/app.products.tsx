// Product data: the shop's variants with the shipping data rating needs (weight, dimensions) and customs data
// (HS code, country of origin), plus warnings about variants that will be rated badly.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigate, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Badge, Banner, BlockStack, Box, Button, Card, EmptyState, FormLayout, IndexTable, InlineStack, List, Page, Pagination, Select, Text, TextField } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { useTranslation } from "react-i18next";
import { authenticate } from "~/shopify.server";
import { useFormat, useTranslatedErrors } from "~/i18n/hooks";
import { type ProductSaveResult, VariantPageSchema, loadProductsPage, saveProductData } from "~/services/product-data.server";
import { type FieldError, errorAt, zodFieldErrors } from "~/lib/field-errors";
import { formatLengthField, formatWeightField } from "~/admin/forms/form-units";
import { UnsavedChanges } from "~/admin/ui/UnsavedChanges";
import { useFieldErrors } from "~/admin/ui/use-field-errors";
import { type ProductForm, ProductFormSchema, type VariantRow, effectiveGrams, variantTitle } from "~/admin/forms/product-data";
import { DecimalField } from "~/admin/ui/DecimalField";

const EMPTY_STATE_IMAGE = "https://cdn.shopify.com/s/files/1/0262/4071/2726/files/emptystate-files.png";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session, admin } = await authenticate.admin(request);
  const params = new URL(request.url).searchParams;
  const page = VariantPageSchema.safeParse({ after: params.get("after") ?? undefined, before: params.get("before") ?? undefined });
  if (!page.success) throw json({ message: "page_cursor_invalid" }, { status: 400 });
  return json(await loadProductsPage(session.shop, admin, page.data));
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const body = await request.json().catch(() => null);
  const parsed = ProductFormSchema.safeParse(body);
  if (!parsed.success) {
    if (body && typeof body === "object") return json<ProductSaveResult>({ ok: false, errors: zodFieldErrors(parsed.error) }, { status: 422 });
    return json<ProductSaveResult>({ ok: false, message: "form_unreadable" }, { status: 400 });
  }
  const result = await saveProductData(session.shop, parsed.data);
  return json<ProductSaveResult>(result, { status: result.ok ? 200 : "errors" in result ? 422 : 404 });
};

/** The editor opens in the shop's length unit and the variant's own Shopify weight unit (else the shop's). */
function toForm(v: VariantRow, lengthUnit: "cm" | "in", shopWeightUnit: "kg" | "lb"): ProductForm {
  const d = v.data;
  const weightUnit = v.shopifyWeightUnit ?? shopWeightUnit;
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
  const { rows, units, pageInfo, warnings, error } = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  // Shopify's cursors carry no page number; the URL keeps one for the label only.
  const [search] = useSearchParams();
  const pageNumber = Math.max(1, Number.parseInt(search.get("page") ?? "1", 10) || 1);
  const { t } = useTranslation("products");
  const fmt = useFormat();
  const [opened, setOpened] = useState<ProductForm | null>(null);
  const [editing, setEditing] = useState<ProductForm | null>(null);
  const save = useFetcher<ProductSaveResult>();
  const result = save.state === "idle" ? save.data : undefined;
  const errors: FieldError[] = useTranslatedErrors(useFieldErrors(result && !result.ok && "errors" in result ? result.errors : undefined, editing), { currency: "USD", weightUnit: editing?.weightUnit ?? units.weightUnit });
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
    editing && (key === "hsCode" || key === "countryOfOrigin"
      ? <TextField label={label} autoComplete="off" value={editing[key]} onChange={(v) => setEditing({ ...editing, [key]: v })} error={errorAt(errors, key)} helpText={helpText} />
      : <DecimalField label={label} value={editing[key]} onChange={(v) => setEditing({ ...editing, [key]: v })} error={errorAt(errors, key)} helpText={helpText} />);
  const dims = (v: VariantRow) => {
    const d = v.data?.dimensionsMm;
    return d ? fmt.dimensions(d, units.lengthUnit) : "—";
  };
  const byKind = (kind: string) => warnings.filter((w) => w.kind === kind);

  return (
    <Page>
      <TitleBar title={t("title")} />
      <UnsavedChanges id="product-save-bar" dirty={dirty} saving={save.state !== "idle"} onSave={submit} onDiscard={() => setEditing(opened)} />
      <BlockStack gap="400">
        {error && (
          <Banner tone="critical" title={t("loadFailed")}>
            <p>{t(`loadFailedHelp.${error}`)}</p>
          </Banner>
        )}
        {result && !result.ok && "message" in result && <Banner tone="critical">{t(`failure.${result.message === "form_unreadable" ? "form_unreadable" : "not_found"}`)}</Banner>}
        {result?.ok && <Banner tone="success" title={t("saved")} />}
        {warnings.length > 0 && (
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">{t("needsAttention")}</Text>
              {["no_weight", "oversize", "no_dimensions", "no_customs"].map((kind) =>
                byKind(kind).length === 0 ? null : (
                  <BlockStack gap="100" key={kind}>
                    <Text as="h3" variant="headingSm">{t(`warnings.${kind}.title`, { count: byKind(kind).length })}</Text>
                    <Text as="p" tone="subdued">{t(`warnings.${kind}.body`)}</Text>
                    <List>
                      {byKind(kind).slice(0, 20).map((w) => (
                        <List.Item key={w.variantId}>{w.missing?.length ? t("warnings.missing", { title: w.title, what: w.missing.map((m) => t(`warnings.lacks.${m}`)).join(t("warnings.or")) }) : w.title}</List.Item>
                      ))}
                    </List>
                    {byKind(kind).length > 20 && <Text as="p" tone="subdued">{t("warnings.more", { count: byKind(kind).length - 20 })}</Text>}
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
                  <Select label={t("sizesIn")} options={["cm", "in"]} value={editing.lengthUnit} onChange={(v) => setEditing({ ...editing, lengthUnit: v as ProductForm["lengthUnit"] })} />
                  {field("length", t("length"))}
                  {field("width", t("width"))}
                  {field("height", t("height"))}
                </FormLayout.Group>
                <FormLayout.Group condensed>
                  <Select label={t("weightIn")} options={["kg", "lb"]} value={editing.weightUnit} onChange={(v) => setEditing({ ...editing, weightUnit: v as ProductForm["weightUnit"] })} />
                  {field("weight", t("weight"), t("weightHelp"))}
                  {field("hsCode", t("hsCode"), t("hsCodeHelp"))}
                  {field("countryOfOrigin", t("countryOfOrigin"), t("countryOfOriginHelp"))}
                </FormLayout.Group>
              </FormLayout>
              <InlineStack gap="200">
                <Button variant="primary" onClick={submit} loading={save.state !== "idle"}>{t("common:save")}</Button>
                <Button onClick={() => open(null)}>{t("common:cancel")}</Button>
              </InlineStack>
            </BlockStack>
          </Card>
        )}
        <Card padding="0">
          {rows.length === 0 ? (
            <EmptyState heading={t("emptyHeading")} image={EMPTY_STATE_IMAGE}>
              <p>{error ? t("emptyWaiting") : t("emptyBody")}</p>
            </EmptyState>
          ) : (
            <IndexTable
              resourceName={{ singular: t("resourceSingular"), plural: t("resourcePlural") }}
              itemCount={rows.length}
              selectable={false}
              headings={[{ title: t("colVariant") }, { title: t("colSku") }, { title: t("colWeight") }, { title: t("colDimensions") }, { title: t("colHsCode") }, { title: t("colOrigin") }, { title: "" }]}
            >
              {rows.map((v, i) => (
                <IndexTable.Row id={v.variantId} key={v.variantId} position={i}>
                  <IndexTable.Cell>{variantTitle(v)}</IndexTable.Cell>
                  <IndexTable.Cell>{v.sku ?? ""}</IndexTable.Cell>
                  <IndexTable.Cell>{effectiveGrams(v) > 0 ? fmt.weight(effectiveGrams(v), units.weightUnit) : <Badge tone="critical">{t("noWeight")}</Badge>}</IndexTable.Cell>
                  <IndexTable.Cell>{dims(v)}</IndexTable.Cell>
                  <IndexTable.Cell>{v.data?.hsCode ?? ""}</IndexTable.Cell>
                  <IndexTable.Cell>{v.data?.countryOfOrigin ?? ""}</IndexTable.Cell>
                  <IndexTable.Cell>
                    <Button variant="plain" onClick={() => open(toForm(v as VariantRow, units.lengthUnit, units.weightUnit))}>{t("edit")}</Button>
                  </IndexTable.Cell>
                </IndexTable.Row>
              ))}
            </IndexTable>
          )}
          {(pageInfo.hasNextPage || pageInfo.hasPreviousPage) && (
            <Box padding="300" borderBlockStartWidth="025" borderColor="border">
              <InlineStack align="center">
                <Pagination
                  label={t("pageLabel", { page: pageNumber })}
                  hasPrevious={pageInfo.hasPreviousPage}
                  hasNext={pageInfo.hasNextPage}
                  onPrevious={() => pageInfo.startCursor && navigate(`?before=${encodeURIComponent(pageInfo.startCursor)}&page=${pageNumber - 1}`)}
                  onNext={() => pageInfo.endCursor && navigate(`?after=${encodeURIComponent(pageInfo.endCursor)}&page=${pageNumber + 1}`)}
                  previousTooltip={t("pagePrevious")}
                  nextTooltip={t("pageNext")}
                />
              </InlineStack>
            </Box>
          )}
        </Card>
      </BlockStack>
    </Page>
  );
}
