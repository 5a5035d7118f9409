import { useState } from "react";
import type { Evidence, Finding, HostDetail } from "../api/types.js";
import { ErrorNote } from "../components/error-note.js";
import { ItemsTable, useItemRows } from "../components/items-table.js";
import { Link } from "../components/router.js";
import { useSession } from "../components/session.js";
import { useAsync } from "../components/use-async.js";
import { deadline, instant } from "../lib/format.js";

export function HostDetailScreen({ hostKey }: { hostKey: string }) {
  const { api } = useSession();
  const state = useAsync(
    (signal) => api.get<HostDetail>(`/hosts/${encodeURIComponent(hostKey)}`, undefined, signal),
    [api, hostKey],
  );
  const { rows, replace } = useItemRows(state.data, state.data?.items);

  if (state.error && !state.data) {
    return (
      <>
        <p>
          <Link to="/hosts">← Hosts</Link>
        </p>
        <ErrorNote error={state.error} />
      </>
    );
  }
  const d = state.data;
  if (!d) return <p className="loading">Loading the host…</p>;
  const h = d.host;
  return (
    <>
      <p>
        <Link to="/hosts">← Hosts</Link>
      </p>
      <h1 data-testid="host-name">{h.names[0] ?? h.key}</h1>
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <span className={`status status-${h.status}`}>{h.status}</span>
        </dd>
        <dt>Key</dt>
        <dd>
          <code>{h.key}</code>
        </dd>
        {h.names.length > 1 && (
          <>
            <dt>Also named</dt>
            <dd>{h.names.slice(1).join(", ")}</dd>
          </>
        )}
        {h.aliases && h.aliases.length > 0 && (
          <>
            <dt>Aliases</dt>
            <dd>{h.aliases.join(", ")}</dd>
          </>
        )}
        {h.ips.length > 0 && (
          <>
            <dt>Addresses</dt>
            <dd>{h.ips.join(", ")}</dd>
          </>
        )}
        {h.deviceIds.length > 0 && (
          <>
            <dt>Device ids</dt>
            <dd>{h.deviceIds.join(", ")}</dd>
          </>
        )}
        <dt>Platform</dt>
        <dd>{h.platforms.join(", ") || "unknown"}</dd>
        <dt>Seen by</dt>
        <dd>
          {h.sources.join(", ")} ({h.seenIn.join(", ")})
        </dd>
        <dt>Site</dt>
        <dd>{h.site ?? "—"}</dd>
        <dt>Owner</dt>
        <dd>{h.owner ?? "—"}</dd>
        <dt>First seen</dt>
        <dd>{instant(h.firstSeen)}</dd>
        <dt>Last seen</dt>
        <dd>{instant(h.lastSeen)}</dd>
        <dt>Last inventory</dt>
        <dd>{instant(h.lastInventory)}</dd>
      </dl>

      <section aria-labelledby="h-items">
        <h2 id="h-items">Work items</h2>
        {rows.length === 0 ? (
          <p>No work item: nothing found here is covered by a regime that asks for removal.</p>
        ) : (
          <ItemsTable items={rows} onChange={replace} showHost={false} />
        )}
      </section>

      <section aria-labelledby="h-findings">
        <h2 id="h-findings">Findings</h2>
        {d.findings.length === 0 && <p>No findings on this host.</p>}
        {d.findings.map((f) => (
          <FindingCard key={f.id} finding={f} />
        ))}
      </section>

      <section aria-labelledby="h-history">
        <h2 id="h-history">Observations</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">Observed</th>
              <th scope="col">Input</th>
              <th scope="col">Format</th>
              <th scope="col">Kind</th>
              <th scope="col" className="num">
                Records
              </th>
            </tr>
          </thead>
          <tbody>
            {d.observations.map((o) => (
              <tr key={`${o.inputId}-${o.observedAt}`}>
                <td>{instant(o.observedAt)}</td>
                <td>{o.file}</td>
                <td>{o.format}</td>
                <td>{o.role}</td>
                <td className="num">{o.records}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

function FindingCard({ finding: f }: { finding: Finding }) {
  const { api } = useSession();
  const [all, setAll] = useState<Evidence[] | null>(null);
  const [error, setError] = useState<unknown>();
  const evidence = all ?? f.evidence;
  const more = async () => {
    try {
      const r = await api.get<{ finding: Finding }>(`/findings/${f.id}`);
      setAll(r.finding.evidence);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <article className="finding" data-finding={f.id}>
      <h3>
        {f.productName} <span className={`tag class-${f.class}`}>{f.class}</span>{" "}
        <span className={`tag conf-${f.confidence}`}>{f.confidence}</span>
        {f.scope !== "covered" && <span className="tag">{f.scope}</span>}
      </h3>
      <p className="sub">
        {f.basis}. Observed {instant(f.firstObserved)} – {instant(f.lastObserved)}.
      </p>
      {f.assessments.length > 0 && (
        <table className="assessments">
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">Obligation</th>
              <th scope="col">Deadline</th>
              <th scope="col">Citation</th>
            </tr>
          </thead>
          <tbody>
            {f.assessments.map((a) => (
              <tr key={`${a.regime}|${a.profile}`}>
                <td>
                  <span className={`assess assess-${a.status}`}>{a.status}</span>
                  <span className="sub">
                    {a.regime} ({a.profile})
                  </span>
                </td>
                <td>{a.obligation}</td>
                <td>{a.deadline ? deadline(a.deadline) : "—"}</td>
                <td className="citation">{a.citation}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <table className="evidence">
        <caption>
          Evidence ({evidence.length} of {f.evidenceTotal})
        </caption>
        <thead>
          <tr>
            <th scope="col">Signature</th>
            <th scope="col">Seen</th>
            <th scope="col">Matched</th>
            <th scope="col">Where</th>
          </tr>
        </thead>
        <tbody>
          {evidence.map((e, i) => (
            // evidence rows have no id of their own; their order is the server's
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <tr key={i}>
              <td>
                {e.signature}
                <span className="sub">{e.weight}</span>
              </td>
              <td>
                <span className="sub">{e.field}</span> {e.value}
                {e.state === "removed" && <span className="tag">removed</span>}
              </td>
              <td>{e.matched}</td>
              <td>
                {e.file}
                {e.line !== undefined ? `:${e.line}` : e.record !== undefined ? ` record ${e.record}` : ""}
                <span className="sub">
                  {e.format}
                  {e.locator ? ` · ${e.locator}` : ""}
                  {e.at ? ` · ${instant(e.at)}` : ""}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {all === null && f.evidenceTotal > f.evidence.length && (
        <button type="button" className="quiet" onClick={more}>
          Show all {f.evidenceTotal} pieces of evidence
        </button>
      )}
      <ErrorNote error={error} />
    </article>
  );
}
