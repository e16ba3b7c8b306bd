// The JSON API of the same server (doc/api.md).

/** Thrown for a non-2xx answer; `message` is the API's error text. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** GET /api/<path>?<params> as JSON; empty params are left out. */
export async function api(path, params = {}, signal) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  }
  const url = `/api/${path}${qs.toString() ? `?${qs}` : ''}`;
  const res = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  let body = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (!res.ok) throw new ApiError(res.status, (body && body.error) || `${res.status} ${res.statusText}`);
  return body;
}

/** The selection parameters every exploring endpoint shares. */
export function selection(state) {
  return { q: state.q, from: state.from, to: state.to, lang: state.lang };
}
