/** @jsxImportSource preact */
// Under each shipping option (purchase.checkout.shipping-option-item.render-after): the landed-cost breakdown
// and delivery promise of a Waypost rate. Renders nothing until, and unless, the backend's answer fits the option.
import type { Api } from "@shopify/ui-extensions/purchase.checkout.shipping-option-item.render-after";
import { asksBackend, optionView, requestBody } from "./logic";
import { chargesLine, deliveryLine } from "./format";
import { useRateDetails } from "./use-rate-details";

const api = () => (globalThis as unknown as { shopify: Api }).shopify;

export function ShippingOptionBreakdown() {
  const shopify = api();
  const option = shopify.target.value;
  const body = asksBackend(option) ? requestBody(shopify.localization.country.value?.isoCode, shopify.lines.value, option.code) : null;
  const answer = useRateDetails(body, () => shopify.sessionToken.get());
  const view = body && asksBackend(option) ? optionView(option, answer) : null;
  if (!view) return null;
  const charges = chargesLine(shopify.i18n, view);
  const delivery = deliveryLine(shopify.i18n, view.delivery);
  return (
    <s-stack direction="block" gap="none">
      {charges && <s-text color="subdued">{charges}</s-text>}
      {delivery && <s-text color="subdued">{delivery}</s-text>}
    </s-stack>
  );
}
