// The contextual save bar every editor shows while it has unsaved edits (App Bridge's <ui-save-bar>: Save and
// Discard in the admin's top bar), plus the warning when the merchant leaves with unsaved edits: in-app navigation
// is held by Remix's blocker and confirmed in a modal; closing or reloading the tab gets the browser's prompt.
import { useBeforeUnload, useBlocker } from "@remix-run/react";
import { SaveBar } from "@shopify/app-bridge-react";
import { Modal, Text } from "@shopify/polaris";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * An editor's form state and whether it has unsaved edits. The baseline is what was loaded (reset when `resetKey`
 * changes: another version or record) or, once a save succeeds, what was submitted, so a successful save clears the
 * save bar before the page reloads its data. `submitted(form)` records what the save sends.
 */
export function useEditorState<T>(loaded: T, resetKey: unknown, saveResult: { ok: boolean } | undefined) {
  const [form, setForm] = useState<T>(loaded);
  const [baseline, setBaseline] = useState<T>(loaded);
  const sent = useRef<T>(loaded);
  // Declared before the reset below: when a save's answer and the reloaded data arrive in the same render, the
  // reloaded data must win.
  useEffect(() => {
    if (saveResult?.ok) setBaseline(sent.current);
  }, [saveResult]);
  useEffect(() => {
    setForm(loaded);
    setBaseline(loaded);
    // Reset only when another version or record loads: revalidation after a refused save keeps the edits.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [resetKey]);
  const dirty = JSON.stringify(form) !== JSON.stringify(baseline);
  return {
    form,
    setForm,
    dirty,
    discard: () => setForm(baseline),
    submitted: (f: T) => {
      sent.current = f;
    },
  };
}

export function UnsavedChanges({ id, dirty, saving, onSave, onDiscard }: { id: string; dirty: boolean; saving: boolean; onSave: () => void; onDiscard: () => void }) {
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useBeforeUnload(
    useCallback(
      (event: BeforeUnloadEvent) => {
        if (!dirty) return;
        event.preventDefault();
        event.returnValue = "";
      },
      [dirty],
    ),
  );
  const { t } = useTranslation("common");
  const leave = () => {
    onDiscard();
    blocker.proceed?.();
  };
  return (
    <>
      <SaveBar id={id} open={dirty}>
        {/* App Bridge reads variant and loading off the save bar's buttons. */}
        {/* eslint-disable-next-line react/no-unknown-property */}
        <button variant="primary" onClick={onSave} loading={saving ? "" : undefined} disabled={saving}>
          {t("save")}
        </button>
        <button onClick={onDiscard} disabled={saving}>
          {t("unsaved.discard")}
        </button>
      </SaveBar>
      <Modal
        open={blocker.state === "blocked"}
        onClose={() => blocker.reset?.()}
        title={t("unsaved.leaveTitle")}
        primaryAction={{ content: t("unsaved.leave"), destructive: true, onAction: leave }}
        secondaryActions={[{ content: t("unsaved.stay"), onAction: () => blocker.reset?.() }]}
      >
        <Modal.Section>
          <Text as="p">{t("unsaved.leaveBody")}</Text>
        </Modal.Section>
      </Modal>
    </>
  );
}
