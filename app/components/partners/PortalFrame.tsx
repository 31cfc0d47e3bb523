// The partner portal's frame: Polaris outside the Shopify admin, with the portal's navigation and sign-out.
import { useState, type ReactNode } from "react";
import { Form, Link } from "@remix-run/react";
import { AppProvider, BlockStack, Box, Button, InlineStack, Page, Select, Text, TextField } from "@shopify/polaris";
import polarisTranslations from "@shopify/polaris/locales/en.json";

export function PortalFrame(props: { title: string; session?: { providerName: string; publicId: string; csrfToken: string } | null; children: ReactNode }) {
  return (
    <AppProvider i18n={polarisTranslations}>
      <Page title={props.title} subtitle={props.session ? `${props.session.providerName} · partner id ${props.session.publicId}` : "Waypost partner portal"}>
        <BlockStack gap="400">
          {props.session ? (
            <InlineStack gap="400" blockAlign="center">
              <Link to="/partners/orders">Orders</Link>
              <Link to="/partners/links">Linked shops</Link>
              <Link to="/partners/keys">API keys</Link>
              <Link to="/partners/account">Account</Link>
              <Form method="post" action="/partners/logout">
                <input type="hidden" name="csrf" value={props.session.csrfToken} />
                <Button submit variant="plain">
                  Sign out
                </Button>
              </Form>
            </InlineStack>
          ) : null}
          <Box>{props.children}</Box>
        </BlockStack>
      </Page>
    </AppProvider>
  );
}

/** A Polaris text field that posts with its form (keeps its own state). */
export function Field(props: { name: string; label: string; type?: "text" | "email" | "password" | "url"; initial?: string; autoComplete?: string; helpText?: string; error?: string }) {
  const [value, setValue] = useState(props.initial ?? "");
  return (
    <TextField
      name={props.name}
      label={props.label}
      type={props.type ?? "text"}
      value={value}
      onChange={setValue}
      autoComplete={props.autoComplete ?? "off"}
      helpText={props.helpText}
      error={props.error}
    />
  );
}

/** A Polaris select that posts with its form (keeps its own state), so portal forms look like the rest. */
export function Choice(props: { name: string; label: string; options: { label: string; value: string }[]; initial?: string }) {
  const [value, setValue] = useState(props.initial ?? props.options[0]?.value ?? "");
  return <Select name={props.name} label={props.label} options={props.options} value={value} onChange={setValue} />;
}

export const Csrf = ({ token }: { token: string }) => <input type="hidden" name="csrf" value={token} />;

export function Heading({ children }: { children: ReactNode }) {
  return (
    <Text as="h2" variant="headingMd">
      {children}
    </Text>
  );
}
