import { type FormEvent, useState } from "react";
import { Api } from "../api/client.js";
import type { Role } from "../api/types.js";
import { ErrorNote } from "../components/error-note.js";
import { detectRole } from "../lib/roles.js";

/**
 * Sign-in with an API token (`offramp token create --role R`). The input has no name, so even
 * without script the token is never sent in a form or written into an address.
 */
export function SignInScreen(props: { notice: string | null; onSignedIn(token: string, role: Role): void }) {
  const [token, setToken] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const t = token.trim();
    if (!t) return;
    setBusy(true);
    setError(undefined);
    try {
      const api = new Api(t);
      const role = await detectRole((p) => api.get(p));
      props.onSignedIn(t, role);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <h1>offramp</h1>
      <p>
        Sign in with an API token. It stays in this browser tab only and is forgotten when the tab closes.
      </p>
      {props.notice && <p className="notice">{props.notice}</p>}
      <form method="post" onSubmit={submit}>
        <label>
          API token
          <input
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={token}
            onChange={(e) => setToken(e.target.value)}
            data-testid="token"
          />
        </label>
        <button type="submit" disabled={busy || !token.trim()}>
          {busy ? "Checking…" : "Sign in"}
        </button>
      </form>
      <ErrorNote error={error} />
      <p className="hint">
        No token yet? On the server: <code>offramp token create --role analyst</code>
      </p>
    </main>
  );
}
