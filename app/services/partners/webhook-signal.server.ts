// Wakes the partner-webhook worker in this process when an event is queued or replayed (other instances find the
// row on their next poll).
type Listener = () => void;
const listeners = new Set<Listener>();

export function notifyPartnerWebhooks(): void {
  for (const l of listeners) l();
}

export function onPartnerWebhooks(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
