//! TypeScript declarations for the plain objects that cross the boundary. wasm-bindgen types a
//! `JsValue` as `any`; these interfaces, referenced by `unchecked_return_type` and
//! `unchecked_param_type` on the exports, give a TypeScript user the real shapes. They mirror the
//! serde names in `model` and `workspace`; the type-check test in tests/js keeps them honest.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** An ISO date, `YYYY-MM-DD`. */
export type IsoDate = string;
/** An ISO date-time without zone, `YYYY-MM-DDTHH:MM[:SS]`, or a date for midnight. */
export type IsoDateTime = string;
/** Working days as a number (a day is 8 working hours), or an ISO 8601 duration such as `"PT40H"`. */
export type WorkDuration = number | string;

export type Severity = "error" | "warning";

/** One thing validation found. `code` is stable; `path` names the field, e.g. `projects[3].activities[17].durationDays`. */
export interface Finding {
  code: string;
  severity: Severity;
  path: string;
  message: string;
  /** The project the finding is about, when it is about one. */
  projectId?: string;
  /** Ids of the records involved, e.g. the activities on a dependency loop. */
  ids?: string[];
}

/** The error every export throws: a JS `Error` named `PmoError` with a stable code, the path of the offending field and every finding. */
export interface PmoError extends Error {
  name: "PmoError";
  code: string;
  path: string;
  findings: Finding[];
}

export interface LoadReport {
  projectCount: number;
  /** Warnings: the document loaded, but these deserve attention. */
  findings: Finding[];
}

export interface CurrencyAmount { currency: string; amount: number; }

export interface PortfolioSummary {
  id: string;
  name: string;
  currency: string;
  statusDate: IsoDate | null;
  fiscalYearStartMonth: number;
  orgUnitCount: number;
  projectCount: number;
  activityCount: number;
  dependencyCount: number;
  openRiskCount: number;
  openIssueCount: number;
  /** Projects that report to no organisation unit. */
  unassignedProjectCount: number;
  /** Budget at completion per currency; amounts in different currencies are never added. */
  budgetAtCompletionByCurrency: CurrencyAmount[];
  errorCount: number;
  warningCount: number;
}

export type OrgUnitKind = "function" | "portfolio" | "subPortfolio" | "program";

export interface OrgTreeRow {
  id: string;
  name: string;
  kind: OrgUnitKind;
  parentId: string | null;
  /** 0 for a root. Rows come depth first, so a unit's descendants follow it. */
  depth: number;
  owner: string | null;
  /** Projects reporting directly to this unit. */
  projectIds: string[];
  /** Projects in this unit and all units below it. */
  totalProjectCount: number;
}

export type Phase = "initiation" | "planning" | "execution" | "closing" | "closed";
export type ProjectStatus = "proposed" | "active" | "onHold" | "completed" | "cancelled";
export type Rag = "green" | "amber" | "red";

export interface SnapshotSummary {
  date: IsoDate;
  plannedValue: number;
  earnedValue: number;
  actualCost: number;
  manualRag: Rag | null;
  commentary: string | null;
}

export interface ProjectListItem {
  id: string;
  name: string;
  orgUnitId: string | null;
  orgUnitName: string | null;
  description: string | null;
  owner: string | null;
  sponsor: string | null;
  phase: Phase;
  status: ProjectStatus;
  currency: string;
  startDate: IsoDate;
  statusDate: IsoDate | null;
  committedFinish: IsoDate | null;
  budgetAtCompletion: number;
  activityCount: number;
  milestoneCount: number;
  openRiskCount: number;
  openIssueCount: number;
  latestSnapshot: SnapshotSummary | null;
  errorCount: number;
  warningCount: number;
}

export interface ActivitySchedule {
  id: string;
  summary: boolean;
  milestone: boolean;
  earlyStart: IsoDateTime;
  earlyFinish: IsoDateTime;
  lateStart: IsoDateTime;
  lateFinish: IsoDateTime;
  /** Early dates, or late dates for an ALAP activity. */
  start: IsoDateTime;
  finish: IsoDateTime;
  /** Working minutes on the activity's calendar (480 = one 8-hour day); negative when a constraint conflicts. */
  totalFloatMinutes: number;
  freeFloatMinutes: number;
  critical: boolean;
  nearCritical: boolean;
  drivingPredecessorIds: string[];
}

export interface ProjectSchedule {
  projectId: string;
  start: IsoDateTime;
  finish: IsoDateTime;
  criticalFloatMinutes: number;
  activities: ActivitySchedule[];
  criticalPath: { activityIds: string[]; dependencyIndices: number[] };
  floatBands: { label: "negative" | "critical" | "nearCritical" | "more"; count: number }[];
  findings: Finding[];
}

/** What a what-if edit did to its project's schedule. */
export interface ScheduleChange {
  projectId: string;
  previousFinish: IsoDateTime;
  finish: IsoDateTime;
  /** Working minutes on the project calendar; positive when the finish moved later. */
  finishChangeMinutes: number;
  /** Activities whose early or late dates or float changed, in plan order. */
  changedActivityIds: string[];
  /** Critical activities after the edit (total float of zero or less). */
  criticalActivityIds: string[];
}
/** What a percent complete edit did: its schedule change, and its earned value's. */
export interface ProgressChange extends ScheduleChange {
  /** How much the activity's earned value at the status date moved (project currency). */
  earnedValueChange: number;
  /** The status snapshot whose earned value moved by as much, when progress is reported in snapshots. */
  adjustedSnapshotDate: IsoDate | null;
}
export interface RiskChange {
  projectId: string;
  riskId: string;
  /** null when the risk had not been assessed. */
  previousProbability: number | null;
  probability: number;
}

/** Why a ratio is undefined (it is then null). */
export type UndefinedReason = "noActualCost" | "noPlannedValue" | "noEarnedValue" | "noBudget" | "workComplete" | "budgetSpent" |
  "notStarted" | "noActualTime" | "noRemainingTime" | "noEstimateToComplete" | "noBottomUpEstimate" | "noWindow" | "notFinite";
/** A ratio or estimate: null when undefined, with the reason under `reasons`. */
export type Measure = number | null;

/** PMI's earned value measures at a status date (money in the node's currency; percents as fractions). */
export interface EvmMeasures {
  pv: number; ev: number; ac: number; bac: number; sv: number; cv: number;
  svPercent: Measure; cvPercent: Measure; spi: Measure; cpi: Measure; csi: Measure;
  eacCpi: Measure; eacPlanRate: Measure; eacCpiSpi: Measure; eacBottomUp: Measure;
  etcCpi: Measure; etcPlanRate: Measure; etcCpiSpi: Measure; etcBottomUp: Measure;
  vacCpi: Measure; vacPlanRate: Measure; vacCpiSpi: Measure; vacBottomUp: Measure; vacPercentCpi: Measure;
  tcpiBac: Measure; tcpiEacCpi: Measure; tcpiEacCpiSpi: Measure; tcpiEacBottomUp: Measure;
  reasons: Partial<Record<string, UndefinedReason>>;
}

/** Lipke's earned schedule, in months from the first month of the plan. */
export interface EarnedScheduleMeasures {
  es: number; at: number; pd: number; svT: number; spiT: Measure; ieacT: Measure;
  eacTPlanRate: Measure; eacTSpiT: Measure; eacTSpiTCpi: Measure; tspi: Measure;
  reasons: Partial<Record<string, UndefinedReason>>;
}

export interface ProjectEarnedValue {
  kind: "project";
  projectId: string;
  currency: string;
  statusDate: IsoDate;
  sources: { plannedValue: "baseline" | "snapshots" | "none"; progress: "snapshots" | "activities"; progressDate?: IsoDate };
  measures: EvmMeasures;
  earnedSchedule: EarnedScheduleMeasures;
  /** The last three months beside the cumulative indices; absent without monthly snapshots. */
  recent?: { windowPeriods: number; cpiWindow: Measure; spiWindow: Measure; spiTWindow: Measure; cpi: Measure; spi: Measure; spiT: Measure; reasons: Partial<Record<string, UndefinedReason>> };
  forecastFinish?: IsoDateTime;
  plannedFinish?: IsoDateTime;
}

export interface UnitEarnedValue {
  kind: "unit";
  id: string;
  level: "activity" | "controlAccount" | "project" | "program" | "portfolio" | "organisation";
  currency: string;
  conversion: { reportingCurrency: string; rates: Record<string, number>; statement: string } | null;
  estimateToCompleteBottomUp: number | null;
  measures: EvmMeasures;
  earnedSchedule: EarnedScheduleMeasures | null;
  children: Omit<UnitEarnedValue, "kind">[];
}

export type EarnedValueReport = ProjectEarnedValue | UnitEarnedValue;

/** A project's S-curve by month; index k of a series is the end of month k. */
export interface EarnedValueSeries {
  labels: string[];
  periodEnds: IsoDate[];
  plannedValue: Float64Array;
  /** From month `earnedFirstPeriod` to the status month. */
  earnedValue: Float64Array;
  actualCost: Float64Array;
  earnedFirstPeriod: number;
  /** Cumulative cost from AC at the status month to EAC (BAC / CPI) at the forecast finish. */
  forecast: Float64Array;
  forecastFirstPeriod: number;
  statusPeriod: number;
}

export interface EarnedValueRow {
  projectId: string; name: string; currency: string; statusDate: IsoDate;
  plannedValue: number; earnedValue: number; actualCost: number; budgetAtCompletion: number;
  cpi: Measure; spi: Measure; spiT: Measure; eac: Measure; vac: Measure;
  forecastFinish?: IsoDateTime;
  reasons: Partial<Record<"cpi" | "spi" | "spiT" | "eac" | "vac", UndefinedReason>>;
}

/** Options of the risk calls; every field may be left out. */
export interface RiskOptions {
  /** "fiveByFive" (default) or PMBOK's double matrix. */
  scheme?: "fiveByFive" | "pmbok";
  /** Values the heat map and EMV use: after responses (default) or before. */
  view?: "inherent" | "residual" | null;
  /** Whether opportunities offset threats in the contingency reserve (default: they do). */
  contingency?: "netOfOpportunities" | "threatsOnly" | null;
  /** Management reserve as a share of BAC, 0 to 1. */
  managementReserveShare?: number | null;
  /** Value of one unit of each other currency in the portfolio's currency. */
  rates?: Record<string, number> | null;
}

export type RiskField = "probability" | "costImpact" | "scheduleImpactDays" | "budgetAtCompletion" | "plannedDuration";
/** A risk's probability and impact on the scheme's scales; missing values are scored as worst case and listed. */
export interface Assessment {
  probability: number | null; costImpact: number | null; scheduleImpactDays: number | null;
  costShare: number | null; scheduleShare: number | null;
  probabilityLevel: number; impactLevel: number; score: number; band: string;
  assumedWorstCase?: RiskField[];
}
export interface ScoredRisk {
  id: string; title: string; kind: "threat" | "opportunity"; status: "open" | "occurred" | "closed";
  category: string | null; owner: string | null; proximity: IsoDate | null;
  velocity: "slow" | "moderate" | "fast" | "immediate" | null;
  strategy: ResponseStrategy | null; responseOwner: string | null;
  inherent: Assessment; residual: Assessment;
  /** Residual values that fell back to the inherent ones. */
  residualFromInherent?: RiskField[];
}
export interface HeatMapCell { probabilityLevel: number; impactLevel: number; score: number; band: string; count: number; riskIds: string[] }
export interface HeatMap {
  view: "inherent" | "residual";
  probabilityLabels: string[]; impactLabels: string[];
  threats: HeatMapCell[]; opportunities: HeatMapCell[];
}
export interface ExposureGroup { key: string | null; riskCount: number; threatEmv: number; opportunityEmv: number; netEmv: number; contingencyReserve: number }
/** EMV: threats negative, opportunities positive. */
export interface Exposure {
  view: "inherent" | "residual"; contingencyPolicy: "netOfOpportunities" | "threatsOnly";
  risks: { id: string; kind: "threat" | "opportunity"; category: string | null; owner: string | null; probability: number; probabilityAssumed: boolean; costImpact: number; emv: number }[];
  occurredIds: string[]; closedIds: string[]; unquantifiedIds: string[];
  threatCostImpact: number; opportunityCostImpact: number; threatEmv: number; opportunityEmv: number; netEmv: number;
  contingencyReserve: number; managementReserve: Measure; budgetAtCompletion: number; contingencyShareOfBudget: Measure;
  reasons: Partial<Record<string, UndefinedReason>>;
  byCategory: ExposureGroup[]; byOwner: ExposureGroup[];
}
export interface RiskTrendPoint { date: IsoDate; openCount: number; threatEmv: number; opportunityEmv: number; netEmv: number; contingencyReserve: number }
export interface RiskRegisterView {
  projectId: string; currency: string;
  /** The scheduled span schedule impacts are measured against, in working days. */
  plannedDurationDays: number | null;
  risks: ScoredRisk[]; heatMap: HeatMap; exposure: Exposure; trend: RiskTrendPoint[];
}
export interface ExposureReport {
  id: string; currency: string;
  conversion: { reportingCurrency: string; rates: Record<string, number>; statement: string } | null;
  exposure: {
    projects: { projectId: string; currency: string; exposure: Exposure }[];
    threatEmv: number; opportunityEmv: number; netEmv: number; contingencyReserve: number;
    managementReserve: Measure; budgetAtCompletion: number; contingencyShareOfBudget: Measure;
    reasons: Partial<Record<string, UndefinedReason>>;
    byCategory: ExposureGroup[]; byOwner: ExposureGroup[];
  };
}

export type HealthBand = "green" | "amberGreen" | "amber" | "amberRed" | "red" | "unknown";
export type HealthDimension = "schedule" | "cost" | "risk" | "issues" | "scope" | "resources" | "dataQuality";
export type HealthMetric =
  | "spiT" | "finishVariancePercent" | "lateMilestones" | "committedDateProbability"
  | "cpi" | "eacOverBudgetPercent" | "eacOverOriginalBudgetPercent" | "tcpi"
  | "residualExposurePercent" | "redZoneRisks" | "overdueResponses"
  | "openHighPriorityIssues" | "overdueIssues" | "agedIssues" | "approvedChangeGrowthPercent"
  | "overAllocatedResources" | "statusDateAgeDays" | "missingBaseline" | "failedQualityChecks"
  | "validationErrors" | "validationWarnings";
/** One metric's thresholds and the points crossing them costs; crossed when strictly worse. */
export interface HealthRule { metric: HealthMetric; comparison: "below" | "above"; amber: number; red: number; amberPoints: number; redPoints: number }
/** Everything that decides a colour; the presets are HealthPolicy for "rag3" and "deliveryConfidence5". */
export interface HealthPolicy {
  scale: "rag3" | "deliveryConfidence5";
  /** Score bands from the best down: a score takes the first band it reaches. */
  bands: { band: Exclude<HealthBand, "unknown">; from: number }[];
  weights: { dimension: HealthDimension; weight: number }[];
  rules: HealthRule[];
  capAtRed: boolean;
  /** Without these the overall is unknown, and it is never better than them. */
  required: HealthDimension[];
  hysteresisPoints: number;
  lateMilestoneToleranceDays: number;
  agedIssueDays: number;
}
/** Options of the health calls; every field may be left out. */
export interface HealthOptions {
  scale?: "rag3" | "deliveryConfidence5" | null;
  policy?: HealthPolicy | null;
  statusDate?: IsoDate | null;
  /** Probability (0 to 1) of meeting the committed date, by project id, from simulations run. */
  committedDateProbability?: Record<string, number>;
  riskScheme?: "fiveByFive" | "pmbok";
  rates?: Record<string, number> | null;
}
export type EvidenceIdKind = "activity" | "risk" | "issue" | "change" | "resource" | "check" | "field";
export interface HealthEvidence {
  metric: HealthMetric; label: string;
  value: number | null;
  /** As a reader sees it ("0.87", "12.5%", "45 days"), or "n/a". */
  display: string;
  threshold: { band: HealthBand; comparison: "below" | "above"; value: number } | null;
  pointsDeducted: number;
  ids: string[]; idKind: EvidenceIdKind | null;
  /** Why there is no value, as a stable code. */
  reason: string | null;
  explanation: string;
}
export interface DimensionHealth {
  dimension: HealthDimension; label: string; score: number | null; band: HealthBand; bandLabel: string; weight: number;
  evidence: HealthEvidence[];
}
export interface ProjectHealth {
  projectId: string; name: string; asOf: IsoDate; scale: "rag3" | "deliveryConfidence5";
  overall: {
    score: number | null; band: HealthBand; label: string;
    cappedBy: HealthDimension | null; held: boolean; unknownBecause: HealthDimension | null; explanation: string;
  };
  dimensions: DimensionHealth[];
  /** Earlier status reports, oldest first, then this assessment. */
  trend: { date: IsoDate; score: number | null; band: HealthBand }[];
  manualRag: "green" | "amber" | "red" | null;
}
export interface ProjectHealthRow {
  projectId: string; name: string; unitId: string | null; currency: string; budgetAtCompletion: number;
  score: number | null; band: HealthBand; bandLabel: string;
  /** The evidence that cost most, worst first. */
  reasons: string[];
}
export interface UnitHealth {
  unitId: string; name: string; asOf: IsoDate | null; projectCount: number;
  bandCounts: { green: number; amberGreen: number; amber: number; amberRed: number; red: number; unknown: number };
  score: number | null;
  /** "equal" when budgets are in currencies with no rates given. */
  weighting: "budget" | "equal";
  band: HealthBand; bandLabel: string; currency: string;
  /** Worst first: red, unknown, then the ambers, then green. */
  projects: ProjectHealthRow[];
}
export type HealthReport = ({ kind: "project" } & ProjectHealth) | ({ kind: "unit" } & UnitHealth);

/** The parts of a project a CSV file can replace (columns in the README). */
export type CsvKind = "activities" | "links" | "risks" | "snapshots";
/** A month, "YYYY-MM". */
export type YearMonth = string;
export interface FinancialsOptions {
  /** The calendar year the fiscal year starts in; default the one holding the status date. */
  fiscalYear?: number | null; statusDate?: IsoDate | null; rates?: Record<string, number> | null;
}
/** Twelve monthly amounts, split by expenditure. */
export interface MonthlySplit { capex: number[]; opex: number[]; total: number[] }
export interface FinancialsReport {
  id: string; name: string; fiscalYear: { year: number; startMonth: number }; label: string; statusDate: IsoDate; currency: string;
  conversion: { reportingCurrency: string; rates: Record<string, number>; statement: string } | null;
  months: YearMonth[]; closed: boolean[];
  plan: MonthlySplit; actual: MonthlySplit; forecast: MonthlySplit;
  /** Actual for closed months, forecast for open ones; gaps filled from the plan and flagged. */
  outlook: MonthlySplit;
  cumulative: { plan: MonthlySplit; actual: MonthlySplit; forecast: MonthlySplit; outlook: MonthlySplit };
  fullYear: {
    plan: { capex: number; opex: number; total: number }; actualToDate: { capex: number; opex: number; total: number };
    outlook: { capex: number; opex: number; total: number }; variance: { capex: number; opex: number; total: number };
    variancePercent: { capex: Measure; opex: Measure; total: Measure };
  };
  projects: { projectId: string; name: string; projectCurrency: string; plan: number; actualToDate: number; outlook: number; variance: number; variancePercent: Measure; flagCount: number }[];
  flags: { kind: "forecastMissing" | "actualMissing"; projectId: string; month: YearMonth; expenditure: "capex" | "opex"; amountUsed: number; message: string }[];
  reasons: Partial<Record<string, UndefinedReason>>;
}
export interface MilestoneOptions { statusDate?: IsoDate | null; windowDays?: number | null }
export interface MilestoneRow {
  projectId: string; projectName: string; activityId: string; activityName: string; milestone: boolean;
  status: "late" | "upcoming" | "noBaseline" | "onTrack" | "doneOnTime";
  baselineDate: IsoDate | null; forecastDate: IsoDate | null; actualFinish: IsoDate | null; deadline: IsoDate | null;
  done: boolean; slipDays: number | null; deadlineSlipDays: number | null; daysLate: number | null; dueWithinWindow: boolean;
  explanation: string;
}
export interface MilestoneReport {
  statusDate: IsoDate; windowDays: number; slipUnit: "calendarDays";
  counts: { late: number; upcoming: number; noBaseline: number; onTrack: number; doneOnTime: number };
  milestones: MilestoneRow[]; unscheduledProjectIds: string[];
}
export interface CapacityOptions { from: YearMonth; months: number; threshold?: number | null }
export interface MonthlyLoad {
  capacityHours: number[]; demandHours: number[];
  /** Demand over capacity; null where capacity is zero (see utilisationReasons). */
  utilisation: (number | null)[];
  utilisationReasons: Partial<Record<string, string>>;
}
export interface CapacityReport {
  months: YearMonth[]; threshold: number; demandBasis: string;
  resources: ({ resourceId: string; name: string; role: string | null; capacityUnits: number; calendarId: string | null; definedInProjectId: string; projectIds: string[] } & MonthlyLoad)[];
  roles: ({ role: string | null; resourceIds: string[] } & MonthlyLoad)[];
  overAllocations: {
    resourceId: string; name: string; role: string | null; month: YearMonth; capacityHours: number; demandHours: number; excessHours: number;
    utilisation: number | null;
    contributions: { projectId: string; projectName: string; activityId: string; activityName: string; hours: number }[];
  }[];
  conflicts: { resourceId: string; field: string; definitions: { projectId: string; value: string }[]; message: string }[];
  unscheduledProjectIds: string[];
}

/** DCMA 14-point thresholds; every field may be left out. */
export interface QualityOptions {
  highFloatDays?: number; highDurationDays?: number; maxMissingLogicPercent?: number; maxLeads?: number;
  maxLagsPercent?: number; minFinishToStartPercent?: number; maxHardConstraintsPercent?: number;
  maxHighFloatPercent?: number; maxNegativeFloat?: number; maxHighDurationPercent?: number; maxInvalidDates?: number;
  maxUnresourcedPercent?: number; maxMissedPercent?: number; criticalPathTestDelayDays?: number; minCpli?: number; minBei?: number;
}
export interface QualityCheck {
  id: "logic" | "leads" | "lags" | "relationshipTypes" | "hardConstraints" | "highFloat" | "negativeFloat" | "highDuration"
    | "invalidDates" | "resources" | "missedTasks" | "criticalPathTest" | "cpli" | "bei";
  number: number; name: string; description: string;
  threshold: { comparison: "atMost" | "atLeast"; value: number; unit: "percent" | "count" | "ratio" };
  count: number; total: number; value: number | null;
  outcome: "pass" | "fail" | "notApplicable";
  reason?: string;
  /** Activity ids, or "predecessor->successor" for link checks. */
  ids: string[];
}
export interface ScheduleQualityReport {
  projectId: string; statusDate: IsoDate | null; checks: QualityCheck[]; passed: number; failed: number; notApplicable: number;
}

/** A duration or cost distribution with named parameters (durations in working days). */
export type Distribution =
  | { type: "triangular"; min: number; mode: number; max: number }
  | { type: "pert"; min: number; mode: number; max: number; shape?: number }
  | { type: "uniform"; min: number; max: number }
  | { type: "normal"; mean: number; sd: number }
  /** mu and sigma of ln(value). */
  | { type: "lognormal"; mu: number; sigma: number }
  | { type: "fixed"; value: number };
export interface RiskEvent {
  id: string;
  /** 0 to 1. */
  probability: number;
  activityIds?: string[];
  /** Added to each linked activity when the risk occurs: working days, or a share of the sampled duration. */
  scheduleImpact?: { type: "days"; days: number } | { type: "fraction"; fraction: number } | null;
  costImpact?: Distribution | null;
}
export interface SimulationRequest {
  iterations: number;
  seed?: number;
  durations?: Record<string, Distribution>;
  /** Every other task: triangular from optimistic x to pessimistic x its planned duration. */
  defaultRange?: { optimistic: number; pessimistic: number } | null;
  /** Include the project's register risks (default true). */
  registerRisks?: boolean;
  risks?: RiskEvent[];
  /** Duration correlations through a Gaussian copula; the matrix must be positive semi-definite. */
  correlations?: { activityIds: string[]; matrix: number[][] }[];
  options?: {
    latinHypercube?: boolean;
    riskTornado?: boolean;
    histogramBins?: number;
    finishTargetDays?: number | null;
    finishTargetDate?: IsoDateTime | null;
    budget?: number | null;
    milestoneIds?: string[] | null;
  };
}
export interface SimulationProgress { done: number; total: number; finished: boolean }
export interface SampleSummary {
  mean: number; sd: number | null; min: number; max: number;
  /** Type-7 (linear) interpolation between order statistics. */
  percentiles: { percentile: number; value: number }[];
  histogram: { lower: number; binWidth: number; counts: number[] };
  cdf: { probability: number; value: number }[];
}
export interface MonteCarloResults {
  iterations: number;
  /** Working days from the project start. */
  finishDays: SampleSummary;
  finishDates: { percentile: number; date: IsoDateTime }[];
  cost: SampleSummary;
  probabilityFinishByTarget: number | null;
  probabilityWithinBudget: number | null;
  jointConfidence: number | null;
  activities: { activityId: string; criticalityIndex: number; meanDurationDays: number; sdDurationDays: number; durationFinishCorrelation: number | null; scheduleSensitivityIndex: number | null }[];
  riskTornado: { riskId: string; finishP80Days: number; finishP80WithoutDays: number; swingDays: number }[];
  milestones: { activityId: string; meanDays: number; percentiles: { percentile: number; value: number }[] }[];
  convergence: { finishP80Days: number; p80ChangeLast1000Days: number | null; p80RelativeChangeLast1000: number | null };
}

/** The portfolio document, `schemaVersion` 1. Optional fields may be absent or null. */
export interface PortfolioDocument {
  schemaVersion: 1;
  id: string;
  name: string;
  currency: string;
  statusDate?: IsoDate | null;
  /** 1-12; 1 when absent. */
  fiscalYearStartMonth?: number;
  orgUnits?: OrgUnitDocument[];
  projects?: ProjectDocument[];
}

export interface OrgUnitDocument {
  id: string;
  name: string;
  kind: OrgUnitKind;
  parentId?: string | null;
  owner?: string | null;
}

export interface ProjectDocument {
  id: string;
  name: string;
  orgUnitId?: string | null;
  owner?: string | null;
  sponsor?: string | null;
  description?: string | null;
  phase: Phase;
  status: ProjectStatus;
  currency: string;
  statusDate?: IsoDate | null;
  /** A date (its first working minute) or a date-time such as MS Project's 09:00 start. */
  startDate: IsoDate | IsoDateTime;
  committedFinish?: IsoDate | null;
  calendarId?: string | null;
  calendars?: CalendarDocument[];
  budgetAtCompletion: number;
  baseline?: BaselineDocument | null;
  activities?: ActivityDocument[];
  dependencies?: DependencyDocument[];
  resources?: ResourceDocument[];
  risks?: RiskDocument[];
  issues?: IssueDocument[];
  changeRequests?: ChangeRequestDocument[];
  snapshots?: StatusSnapshotDocument[];
  financials?: FinancialEntryDocument[];
}

export type Weekday = "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";
export interface WorkingHoursDocument { from: string; to: string; }
export interface CalendarDocument {
  id: string;
  name: string;
  workingDays?: Weekday[];
  workingHours?: WorkingHoursDocument[];
  /** Weekdays with their own hours, overriding workingDays/workingHours for the days named; no hours: not worked. */
  weekHours?: { day: Weekday; hours: WorkingHoursDocument[] }[];
  exceptions?: { name: string; from: IsoDate; to: IsoDate; working?: boolean; workingHours?: WorkingHoursDocument[] }[];
}

export interface BaselineDocument {
  approvedOn: IsoDate;
  activities?: { activityId: string; start: IsoDateTime; finish: IsoDateTime; cost: number }[];
}

export type ConstraintType = "ASAP" | "ALAP" | "SNET" | "SNLT" | "FNET" | "FNLT" | "MSO" | "MFO";

export interface ActivityDocument {
  id: string;
  name: string;
  wbs?: string | null;
  parentId?: string | null;
  durationDays?: WorkDuration;
  milestone?: boolean;
  /** Manually scheduled in MS Project: scheduled automatically here, never critical when unlinked. */
  manual?: boolean;
  /** false: kept in the plan, not scheduled. */
  active?: boolean;
  remainingDurationDays?: WorkDuration | null;
  constraint?: { type: ConstraintType; date?: IsoDateTime | null } | null;
  deadline?: IsoDate | null;
  calendarId?: string | null;
  actualStart?: IsoDateTime | null;
  actualFinish?: IsoDateTime | null;
  /** 0 to 100. */
  percentComplete?: number;
  cost?: number;
  actualCost?: number | null;
  assignments?: { resourceId: string; units?: number; workHours?: number | null }[];
  /** The duration follows from the assignments: each one's work at its units on its resource's calendar. */
  resourceDriven?: boolean;
  /** Pauses in the work (MS Project splits); their working time lengthens the activity's span. */
  splits?: { from: IsoDateTime; to: IsoDateTime }[];
  /** How the activity earns its budget; physicalPercentComplete when absent. */
  earnedValueMethod?: "physicalPercentComplete" | "durationPercentComplete" | "zeroHundred" | "fiftyFifty" | "levelOfEffort" | null;
}

export type DependencyType = "FS" | "SS" | "FF" | "SF";
export interface DependencyDocument {
  predecessorId: string;
  successorId: string;
  type?: DependencyType;
  /** Working-time lag; negative for a lead. Give at most one of the three lag forms. */
  lagDays?: WorkDuration;
  /** Lag in elapsed 24-hour days. */
  lagElapsedDays?: number | null;
  /** Lag as a percentage of the predecessor's duration. */
  lagPercent?: number | null;
}

export interface ResourceDocument {
  id: string;
  name: string;
  kind?: "work" | "material" | "cost";
  role?: string | null;
  capacityUnits?: number;
  ratePerHour?: number;
  /** The project calendar this resource works on, when not the project's own. */
  calendarId?: string | null;
}

export type ResponseStrategy = "escalate" | "avoid" | "transfer" | "mitigate" | "accept" | "exploit" | "share" | "enhance";
export interface RiskDocument {
  id: string;
  title: string;
  kind: "threat" | "opportunity";
  category?: string | null;
  owner?: string | null;
  status: "open" | "occurred" | "closed";
  raisedOn?: IsoDate | null;
  /** 0 to 1; absent while not assessed. */
  probability?: number | null;
  costImpact?: number | null;
  scheduleImpactDays?: number | null;
  response?: {
    strategy: ResponseStrategy;
    description: string;
    owner?: string | null;
    due?: IsoDate | null;
    residualProbability?: number | null;
    residualCostImpact?: number | null;
    residualScheduleImpactDays?: number | null;
  } | null;
  activityIds?: string[];
  /** When the risk could occur. */
  proximity?: IsoDate | null;
  /** How fast it would hit once it occurs. */
  velocity?: "slow" | "moderate" | "fast" | "immediate" | null;
}

export interface IssueDocument {
  id: string;
  title: string;
  priority: "low" | "medium" | "high" | "critical";
  owner?: string | null;
  openedOn: IsoDate;
  due?: IsoDate | null;
  closedOn?: IsoDate | null;
}

export interface ChangeRequestDocument {
  id: string;
  title: string;
  status: "proposed" | "approved" | "rejected" | "implemented";
  raisedOn: IsoDate;
  decidedOn?: IsoDate | null;
  costImpact?: number;
  scheduleImpactDays?: number;
}

export interface StatusSnapshotDocument {
  date: IsoDate;
  /** Cumulative to `date`. */
  plannedValue: number;
  earnedValue: number;
  actualCost: number;
  manualRag?: Rag | null;
  commentary?: string | null;
}

export interface FinancialEntryDocument {
  /** `YYYY-MM`. */
  month: string;
  expenditure: "capex" | "opex";
  plan: number;
  actual?: number | null;
  forecast?: number | null;
}
"#;
