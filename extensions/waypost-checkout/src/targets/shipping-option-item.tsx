/** @jsxImportSource preact */
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { ShippingOptionBreakdown } from "../ShippingOptionBreakdown";

export default async () => {
  render(<ShippingOptionBreakdown />, document.body);
};
