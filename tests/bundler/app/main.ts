// A downstream app as its developer would write it: the package from node_modules, the wasm
// imported as an asset so the bundler copies it and hands back its URL.
import init, { Workspace, type PortfolioDocument } from 'pmo-analytics';
import wasmUrl from 'pmo-analytics/pmo_analytics_bg.wasm';

// A four-activity plan on a calendar with the Easter holidays of 2026 (Friday 3 and Monday
// 6 April), part done at the status date. `satisfies` keeps the literal types and still checks
// the document against the package's declarations.
const portfolio = {
  schemaVersion: 1,
  id: 'facilities',
  name: 'Facilities',
  currency: 'EUR',
  projects: [
    {
      id: 'move',
      name: 'Office move',
      phase: 'execution',
      status: 'active',
      currency: 'EUR',
      startDate: '2026-03-30',
      statusDate: '2026-04-07',
      budgetAtCompletion: 10000,
      calendarId: 'office',
      calendars: [
        {
          id: 'office',
          name: 'Office week',
          workingDays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
          workingHours: [{ from: '08:00', to: '12:00' }, { from: '13:00', to: '17:00' }],
          exceptions: [
            { name: 'Good Friday', from: '2026-04-03', to: '2026-04-03' },
            { name: 'Easter Monday', from: '2026-04-06', to: '2026-04-06' },
          ],
        },
      ],
      activities: [
        { id: 'pack', name: 'Pack', durationDays: 3, cost: 3000, percentComplete: 100, actualCost: 3300, actualStart: '2026-03-30T08:00', actualFinish: '2026-04-01T17:00' },
        { id: 'fit-out', name: 'Fit out the new floor', durationDays: 4, cost: 4000, percentComplete: 50, actualCost: 2200, actualStart: '2026-04-02T08:00' },
        { id: 'book', name: 'Book the movers', durationDays: 1, cost: 1000, percentComplete: 100, actualCost: 900, actualStart: '2026-04-02T08:00', actualFinish: '2026-04-02T17:00' },
        { id: 'move-in', name: 'Move in', durationDays: 2, cost: 2000 },
      ],
      dependencies: [
        { predecessorId: 'pack', successorId: 'fit-out', type: 'FS' },
        { predecessorId: 'pack', successorId: 'book', type: 'FS' },
        { predecessorId: 'fit-out', successorId: 'move-in', type: 'FS' },
        { predecessorId: 'book', successorId: 'move-in', type: 'FS' },
      ],
    },
  ],
} satisfies PortfolioDocument;

function show(id: string, text: string): void {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  element.textContent = text;
}

async function main(): Promise<void> {
  await init({ module_or_path: wasmUrl });
  const workspace = new Workspace();
  workspace.load(portfolio);

  show('finish', workspace.schedule('move').finish);

  const report = workspace.earnedValue('move', null, null);
  // A project id gives a project's report; the union also covers organisation units.
  if (report.kind !== 'project') throw new Error(`expected a project's earned value, got a ${report.kind}'s`);
  const { ev, cpi } = report.measures;
  show('earned-value', `${ev.toFixed(2)} ${report.currency}`);
  show('cpi', cpi === null ? `undefined (${report.measures.reasons.cpi})` : cpi.toFixed(4));
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const banner = document.getElementById('error');
  if (banner) {
    banner.textContent = message;
    banner.hidden = false;
  }
  console.error(message);
});
