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

/** A GET of the API that answers the parsed body or throws the API's failure. */
export type Get = <T>(path: string) => Promise<T>;

/**
 * The token's role, from `GET /api/v1/me`. 401 (unknown or revoked token) and any other failure
 * are passed on as they came.
 */
export async function detectRole(get: Get): Promise<Role> {
  return (await get<{ role: Role }>("/me")).role;
}

export function isUnauthorized(e: unknown): boolean {
  return e instanceof ApiFailure && e.code === "unauthorized";
}
