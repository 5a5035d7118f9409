import { createContext, useContext } from "react";
import type { Api } from "../api/client.js";
import type { Role } from "../api/types.js";

export interface Session {
  api: Api;
  role: Role;
  /** Drops the token (sign out, or the server stopped accepting it). */
  signOut(reason?: string): void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession outside a signed-in screen");
  return s;
}

/** The token lives in this tab's sessionStorage only: gone when the tab closes, never in a URL. */
const KEY = "offramp.token";

export const tokenStore = {
  read(): string | null {
    try {
      return sessionStorage.getItem(KEY);
    } catch {
      return null;
    }
  },
  write(token: string): void {
    sessionStorage.setItem(KEY, token);
  },
  clear(): void {
    try {
      sessionStorage.removeItem(KEY);
    } catch {
      // storage unavailable: nothing was kept
    }
  },
};
