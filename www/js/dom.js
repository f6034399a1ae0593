// Safe DOM construction. Every piece of text from a portfolio (names, commentary, messages) is
// user data and may contain markup; it only ever reaches the page as a text node made here, so
// nothing in a loaded file can become HTML. No module of the dashboard uses innerHTML.

/**
 * Creates an element.
 *   el('td', { class: 'num', scope: 'row' }, 'text', otherNode, null, [more, nodes])
 * attrs:
 *   class            string or array of strings (falsy entries dropped)
 *   on               { click: fn, keydown: fn, ... } event listeners
 *   dataset          { unitId: 'u1' } -> data-unit-id="u1"
 *   hidden, disabled, checked, tabIndex, value: set as properties
 *   anything else    setAttribute(name, String(value)); null/undefined/false skip it
 * children: strings and numbers become text nodes; null, undefined and false are skipped;
 * arrays are flattened.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') {
      const names = Array.isArray(value) ? value.filter(Boolean) : [value];
      if (names.length) node.className = names.join(' ');
    } else if (name === 'on') {
      for (const [type, listener] of Object.entries(value)) node.addEventListener(type, listener);
    } else if (name === 'dataset') {
      for (const [key, data] of Object.entries(value)) {
        if (data !== null && data !== undefined) node.dataset[key] = String(data);
      }
    } else if (PROPERTIES.has(name)) {
      node[name] = value;
    } else if (FORBIDDEN.has(name.toLowerCase()) || name.toLowerCase().startsWith('on')) {
      // Markup and inline handlers would bypass the text-only rule (and the CSP refuses them).
      throw new Error(`el(): attribute "${name}" is not allowed; use "on" or a class`);
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(node, children);
  return node;
}

const PROPERTIES = new Set(['hidden', 'disabled', 'checked', 'tabIndex', 'value', 'open']);
const FORBIDDEN = new Set(['innerhtml', 'outerhtml', 'style', 'srcdoc']);

/** Appends children (same rules as el) to an existing node. */
export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replaces everything inside a node with the given children. */
export function replaceChildren(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

/** Text that screen readers read and sighted users do not need (e.g. units after a number). */
export function srOnly(text) {
  return el('span', { class: 'visually-hidden' }, text);
}

/** Looks up an element that index.html must contain; a missing one is a bug of the page. */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`index.html has no element #${id}`);
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes (null, undefined and false skipped) and optional text content. */
export function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined && value !== false) node.setAttribute(name, String(value));
  }
  if (text !== undefined) node.textContent = String(text);
  return node;
}
