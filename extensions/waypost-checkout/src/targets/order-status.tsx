/** @jsxImportSource preact */
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { OrderStatusSummary } from "../OrderSummary";

export default async () => {
  render(<OrderStatusSummary />, document.body);
};
