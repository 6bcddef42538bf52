import { useEffect, useState } from 'react';

/** Loads a public answer once per key; `error` is what `call` threw (an ApiError or a NetworkError). */
export function usePublic<T>(load: () => Promise<T>, key: string): { data: T | null; error: unknown } {
  const [state, setState] = useState<{ key: string; data: T | null; error: unknown }>({
    key,
    data: null,
    error: null,
  });
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ key, data, error: null }),
      (error: unknown) => live && setState({ key, data: null, error }),
    );
    return () => {
      live = false;
    };
    // The key names what is loaded: `load` is a new closure on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state.key === key ? state : { data: null, error: null };
}

/**
 * Announces the Atom feed of 整改周周见 in the document's head (<link rel="alternate">), so a browser or
 * feed reader finds it from the page, and sets the page's title.
 */
export function useFeedLinkAndTitle(title: string): void {
  useEffect(() => {
    const link = document.createElement('link');
    link.rel = 'alternate';
    link.type = 'application/atom+xml';
    link.title = '整改周周见';
    link.href = '/api/public/weekly.atom';
    document.head.appendChild(link);
    return () => link.remove();
  }, []);
  useEffect(() => {
    document.title = title;
  }, [title]);
}
