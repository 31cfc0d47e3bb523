// The partner portal's frame: Polaris outside the Shopify admin, with the portal's navigation, sign-out and the
// language picker. The portal has no Shopify `locale` parameter of its own: the root's detection uses the browser's
// Accept-Language, and the picker reloads the page with `?locale=` so entry.server remembers the choice in the
// locale cookie (which then wins over the browser's languages on every later page).
import { useState, type ReactNode } from "react";
import { Form, Link, useLocation } from "@remix-run/react";
import { AppProvider, Banner, BlockStack, Box, Button, InlineStack, Page, Select, Text, TextField } from "@shopify/polaris";
import polarisTranslations from "@shopify/polaris/locales/en.json";
import { useTranslation } from "react-i18next";
import { LOCALES, LOCALE_NAMES, LOCALE_PARAM, resolveLocale } from "~/i18n/config";

/** The current page in another language: its own query kept, `locale` replaced (a full load, to set the cookie). */
export function withLocale(pathname: string, search: string, locale: string): string {
  const params = new URLSearchParams(search);
  params.set(LOCALE_PARAM, locale);
  return `${pathname}?${params.toString()}`;
}

function LanguagePicker() {
  const { t, i18n } = useTranslation("portal");
  const location = useLocation();
  return (
    <Box maxWidth="16rem">
      <Select
        label={t("frame.language")}
        options={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
        value={resolveLocale(i18n.language) ?? "en"}
        onChange={(next) => window.location.assign(withLocale(location.pathname, location.search, next))}
      />
    </Box>
  );
}

export function PortalFrame(props: { title: string; session?: { providerName: string; publicId: string; csrfToken: string } | null; children: ReactNode }) {
  const { t } = useTranslation("portal");
  // Polaris's own component strings stay English here: the portal shows none of them (no pagination, modals or
  // loading states), and the admin's per-locale Polaris files come through app.tsx's loader, which the portal lacks.
  return (
    <AppProvider i18n={polarisTranslations}>
      <Page title={props.title} subtitle={props.session ? t("frame.subtitle", { provider: props.session.providerName, id: props.session.publicId }) : t("frame.product")}>
        <BlockStack gap="400">
          <InlineStack gap="400" blockAlign="center" align="space-between">
            {props.session ? (
              <InlineStack gap="400" blockAlign="center">
                <Link to="/partners/orders">{t("frame.orders")}</Link>
                <Link to="/partners/links">{t("frame.links")}</Link>
                <Link to="/partners/keys">{t("frame.keys")}</Link>
                <Link to="/partners/account">{t("frame.account")}</Link>
                <Form method="post" action="/partners/logout">
                  <input type="hidden" name="csrf" value={props.session.csrfToken} />
                  <Button submit variant="plain">
                    {t("frame.signOut")}
                  </Button>
                </Form>
              </InlineStack>
            ) : (
              <span />
            )}
            <LanguagePicker />
          </InlineStack>
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

/** What an action answered, as the page says it: its notices' sentences (portal namespace), else the service's text. */
export type ActionAnswer = { message?: string; error?: string; errorKey?: string; errorParams?: Params; notices?: { key: string; params?: Params }[] };
type Params = Record<string, string | number>;

export function useAnswerText() {
  const { t } = useTranslation("portal");
  return {
    success: (r: ActionAnswer | undefined) => (r?.notices?.length ? r.notices.map((n) => t(n.key, n.params)).join(" ") : r?.message),
    error: (r: ActionAnswer | undefined) => (r?.errorKey ? t(r.errorKey, r.errorParams) : r?.error),
  };
}

/** The action's error and success banners at the top of a portal page. */
export function AnswerBanners({ result }: { result: ActionAnswer | undefined }) {
  const text = useAnswerText();
  const error = text.error(result);
  const success = text.success(result);
  return (
    <>
      {error ? <Banner tone="critical">{error}</Banner> : null}
      {success ? <Banner tone="success">{success}</Banner> : null}
    </>
  );
}

export const Csrf = ({ token }: { token: string }) => <input type="hidden" name="csrf" value={token} />;

export function Heading({ children }: { children: ReactNode }) {
  return (
    <Text as="h2" variant="headingMd">
      {children}
    </Text>
  );
}
