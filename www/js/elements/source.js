// Where the custom elements get their portfolio: a `src` URL on this site or a `.data` value,
// loaded into a resident Workspace. The engine starts once per page (engine.js), and elements
// that name the same URL or are given the same object share one Workspace, so a page with six
// widgets parses and schedules the portfolio once.

import { loadEngine } from '../engine.js';

/** URL (absolute) -> Promise<Workspace>. */
const byUrl = new Map();
/** Portfolio object -> Promise<Workspace>; forgotten with the object. */
const byObject = new WeakMap();

/** An error with a stable code, shown by the element and sent in its `pmo-error` event. */
export function sourceError(code, message, cause) {
  return Object.assign(new Error(message, { cause }), { code });
}

async function workspaceOf(text, what) {
  const engine = await loadEngine();
  const workspace = new engine.Workspace();
  try {
    workspace.load(text);
  } catch (error) {
    workspace.free();
    const first = Array.isArray(error?.findings) ? error.findings.find((f) => f.severity === 'error') : null;
    const where = first?.path ? ` (at ${first.path})` : '';
    throw sourceError(error?.code ?? 'invalid_portfolio', `${what} is not a portfolio the engine accepts${where}: ${first?.message ?? error?.message ?? error}`, error);
  }
  return workspace;
}

async function fetchWorkspace(url) {
  let response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch (cause) {
    throw sourceError('src_unreachable', `The portfolio at ${url} could not be fetched: ${cause?.message ?? cause}.`, cause);
  }
  if (!response.ok) throw sourceError('src_unreachable', `The portfolio at ${url} could not be fetched: the server answered ${response.status}.`);
  return workspaceOf(await response.text(), `The file at ${url}`);
}

/**
 * The Workspace for an element's source. data: a portfolio object or its JSON text (wins over
 * src); src: a URL relative to the page. The data never leaves this origin: a src on another
 * origin is refused before any request is made.
 */
export function resolveWorkspace({ data, src }) {
  if (data !== undefined && data !== null) {
    if (typeof data === 'string') return workspaceOf(data, 'The data given to the element');
    if (typeof data !== 'object') return Promise.reject(sourceError('invalid_data', 'The element’s data must be a portfolio object or its JSON text.'));
    let pending = byObject.get(data);
    if (!pending) {
      let text;
      try {
        text = JSON.stringify(data);
      } catch (cause) {
        return Promise.reject(sourceError('invalid_data', `The element’s data cannot be read as JSON: ${cause.message}.`, cause));
      }
      pending = workspaceOf(text, 'The data given to the element');
      byObject.set(data, pending);
      pending.catch(() => byObject.delete(data));
    }
    return pending;
  }
  if (!src) return Promise.reject(sourceError('no_data', 'No portfolio: set the element’s src attribute to a JSON file on this site, or its data property.'));
  let url;
  try {
    url = new URL(src, document.baseURI);
  } catch (cause) {
    return Promise.reject(sourceError('invalid_src', `“${src}” is not a URL.`, cause));
  }
  if (url.origin !== location.origin) {
    return Promise.reject(sourceError('src_not_same_origin', `The portfolio must come from this site; ${url.origin} is another origin, and the elements never send or fetch data elsewhere.`));
  }
  url.hash = '';
  const key = url.href;
  let pending = byUrl.get(key);
  if (!pending) {
    pending = fetchWorkspace(key);
    byUrl.set(key, pending);
    // A failed fetch is not remembered: the next element (or a retry) asks again.
    pending.catch(() => byUrl.delete(key));
  }
  return pending;
}

/**
 * Forgets the Workspace kept for a source, so the next resolveWorkspace reads it again: the
 * file at `src` may have changed, or the page changed its data object in place.
 */
export function forgetSource({ data, src }) {
  if (data !== undefined && data !== null && typeof data === 'object') byObject.delete(data);
  else if (src) {
    try {
      const url = new URL(src, document.baseURI);
      url.hash = '';
      byUrl.delete(url.href);
    } catch {
      // Not a URL: nothing was kept for it.
    }
  }
}
