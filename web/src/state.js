// The page state lives in the URL (/?q=Tripoli&from=2019-04-01&lang=nl&doc=ID),
// so every view can be bookmarked and back/forward walk through them.

// dates: '' (timeline by publication date) or 'event' (by the dates the texts mention).
export const KEYS = ['q', 'from', 'to', 'lang', 'dates', 'offset', 'doc', 'story'];

/** The state of a URL (default: the current one). */
export function readState(href = window.location.href) {
  const params = new URL(href).searchParams;
  const state = {};
  for (const k of KEYS) state[k] = params.get(k) || '';
  return state;
}

/** The URL of a state: only non-empty keys, in KEYS order. */
export function stateUrl(state) {
  const params = new URLSearchParams();
  for (const k of KEYS) if (state[k]) params.set(k, state[k]);
  const qs = params.toString();
  return qs ? `/?${qs}` : '/';
}

/** Pushes `next` (merged over `current`) as a new history entry; returns it. */
export function pushState(current, changes) {
  const next = { ...current, ...changes };
  const url = stateUrl(next);
  if (url !== window.location.pathname + window.location.search) window.history.pushState(null, '', url);
  return next;
}
