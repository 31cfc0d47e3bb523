/** @jsxImportSource preact */
// After purchase (thank-you and order-status blocks): what was prepaid and what is due on delivery.
import type { Api as ThankYouApi } from "@shopify/ui-extensions/purchase.thank-you.block.render";
import type { Api as OrderStatusApi } from "@shopify/ui-extensions/customer-account.order-status.block.render";
import { requestBody, selectedCode, summaryView } from "./logic";
import { summaryLines } from "./format";
import { useRateDetails } from "./use-rate-details";

const api = <T,>() => (globalThis as unknown as { shopify: T }).shopify;

/** Thank-you page: the chosen option's code is known from the delivery groups. */
export function ThankYouSummary() {
  const shopify = api<ThankYouApi>();
  const code = selectedCode(shopify.deliveryGroups.value);
  const body = code ? requestBody(shopify.localization.country.value?.isoCode, shopify.lines.value, code) : null;
  const answer = useRateDetails(body, () => shopify.sessionToken.get());
  const view = summaryView(answer, { code, shipping: shopify.cost.totalShippingAmount.value });
  return view ? <Summary lines={summaryLines(shopify.i18n, view)} heading={shopify.i18n.translate("summary.heading")} /> : null;
}

/**
 * Order status: no delivery groups here, so the entry is the one whose price equals the order's shipping. The
 * country comes from the shipping address, which needs protected customer data access; without it, nothing shows.
 */
export function OrderStatusSummary() {
  const shopify = api<OrderStatusApi>();
  const body = requestBody(shopify.shippingAddress?.value?.countryCode, shopify.lines.value);
  const answer = useRateDetails(body, () => shopify.sessionToken.get());
  const view = summaryView(answer, { shipping: shopify.cost.totalShippingAmount.value });
  return view ? <Summary lines={summaryLines(shopify.i18n, view)} heading={shopify.i18n.translate("summary.heading")} /> : null;
}

function Summary({ heading, lines }: { heading: string; lines: string[] }) {
  return (
    <s-stack direction="block" gap="small-200">
      <s-heading>{heading}</s-heading>
      {lines.map((line) => (
        <s-text key={line}>{line}</s-text>
      ))}
    </s-stack>
  );
}
