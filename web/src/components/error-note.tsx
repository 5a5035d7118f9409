import { describeError } from "../lib/error-words.js";

/** An API failure in words, with the server's own message under it (as text, like every value). */
export function ErrorNote({ error }: { error: unknown }) {
  if (error === undefined || error === null) return null;
  const words = describeError(error);
  return (
    <div className="error" role="alert" data-code={words.code}>
      <p>{words.summary}</p>
      {words.detail && words.detail !== words.summary && <p className="detail">{words.detail}</p>}
    </div>
  );
}
