// A label worker in its own process, for the crash test: it works label jobs against the fakes named in its
// environment until the test kills it with SIGKILL.
import { runLabelJobsOnce } from "~/services/labels/jobs.server";
import { labelTestContext } from "./labels";

const ctx = labelTestContext({ adminUrl: process.env.LABEL_ADMIN_URL!, uspsUrl: process.env.LABEL_USPS_URL! });
process.stdout.write("ready\n");
// Never outlive the test: when the parent goes, stdin closes.
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
for (;;) {
  const r = await runLabelJobsOnce(ctx, { owner: `child-${process.pid}`, leaseMs: 2_000, heartbeatMs: 500, retryDelayMs: () => 0 });
  if (r.claimed === 0) await new Promise((resolve) => setTimeout(resolve, 100));
}
