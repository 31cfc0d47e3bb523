// The one place carriers are registered. The rating service and the shipping-config validation look carriers up
// here and never import a carrier folder directly; adding a carrier is its folder plus one line below.
import type { AnyCarrierConnector } from "./connector";
import { tableCarrier } from "./table";
import { upsConnector } from "./ups/index.server";
import { uspsConnector } from "./usps/index.server";

export interface CarrierRegistry {
  get(id: string): AnyCarrierConnector | undefined;
  ids(): string[];
  all(): readonly AnyCarrierConnector[];
}

/** Builds a registry from a list; tests build their own with fake carriers. Duplicate ids are a programming error. */
export function createCarrierRegistry(connectors: readonly AnyCarrierConnector[]): CarrierRegistry {
  const byId = new Map<string, AnyCarrierConnector>();
  for (const connector of connectors) {
    if (byId.has(connector.id)) throw new Error(`carrier "${connector.id}" is registered twice`);
    byId.set(connector.id, connector);
  }
  return {
    get: (id) => byId.get(id),
    ids: () => [...byId.keys()],
    all: () => [...byId.values()],
  };
}

export const CARRIERS: readonly AnyCarrierConnector[] = [tableCarrier, upsConnector, uspsConnector];

export const carrierRegistry = createCarrierRegistry(CARRIERS);
