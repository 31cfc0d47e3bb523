// The built-in table carrier as a connector: no account, no credentials; one source per zone, priced from the
// rate tables of the zone's services that name "table" as their source.
import { z } from "zod";
import type { CarrierConnector, SourceSetup } from "../connector";
import { createTableSource, type TableSourceConfig } from "./rate";
import { TABLE_SERVICES } from "./services";

export function tableConfigFor(setup: SourceSetup): TableSourceConfig {
  const tables = Object.fromEntries(setup.services.flatMap((s) => (s.rateTable ? [[s.code, s.rateTable]] : [])));
  const transitDays = Object.fromEntries(
    setup.services.filter((s) => s.delivery).map((s) => [s.code, { min: s.delivery!.minDays, max: s.delivery!.maxDays }]),
  );
  return { tables, transitDays };
}

export const tableCarrier: CarrierConnector<Record<string, never>, Record<string, never>> = {
  id: "table",
  displayName: "Rate tables",
  settingsSchema: z.object({}).strict(),
  secretsSchema: z.object({}).strict(),
  services: TABLE_SERVICES,
  capabilities: { rates: true, negotiatedRates: false, timeInTransit: false, landedCost: false, labels: false, tracking: false },
  requiresConnection: false,
  createSource: (_connection, _deps, setup) => createTableSource(tableConfigFor(setup)),
};
