import { ApiFailure } from "../api/client.js";
import type { Role } from "../api/types.js";

/** What each role may do, as the API's route table grants it (src/server/route.ts ACCESS). */
export const ABILITIES = {
  read: ["admin", "analyst", "viewer"],
  upload: ["admin", "analyst", "ingest"],
  change: ["admin", "analyst"],
} as const satisfies Record<string, readonly Role[]>;
export type Ability = keyof typeof ABILITIES;

export function can(role: Role, ability: Ability): boolean {
  return (ABILITIES[ability] as readonly Role[]).includes(role);
}

/** A GET that answers null when it succeeds and the failure otherwise. */
export type Probe = (path: string) => Promise<ApiFailure | null>;

/**
 * The API has no "who am I" route, so the role is learnt from which reads the token may make:
 * the catalogue (every reading role), the audit log (admin, analyst) and the token list (admin).
 * 401 means the token is unknown or revoked; any other failure is passed on as it came.
 */
export async function detectRole(probe: Probe): Promise<Role> {
  const allowed = async (path: string): Promise<boolean> => {
    const failure = await probe(path);
    if (!failure) return true;
    if (failure.code === "forbidden") return false;
    throw failure;
  };
  if (!(await allowed("/catalog"))) return "ingest";
  if (!(await allowed("/audit?limit=1"))) return "viewer";
  return (await allowed("/tokens")) ? "admin" : "analyst";
}

export function isUnauthorized(e: unknown): boolean {
  return e instanceof ApiFailure && e.code === "unauthorized";
}
