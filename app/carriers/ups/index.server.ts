// The UPS connector: settings and secrets schemas, the catalogue, and a rate source per connection.
import { z } from "zod";
import type { RateRequest, RateSource } from "../carrier";
import type { CarrierConnector } from "./connector-types";
import { createClientState, createUpsClient, type UpsAuth, type UpsClientState } from "./client.server";
import { upsMessage } from "./errors";
import { buildRateRequest, upsDate } from "./rate-request";
import { parseRateResponse, type UpsRateResult } from "./rate-response";
import { UPS_SERVICES } from "./services";
import { UPS_HOSTS, UpsAppCredentialsSchema, UpsSecretsSchema, UpsSettingsSchema, type UpsAppCredentials, type UpsSecrets, type UpsSettings } from "./settings";

export interface UpsConnectorOptions {
  /** Waypost's UPS developer app (for refreshing authorization-code tokens); read when first needed. */
  app?: () => UpsAppCredentials | null;
  cache?: UpsClientState;
  timeoutMs?: number;
}

const UpsAppEnvSchema = z.object({ UPS_CLIENT_ID: z.string().min(1), UPS_CLIENT_SECRET: z.string().min(1) });

function appFromEnv(): UpsAppCredentials | null {
  const env = UpsAppEnvSchema.safeParse(process.env);
  return env.success ? UpsAppCredentialsSchema.parse({ clientId: env.data.UPS_CLIENT_ID, clientSecret: env.data.UPS_CLIENT_SECRET }) : null;
}

const notConnected = (id: string): RateSource => ({
  id,
  async rate() {
    return { quotes: [], messages: [upsMessage("reconnect", "not_connected", "UPS is not connected; connect a UPS account to quote UPS rates")] };
  },
});

export function createUpsConnector(options: UpsConnectorOptions = {}): CarrierConnector<UpsSettings, UpsSecrets> {
  const cache = options.cache ?? createClientState();
  const app = options.app ?? appFromEnv;
  return {
    id: "ups",
    displayName: "UPS",
    settingsSchema: UpsSettingsSchema,
    secretsSchema: UpsSecretsSchema,
    services: UPS_SERVICES,
    capabilities: { rates: true, negotiatedRates: true, timeInTransit: true, landedCost: false, labels: false, tracking: false },
    requiresConnection: true,
    createSource(connection, deps) {
      if (!connection) return notConnected("ups");
      const { settings, secrets } = connection;
      const auth: UpsAuth =
        secrets.kind === "client_credentials"
          ? { kind: "client_credentials", clientId: secrets.clientId, clientSecret: secrets.clientSecret, merchantId: settings.accountNumber }
          : { kind: "authorization_code", app: app(), secrets, saveSecrets: (next) => connection.saveSecrets(next) };
      const client = createUpsClient({
        connectionId: connection.id,
        baseUrl: deps.baseUrl ?? UPS_HOSTS[connection.mode],
        fetch: deps.fetch,
        now: deps.now,
        timeoutMs: options.timeoutMs,
        auth,
        cache,
      });
      return {
        id: `ups:${connection.id}`,
        async rate(req: RateRequest, { signal }): Promise<UpsRateResult> {
          try {
            const call = buildRateRequest(req, { settings, pickupDate: upsDate(deps.now()), customerContext: `waypost ${connection.id}` });
            const answer = await client.rate(call, signal);
            if (!answer.ok) return { quotes: [], details: [], messages: answer.messages };
            return parseRateResponse(answer.value, { services: req.services, negotiatedRequested: true });
          } catch (error) {
            // A bug of ours is still data at this boundary; the name only, since messages may reach merchants.
            const name = error instanceof Error ? error.name : "Error";
            return { quotes: [], details: [], messages: [upsMessage("none", "internal_error", `the UPS connector failed (${name})`)] };
          }
        },
      };
    },
  };
}

export const upsConnector = createUpsConnector();
