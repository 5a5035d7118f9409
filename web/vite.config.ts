import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/**
 * The dashboard is served by `offramp serve` from web/dist at `/`, beside the API at `/api/v1`.
 * `npx vite web` proxies the API to a server on :8080 while developing.
 */
export default defineConfig({
  base: "/",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // the server sends a strict Content-Security-Policy: nothing is inlined as a data: URI
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  server: { proxy: { "/api": "http://127.0.0.1:8080" } },
});
