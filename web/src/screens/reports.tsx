import { type FormEvent, useState } from "react";
import type { CatalogInfo } from "../api/types.js";
import { ErrorNote } from "../components/error-note.js";
import { useSession } from "../components/session.js";
import { useAsync } from "../components/use-async.js";
import { REPORT_EXTENSION, today } from "../lib/format.js";
import { FORMAT_TITLE, reportFormats } from "../lib/report-formats.js";

/** Hands a fetched file to the browser's download, so the token never has to be in a link. */
function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.rel = "noopener";
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function ReportsScreen() {
  const { api } = useSession();
  const meta = useAsync(
    async (signal) => {
      const [doc, catalog] = await Promise.all([
        fetch("/api/v1/openapi.json", { signal, credentials: "omit" })
          .then((r) => (r.ok ? r.json() : null))
          .catch(() => null),
        api.get<CatalogInfo>("/catalog", undefined, signal),
      ]);
      return { formats: reportFormats(doc), catalog };
    },
    [api],
  );
  const [asOf, setAsOf] = useState(today());
  const [profile, setProfile] = useState("");
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState<string | null>(null);

  const download = async (format: string, e?: FormEvent) => {
    e?.preventDefault();
    setBusy(format);
    setError(undefined);
    setSaved(null);
    try {
      const blob = await api.download(`/reports/${encodeURIComponent(format)}`, { asOf, profile });
      const name = `offramp-report-${asOf || today()}.${REPORT_EXTENSION[format] ?? format}`;
      save(blob, name);
      setSaved(name);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  if (meta.error && !meta.data) return <ErrorNote error={meta.error} />;
  if (!meta.data) return <p className="loading">Loading…</p>;
  const { formats, catalog } = meta.data;
  return (
    <>
      <h1>Reports</h1>
      <p>
        The whole workspace as a report, assessed on the chosen date under the chosen profile. Catalogue{" "}
        {catalog.name} {catalog.version}.
      </p>
      <form className="filters" aria-label="Report options" onSubmit={(e) => e.preventDefault()}>
        <label>
          As of
          <input type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} required />
        </label>
        <label>
          Profile
          <select value={profile} onChange={(e) => setProfile(e.target.value)}>
            <option value="">server default ({catalog.defaultProfiles.join(", ")})</option>
            {catalog.profiles.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
      </form>
      <ul className="downloads">
        {formats.map((f) => (
          <li key={f}>
            <button type="button" onClick={() => download(f)} disabled={busy !== null} data-format={f}>
              {busy === f ? "Preparing…" : `Download ${f}`}
            </button>{" "}
            {FORMAT_TITLE[f] ?? ""}
          </li>
        ))}
      </ul>
      <ErrorNote error={error} />
      {saved && (
        <p className="done" role="status">
          Saved {saved}.
        </p>
      )}
    </>
  );
}
