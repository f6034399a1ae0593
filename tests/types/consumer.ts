// A TypeScript user of the npm package: `make test` type-checks this file against the generated
// pkg/pmo_analytics.d.ts with tsc --noEmit, so a declaration that drifts from the API fails.
import init, {
  Workspace,
  validate,
  schemaVersion,
  type Finding,
  type PmoError,
  type PortfolioDocument,
  type ProjectListItem,
  type ScheduleChange,
  type ProgressChange,
  type RiskChange,
  type EarnedValueRow,
  type RiskRegisterView,
  type ExposureReport,
  type SimulationProgress,
  type MonteCarloResults,
  type HealthReport,
  type LoadReport,
  type UnitHealth,
  type ScheduleQualityReport,
  type FinancialsReport,
  type MilestoneReport,
  type CapacityReport,
} from '../../pkg/pmo_analytics.js';

export async function run(documentText: string): Promise<string[]> {
  await init();
  const workspace = new Workspace();
  const document: PortfolioDocument = {
    schemaVersion: 1,
    id: 'pf',
    name: 'Typed',
    currency: 'EUR',
    projects: [{
      id: 'p1', name: 'One', phase: 'execution', status: 'active', currency: 'EUR',
      startDate: '2026-01-05', budgetAtCompletion: 1000,
      activities: [{ id: 'a', name: 'A', durationDays: 'PT16H' }],
      dependencies: [{ predecessorId: 'a', successorId: 'a', type: 'FS', lagDays: 1 }],
    }],
  };
  const report = workspace.load(document);
  const warnings: Finding[] = report.findings;
  try {
    workspace.load(documentText);
  } catch (caught) {
    const error = caught as PmoError;
    const where: string = `${error.code} at ${error.path}: ${error.findings.length}`;
    warnings.push({ code: error.code, severity: 'error', path: where, message: error.message });
  }
  const projects: ProjectListItem[] = workspace.listProjects();
  const rag: 'green' | 'amber' | 'red' | null | undefined = projects[0]?.latestSnapshot?.manualRag;
  const tree = workspace.orgTree().map((row) => `${'  '.repeat(row.depth)}${row.name} (${row.kind})`);
  const summary = workspace.summary();
  const budget = summary.budgetAtCompletionByCurrency.map((b) => `${b.amount} ${b.currency}`);
  const found: Finding[] = validate(documentText);
  const version: number = schemaVersion();
  const project = workspace.project('p1');
  const firstActivity: string | undefined = project.activities?.[0]?.name;
  const dates: Float64Array = workspace.scheduleArrays('p1');
  const change: ScheduleChange = workspace.addDependency('p1', { predecessorId: 'a1', successorId: 'a2', type: 'SS', lagDays: 2 });
  const moved: number = change.finishChangeMinutes + workspace.removeDependency('p1', 'a1', 'a2').changedActivityIds.length;
  const critical: string[] = workspace.setActivityDuration('p1', 'a1', 3).criticalActivityIds;
  const progressEdit: ProgressChange = workspace.setPercentComplete('p1', 'a1', 50);
  const reportedOn: string | null = progressEdit.adjustedSnapshotDate;
  const earned: number = progressEdit.earnedValueChange + progressEdit.finishChangeMinutes;
  const riskChange: RiskChange = workspace.setRiskProbability('p1', 'r1', 0.4);
  const wasAssessed: boolean = riskChange.previousProbability !== null && reportedOn !== null && earned > riskChange.probability;
  warnings.push({ code: 'what_if', severity: 'warning', path: `${dates.length} ${moved} ${critical.join(',')} ${wasAssessed}`, message: change.finish });
  const evm = workspace.earnedValue('p1', '2025-03-31', null);
  const cpi: number | null = evm.measures.cpi;
  const spiT: number | null = evm.kind === 'project' ? evm.earnedSchedule.spiT : evm.earnedSchedule?.spiT ?? null;
  const curve: Float64Array = workspace.earnedValueSeries('p1').plannedValue;
  const rows: EarnedValueRow[] = workspace.earnedValueTable();
  const register: RiskRegisterView = workspace.riskRegister('p1', { scheme: 'pmbok' });
  const exposure: ExposureReport = workspace.riskExposure(null, { rates: { GBP: 1.17 } });
  warnings.push({ code: 'risk', severity: 'warning', path: `${register.heatMap.threats.length} ${exposure.exposure.netEmv}`, message: '' });
  const simulation = workspace.createSimulation('p1', { iterations: 100, seed: 1, defaultRange: { optimistic: 0.9, pessimistic: 1.2 } });
  const progress: SimulationProgress = simulation.runChunk(50);
  const results: MonteCarloResults | null = simulation.results();
  const samples: Float64Array = simulation.finishSamples();
  warnings.push({ code: 'mc', severity: 'warning', path: `${progress.done} ${results?.finishDays.mean} ${samples.length}`, message: '' });
  simulation.free();
  const health: HealthReport = workspace.health('p1', { scale: 'deliveryConfidence5', committedDateProbability: { p1: 0.7 } });
  const why: string[] = health.kind === 'project'
    ? health.dimensions.flatMap((d) => d.evidence.filter((e) => e.pointsDeducted > 0).map((e) => `${e.label} ${e.display} ${e.ids.join(' ')}`))
    : health.projects.map((p) => p.reasons[0] ?? '');
  const home: UnitHealth = workspace.portfolioHealth(null);
  const quality: ScheduleQualityReport = workspace.scheduleQuality('p1', '2025-03-31', { highFloatDays: 30 });
  const failed: string[] = quality.checks.filter((c) => c.outcome === 'fail').map((c) => c.id);
  const imported: LoadReport = workspace.importCsv('p1', 'snapshots', 'date,plannedValue,earnedValue,actualCost\n2026-01-31,10,9,11\n');
  warnings.push(...imported.findings);
  const money: FinancialsReport = workspace.financials('pf', { fiscalYear: 2026 });
  const outlook: number = money.fullYear.outlook.total + money.outlook.capex[0]!;
  const due: MilestoneReport = workspace.milestones(null, { windowDays: 14 });
  const load: CapacityReport = workspace.capacity(null, { from: '2026-01', months: 3 });
  const busiest: (number | null)[] = load.resources[0]?.utilisation ?? [];
  warnings.push({ code: 'portfolio', severity: 'warning', path: `${outlook} ${due.counts.late} ${busiest.length} ${money.label}`, message: '' });
  warnings.push({ code: 'health', severity: 'warning', path: `${why.length} ${home.bandCounts.red} ${home.weighting} ${failed.join(',')}`, message: '' });
  warnings.push({ code: 'evm', severity: 'warning', path: `${cpi} ${spiT} ${curve.length} ${rows[0]?.reasons.cpi}`, message: '' });
  workspace.free();
  return [...tree, ...budget, String(rag), String(found.length), String(version), String(firstActivity), ...warnings.map((w) => w.code)];
}
