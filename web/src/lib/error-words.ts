import { ApiFailure } from "../api/client.js";

/** The API's stable error codes (src/server/errors.ts), said in words a person can act on. */
const WORDS: Record<string, string> = {
  "bad-request": "The server did not accept the request: a value is missing or not in the expected form.",
  unauthorized: "The token was not accepted: it is unknown or has been revoked. Sign in again.",
  forbidden: "Your token's role may not do this.",
  "not-found": "Not found: it may have been removed, or the address is wrong.",
  "method-not-allowed": "The server does not allow this here.",
  conflict: "Someone else changed this first. The latest version is shown; check it and try again.",
  "invalid-transition": "This move is not allowed from the item's current state.",
  "needs-evidence":
    "Not verified: the workspace holds no evidence of absence yet. Upload a newer inventory of the host that no longer lists the product (and no network indicator from the host since), then verify again.",
  "payload-too-large": "The file is larger than the server accepts. Nothing of it was stored.",
  "unsupported-media-type": "The server does not read this kind of content.",
  "unreadable-input": "The file could not be read as any format offramp knows. Nothing of it was stored.",
  "rate-limited": "Too many requests with this token in the last minute. Wait a moment and try again.",
  internal: "The server failed. Its log has the details.",
  "not-implemented": "The server cannot do this yet.",
  unavailable: "The server is not ready: it is starting, shutting down, or its database is unavailable.",
  timeout: "The server took too long to answer. Try again, or narrow the filters.",
  network: "The server could not be reached. Check that `offramp serve` is running.",
};

export interface ErrorWords {
  /** What happened, in words. */
  summary: string;
  /** The server's own message, when it adds something. */
  detail: string;
  code: string;
}

export function describeError(e: unknown): ErrorWords {
  if (e instanceof ApiFailure) {
    const summary = WORDS[e.code] ?? `The server answered ${e.status || "nothing"} (${e.code}).`;
    return { summary, detail: e.message, code: e.code };
  }
  return {
    summary: "Something went wrong in the dashboard.",
    detail: e instanceof Error ? e.message : String(e),
    code: "client",
  };
}

export function knownErrorCodes(): string[] {
  return Object.keys(WORDS);
}
