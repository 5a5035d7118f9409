import "@fastify/multipart";
import type { Readable } from "node:stream";
import type { FastifyRequest } from "fastify";
import { ApiError } from "./errors.js";

export interface UploadPart {
  name: string;
  stream: AsyncIterable<Buffer>;
  /** True when the part was cut at the size limit: what was read must not be kept. */
  tooLarge(): boolean;
}

/** A name from a client goes into reports and the audit log: no control characters, no paths. */
export function cleanName(name: string | undefined, fallback: string): string {
  const n = (name ?? "")
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, "")
    .trim()
    .slice(0, 255);
  return n || fallback;
}

async function* limited(body: AsyncIterable<Buffer>, max: number, state: { exceeded: boolean }) {
  let bytes = 0;
  for await (const chunk of body) {
    bytes += chunk.length;
    if (bytes > max) {
      state.exceeded = true;
      throw new ApiError("payload-too-large", `the upload is larger than ${max} bytes`);
    }
    yield chunk;
  }
}

/**
 * The files of an upload: each file of a multipart form, or the raw body as one file. The raw
 * body is never buffered; it streams through the size limit into the importer.
 */
export async function* uploadParts(
  req: FastifyRequest,
  name: string | undefined,
  maxBytes: number,
): AsyncGenerator<UploadPart> {
  if (req.isMultipart()) {
    for await (const part of req.parts()) {
      if (part.type !== "file") continue;
      yield {
        name: cleanName(name ?? part.filename, part.fieldname),
        stream: part.file,
        tooLarge: () => part.file.truncated,
      };
    }
    return;
  }
  const declared = Number(req.headers["content-length"] ?? Number.NaN);
  if (declared > maxBytes)
    throw new ApiError("payload-too-large", `the upload is larger than ${maxBytes} bytes`);
  const body = req.body as Readable | undefined;
  if (!body || typeof (body as AsyncIterable<Buffer>)[Symbol.asyncIterator] !== "function") {
    throw new ApiError("bad-request", "send the file as the request body or as multipart/form-data");
  }
  const state = { exceeded: false };
  yield {
    name: cleanName(name, `upload-${new Date().toISOString()}`),
    stream: limited(body, maxBytes, state),
    tooLarge: () => state.exceeded,
  };
}
