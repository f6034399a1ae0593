// What every pmo-* element shares: a shadow root styled by the dashboard's own style sheets (so
// a widget looks the same on any page, and the page's CSS cannot break it), the data source
// (`src` attribute or `.data` property), re-rendering when either or an observed attribute
// changes, errors shown in place (and sent as a `pmo-error` event), and `pmo-select` events.
//
// Theming from the host page: the CSS custom properties in elements.css (--pmo-accent and the
// rest) and the parts named with part="..." (frame, title, chart, table, error, status).

import { el, replaceChildren } from '../dom.js';
import { forgetSource, resolveWorkspace } from './source.js';

const SHEETS = ['../../styles.css', '../../health.css', '../../elements.css'].map((path) => new URL(path, import.meta.url).href);

export class PmoElement extends HTMLElement {
  /** Attributes that redraw the element; subclasses add their own. */
  static get observedAttributes() {
    return ['src', 'project'];
  }

  #data = undefined;
  #renderQueued = false;
  #generation = 0;
  #sheetsLoaded;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    const links = SHEETS.map((href) => el('link', { rel: 'stylesheet', href }));
    // Drawn only once the style sheets are in: charts measure their boxes as they draw.
    this.#sheetsLoaded = Promise.all(links.map((link) => new Promise((resolve) => {
      link.addEventListener('load', resolve, { once: true });
      link.addEventListener('error', resolve, { once: true });
    })));
    /** The element's content; a host page styles it as ::part(frame). */
    this.frame = el('div', { class: 'pmo-frame', part: 'frame', hidden: true });
    this.statusLine = el('p', { class: 'pmo-status', part: 'status', role: 'status' });
    root.append(...links, this.frame, this.statusLine);
  }

  /** The portfolio: an object or its JSON text. Setting it redraws the element. */
  get data() {
    return this.#data;
  }

  set data(value) {
    this.#data = value;
    this.requestRender();
  }

  /** The project the element shows (attribute `project`). */
  get project() {
    return this.getAttribute('project');
  }

  set project(value) {
    if (value === null || value === undefined) this.removeAttribute('project');
    else this.setAttribute('project', String(value));
  }

  connectedCallback() {
    this.requestRender();
  }

  attributeChangedCallback(name, before, after) {
    if (before !== after) this.requestRender();
  }

  /**
   * Reads the source again and redraws, e.g. after the page changed the data object in place or
   * the file at src changed. Other elements sharing the source pick it up on their next draw.
   */
  refresh() {
    forgetSource({ data: this.#data, src: this.getAttribute('src') });
    this.requestRender();
  }

  /** Coalesces changes made in one turn (src, project and data set together) into one draw. */
  requestRender() {
    if (this.#renderQueued || !this.isConnected) return;
    this.#renderQueued = true;
    queueMicrotask(() => {
      this.#renderQueued = false;
      this.#render();
    });
  }

  async #render() {
    // A slower earlier draw must not overwrite a newer one.
    const generation = ++this.#generation;
    if ((this.#data === undefined || this.#data === null) && !this.hasAttribute('src')) {
      // Not an error yet: a page that passes data by property sets it after the element exists.
      this.dataset.state = 'empty';
      this.frame.hidden = true;
      this.statusLine.textContent = 'No data yet: set the src attribute or the data property.';
      return;
    }
    this.dataset.state = 'loading';
    this.setAttribute('aria-busy', 'true');
    this.statusLine.textContent = 'Loading…';
    let workspace;
    try {
      [workspace] = await Promise.all([resolveWorkspace({ data: this.#data, src: this.getAttribute('src') }), this.#sheetsLoaded]);
      if (generation !== this.#generation) return;
      this.frame.hidden = false;
      this.statusLine.textContent = '';
      await this.draw(workspace, this.frame);
      if (generation !== this.#generation) return;
      this.dataset.state = 'ready';
      this.dispatchEvent(new CustomEvent('pmo-render', { bubbles: true, composed: true }));
    } catch (error) {
      if (generation !== this.#generation) return;
      this.showError(error);
    } finally {
      if (generation === this.#generation) this.removeAttribute('aria-busy');
    }
  }

  /** Subclasses draw into frame from the resident workspace (may be async). */
  draw(_workspace, _frame) {
    throw new Error(`${this.localName} does not draw anything`);
  }

  /** True while a draw begun at `generation` is still the latest one. */
  get generation() {
    return this.#generation;
  }

  /** The `project` attribute, or an error that says what is missing. */
  requireProject(workspace) {
    const id = this.project;
    if (!id) throw Object.assign(new Error(`<${this.localName}> needs a project attribute naming one of the portfolio’s projects.`), { code: 'no_project' });
    const project = workspace.listProjects().find((p) => p.id === id);
    if (!project) throw Object.assign(new Error(`The portfolio has no project “${id}”.`), { code: 'unknown_project', path: 'project' });
    return project;
  }

  showError(error) {
    this.dataset.state = 'error';
    this.frame.hidden = false;
    this.statusLine.textContent = '';
    const code = error?.code ?? 'internal_error';
    const message = error?.message ?? String(error);
    replaceChildren(this.frame, el('p', { class: 'alert alert-error pmo-error', part: 'error', role: 'alert' },
      el('strong', {}, 'Cannot show this: '), message, ' ', el('code', {}, code)));
    this.dispatchEvent(new CustomEvent('pmo-error', { bubbles: true, composed: true, detail: { code, message, path: error?.path ?? null } }));
  }

  /** Tells the page what the reader chose: { kind, projectId, ... }. */
  select(detail) {
    this.dispatchEvent(new CustomEvent('pmo-select', { bubbles: true, composed: true, detail }));
  }
}

/** An element's heading, a part the host page can style. */
export function title(text, level = 2) {
  return el(`h${level}`, { class: 'pmo-title', part: 'title' }, text);
}
