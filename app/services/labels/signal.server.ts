// Wakes the label worker in this process when a batch is queued (other instances find it on their next poll).
type Listener = () => void;
const listeners = new Set<Listener>();

export function notifyLabelWorker(): void {
  for (const l of listeners) l();
}

export function onLabelWork(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
