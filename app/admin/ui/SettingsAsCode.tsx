// Export and import of the whole shipping setup as one JSON document, on the settings page. Import is checked first
// (dry run) and only then applied; errors are listed per document path, as the CLI prints them, each said in the
// merchant's language (the CLI prints the English `message`; the admin says the `key` of errors.json).
import { useFetcher, useRevalidator } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, DropZone, InlineStack, List, Text } from "@shopify/polaris";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useTranslatedErrors } from "~/i18n/hooks";
import type { UnitContext } from "~/i18n/messages";
import type { ImportAnswer } from "~/routes/app.settings.code";
import { saveBlob } from "~/lib/save-blob";

const CODE_PATH = "/app/settings/code";
/** Mirrors MAX_IMPORT_BYTES on the server: a larger file is refused before it is uploaded. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** "(document)", "(request)", "(shop)": where an error is when it is about no field of the document. */
const WHOLE = /^\((document|request|shop)\)$/;

export function SettingsAsCode({ units }: { units: Omit<UnitContext, "locale"> }) {
  const fetcher = useFetcher<ImportAnswer>();
  const revalidator = useRevalidator();
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [downloading, setDownloading] = useState(false);
  const [checked, setChecked] = useState(false);
  const answer = fetcher.state === "idle" ? fetcher.data : undefined;
  const { t } = useTranslation("settings");
  const failed = answer && !answer.ok ? answer.errors : undefined;
  // An error without a key (none is expected) is shown as it came.
  const keyed = useMemo(() => failed?.map((e) => ({ path: e.path, message: e.key ?? e.message, params: e.params })), [failed]);
  const said = useTranslatedErrors(keyed, units);
  const where = (path: string) => {
    const whole = WHOLE.exec(path);
    return whole ? t(`code.where.${whole[1]}`) : path;
  };

  useEffect(() => {
    // A real import changed the setup: the forms above reload it.
    if (answer?.ok && !answer.dryRun) revalidator.revalidate();
    setChecked(!!answer?.ok && answer.dryRun);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [answer]);

  const download = async () => {
    setDownloading(true);
    setProblem(null);
    try {
      const res = await fetch(CODE_PATH);
      if (!res.ok) throw new Error(t("code.serverAnswered", { status: res.status }));
      const blob = await res.blob();
      const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "waypost-shipping.json";
      saveBlob(blob, name);
    } catch (error) {
      setProblem(t("code.downloadFailed", { reason: (error as Error).message }));
    } finally {
      setDownloading(false);
    }
  };

  const choose = async (files: File[]) => {
    setProblem(null);
    const f = files[0];
    if (!f) return;
    if (f.size > MAX_FILE_BYTES) {
      setFile(null);
      setProblem(t("code.tooLarge", { name: f.name, size: Math.ceil(f.size / 1024), max: MAX_FILE_BYTES / 1024 }));
      return;
    }
    setChecked(false);
    setFile({ name: f.name, text: await f.text() });
  };

  const send = (dryRun: boolean) => file && fetcher.submit(JSON.stringify({ text: file.text, dryRun }), { method: "post", action: CODE_PATH, encType: "application/json" });

  return (
    <Card>
      <BlockStack gap="300">
        {/* The page's annotated section already titles this card ("Settings as code"); no second heading. */}
        <Text as="p" tone="subdued">{t("code.intro")}</Text>
        <InlineStack>
          <Button onClick={download} loading={downloading}>{t("code.download")}</Button>
        </InlineStack>
        <DropZone label={t("code.importLabel")} accept="application/json,.json" allowMultiple={false} type="file" onDrop={(_all, accepted) => void choose(accepted)}>
          {file ? (
            <BlockStack inlineAlign="center">
              <Text as="p">{file.name}</Text>
            </BlockStack>
          ) : (
            <DropZone.FileUpload actionTitle={t("code.chooseFile")} actionHint={t("code.dropHint")} />
          )}
        </DropZone>
        {problem && <Banner tone="critical">{problem}</Banner>}
        {answer && !answer.ok && (
          <Banner tone="critical" title={t("code.notImported")}>
            <List>
              {said.slice(0, 50).map((e, i) => (
                <List.Item key={i}>{t("code.errorAt", { where: where(e.path), message: e.message })}</List.Item>
              ))}
            </List>
            {answer.errors.length > 50 && <Text as="p">{t("code.more", { count: answer.errors.length - 50 })}</Text>}
          </Banner>
        )}
        {answer?.ok && answer.dryRun && (
          <Banner tone="success" title={t("code.valid")}>{t("code.validBody", { zones: answer.zones, services: answer.services })}</Banner>
        )}
        {answer?.ok && !answer.dryRun && <Banner tone="success" title={t("code.imported")}>{t("code.importedBody", { zones: answer.zones, services: answer.services })}</Banner>}
        <InlineStack gap="200">
          <Button onClick={() => send(true)} disabled={!file} loading={fetcher.state !== "idle" && fetcher.json !== undefined && (fetcher.json as { dryRun?: boolean }).dryRun === true}>
            {t("code.check")}
          </Button>
          <Button variant="primary" tone="critical" onClick={() => send(false)} disabled={!file || !checked}>
            {t("code.import")}
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
