// The engine's portfolio reports in the shapes the home's views read. The engine keeps monthly
// figures as twelve-value series and over-allocations as a list; the views want one record per
// month and per cell. This file is the only place that knows both shapes.

/** FinancialsReport -> the financials chart's and KPI tiles' record. */
export function financialsView(report) {
  const flagged = (kind, month) => (report.flags ?? []).some((flag) => flag.kind === kind && flag.month === month);
  const months = (report.months ?? []).map((month, i) => {
    const closed = Boolean(report.closed?.[i]);
    const booked = report.actual?.total?.[i] ?? 0;
    const recorded = report.forecast?.total?.[i] ?? 0;
    const fromPlan = !closed && flagged('forecastMissing', month);
    return {
      month,
      closed,
      plan: report.plan?.total?.[i] ?? null,
      // The engine books a missing actual as zero and flags it; the view shows it as n/a.
      actual: closed ? (flagged('actualMissing', month) ? null : booked) : null,
      forecast: closed ? null : fromPlan ? null : recorded,
      forecastFromPlan: fromPlan,
      outlook: report.outlook?.total?.[i] ?? null,
    };
  });
  const fullYear = report.fullYear ?? {};
  const percent = fullYear.variancePercent?.total;
  return {
    id: report.id,
    name: report.name,
    currency: report.currency,
    statusDate: report.statusDate,
    fiscalYear: { label: report.label, startMonth: report.months?.[0] ?? null, months: report.months ?? [] },
    months,
    fullYear: {
      plan: fullYear.plan?.total ?? null,
      actualToDate: fullYear.actualToDate?.total ?? null,
      outlook: fullYear.outlook?.total ?? null,
      variance: fullYear.variance?.total ?? null,
      // A fraction in the engine (as SV% and CV% are); the chart prints percent.
      variancePercent: Number.isFinite(percent) ? percent * 100 : null,
    },
  };
}

/**
 * CapacityReport -> the heat map's rows x months. By resource (default): each resource's cells,
 * with the projects behind each excess. By role: one row per role, over-allocated where the
 * role's demand passes its capacity times the threshold (the whole portfolio has too many
 * resources for one table).
 */
export function capacityView(report, { by = 'resource' } = {}) {
  if (by === 'role') {
    const months = report.months ?? [];
    return {
      months,
      resources: (report.roles ?? []).map((role) => ({
        resourceId: `role:${role.role ?? ''}`,
        name: role.role ?? 'No role',
        role: `${role.resourceIds?.length ?? 0} resources`,
        cells: months.map((month, i) => {
          const utilisation = role.utilisation?.[i] ?? null;
          return {
            month,
            demandHours: role.demandHours?.[i] ?? 0,
            capacityHours: role.capacityHours?.[i] ?? 0,
            utilisation,
            overAllocated: Number.isFinite(utilisation) && utilisation > (report.threshold ?? 1),
            causes: [],
          };
        }),
      })),
    };
  }
  return byResource(report);
}

function byResource(report) {
  const months = report.months ?? [];
  const over = new Map();
  for (const excess of report.overAllocations ?? []) {
    const byProject = new Map();
    for (const part of excess.contributions ?? []) byProject.set(part.projectId, (byProject.get(part.projectId) ?? 0) + part.hours);
    over.set(`${excess.resourceId}|${excess.month}`, [...byProject].map(([projectId, hours]) => ({ projectId, hours })).sort((a, b) => b.hours - a.hours));
  }
  return {
    months,
    resources: (report.resources ?? []).map((resource) => ({
      resourceId: resource.resourceId,
      name: resource.name,
      role: resource.role,
      cells: months.map((month, i) => {
        const causes = over.get(`${resource.resourceId}|${month}`);
        return {
          month,
          demandHours: resource.demandHours?.[i] ?? 0,
          capacityHours: resource.capacityHours?.[i] ?? 0,
          utilisation: resource.utilisation?.[i] ?? null,
          overAllocated: Boolean(causes),
          causes: causes ?? [],
        };
      }),
    })),
  };
}

const MILESTONE_STATUS = { late: 'late', upcoming: 'upcoming', noBaseline: 'noBaseline', onTrack: 'onTrack', doneOnTime: 'done' };

/** MilestoneReport -> the milestone list's rows. */
export function milestonesView(report) {
  return (report.milestones ?? []).map((row) => ({
    projectId: row.projectId,
    projectName: row.projectName,
    activityId: row.activityId,
    name: row.activityName,
    baseline: row.baselineDate,
    forecast: row.done ? null : row.forecastDate,
    actual: row.actualFinish,
    slipDays: row.slipDays,
    status: MILESTONE_STATUS[row.status] ?? 'onTrack',
    explanation: row.explanation,
  }));
}
