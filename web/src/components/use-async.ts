import { type DependencyList, useCallback, useEffect, useState } from "react";
import { isUnauthorized } from "../lib/roles.js";
import { useSession } from "./session.js";

export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
}

/**
 * Runs a read whenever its inputs change, aborting the one before; a 401 signs the session out
 * (the token was revoked while the dashboard was open).
 */
export function useAsync<T>(run: (signal: AbortSignal) => Promise<T>, deps: DependencyList): AsyncState<T> {
  const { signOut } = useSession();
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to run again
  useEffect(() => {
    const ctl = new AbortController();
    setState((s) => ({ ...s, loading: true, error: undefined }));
    run(ctl.signal).then(
      (data) => {
        if (!ctl.signal.aborted) setState({ data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (ctl.signal.aborted) return;
        if (isUnauthorized(error)) signOut("The server no longer accepts this token. Sign in again.");
        setState((s) => ({ data: s.data, error, loading: false }));
      },
    );
    return () => ctl.abort();
  }, [...deps, tick]);
  return { ...state, reload };
}
