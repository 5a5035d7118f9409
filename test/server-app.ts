import { loadCatalog } from "../src/catalog/load.js";
import { IMPORTERS } from "../src/importers/registry.js";
import { type App, createApp } from "../src/server/app.js";
import type { Limits } from "../src/server/deps.js";
import { Store } from "../src/store/store.js";
import { ROLES, type Role } from "../src/store/tokens.js";

const catalog = loadCatalog();

export interface TestApp {
  app: App;
  store: Store;
  /** A bearer header per role. */
  as: Record<Role, { authorization: string }>;
  /** The clock the app reads; tests move it. */
  clock: { now: Date };
  close(): Promise<void>;
}

/** An app on an in-memory store with one token per role, for `inject()` tests. */
export async function testApp(
  options: { limits?: Partial<Limits>; listsDir?: string; now?: string } = {},
): Promise<TestApp> {
  const store = await Store.open({});
  const clock = { now: new Date(options.now ?? "2024-10-01T12:00:00Z") };
  const app = createApp({
    store,
    catalog,
    importers: IMPORTERS,
    profiles: ["us-private"],
    clock: () => clock.now,
    bootstrapToken: "bootstrap-secret",
    limits: { perMinute: 0, ...options.limits },
    ...(options.listsDir && { listsDir: options.listsDir }),
  });
  await app.ready();
  const as = {} as Record<Role, { authorization: string }>;
  for (const role of ROLES) {
    const t = await store.tokens.create(role, `${role}-token`, "test", clock.now);
    as[role] = { authorization: `Bearer ${t.token}` };
  }
  return {
    app,
    store,
    as,
    clock,
    async close() {
      await app.close();
      await store.close();
    },
  };
}
