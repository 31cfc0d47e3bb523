// The merchant's connect form for UltraCart: the simple key and the distribution center orders queue at.
import { z } from "zod";
import { checkbox, LIMITS, requiredText, type ChannelAdminForm } from "../admin-form";

const schema = z.object({
  simpleKey: requiredText("Simple key", LIMITS.secret),
  distributionCenterCode: requiredText("Distribution center code", 50),
  sendCarrierFee: checkbox,
});
type Form = z.infer<typeof schema>;

export const ultracartForm: ChannelAdminForm = {
  fields: [
    { name: "simpleKey", label: "Simple key", secret: true },
    { name: "distributionCenterCode", label: "Distribution center code" },
    { name: "sendCarrierFee", label: "Send the carrier fee", checkbox: true },
  ],
  schema,
  toStored(raw) {
    const f = raw as Form;
    return { settings: { distributionCenterCode: f.distributionCenterCode, sendCarrierFee: f.sendCarrierFee }, secrets: { simpleKey: f.simpleKey } };
  },
};
