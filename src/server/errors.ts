import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";

/** Stable error codes: clients branch on these, never on messages. */
export const ERROR_STATUS = {
  "bad-request": 400,
  unauthorized: 401,
  forbidden: 403,
  "not-found": 404,
  "method-not-allowed": 405,
  conflict: 409,
  "invalid-transition": 409,
  "needs-evidence": 409,
  "payload-too-large": 413,
  "unsupported-media-type": 415,
  "unreadable-input": 422,
  "rate-limited": 429,
  internal: 500,
  "not-implemented": 501,
  unavailable: 503,
  timeout: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function validationError(where: string, error: z.ZodError): ApiError {
  const issues = error.issues.map((i) => ({
    path: [where, ...i.path.map(String)].join("."),
    message: i.message,
  }));
  return new ApiError("bad-request", issues.map((i) => `${i.path}: ${i.message}`).join("; "), issues);
}

/** Fastify's own failures, mapped onto the same codes. */
function codeOfStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return "bad-request";
    case 401:
      return "unauthorized";
    case 403:
      return "forbidden";
    case 404:
      return "not-found";
    case 405:
      return "method-not-allowed";
    case 413:
      return "payload-too-large";
    case 415:
      return "unsupported-media-type";
    case 429:
      return "rate-limited";
    case 503:
      return "unavailable";
    default:
      return status >= 500 ? "internal" : "bad-request";
  }
}

export function errorBody(code: ErrorCode, message: string, requestId: string, details?: unknown) {
  return { error: { code, message, requestId, ...(details !== undefined && { details }) } };
}

/**
 * Every error leaves as `{error: {code, message, requestId}}`. Unexpected errors are logged with
 * their stack on the server and reach the client as `internal` with no internals in the message.
 */
export function handleError(
  error: FastifyError | ApiError | Error,
  req: FastifyRequest,
  reply: FastifyReply,
) {
  if (error instanceof ApiError) {
    if (error.code === "rate-limited" && error.details && typeof error.details === "object") {
      const retry = (error.details as { retryAfter?: number }).retryAfter;
      if (retry !== undefined) reply.header("retry-after", String(retry));
    }
    return reply.status(error.status).send(errorBody(error.code, error.message, req.id, error.details));
  }
  const status = (error as FastifyError).statusCode;
  if (status !== undefined && status < 500) {
    const code = codeOfStatus(status);
    return reply.status(status).send(errorBody(code, error.message, req.id));
  }
  req.log.error({ err: error }, "request failed");
  return reply
    .status(500)
    .send(errorBody("internal", "internal error; the server log has the details", req.id));
}
