// The organisation tree (functions, portfolios, sub-portfolios, programs) as an ARIA tree view:
// nested lists so indentation and structure come from the markup itself, one tab stop (roving
// tabindex), arrow keys to move, Left/Right to collapse/expand, Enter or Space to select.
// Selecting a unit is reported to the page, which filters the projects table.
// Pattern: https://www.w3.org/WAI/ARIA/apg/patterns/treeview/

import { el, replaceChildren, srOnly } from './dom.js';
import { formatCount, unitKindLabel } from './format.js';

/**
 * container: the <ul role="tree"> element. onSelect(unitId) is called when the reader selects a
 * unit. Returns { render(rows), setSelected(unitId) } where rows come from Workspace.orgTree().
 * Selecting does not rebuild the tree, so keyboard focus stays where the reader is.
 */
export function createOrgTree(container, { onSelect }) {
  const collapsed = new Set(); // unit ids the reader folded; kept across re-renders
  let activeId = null; // the one item in the tab order

  container.addEventListener('keydown', (event) => onKeyDown(event));
  container.addEventListener('click', (event) => {
    const item = event.target.closest('[role="treeitem"]');
    if (!item || !container.contains(item)) return;
    if (event.target.closest('.tree-twisty')) {
      toggle(item);
    } else {
      select(item);
    }
    focus(item);
  });

  /** badgeOf(unitId): an element shown after the unit's name (its health pill), or null. */
  function render(rows, badgeOf = null) {
    const root = document.createDocumentFragment();
    // Rows come depth first, so every parent exists before its children are placed in it.
    const itemById = new Map();
    const parents = new Set(rows.map((row) => row.parentId));
    for (const row of rows) {
      const hasChildren = parents.has(row.id);
      const item = el(
        'li',
        {
          role: 'treeitem',
          'aria-level': row.depth + 1,
          'aria-selected': 'false',
          'aria-expanded': hasChildren ? String(!collapsed.has(row.id)) : null,
          tabIndex: -1,
          dataset: { unitId: row.id },
        },
        el(
          'span',
          { class: ['tree-row', `kind-${row.kind}`] },
          el('span', { class: 'tree-twisty', 'aria-hidden': 'true' }, hasChildren ? '▸' : ''),
          el(
            'span',
            { class: 'tree-label' },
            el('span', { class: 'tree-name' }, row.name),
            el('span', { class: 'tree-kind' }, ' ', unitKindLabel(row.kind)),
            badgeOf?.(row.id) ?? null,
          ),
          el(
            'span',
            { class: ['tree-count', row.totalProjectCount === 0 && 'is-zero'] },
            formatCount(row.totalProjectCount),
            srOnly(row.totalProjectCount === 1 ? ' project' : ' projects'),
          ),
        ),
      );
      itemById.set(row.id, item);
      const parentList = row.depth === 0 ? root : groupOf(itemById.get(row.parentId));
      (parentList ?? root).append(item);
    }
    replaceChildren(container, root);

    const items = allItems();
    if (!items.some((item) => item.dataset.unitId === activeId)) {
      activeId = items[0]?.dataset.unitId ?? null;
    }
    // If the active item is hidden inside a folded branch, the tab stop falls on the first item.
    const active = visibleItems().find((item) => item.dataset.unitId === activeId) ?? visibleItems()[0];
    if (active) {
      active.tabIndex = 0;
      activeId = active.dataset.unitId;
    }
  }

  function setSelected(unitId) {
    for (const item of allItems()) {
      item.setAttribute('aria-selected', String(item.dataset.unitId === unitId));
    }
  }

  function groupOf(item) {
    if (!item) return null;
    let group = item.querySelector(':scope > [role="group"]');
    if (!group) {
      group = el('ul', { role: 'group' });
      item.append(group);
    }
    return group;
  }

  function allItems() {
    return [...container.querySelectorAll('[role="treeitem"]')];
  }

  function visibleItems() {
    return allItems().filter((item) => !item.parentElement.closest('[role="treeitem"][aria-expanded="false"]'));
  }

  function focus(item) {
    for (const other of allItems()) other.tabIndex = -1;
    item.tabIndex = 0;
    activeId = item.dataset.unitId;
    item.focus();
  }

  function select(item) {
    onSelect(item.dataset.unitId);
  }

  function toggle(item, expand) {
    if (!item.hasAttribute('aria-expanded')) return;
    const open = expand ?? item.getAttribute('aria-expanded') !== 'true';
    item.setAttribute('aria-expanded', String(open));
    if (open) collapsed.delete(item.dataset.unitId);
    else collapsed.add(item.dataset.unitId);
  }

  function onKeyDown(event) {
    const item = event.target.closest('[role="treeitem"]');
    if (!item || event.altKey || event.ctrlKey || event.metaKey) return;
    const visible = visibleItems();
    const index = visible.indexOf(item);
    const expanded = item.getAttribute('aria-expanded');
    let next = null;
    switch (event.key) {
      case 'ArrowDown':
        next = visible[index + 1];
        break;
      case 'ArrowUp':
        next = visible[index - 1];
        break;
      case 'Home':
        next = visible[0];
        break;
      case 'End':
        next = visible[visible.length - 1];
        break;
      case 'ArrowRight':
        if (expanded === 'false') toggle(item, true);
        else if (expanded === 'true') next = item.querySelector(':scope > [role="group"] > [role="treeitem"]');
        break;
      case 'ArrowLeft':
        if (expanded === 'true') toggle(item, false);
        else next = item.parentElement.closest('[role="treeitem"]');
        break;
      case 'Enter':
      case ' ':
        select(item);
        break;
      default:
        return; // let every other key (Tab above all) do what it does
    }
    event.preventDefault();
    if (next) focus(next);
  }

  return { render, setSelected };
}
