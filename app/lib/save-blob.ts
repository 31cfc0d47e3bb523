// Browser side: hands a fetched file to the user as a download. The admin fetches files itself (App Bridge adds
// the session token to the app's own fetches), so a plain link or a new tab on the URL would not be authenticated.
const REVOKE_AFTER_MS = 60_000;

export function saveBlob(blob: Blob, filename: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = href;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), REVOKE_AFTER_MS);
}

/** Shows a fetched file in a tab opened beforehand (inside the click, so no popup blocker stops it). */
export function showBlobIn(tab: Window, blob: Blob): void {
  const href = URL.createObjectURL(blob);
  tab.location.href = href;
  setTimeout(() => URL.revokeObjectURL(href), REVOKE_AFTER_MS);
}
