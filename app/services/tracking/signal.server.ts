// A wake-up signal from webhook handlers to the outbox worker in the same process (no-op when none runs).
type Listener = () => void;
const listeners = new Set<Listener>();

export function notifyOutbox() {
  for (const l of listeners) l();
}

export function onOutboxNotify(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
