import type { ClientResponse } from 'hono/client';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, call, type Success } from '../shared/api.ts';
import { navigate } from '../shared/router.ts';

export interface ApiState<T> {
  data: T | null;
  error: Error | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads a typed GET request (`() => api.users.$get()`, or null to wait); `deps` say when to load again,
 * as for useEffect. A 401 sends the user to sign in and come back.
 */
export function useApi<R extends ClientResponse<unknown, number, string>>(
  request: (() => Promise<R>) | null,
  deps: readonly unknown[],
  refreshMs?: number,
): ApiState<Success<R>> {
  const [data, setData] = useState<Success<R> | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(request !== null);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const active = request !== null;

  useEffect(() => {
    if (request === null) return;
    let cancelled = false;
    setLoading(true);
    call(request())
      .then((body) => {
        if (cancelled) return;
        setData(body);
        setError(null);
      })
      .catch((e: unknown) => {
        if (cancelled) return;
        if (e instanceof ApiError && e.status === 401) {
          navigate(`/login?next=${encodeURIComponent(window.location.pathname)}`, true);
          return;
        }
        setError(e instanceof Error ? e : new Error(String(e)));
      })
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
    // The request function is new on every render; `deps` name what it depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active, tick, ...deps]);

  useEffect(() => {
    if (!refreshMs || !active) return;
    const timer = setInterval(reload, refreshMs);
    return () => clearInterval(timer);
  }, [refreshMs, active, reload]);

  return { data, error, loading, reload };
}
