import { assessFindings } from "../assess/assess.js";
import type { StoredFinding } from "../store/findings-query.js";
import type { Store } from "../store/store.js";
import type { AppDeps } from "./deps.js";

/**
 * Assessments depend on the date and the profile, so the workspace stores none: findings are
 * assessed when they are read, as of now, under the server's profiles.
 */
export async function assessed(
  findings: StoredFinding[],
  deps: Pick<AppDeps, "catalog" | "profiles"> & { store: Store },
  now: Date,
): Promise<StoredFinding[]> {
  if (findings.length === 0) return findings;
  const hostPlatforms = await deps.store.hosts.platforms(findings.map((f) => f.host));
  return assessFindings(findings, {
    regimes: deps.catalog.regimes.regimes,
    profiles: deps.profiles,
    asOf: now.toISOString(),
    products: deps.catalog.products,
    hostPlatforms,
  }) as StoredFinding[];
}
