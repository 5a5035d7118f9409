import { type FormEvent, useEffect, useState } from "react";
import type { CatalogInfo, IngestSummary } from "../api/types.js";
import { ErrorNote } from "../components/error-note.js";
import { useSession } from "../components/session.js";
import { count } from "../lib/format.js";
import { can, isUnauthorized } from "../lib/roles.js";

interface Outcome {
  file: string;
  summary?: IngestSummary;
  error?: unknown;
}

const SHOWN_ISSUES = 20;

/**
 * Uploads each chosen file as its own request: the server sniffs its format, ingests it in one
 * transaction and answers with the summary (or `duplicate` when the same bytes came before).
 */
export function UploadScreen() {
  const { api, role, signOut } = useSession();
  const [files, setFiles] = useState<File[]>([]);
  const [site, setSite] = useState("");
  const [observed, setObserved] = useState("");
  const [format, setFormat] = useState("");
  const [host, setHost] = useState("");
  const [busy, setBusy] = useState(false);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const [formats, setFormats] = useState<CatalogInfo["formats"] | null>(null);

  // the format list needs a reading role; an ingest token lets the server sniff or types an id
  useEffect(() => {
    if (!can(role, "read")) return;
    api.get<CatalogInfo>("/catalog").then(
      (c) => setFormats(c.formats),
      () => setFormats(null),
    );
  }, [api, role]);

  if (!can(role, "upload")) {
    return (
      <>
        <h1>Upload</h1>
        <p className="notice">Your token's role ({role}) may not upload inputs.</p>
      </>
    );
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (files.length === 0) return;
    setBusy(true);
    setOutcomes([]);
    for (const file of files) {
      let outcome: Outcome;
      try {
        const summary = await api.upload<IngestSummary>("/inputs", file, {
          name: file.name,
          site: site.trim(),
          observedAt: observed,
          format,
          host: host.trim(),
        });
        outcome = { file: file.name, summary };
      } catch (err) {
        outcome = { file: file.name, error: err };
        if (isUnauthorized(err)) {
          signOut("The server no longer accepts this token. Sign in again.");
          return;
        }
      }
      setOutcomes((o) => [...o, outcome]);
    }
    setBusy(false);
  };

  return (
    <>
      <h1>Upload</h1>
      <p>
        Inventories, SBOMs and network logs are read in any format offramp knows (the format is found from the
        content). The same file twice changes nothing.
      </p>
      <form className="filters" onSubmit={submit} aria-label="Upload inputs">
        <label>
          Files
          <input
            type="file"
            multiple
            onChange={(e) => setFiles([...(e.target.files ?? [])])}
            data-testid="upload-files"
          />
        </label>
        <label>
          Site
          <input value={site} onChange={(e) => setSite(e.target.value)} maxLength={200} />
        </label>
        <label>
          Observed on
          <input type="date" value={observed} onChange={(e) => setObserved(e.target.value)} />
        </label>
        {formats ? (
          <label>
            Format
            <select value={format} onChange={(e) => setFormat(e.target.value)}>
              <option value="">found from the content</option>
              {formats.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.title}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <label>
            Format
            <input
              value={format}
              onChange={(e) => setFormat(e.target.value)}
              placeholder="found from the content"
              maxLength={64}
            />
          </label>
        )}
        <label>
          Host (inputs that name none)
          <input value={host} onChange={(e) => setHost(e.target.value)} maxLength={255} />
        </label>
        <div className="buttons">
          <button type="submit" disabled={busy || files.length === 0}>
            {busy ? "Uploading…" : `Upload ${files.length > 1 ? count(files.length, "file") : ""}`.trim()}
          </button>
        </div>
      </form>
      <ul className="outcomes" data-testid="upload-results">
        {outcomes.map((o, i) => (
          // the same name may be chosen twice; the order is the upload order
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <li key={i} data-status={o.summary?.status ?? "failed"}>
            <strong>{o.file}</strong>:{" "}
            {o.summary ? <SummaryText s={o.summary} /> : <ErrorNote error={o.error} />}
          </li>
        ))}
      </ul>
    </>
  );
}

function SummaryText({ s }: { s: IngestSummary }) {
  if (s.status === "duplicate") {
    return <span>already in the workspace (input {s.input.id ?? "?"}); nothing changed.</span>;
  }
  return (
    <>
      <span>
        {s.status} as {s.input.format}: {count(s.input.records, "record")}, {count(s.hosts.seen, "host")} (
        {s.hosts.new} new), {count(s.findings.seen, "finding")} ({s.findings.new} new); work items{" "}
        {s.items.opened} opened, {s.items.reopened} reopened, {s.items.verified} verified absent.
      </span>
      {s.issues.length > 0 && (
        <details>
          <summary>{count(s.issues.length, "issue")} in the file</summary>
          <ul>
            {s.issues.slice(0, SHOWN_ISSUES).map((x, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: issues are listed in file order
              <li key={i}>
                {x.file}
                {x.line !== undefined ? `:${x.line}` : ""} {x.message}
              </li>
            ))}
          </ul>
          {s.issues.length > SHOWN_ISSUES && <p>…and {s.issues.length - SHOWN_ISSUES} more.</p>}
        </details>
      )}
    </>
  );
}
