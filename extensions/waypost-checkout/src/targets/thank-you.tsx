/** @jsxImportSource preact */
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { ThankYouSummary } from "../OrderSummary";

export default async () => {
  render(<ThankYouSummary />, document.body);
};
