// Printing from the embedded admin. A link opening the print route in a new tab would carry no session token (the
// tab is outside the admin's frame), so Shopify's auth would bounce it. The file is fetched from the page instead
// (App Bridge adds the session token to the app's own fetches) and handed over as a blob: a PDF opens in a new tab,
// ZPL (or anything when the browser blocked the tab) is downloaded.
import { Button } from "@shopify/polaris";
import { useState } from "react";
import { saveBlob, showBlobIn } from "~/lib/save-blob";

export interface PrintButtonProps {
  url: string;
  filename: string;
  /** Save the file instead of opening it (ZPL goes to the thermal printer's own tool). */
  download?: boolean;
  onError(status: number | null): void;
  children: string;
}

export function PrintButton({ url, filename, download = false, onError, children }: PrintButtonProps) {
  const [busy, setBusy] = useState(false);
  const print = async () => {
    // The tab is opened now, inside the click: opened after the fetch, a popup blocker would stop it.
    const tab = download ? null : window.open("", "_blank");
    setBusy(true);
    try {
      const res = await fetch(url);
      if (!res.ok) {
        tab?.close();
        onError(res.status);
        return;
      }
      const blob = await res.blob();
      if (tab) showBlobIn(tab, blob);
      else saveBlob(blob, filename);
    } catch {
      tab?.close();
      onError(null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button loading={busy} onClick={() => void print()}>
      {children}
    </Button>
  );
}
