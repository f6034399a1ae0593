// The dashboard page: loads the engine and the sample portfolio into ONE resident Workspace,
// then renders the views from small questions to it. Views live in js/ and know nothing of each
// other; this file owns the page state (which unit and project are selected) and the wiring.

import { byId, el, replaceChildren } from './js/dom.js';
import { isPmoError, loadEngine } from './js/engine.js';
import { countText, findingsList, projectIndexOf } from './js/findings.js';
import { plural } from './js/format.js';
import { renderKpis, renderTitle } from './js/summary.js';
import { createOrgTree } from './js/tree.js';
import { renderProjectsTable } from './js/projects.js';
import { renderNoProject, renderProjectDetails } from './js/details.js';
import { renderGantt, scheduleTable } from './js/gantt.js';
import { renderSCurve } from './js/scurve.js';
import { renderEvmPanel } from './js/evm-panel.js';
import { createEvmTable } from './js/evm-table.js';
import { createRiskRegister } from './js/risk-register.js';
import { createSimulationPanel } from './js/simulation.js';
import { createPortfolioHome } from './js/portfolio-home.js';
import { healthPill } from './js/health-pill.js';
import { mayHoldSavedCopy, openStore } from './js/store.js';
import { download, enableCsvDownloads, rowsToCsv } from './js/table-csv.js';
import { createWhatIf } from './js/what-if.js';

const SAMPLE_URL = './sample/portfolio.json';

const page = {
  title: byId('portfolio-title'),
  kpis: byId('kpis'),
  tree: byId('org-tree'),
  table: byId('projects-table'),
  grid: byId('workspace-grid'),
  details: byId('project-details'),
  findings: byId('findings-body'),
  fileInput: /** @type {HTMLInputElement} */ (byId('file-input')),
  mspdiInput: /** @type {HTMLInputElement} */ (byId('mspdi-input')),
  csvInput: /** @type {HTMLInputElement} */ (byId('csv-input')),
  csvKind: /** @type {HTMLSelectElement} */ (byId('csv-kind')),
  exportButton: byId('export-button'),
  clearButton: byId('clear-button'),
  storeNote: byId('store-note'),
  schedule: byId('schedule-section'),
  scheduleHeading: byId('schedule-heading'),
  scheduleFacts: byId('schedule-facts'),
  gantt: byId('gantt'),
  ganttCsv: byId('gantt-csv'),
  whatIf: byId('what-if'),
  evm: byId('evm-section'),
  evmHeading: byId('evm-heading'),
  scurve: byId('scurve'),
  evmPanel: byId('evm-panel'),
  evmTable: byId('evm-table-body'),
  risk: byId('risk-section'),
  riskHeading: byId('risk-heading'),
  riskRegister: byId('risk-register'),
  riskSimulation: byId('risk-simulation'),
  pageError: byId('page-error'),
  loadError: byId('load-error'),
  status: byId('status'),
  version: byId('engine-version'),
  home: {
    kpis: byId('health-kpis'),
    table: byId('health-table'),
    why: byId('health-why'),
    financials: byId('financials-chart'),
    capacity: byId('capacity-heatmap'),
    milestones: byId('milestone-list'),
    onePager: byId('one-pager'),
    onePagerButton: byId('one-pager-button'),
  },
};

/** @typedef {import('./pkg/pmo_analytics.js').Workspace} Workspace */
/** @typedef {import('./pkg/pmo_analytics.js').OrgTreeRow} OrgTreeRow */
/** @typedef {import('./pkg/pmo_analytics.js').ProjectListItem} ProjectListItem */

const state = {
  /** @type {Workspace | null} the one resident workspace of the page */
  workspace: null,
  loaded: false, // whether the workspace holds a portfolio
  portfolioName: '',
  /** @type {OrgTreeRow[]} */
  orgRows: [],
  /** @type {ProjectListItem[]} */
  projects: [],
  /** @type {Map<string, string>} unit id -> name */
  unitNames: new Map(),
  selectedUnitId: null,
  selectedProjectId: null,
  /** the last PortfolioSummary, for the home's scope */
  summary: null,
  /** @type {{ projectId: string, map: Map<string, number> } | null} the last simulation's criticality */
  criticality: null,
  /** how many times the portfolio shown has been replaced or edited, so a late save can tell */
  changes: 0,
};

const tree = createOrgTree(page.tree, { onSelect: selectUnit });
let evmTable = createEvmTable(page.evmTable, { onOpen: openProject });
const riskRegister = createRiskRegister(page.riskRegister);
const simulation = createSimulationPanel(page.riskSimulation, { onResults: showCriticality });
const home = createPortfolioHome(page.home, { onOpenProject: openProject });
const whatIf = createWhatIf(page.whatIf, { onEdited: afterWhatIf, onReset: resetToImported });
/** The portfolio as it was last loaded or imported, for "Reset to imported". */
let importedText = null;

enableCsvDownloads();
page.fileInput.addEventListener('change', () => loadChosenFile());
page.csvInput.addEventListener('change', () => importChosenCsv());
page.exportButton.addEventListener('click', () => exportEverything());
page.ganttCsv.addEventListener('click', () => downloadSchedule());
page.clearButton.addEventListener('click', () => clearSavedData());
page.mspdiInput.addEventListener('change', () => importChosenXml());
page.details.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') closeProject();
});

// A bug in a view must still be visible to the reader, not only in the console.
window.addEventListener('error', (event) => showPageError('Something went wrong in the dashboard', event.message));
window.addEventListener('unhandledrejection', (event) => showPageError('Something went wrong in the dashboard', event.reason?.message ?? String(event.reason)));

start();

async function start() {
  renderEmpty();
  // The engine, the copy this browser kept and the sample are asked for at once: waiting for
  // each in turn cost a large portfolio's first visit a tenth of a second or more. The sample
  // is dropped as soon as a kept copy is found (with `no-cache`, a sample the browser holds
  // is only revalidated, so a return visit costs one small request).
  const engineLoading = loadEngine();
  const sampleRequest = new AbortController();
  const sampleReading = fetchSample(sampleRequest.signal);
  const savedReading = readSaved().then((saved) => {
    if (saved?.status === 'ok' || saved?.status === 'recovered') sampleRequest.abort();
    return saved;
  });
  let engine;
  try {
    engine = await engineLoading;
  } catch (error) {
    showPageError('The dashboard cannot start', error.message);
    setTitle('The dashboard could not start');
    return;
  }
  state.workspace = new engine.Workspace();
  page.version.textContent = `pmo-analytics ${engine.version()}, schema version ${engine.schemaVersion()}.`;
  page.fileInput.disabled = false;
  page.mspdiInput.disabled = false;
  page.csvInput.disabled = false;

  // The portfolio the reader worked on last time comes back from this browser's storage. On a
  // first visit there is none, and the sample does not wait for the store to open.
  const maySaved = mayHoldSavedCopy();
  if (maySaved && restoreSaved(await savedReading)) return;
  let restoreTried = maySaved;
  let sample = await sampleReading;
  if (sample.error?.name === 'AbortError') {
    // Dropped because the store holds a copy: one kept before this page set its flag, shown
    // now, or one that would not load, which leaves the sample to be asked for again.
    if (!restoreTried && restoreSaved(await savedReading)) return;
    restoreTried = true;
    sample = await fetchSample();
  }
  if (sample.error) {
    showPageError('The sample portfolio could not be loaded', `${SAMPLE_URL}: ${sample.error.message}. You can still load your own JSON file with “Load your own JSON…”.`);
    setTitle('No portfolio loaded');
    return;
  }
  try {
    state.workspace.load(sample.text);
  } catch (error) {
    showLoadError('The sample portfolio', error);
    setTitle('No portfolio loaded');
    return;
  }
  // The text that loaded is the copy to reset to and to keep: exporting it again would give the
  // same portfolio and cost a large one a twentieth of a second before its first frame.
  importedText = sample.text;
  renderAll();
  const shown = state.changes;
  if (!restoreTried) {
    // The sample is kept only once the store has answered, so it never takes the place of a
    // saved copy. What the reader loaded or edited meanwhile stays, kept by its own save; else
    // a copy the flag did not know of (kept before this page set it) is shown instead.
    const saved = await inFlight(savedReading);
    if (state.changes !== shown || restoreSaved(saved)) return;
  }
  afterPaint(() => {
    if (state.changes === shown) save('sample', sample.text);
  });
}

/** The sample portfolio's text, or why it could not be fetched: { text } or { error }. */
async function fetchSample(signal = null) {
  try {
    const response = await fetch(SAMPLE_URL, { cache: 'no-cache', signal });
    if (!response.ok) throw new Error(`the server answered ${response.status} ${response.statusText}`.trim());
    return { text: await response.text() };
  } catch (error) {
    return { error };
  }
}

/** The store, opened once; null when this browser cannot keep data (the page still works). */
let store = null;

/** Opens the store and reads what this browser kept; null when it cannot keep data. */
async function readSaved() {
  try {
    store = await openStore();
  } catch (error) {
    store = null;
    page.storeNote.textContent = `${error.message} Your data is not kept between visits.`;
    return null;
  }
  return store.restore().catch((error) => ({ status: 'unreadable', problem: { message: error.message } }));
}

/** Shows what this browser kept from last time; false when there is nothing to show. */
function restoreSaved(saved) {
  if (!saved || saved.status === 'empty') return false;
  if (saved.status === 'unreadable') {
    showPageError('Your saved portfolio could not be read', `${saved.problem.message} The sample is shown instead.`);
    return false;
  }
  try {
    state.workspace.load(saved.record.text);
  } catch (error) {
    showLoadError('The portfolio saved in this browser', error);
    return false;
  }
  // "Reset to imported" returns to what was loaded, even when the restored copy holds edits.
  importedText = saved.imported?.text ?? saved.record.text;
  renderAll();
  const when = new Date(saved.record.savedAt).toLocaleString();
  if (saved.status === 'recovered') {
    showPageError('Your last saved changes could not be read', `The earlier copy from ${when} is shown. ${saved.problem.message}`);
  }
  page.storeNote.textContent = `Restored from this browser (saved ${when}).`;
  return true;
}

/**
 * Keeps the portfolio as it now is in this browser; a failure is shown, never swallowed. `text`
 * is the export when the caller already made it (a large portfolio's export takes a while).
 */
function save(source, text = null) {
  if (!store) return;
  text ??= state.workspace.exportJson();
  // Saves in flight, so a test (or a future "unsaved changes" warning) can tell when all landed.
  const note = page.storeNote.dataset;
  note.pending = String(Number(note.pending ?? 0) + 1);
  store
    // Anything but an edit is what the reader loaded: also kept as the copy to reset to.
    .save(text, { source, imported: source !== 'edit' })
    .finally(() => { note.pending = String(Number(note.pending) - 1); })
    .then((record) => {
      // Saves may finish out of order with the reader's actions; the note says which one it was.
      const what = record.source === 'edit' ? 'your edits' : record.source === 'sample' ? 'the sample' : record.source.replace(/^file:/, '');
      page.storeNote.textContent = `Kept in this browser only (${what}, saved ${new Date(record.savedAt).toLocaleTimeString()}).`;
    })
    .catch((error) => {
      if (error instanceof TypeError) throw error;
      showPageError('Your changes are not saved in this browser', error.message);
    });
}

/** Downloads the whole portfolio as JSON, made in this page (nothing is sent anywhere). */
function exportEverything() {
  if (!state.loaded) return;
  download(state.workspace.exportJson(), `${(state.portfolioName || 'portfolio').replace(/[^A-Za-z0-9_-]+/g, '-')}.json`, 'application/json');
  announce('The portfolio was exported as JSON.');
}

/** The open project's activities with their dates and floats, as CSV. */
function downloadSchedule() {
  const projectId = state.selectedProjectId;
  if (!projectId) return;
  try {
    const rows = scheduleTable(state.workspace.schedule(projectId), state.workspace.project(projectId));
    download(rowsToCsv(rows), `${projectId.replace(/[^A-Za-z0-9_-]+/g, '-')}-schedule.csv`);
  } catch (error) {
    showPageError('The schedule could not be exported', error?.message ?? String(error));
  }
}

async function clearSavedData() {
  if (!store) return;
  try {
    await store.clear();
  } catch (error) {
    showPageError('Your saved data could not be removed', error.message);
    return;
  }
  page.storeNote.textContent = 'Nothing is kept in this browser now; the page shows what is loaded until you leave.';
  announce('Saved data removed from this browser.');
}

async function loadChosenFile() {
  const file = page.fileInput.files?.[0];
  if (!file) return;
  let report;
  let text;
  try {
    // File.text() reads locally; the file never leaves the browser.
    text = await file.text();
    report = state.workspace.load(text);
  } catch (error) {
    showLoadError(`“${file.name}”`, error);
    return;
  } finally {
    // Lets the reader choose the same file again after fixing it.
    page.fileInput.value = '';
  }
  state.selectedUnitId = null;
  state.selectedProjectId = null;
  hideLoadError();
  page.pageError.hidden = true;
  // The text that loaded is what to reset to and keep (see start()).
  importedText = text;
  renderAll();
  afterPaint(() => save(`file:${file.name}`, text));
  announce(`Loaded “${file.name}”: ${plural(report.projectCount, 'project', 'projects')}, ${countText(report.findings, 'no findings').toLowerCase()}.`);
}

async function importChosenXml() {
  const file = page.mspdiInput.files?.[0];
  if (!file) return;
  const base = file.name.replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'import';
  let id = `MSP-${base}`;
  const taken = new Set((state.workspace.listProjects?.() ?? []).map((p) => p.id));
  for (let n = 2; taken.has(id); n += 1) id = `MSP-${base}-${n}`;
  let report;
  try {
    const text = await file.text();
    report = state.workspace.importMspdi(text, id);
  } catch (error) {
    showLoadError(`“${file.name}”`, error);
    return;
  } finally {
    page.mspdiInput.value = '';
  }
  hideLoadError();
  state.selectedUnitId = null;
  state.selectedProjectId = id;
  importedText = state.workspace.exportJson();
  renderAll();
  save(`file:${file.name}`, importedText);
  announce(`Imported “${file.name}” as ${id}, ${countText(report.findings, 'no findings').toLowerCase()}.`);
  page.schedule.scrollIntoView?.({ block: 'start' });
}

/** Replaces one part of the open project from a CSV file; problems name their row and column. */
async function importChosenCsv() {
  const file = page.csvInput.files?.[0];
  if (!file) return;
  const kind = page.csvKind.value;
  const projectId = state.selectedProjectId;
  try {
    if (!projectId) {
      throw Object.assign(new Error('Open a project first: a CSV file replaces the activities, links, risks or snapshots of the open project.'), { code: 'no_project_open', path: '' });
    }
    const text = await file.text();
    state.workspace.importCsv(projectId, kind, text);
  } catch (error) {
    showLoadError(`“${file.name}”`, error);
    return;
  } finally {
    page.csvInput.value = '';
  }
  hideLoadError();
  importedText = state.workspace.exportJson();
  renderAll();
  save(`file:${file.name}`, importedText);
  announce(`Imported the ${page.csvKind.selectedOptions[0]?.textContent.toLowerCase()} of “${file.name}” into the open project.`);
}

function renderAll() {
  state.changes += 1;
  const workspace = state.workspace;
  const summary = workspace.summary();
  state.loaded = true;
  // Panels below the first screen are laid out only as they come near it (styles.css). They
  // sat on screen while the page was empty; set now, the class has the browser judge them anew.
  document.body.classList.add('has-portfolio');
  state.portfolioName = summary.name;
  state.orgRows = workspace.orgTree();
  state.projects = workspace.listProjects();
  state.unitNames = new Map(state.orgRows.map((row) => [row.id, row.name]));
  if (state.selectedUnitId && !state.unitNames.has(state.selectedUnitId)) state.selectedUnitId = null;
  if (state.selectedProjectId && !state.projects.some((p) => p.id === state.selectedProjectId)) state.selectedProjectId = null;

  document.title = `${summary.name} · PMO Analytics`;
  renderTitle(page.title, summary);
  renderKpis(page.kpis, summary);
  state.summary = summary;
  tree.render(state.orgRows, unitPill);
  tree.setSelected(state.selectedUnitId);
  renderTable();
  renderHome();
  renderDetails();
  renderEvmTable();
  renderPortfolioFindings(workspace.findings());
  performance.mark('pmo:portfolio-rendered'); // for `make bench` (scripts/bench-browser.mjs)
}

function renderEmpty() {
  renderNoProject(page.details);
  renderProjectsTable(page.table, { projects: [], totalCount: 0, scopeName: null, unitNames: new Map(), onOpen: () => {}, emptyText: 'No portfolio is loaded.' });
  evmTable.render([]);
  replaceChildren(page.findings, el('p', { class: 'muted' }, 'Nothing is loaded yet.'));
}

function renderTable() {
  const units = unitsUnder(state.selectedUnitId);
  const projects = units ? state.projects.filter((project) => units.has(project.orgUnitId)) : state.projects;
  renderProjectsTable(page.table, {
    projects,
    totalCount: state.projects.length,
    scopeName: state.selectedUnitId ? state.unitNames.get(state.selectedUnitId) : null,
    unitNames: state.unitNames,
    selectedProjectId: state.selectedProjectId,
    onOpen: openProject,
    onShowAll: showAllProjects,
  });
  return projects;
}

/** The ids of a unit and every unit below it, or null for the whole portfolio. */
function unitsUnder(unitId) {
  if (!unitId) return null;
  // orgTree() is depth first: a unit's subtree is the run of deeper rows right after it.
  const start = state.orgRows.findIndex((row) => row.id === unitId);
  if (start < 0) return null;
  const ids = new Set([unitId]);
  for (let index = start + 1; index < state.orgRows.length && state.orgRows[index].depth > state.orgRows[start].depth; index += 1) {
    ids.add(state.orgRows[index].id);
  }
  return ids;
}

/** Each unit's health as a pill with its band in words; a unit that cannot be assessed gets none. */
function unitPill(unitId) {
  try {
    const health = state.workspace.health(unitId, null);
    return healthPill(health.band, { label: health.bandLabel, title: `Health of ${health.name}: ${health.bandLabel}` });
  } catch {
    return null;
  }
}

/** The portfolio home for the selected unit, or the whole portfolio. */
function renderHome() {
  const summary = state.summary;
  home.show(state.workspace, {
    unitId: state.selectedUnitId,
    name: state.selectedUnitId ? state.unitNames.get(state.selectedUnitId) : summary.name,
    statusDate: summary.statusDate,
    currency: summary.currency,
    currencies: summary.budgetAtCompletionByCurrency.map((entry) => entry.currency),
    portfolioId: summary.id,
  });
}

function selectUnit(unitId) {
  state.selectedUnitId = unitId;
  tree.setSelected(unitId);
  renderHome();
  const shown = renderTable();
  announce(unitId ? `Showing ${plural(shown.length, 'project', 'projects')} in ${state.unitNames.get(unitId)} and below.` : `Showing all ${plural(shown.length, 'project', 'projects')}.`);
}

function showAllProjects() {
  selectUnit(null);
  // The button that was clicked is gone; the tree is where a unit is chosen again.
  /** @type {HTMLElement | null} */ (page.tree.querySelector('[role="treeitem"][tabindex="0"]'))?.focus();
}

function openProject(projectId) {
  state.selectedProjectId = projectId;
  markSelectedRow();
  const title = renderDetails();
  // Keyboard and screen-reader users land on what they opened.
  title?.focus();
}

function closeProject() {
  const projectId = state.selectedProjectId;
  state.selectedProjectId = null;
  markSelectedRow();
  renderDetails();
  /** @type {HTMLElement | null} */ (page.table.querySelector(`tr[data-project-id="${CSS.escape(projectId ?? '')}"] .project-open`))?.focus();
}

// Selection changes only touch classes, so the table keeps focus and scroll position.
function markSelectedRow() {
  evmTable.setSelected(state.selectedProjectId);
  for (const row of page.table.querySelectorAll('tbody tr')) {
    if (!(row instanceof HTMLTableRowElement) || !row.dataset.projectId) continue;
    const selected = row.dataset.projectId === state.selectedProjectId;
    row.classList.toggle('is-selected', selected);
    const button = row.querySelector('.project-open');
    if (selected) button?.setAttribute('aria-current', 'true');
    else button?.removeAttribute('aria-current');
  }
}

function renderDetails() {
  const project = state.projects.find((p) => p.id === state.selectedProjectId);
  page.details.hidden = !project;
  page.grid.classList.toggle('has-details', Boolean(project));
  renderSchedule(project);
  renderProjectEvm(project);
  renderProjectRisks(project);
  if (!project) {
    renderNoProject(page.details);
    return null;
  }
  return renderProjectDetails(page.details, {
    project,
    document: state.workspace.project(project.id),
    findings: state.workspace.findings(project.id),
    unitName: state.unitNames.get(project.orgUnitId),
    onClose: closeProject,
  });
}

/**
 * After a what-if edit or undo: everything that depends on the project is redrawn, and kept.
 * The edited schedule is drawn at once, in the frame the reader is waiting for; the views that
 * summarise it (earned value, risks, the portfolio's health) and the save follow as soon as that
 * frame is painted, so a large plan answers without waiting for the whole page.
 */
function afterWhatIf(projectId, message) {
  state.changes += 1;
  state.projects = state.workspace.listProjects();
  const project = state.projects.find((p) => p.id === projectId);
  renderSchedule(project, { keepWhatIf: true });
  announce(message);
  afterPaint(() => {
    if (state.selectedProjectId === projectId) {
      renderProjectEvm(project);
      if (project) riskRegister.show(state.workspace, project);
    }
    renderEvmTable();
    renderHome();
    save('edit');
  });
}

/** Counts `promise` as in flight (#store-note[data-pending], as afterPaint does) until it settles. */
function inFlight(promise) {
  const note = page.storeNote.dataset;
  note.pending = String(Number(note.pending ?? 0) + 1);
  promise.finally(() => { note.pending = String(Number(note.pending) - 1); });
  return promise;
}

/**
 * Runs `work` once the next frame has been painted. It counts as in flight from now
 * (#store-note[data-pending]), so nothing (a reload, a test) mistakes the gap for "saved".
 */
function afterPaint(work) {
  const note = page.storeNote.dataset;
  note.pending = String(Number(note.pending ?? 0) + 1);
  requestAnimationFrame(() => setTimeout(() => {
    try {
      work();
    } finally {
      note.pending = String(Number(note.pending) - 1);
    }
  }, 0));
}

function resetToImported() {
  if (!importedText) return;
  state.workspace.load(importedText);
  renderAll();
  save('edit');
  announce('Back to the plan as imported.');
}

function renderSchedule(project, { keepWhatIf = false } = {}) {
  page.schedule.hidden = !project;
  if (!keepWhatIf) {
    if (project) whatIf.show(state.workspace, project);
    else whatIf.clear();
  }
  if (!project) {
    replaceChildren(page.gantt);
    replaceChildren(page.scheduleFacts);
    return;
  }
  replaceChildren(page.scheduleHeading, `Schedule of ${project.name}`);
  let schedule;
  try {
    schedule = state.workspace.schedule(project.id);
  } catch (error) {
    replaceChildren(page.scheduleFacts, el('p', { class: 'alert alert-error' }, `The schedule could not be computed: ${error?.code ? `${error.code}: ` : ''}${error?.message ?? error}`));
    replaceChildren(page.gantt);
    return;
  }
  const critical = schedule.activities.filter((a) => a.critical).length;
  const findings = schedule.findings ?? [];
  replaceChildren(
    page.scheduleFacts,
    el(
      'dl',
      { class: 'facts schedule-facts' },
      el('div', { class: 'fact' }, el('dt', {}, 'Finish'), el('dd', { class: 'schedule-finish' }, (schedule.finish ?? '—').slice(0, 10) || '—')),
      el('div', { class: 'fact' }, el('dt', {}, 'Critical path'), el('dd', { class: 'schedule-path' }, plural(schedule.criticalPath?.activityIds?.length ?? 0, 'activity', 'activities'), spanDays(schedule))),
      el('div', { class: 'fact' }, el('dt', {}, 'Critical activities'), el('dd', { class: 'schedule-critical' }, String(critical))),
      el('div', { class: 'fact' }, el('dt', {}, 'Activities'), el('dd', {}, String(schedule.activities.length))),
    ),
    findings.length
      ? el('div', { class: 'schedule-findings' }, el('h3', {}, `Schedule findings (${findings.length})`), findingsList(findings))
      : el('p', { class: 'muted' }, 'No schedule findings.'),
  );
  const criticality = state.criticality?.projectId === project.id ? state.criticality.map : null;
  renderGantt(page.gantt, { schedule, document: state.workspace.project(project.id), criticality });
}

/** A finished (or cancelled) simulation shades the Gantt's bars by criticality; null clears it. */
function showCriticality(projectId, results) {
  const had = state.criticality?.projectId === projectId;
  state.criticality = results ? { projectId, map: new Map((results.activities ?? []).map((a) => [a.activityId, a.criticalityIndex])) } : had ? null : state.criticality;
  if ((results || had) && projectId === state.selectedProjectId) {
    renderSchedule(state.projects.find((p) => p.id === projectId));
  }
}

/** The selected project's S-curve and index panel (earned value at its status date). */
function renderProjectEvm(project) {
  page.evm.hidden = !project;
  if (!project) {
    replaceChildren(page.scurve);
    replaceChildren(page.evmPanel);
    return;
  }
  replaceChildren(page.evmHeading, `Earned value of ${project.name}`);
  let report;
  let series;
  try {
    report = state.workspace.earnedValue(project.id, null, null);
    series = state.workspace.earnedValueSeries(project.id, null);
  } catch (error) {
    replaceChildren(page.scurve, el('p', { class: 'alert alert-error' }, `Earned value could not be computed: ${error?.code ? `${error.code}: ` : ''}${error?.message ?? error}`));
    replaceChildren(page.evmPanel);
    return;
  }
  renderSCurve(page.scurve, { series, report, name: project.name });
  renderEvmPanel(page.evmPanel, report);
}

/** The selected project's heat maps, exposure and register (the view keeps its own options). */
function renderProjectRisks(project) {
  page.risk.hidden = !project;
  if (!project) {
    riskRegister.clear();
    simulation.clear();
    return;
  }
  replaceChildren(page.riskHeading, `Risks of ${project.name}`);
  riskRegister.show(state.workspace, project);
  simulation.show(state.workspace, project, state.workspace.project(project.id));
}

/** Every project's indices, from one call; a failure is shown in place of the table. */
function renderEvmTable() {
  let rows;
  try {
    rows = state.workspace.earnedValueTable(null);
  } catch (error) {
    replaceChildren(page.evmTable, el('p', { class: 'alert alert-error' }, `Earned value could not be computed: ${error?.code ? `${error.code}: ` : ''}${error?.message ?? error}`));
    return;
  }
  if (!page.evmTable.querySelector('#evm-table')) evmTable = createEvmTable(page.evmTable, { onOpen: openProject });
  evmTable.render(rows, state.selectedProjectId);
}

function spanDays(schedule) {
  const m = (t) => /^(\d{4})-(\d{2})-(\d{2})/.exec(t ?? '');
  const a = m(schedule.start);
  const b = m(schedule.finish);
  if (!a || !b) return '';
  const days = Math.round((Date.UTC(+b[1], +b[2] - 1, +b[3]) - Date.UTC(+a[1], +a[2] - 1, +a[3])) / 86_400_000);
  return `, ${plural(days, 'calendar day', 'calendar days')}`;
}

function renderPortfolioFindings(findings) {
  const heading = byId('findings-heading');
  replaceChildren(heading, 'Data quality ', el('span', { class: 'heading-count' }, `(${countText(findings, 'no findings').toLowerCase()})`));
  if (findings.length === 0) {
    replaceChildren(page.findings, el('p', { class: 'muted' }, 'The portfolio passed every check.'));
    return;
  }
  replaceChildren(
    page.findings,
    el('p', { class: 'hint' }, 'The portfolio loaded; these are worked around in the figures and should be fixed in the source data.'),
    findingsList(findings, { project: projectOfFinding }),
  );
}

function projectOfFinding(finding) {
  const index = projectIndexOf(finding.path);
  const project = index === null ? null : state.projects[index];
  return project ? { name: project.name, onShow: () => openProject(project.id) } : null;
}

/** A refused document: its findings, and what is still shown. */
function showLoadError(what, error) {
  const findings = isPmoError(error) && Array.isArray(error.findings) && error.findings.length
    ? error.findings
    : [{ severity: 'error', code: error?.code ?? 'read_failed', path: error?.path ?? '', message: error?.message ?? String(error) }];
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  replaceChildren(
    page.loadError,
    el(
      'div',
      { class: 'alert-head' },
      el('h2', { id: 'load-error-title' }, `${what} was not loaded`),
      el('button', { type: 'button', class: 'icon-button', 'aria-label': 'Dismiss', on: { click: hideLoadError } }, '✕'),
    ),
    el(
      'p',
      {},
      state.loaded
        ? ['Still showing ', el('strong', {}, state.portfolioName), '. ']
        : 'Nothing is loaded. ',
      errors ? `Fix the ${plural(errors, 'error', 'errors')} below and load the file again.` : '',
    ),
    findingsList(findings.filter((finding) => finding.severity === 'error')),
    // Warnings did not cause the refusal; they are listed, folded, so they can be fixed in the same pass.
    errors < findings.length
      ? el(
          'details',
          { class: 'more-findings' },
          el('summary', {}, `Also ${countText(findings.filter((finding) => finding.severity !== 'error'))} in this file`),
          findingsList(findings.filter((finding) => finding.severity !== 'error')),
        )
      : null,
  );
  page.loadError.hidden = false;
}

function hideLoadError() {
  page.loadError.hidden = true;
  replaceChildren(page.loadError);
}

function showPageError(title, message) {
  replaceChildren(page.pageError, el('h2', {}, title), el('p', {}, message));
  page.pageError.hidden = false;
}

function setTitle(text) {
  replaceChildren(page.title, el('h1', { id: 'portfolio-name' }, text));
}

function announce(message) {
  page.status.textContent = message;
}
