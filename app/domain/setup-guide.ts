// The home page's setup guide: six steps from an empty shop to rates at checkout, each done, to do, or broken.
// Pure: the home service gathers the facts, this decides what they mean. A broken step brings a dismissed guide
// back, because something that worked has stopped working and checkout is affected.

export type StepId = "carrier" | "zones" | "services" | "products" | "test" | "shopify";
export type StepStatus = "done" | "todo" | "broken";

export interface SetupFacts {
  carriers: { connected: number; needsReconnect: { carrierId: string; displayName: string; href: string }[] };
  /** The merchant chose "use my own rate tables" (no carrier account needed). */
  ownRateTables: boolean;
  zones: { id: string; name: string; enabledServices: number }[];
  boxes: number;
  /** Null when Shopify's products could not be read. */
  products: { missingWeight: number; missingDimensions: number; oversize: number; total: number; /** False while only part of the catalogue is counted. */ complete: boolean } | null;
  testPassedAt: string | null;
  carrierService: "unregistered" | "active" | "refused" | "error" | string;
  dismissed: boolean;
}

export interface SetupStep {
  id: StepId;
  status: StepStatus;
}

export interface SetupGuideState {
  steps: SetupStep[];
  completed: number;
  /** Shown: not dismissed, or something broke since. */
  visible: boolean;
  broken: StepId[];
  /** Zones checkout skips because none of their services is enabled. */
  zonesWithoutServices: { id: string; name: string }[];
}

export function setupGuideState(f: SetupFacts): SetupGuideState {
  const zonesWithoutServices = f.zones.filter((z) => z.enabledServices === 0).map(({ id, name }) => ({ id, name }));
  const p = f.products;
  const steps: SetupStep[] = [
    { id: "carrier", status: f.carriers.needsReconnect.length > 0 ? "broken" : f.carriers.connected > 0 || f.ownRateTables ? "done" : "todo" },
    { id: "zones", status: f.zones.length > 0 ? "done" : "todo" },
    { id: "services", status: zonesWithoutServices.length > 0 ? "broken" : f.zones.length > 0 ? "done" : "todo" },
    { id: "products", status: f.boxes > 0 && p !== null && p.complete && p.missingWeight + p.missingDimensions === 0 ? "done" : "todo" },
    { id: "test", status: f.testPassedAt ? "done" : "todo" },
    { id: "shopify", status: f.carrierService === "refused" ? "broken" : f.carrierService === "active" ? "done" : "todo" },
  ];
  const broken = steps.filter((s) => s.status === "broken").map((s) => s.id);
  return {
    steps,
    completed: steps.filter((s) => s.status === "done").length,
    visible: !f.dismissed || broken.length > 0,
    broken,
    zonesWithoutServices,
  };
}

/** "Active" on the home page only when checkout can really answer: registered, and at least one zone with a service. */
export function checkoutReady(f: Pick<SetupFacts, "carrierService" | "zones">): boolean {
  return f.carrierService === "active" && f.zones.some((z) => z.enabledServices > 0);
}
