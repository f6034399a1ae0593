// Loads the WebAssembly module once for the whole page. Every view asks the same resident
// Workspace, so the portfolio crosses into wasm once per load, not once per question.

let loading = null;

/**
 * Resolves to the module's exports ({ Workspace, validate, version, schemaVersion }) after the
 * wasm has been fetched (same origin, next to pkg/pmo_analytics.js) and instantiated.
 * A failure rejects with an Error whose message says what the reader can do about it.
 */
export function loadEngine() {
  loading ??= (async () => {
    let module;
    try {
      module = await import('../pkg/pmo_analytics.js');
    } catch (cause) {
      throw new Error('The analytics module (pkg/pmo_analytics.js) could not be loaded. Build it with "make pkg" and serve www/ over HTTP ("make demo").', { cause });
    }
    try {
      await module.default();
    } catch (cause) {
      throw new Error(`The analytics engine (WebAssembly) could not start: ${cause?.message ?? cause}. The page must be served over HTTP by a server that sends .wasm files; opening index.html from disk does not work.`, { cause });
    }
    return module;
  })();
  return loading;
}

/** True for the errors the library throws on purpose (bad input, unknown id, internal error). */
export function isPmoError(error) {
  return error instanceof Error && error.name === 'PmoError';
}
