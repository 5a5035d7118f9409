/** A failed call: the API's stable error code (or `network`), its message and the HTTP status. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export type QueryValue = string | number | boolean | undefined | null;
export type Query = Record<string, QueryValue>;

/** Query string from the set values only: empty filters are left out rather than sent blank. */
export function queryString(query: Query | undefined): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === "") continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** Reads the API's `{error: {code, message}}` body; anything else (a proxy's HTML page) gets a code from the status. */
async function failureOf(res: Response): Promise<ApiFailure> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)
    ?.error;
  if (error && typeof error.code === "string") {
    return new ApiFailure(
      res.status,
      error.code,
      typeof error.message === "string" ? error.message : "",
      error.details,
    );
  }
  return new ApiFailure(res.status, `http-${res.status}`, res.statusText);
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * The dashboard's only way to the server: every call carries the bearer token in the
 * Authorization header (never in a URL), and every failure becomes an ApiFailure.
 */
export class Api {
  constructor(
    private readonly token: string,
    private readonly fetchFn: FetchLike = (input, init) => fetch(input, init),
    private readonly base = "/api/v1",
  ) {}

  private async call(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("authorization", `Bearer ${this.token}`);
    let res: Response;
    try {
      res = await this.fetchFn(`${this.base}${path}`, { ...init, headers, credentials: "omit" });
    } catch (e) {
      if ((e as { name?: string }).name === "AbortError") throw e;
      throw new ApiFailure(0, "network", e instanceof Error ? e.message : String(e));
    }
    if (!res.ok) throw await failureOf(res);
    return res;
  }

  async get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
    const res = await this.call(`${path}${queryString(query)}`, signal ? { signal } : {});
    return (await res.json()) as T;
  }

  async post<T>(path: string, body: unknown): Promise<T> {
    const res = await this.call(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return (await res.json()) as T;
  }

  /** One file as the raw request body: the server sniffs its format and answers with the ingest summary. */
  async upload<T>(path: string, file: Blob, query: Query): Promise<T> {
    const res = await this.call(`${path}${queryString(query)}`, {
      method: "POST",
      headers: { "content-type": file.type || "application/octet-stream" },
      body: file,
    });
    return (await res.json()) as T;
  }

  /** A non-JSON answer (a report) as a Blob, so it can be saved without putting the token in a link. */
  async download(path: string, query?: Query): Promise<Blob> {
    const res = await this.call(`${path}${queryString(query)}`);
    return res.blob();
  }

  /** Whether a GET succeeds, or how it failed: for finding out what the token may do. */
  async probe(path: string): Promise<ApiFailure | null> {
    try {
      await this.call(path);
      return null;
    } catch (e) {
      if (e instanceof ApiFailure) return e;
      throw e;
    }
  }
}
