import type { ImportContext } from "../types.js";
import { clientRef, networkFilter, networkObservation } from "./network-records.js";

export interface Flow {
  src: string;
  dst: string;
  proto: string;
  dstPort: number;
  line: number;
  at?: string;
  locator?: string;
}

/** A packet or connection seen by a firewall: an observation only when its port is a KSC port. */
export function observeFlow(ctx: ImportContext, format: string, f: Flow): void {
  if (!networkFilter(ctx).kscPort(f.proto, f.dstPort)) return;
  ctx.sink.observe(
    networkObservation(ctx, format, {
      kind: "flow",
      host: clientRef(f.src),
      fields: { dstIp: f.dst, dstPort: String(f.dstPort), proto: f.proto.toLowerCase() },
      line: f.line,
      ...(f.at && { at: f.at }),
      ...(f.locator && { locator: f.locator }),
    }),
  );
}
