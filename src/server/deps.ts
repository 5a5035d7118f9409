import type { Catalog } from "../catalog/load.js";
import type { Importer } from "../importers/types.js";
import type { Store } from "../store/store.js";

export interface Limits {
  /** Largest upload (input file or vendor list), bytes. */
  uploadBytes: number;
  /** Largest JSON body, bytes. */
  jsonBytes: number;
  /** Requests per minute per token; 0 turns the limit off. */
  perMinute: number;
  /** How long a read may take before the client gets `timeout`. */
  readTimeoutMs: number;
  /** How long a client may take to send a whole request (uploads included). */
  requestTimeoutMs: number;
}

export const DEFAULT_LIMITS: Limits = {
  uploadBytes: 1 << 30,
  jsonBytes: 1 << 20,
  perMinute: 600,
  readTimeoutMs: 30_000,
  requestTimeoutMs: 15 * 60_000,
};

/** Everything the app needs, passed in: tests build it with an in-memory store and a fake clock. */
export interface AppDeps {
  store: Store;
  catalog: Catalog;
  importers: readonly Importer[];
  /** Regime profiles for due dates and reports when a request names none. */
  profiles: string[];
  clock?: () => Date;
  /** Becomes an admin token on first start when the store has no token at all. */
  bootstrapToken?: string;
  limits?: Partial<Limits>;
  /** Folder of the cached screening lists (`offramp lists update`). */
  listsDir?: string;
  logger?: boolean;
}
