// Tests of the built npm package (pkg/) as a Node user meets it: the web-target module
// initialised from the .wasm bytes, the PmoError contract (name, code, path, findings), the
// resident workspace keeping its portfolio after a refused load, and the panic policy.
// Run: make pkg && node --test tests/js/

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pkgJs = `${root}pkg/pmo_analytics.js`;
const pkgWasm = `${root}pkg/pmo_analytics_bg.wasm`;
const samplePath = `${root}www/sample/portfolio.json`;

// `make test` builds pkg/ first, so a missing package is a failure, with the command to run.
if (!existsSync(pkgJs) || !existsSync(pkgWasm)) {
  throw new Error(`The npm package is not built (${pkgJs} is missing). Run "make pkg" first, then "node --test tests/js/".`);
}

const pmo = await import(pathToFileURL(pkgJs).href);
await pmo.default({ module_or_path: readFileSync(pkgWasm) });
const { Workspace, validate, version, schemaVersion, __panicForTests } = pmo;

function readSample() {
  if (!existsSync(samplePath)) {
    throw new Error(`The sample portfolio ${samplePath} is missing. Generate it with "make sample".`);
  }
  return readFileSync(samplePath, 'utf8');
}

/** A small valid portfolio; each test changes a fresh copy. */
function smallPortfolio() {
  return {
    schemaVersion: 1,
    id: 'pf-small',
    name: 'Small portfolio',
    currency: 'EUR',
    statusDate: '2025-03-31',
    fiscalYearStartMonth: 1,
    orgUnits: [
      { id: 'fn', name: 'Operations', kind: 'function' },
      { id: 'pg', name: 'Plant program', kind: 'program', parentId: 'fn' },
    ],
    projects: [
      {
        id: 'prj-1',
        name: 'Line retrofit',
        orgUnitId: 'pg',
        phase: 'execution',
        status: 'active',
        currency: 'EUR',
        startDate: '2025-01-06',
        budgetAtCompletion: 120000,
        activities: [
          { id: 'a1', name: 'Design', durationDays: 5, percentComplete: 0, cost: 0 },
          { id: 'a2', name: 'Build', durationDays: 10, percentComplete: 0, cost: 0 },
        ],
        dependencies: [{ predecessorId: 'a1', successorId: 'a2', type: 'FS' }],
        snapshots: [{ date: '2025-03-31', plannedValue: 1000, earnedValue: 900, actualCost: 950, manualRag: 'amber' }],
      },
    ],
  };
}

/** Calls fn, expects a PmoError, checks its contract and returns it. */
function expectPmoError(fn, { code, path }) {
  let thrown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  assert.ok(thrown, `expected a PmoError with code ${code}, but nothing was thrown`);
  assert.ok(thrown instanceof Error, 'a PmoError is a JS Error');
  assert.equal(thrown.name, 'PmoError');
  assert.equal(thrown.code, code, `code (message: ${thrown.message})`);
  if (path !== undefined) assert.equal(thrown.path, path, 'path');
  assert.equal(typeof thrown.message, 'string');
  assert.ok(thrown.message.length > 0, 'the message says what is wrong');
  assert.ok(Array.isArray(thrown.findings), 'findings is an array');
  return thrown;
}

describe('module', () => {
  test('reports its version and schema version', () => {
    assert.match(version(), /^\d+\.\d+\.\d+/);
    assert.equal(schemaVersion(), 1);
  });
});

describe('loading the sample portfolio', () => {
  let sampleText;
  let sample;
  let workspace;
  before(() => {
    sampleText = readSample();
    sample = JSON.parse(sampleText);
    workspace = new Workspace();
  });
  after(() => workspace?.free());

  test('gives projectCount equal to the number of projects in the file', () => {
    const report = workspace.load(sampleText);
    assert.equal(report.projectCount, sample.projects.length);
    assert.ok(Array.isArray(report.findings));
    assert.ok(report.findings.every((finding) => finding.severity === 'warning'), 'a loaded portfolio has warnings only');
  });

  test('summary, tree and project list agree with the file', () => {
    const summary = workspace.summary();
    assert.equal(summary.name, sample.name);
    assert.equal(summary.projectCount, sample.projects.length);
    assert.equal(summary.orgUnitCount, (sample.orgUnits ?? []).length);
    assert.equal(summary.activityCount, sample.projects.reduce((sum, p) => sum + (p.activities ?? []).length, 0));
    assert.equal(summary.errorCount, 0);

    const tree = workspace.orgTree();
    assert.equal(tree.length, (sample.orgUnits ?? []).length);
    assert.deepEqual(new Set(tree.map((row) => row.id)), new Set((sample.orgUnits ?? []).map((unit) => unit.id)));

    const projects = workspace.listProjects();
    assert.deepEqual(projects.map((p) => p.id), sample.projects.map((p) => p.id), 'document order');
  });

  test('the broken project loads with a dangling link and a dependency loop as warnings', () => {
    const findings = workspace.findings();
    const codes = findings.map((finding) => finding.code);
    assert.ok(codes.includes('dangling_dependency'), `warnings: ${codes.join(', ')}`);
    assert.ok(codes.includes('dependency_cycle'), `warnings: ${codes.join(', ')}`);
    for (const finding of findings) {
      assert.equal(finding.severity, 'warning');
      assert.equal(typeof finding.path, 'string');
      assert.equal(typeof finding.message, 'string');
    }
    // The per-project view returns that project's findings and no other's.
    const cycle = findings.find((finding) => finding.code === 'dependency_cycle');
    const index = Number(/^projects\[(\d+)\]/.exec(cycle.path)[1]);
    const own = workspace.findings(sample.projects[index].id);
    assert.ok(own.some((finding) => finding.code === 'dependency_cycle'));
    assert.ok(own.every((finding) => finding.path.startsWith(`projects[${index}].`) || finding.path === `projects[${index}]`));
  });

  test('earned value: a table row per project, undefined ratios as null with a reason, series as typed arrays', () => {
    const rows = workspace.earnedValueTable();
    assert.equal(rows.length, sample.projects.length);
    for (const row of rows) {
      for (const key of ['cpi', 'spi', 'spiT', 'eac', 'vac']) {
        const value = row[key];
        assert.ok(value === null ? typeof row.reasons[key] === 'string' : Number.isFinite(value), `${row.projectId}.${key}`);
      }
    }
    const first = sample.projects[0];
    const report = workspace.earnedValue(first.id);
    assert.equal(report.kind, 'project');
    const latest = first.snapshots.filter((s) => s.date <= first.statusDate).at(-1);
    assert.equal(report.measures.ev, latest.earnedValue);
    assert.equal(report.measures.ac, latest.actualCost);
    const series = workspace.earnedValueSeries(first.id);
    assert.ok(series.plannedValue instanceof Float64Array);
    assert.equal(series.plannedValue.length, series.labels.length);
    expectPmoError(() => workspace.earnedValue(first.id, 'not a date'), { code: 'invalid_date', path: 'statusDate' });
  });

  test('risk: a register with its heat map, PMBOK scheme on request, a misspelt option refused with its path', () => {
    const first = sample.projects[0];
    const register = workspace.riskRegister(first.id);
    assert.equal(register.risks.length, first.risks.length);
    assert.equal(register.heatMap.probabilityLabels.length, 5);
    const open = first.risks.filter((r) => r.status === 'open').length;
    const placed = [...register.heatMap.threats, ...register.heatMap.opportunities].reduce((n, cell) => n + cell.count, 0);
    assert.equal(placed, open);
    const pmbok = workspace.riskRegister(first.id, { scheme: 'pmbok', view: 'inherent' });
    assert.equal(pmbok.heatMap.view, 'inherent');
    expectPmoError(() => workspace.riskRegister(first.id, { schema: 'pmbok' }), { code: 'unknown_field', path: 'schema' });
    expectPmoError(() => workspace.riskExposure(null), { code: 'mixed_currencies' });
    const report = workspace.riskExposure(null, { rates: { GBP: 1.17 } });
    assert.equal(report.currency, sample.currency);
    assert.match(report.conversion.statement, /GBP/);
  });

  test('Monte Carlo: the same seed gives the same results in wasm (in chunks) as natively (at once)', () => {
    const request = {
      iterations: 1200, seed: 42, defaultRange: { optimistic: 0.9, pessimistic: 1.3 },
      options: { riskTornado: true, latinHypercube: true, finishTargetDate: '2027-01-31', budget: 4000000 },
    };
    const simulation = workspace.createSimulation('PRJ-001', request);
    let progress;
    do progress = simulation.runChunk(500); while (!progress.finished);
    assert.deepEqual(progress, { done: 1200, total: 1200, finished: true });
    const inWasm = simulation.results();
    assert.equal(simulation.finishSamples().length, 1200);
    simulation.free();
    // The native side: the same request through the same Workspace code, compiled for this machine.
    const native = spawnSync('cargo', ['run', '--quiet', '--bin', 'pmo-simulate', '--', samplePath, 'PRJ-001', JSON.stringify(request)], { cwd: root, encoding: 'utf8' });
    assert.equal(native.status, 0, native.stderr);
    assert.deepEqual(inWasm, JSON.parse(native.stdout));
    assert.ok(inWasm.riskTornado.length > 0 && inWasm.probabilityFinishByTarget !== null);
    expectPmoError(() => workspace.createSimulation('PRJ-001', { iterations: 0 }), { code: 'zero_iterations', path: 'iterations' });
    expectPmoError(() => workspace.createSimulation('PRJ-001', { iterations: 10, durations: { A002: { type: 'triangular', min: 5, mode: 9, max: 8 } } }), { code: 'mode_outside_range', path: 'durations.A002' });
    expectPmoError(() => workspace.createSimulation('PRJ-001', { iterations: 10, risks: [{ id: 'X', probability: 1.5 }] }), { code: 'probability_out_of_range', path: 'risks[id=X].probability' });
  });

  test('exportJson round-trips the sample', () => {
    assert.deepEqual(JSON.parse(workspace.exportJson()), sample);
  });
});

describe('a refused document', () => {
  test('invalid JSON throws json_syntax with an empty path', () => {
    const workspace = new Workspace();
    const error = expectPmoError(() => workspace.load('{"schemaVersion": 1, "id": '), { code: 'json_syntax', path: '' });
    assert.equal(error.findings.length, 1);
    assert.equal(error.findings[0].code, 'json_syntax');
    assert.equal(error.findings[0].severity, 'error');
  });

  test('a duplicate activity id throws duplicate_id at the second holder', () => {
    const doc = smallPortfolio();
    doc.projects[0].activities[1].id = 'a1';
    const workspace = new Workspace();
    const error = expectPmoError(() => workspace.load(JSON.stringify(doc)), { code: 'duplicate_id', path: 'projects[0].activities[1].id' });
    const finding = error.findings.find((f) => f.code === 'duplicate_id');
    assert.equal(finding.severity, 'error');
    assert.equal(finding.path, 'projects[0].activities[1].id');
  });

  test('a wrong type at a nested path throws wrong_type with that path, from text and from an object', () => {
    const doc = smallPortfolio();
    doc.projects[0].snapshots[0].earnedValue = 'nine hundred';
    const workspace = new Workspace();
    expectPmoError(() => workspace.load(JSON.stringify(doc)), { code: 'wrong_type', path: 'projects[0].snapshots[0].earnedValue' });
    expectPmoError(() => workspace.load(doc), { code: 'wrong_type', path: 'projects[0].snapshots[0].earnedValue' });
  });

  test('a misspelt field is refused with its path, from text and from an object', () => {
    const doc = smallPortfolio();
    doc.projects[0].activities[0].durationDayz = 3;
    expectPmoError(() => new Workspace().load(JSON.stringify(doc)), { code: 'unknown_field', path: 'projects[0].activities[0].durationDayz' });
    expectPmoError(() => new Workspace().load(doc), { code: 'unknown_field', path: 'projects[0].activities[0].durationDayz' });
  });

  test('a negative duration throws negative_duration at the field', () => {
    const doc = smallPortfolio();
    doc.projects[0].activities[0].durationDays = -3;
    expectPmoError(() => new Workspace().load(doc), { code: 'negative_duration', path: 'projects[0].activities[0].durationDays' });
  });

  test('a project reporting to a missing unit throws unknown_reference', () => {
    const doc = smallPortfolio();
    doc.projects[0].orgUnitId = 'no-such-unit';
    expectPmoError(() => new Workspace().load(doc), { code: 'unknown_reference', path: 'projects[0].orgUnitId' });
  });

  test('a missing required field throws missing_field', () => {
    const doc = smallPortfolio();
    delete doc.projects[0].startDate;
    const error = expectPmoError(() => new Workspace().load(JSON.stringify(doc)), { code: 'missing_field' });
    assert.match(error.path, /^projects\[0\]/);
  });

  test('after a refused load the previous portfolio is still there, unchanged', () => {
    const workspace = new Workspace();
    workspace.load(smallPortfolio());
    const before = workspace.exportJson();

    const duplicate = smallPortfolio();
    duplicate.name = 'Should never be seen';
    duplicate.projects[0].activities[1].id = 'a1';
    expectPmoError(() => workspace.load(duplicate), { code: 'duplicate_id' });
    expectPmoError(() => workspace.load('not json'), { code: 'json_syntax' });

    assert.equal(workspace.summary().name, 'Small portfolio');
    assert.equal(workspace.listProjects().length, 1);
    assert.equal(workspace.exportJson(), before);
  });

  test('a refused replaceProject keeps the old project', () => {
    const workspace = new Workspace();
    workspace.load(smallPortfolio());
    const project = smallPortfolio().projects[0];
    project.name = 'Renamed';
    project.activities[0].durationDays = -1;
    expectPmoError(() => workspace.replaceProject(project), { code: 'negative_duration' });
    assert.equal(workspace.project('prj-1').name, 'Line retrofit');

    project.activities[0].durationDays = 2;
    workspace.replaceProject(JSON.stringify(project));
    assert.equal(workspace.project('prj-1').name, 'Renamed');
  });

  test('asking for an unknown project throws not_found', () => {
    const workspace = new Workspace();
    workspace.load(smallPortfolio());
    expectPmoError(() => workspace.project('nope'), { code: 'not_found' });
  });
});

describe('validate', () => {
  test('returns findings as data without throwing', () => {
    const doc = smallPortfolio();
    doc.projects[0].activities[1].id = 'a1';
    doc.projects[0].dependencies.push({ predecessorId: 'a1', successorId: 'missing' });
    const findings = validate(JSON.stringify(doc));
    assert.ok(Array.isArray(findings));
    assert.ok(findings.some((f) => f.code === 'duplicate_id' && f.severity === 'error'));
    assert.ok(findings.some((f) => f.severity === 'warning'), 'warnings come with the errors');
  });

  test('gives one json_syntax finding for text that is not JSON', () => {
    const findings = validate('{ nope');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].code, 'json_syntax');
    assert.equal(findings[0].severity, 'error');
  });

  test('gives no errors for a clean document', () => {
    assert.deepEqual(validate(smallPortfolio()).filter((f) => f.severity === 'error'), []);
  });
});

describe('panic policy', () => {
  test('__panicForTests throws internal_error and the module stays usable', () => {
    const workspace = new Workspace();
    workspace.load(smallPortfolio());
    const error = expectPmoError(() => __panicForTests(), { code: 'internal_error' });
    assert.match(error.message, /internal error/i);

    // The same workspace still answers, and new ones still work.
    assert.equal(workspace.summary().projectCount, 1);
    assert.equal(workspace.listProjects()[0].id, 'prj-1');
    const fresh = new Workspace();
    assert.equal(fresh.load(smallPortfolio()).projectCount, 1);
    // And a second panic is caught just like the first.
    expectPmoError(() => __panicForTests(), { code: 'internal_error' });
    assert.equal(validate('{').length, 1);
  });
});

describe('exportJson', () => {
  test('is stable: export, load, export gives the same text', () => {
    const workspace = new Workspace();
    workspace.load(smallPortfolio());
    const first = workspace.exportJson();
    assert.deepEqual(JSON.parse(first), smallPortfolio());
    const again = new Workspace();
    again.load(first);
    assert.equal(again.exportJson(), first);
  });
});
