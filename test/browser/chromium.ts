import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/** Debian's chromium (`apt-get install chromium`); the browser tests skip with a notice without it. */
export const CHROMIUM = "/usr/bin/chromium";

export function haveChromium(): boolean {
  if (existsSync(CHROMIUM)) return true;
  console.warn(`[skip] ${CHROMIUM} not found (apt-get install chromium): browser tests are skipped`);
  return false;
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
