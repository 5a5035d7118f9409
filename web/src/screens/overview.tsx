import {
  type Burndown,
  type CampaignSummary,
  FINDING_CLASSES,
  type Finding,
  HOST_STATUSES,
  type HostRow,
  type HostStatus,
  ITEM_STATES,
  type ItemRow,
  type Page,
} from "../api/types.js";
import { BurndownChart } from "../components/burndown-chart.js";
import { ErrorNote } from "../components/error-note.js";
import { Link } from "../components/router.js";
import { useSession } from "../components/session.js";
import { useAsync } from "../components/use-async.js";
import { count, deadline, today } from "../lib/format.js";
import { deadlines, findingsByProduct, itemsDue } from "../lib/overview.js";
import { collectPages } from "../lib/pages.js";

/** The API has no summary route: findings and items are read page by page, up to this many (500 each). */
const MAX_PAGES = 20;
/** Due days listed; the rest are a click away on the work items screen. */
const SHOWN_DUE = 10;

const STATUS_WORDS: Record<HostStatus, string> = {
  affected: "work left",
  waived: "only waived items",
  resolved: "every item verified or closed",
  clean: "no work item",
};

export function OverviewScreen() {
  const { api } = useSession();
  const state = useAsync(
    async (signal) => {
      const hostTotal = (status?: HostStatus) =>
        api.get<Page<HostRow>>("/hosts", { status, limit: 1 }, signal).then((p) => p.total);
      const [hosts, byStatus, campaign, burndown, findings, items] = await Promise.all([
        hostTotal(),
        Promise.all(HOST_STATUSES.map(hostTotal)),
        api.get<CampaignSummary>("/campaign", undefined, signal),
        api.get<Burndown>("/campaign/burndown", { by: "status" }, signal),
        collectPages(
          (cursor) => api.get<Page<Finding>>("/findings", { evidence: 0, limit: 500, cursor }, signal),
          MAX_PAGES,
        ),
        collectPages(
          (cursor) => api.get<Page<ItemRow>>("/campaign/items", { limit: 500, cursor }, signal),
          MAX_PAGES,
        ),
      ]);
      return { hosts, byStatus, campaign, burndown, findings, items };
    },
    [api],
  );

  if (state.error && !state.data) return <ErrorNote error={state.error} />;
  const d = state.data;
  if (!d) return <p className="loading">Loading the overview…</p>;
  const products = findingsByProduct(d.findings.items);
  const due = deadlines(d.findings.items, new Date());
  const itemDays = itemsDue(d.items.items, today());
  const classTotals = FINDING_CLASSES.map((c) => products.reduce((n, p) => n + p.byClass[c], 0));

  return (
    <>
      <h1>Overview</h1>
      <section aria-labelledby="h-hosts">
        <h2 id="h-hosts">
          Hosts{" "}
          <span className="total" data-testid="hosts-total">
            {d.hosts}
          </span>
        </h2>
        <ul className="cards">
          {HOST_STATUSES.map((s, i) => (
            <li key={s} className={`card status-${s}`}>
              <Link to={`/hosts?status=${s}`}>
                <span className="n" data-testid={`hosts-${s}`}>
                  {d.byStatus[i]}
                </span>
                <span className="label">{s}</span>
              </Link>
              <span className="hint">{STATUS_WORDS[s]}</span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="h-items">
        <h2 id="h-items">Work items</h2>
        <ul className="cards small">
          {ITEM_STATES.map((s) => (
            <li key={s} className="card">
              <Link to={`/items?state=${s}`}>
                <span className="n" data-testid={`items-${s}`}>
                  {d.campaign.states[s] ?? 0}
                </span>
                <span className="label">{s}</span>
              </Link>
            </li>
          ))}
          <li className="card overdue">
            <Link to="/items?overdue=true">
              <span className="n" data-testid="items-overdue">
                {d.campaign.overdue}
              </span>
              <span className="label">overdue</span>
            </Link>
          </li>
        </ul>
      </section>

      <section aria-labelledby="h-burndown">
        <h2 id="h-burndown">Burn-down</h2>
        <BurndownChart data={d.burndown} />
      </section>

      <section aria-labelledby="h-findings">
        <h2 id="h-findings">
          Findings by product and class{" "}
          <span className="total" data-testid="findings-total">
            {d.findings.total}
          </span>
        </h2>
        {!d.findings.complete && (
          <p className="notice">
            Counted from the first {count(d.findings.items.length, "finding")} of {d.findings.total}.
          </p>
        )}
        {products.length === 0 ? (
          <p>No findings yet. Upload an inventory to start.</p>
        ) : (
          <table data-testid="findings-by-product">
            <thead>
              <tr>
                <th scope="col">Product</th>
                {FINDING_CLASSES.map((c) => (
                  <th key={c} scope="col" className="num">
                    {c}
                  </th>
                ))}
                <th scope="col" className="num">
                  total
                </th>
              </tr>
            </thead>
            <tbody>
              {products.map((p) => (
                <tr key={p.product} data-product={p.product}>
                  <th scope="row">
                    <Link to={`/hosts?product=${encodeURIComponent(p.product)}`}>{p.productName}</Link>
                  </th>
                  {FINDING_CLASSES.map((c) => (
                    <td key={c} className="num" data-class={c}>
                      {p.byClass[c] || ""}
                    </td>
                  ))}
                  <td className="num">{p.total}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">all products</th>
                {classTotals.map((n, i) => (
                  <td key={FINDING_CLASSES[i]} className="num" data-testid={`class-${FINDING_CLASSES[i]}`}>
                    {n}
                  </td>
                ))}
                <td className="num">{d.findings.items.length}</td>
              </tr>
            </tfoot>
          </table>
        )}
      </section>

      <section aria-labelledby="h-deadlines">
        <h2 id="h-deadlines">Upcoming deadlines</h2>
        <h3 className="sub-head">Regime deadlines</h3>
        {due.length === 0 ? (
          <p>No finding is bound by a dated obligation under the server's profiles.</p>
        ) : (
          <table data-testid="deadlines">
            <thead>
              <tr>
                <th scope="col">Deadline</th>
                <th scope="col">Regime</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Findings
                </th>
                <th scope="col" className="num">
                  Hosts
                </th>
              </tr>
            </thead>
            <tbody>
              {due.map((r) => (
                <tr
                  key={`${r.deadline}|${r.regime}|${r.status}|${r.milestone}`}
                  className={r.passed ? "passed" : ""}
                >
                  <td>
                    {deadline(r.deadline)}
                    {r.passed ? " (passed)" : ""}
                  </td>
                  <td>
                    {r.regime}
                    {r.milestone ? ` · ${r.milestone}` : ""}
                  </td>
                  <td>{r.status}</td>
                  <td className="num">{r.findings}</td>
                  <td className="num">{r.hosts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h3 className="sub-head">Work items due</h3>
        {!d.items.complete && (
          <p className="notice">
            From the first {count(d.items.items.length, "work item")} of {d.items.total}.
          </p>
        )}
        {itemDays.length === 0 ? (
          <p>No open work item has a due date ahead.</p>
        ) : (
          <table data-testid="items-due">
            <thead>
              <tr>
                <th scope="col">Due</th>
                <th scope="col" className="num">
                  Items
                </th>
                <th scope="col">Owners</th>
              </tr>
            </thead>
            <tbody>
              {itemDays.slice(0, SHOWN_DUE).map((r) => (
                <tr key={r.due}>
                  <td>{r.due}</td>
                  <td className="num">{r.items}</td>
                  <td>
                    {r.owners.join(", ")}
                    {r.unassigned > 0 ? `${r.owners.length > 0 ? "; " : ""}${r.unassigned} unassigned` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p>
          <Link to="/items?overdue=true">{count(d.campaign.overdue, "work item")} past the due date</Link>
        </p>
      </section>
    </>
  );
}
