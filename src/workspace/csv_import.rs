//! CSV import into a loaded project: one file replaces one part of the project (its activities,
//! its links, its risk register or its status snapshots). The reading is `import::csv`; here the
//! records land in the project and the whole portfolio is validated with them in place, the way
//! `replace_project` does it, so a file that does not fit leaves the workspace as it was.

use super::{LoadReport, Workspace, WorkspaceError};
use crate::import::csv::{read_csv, CsvKind, CsvRecords};
use crate::model::LoadError;

impl Workspace {
    /// Replaces one part of project `project_id` with the records of a CSV file of `kind`.
    ///
    /// The project must exist (`not_found` otherwise), for every kind: a CSV file carries no
    /// project name, start date, currency or budget, so it cannot make a sensible project on its
    /// own. A file with problems is refused as a `Load` error whose findings carry the CSV codes
    /// and paths such as `csv:activities[row 7].durationDays`; a file that reads but leaves the
    /// portfolio invalid is refused with validation's findings. Either way nothing changes.
    /// Links to activities that the new activities no longer have are warnings, as always.
    pub fn import_csv(&mut self, project_id: &str, kind: CsvKind, text: &str) -> Result<LoadReport, WorkspaceError> {
        let mut project = self.project(project_id)?.clone();
        let records = read_csv(kind, text).map_err(|error| {
            let findings = error.findings().into_iter().map(|finding| finding.for_project(project_id)).collect();
            WorkspaceError::Load(LoadError::Invalid(findings))
        })?;
        match records {
            CsvRecords::Activities(activities) => project.activities = activities,
            CsvRecords::Links(dependencies) => project.dependencies = dependencies,
            CsvRecords::Risks(risks) => project.risks = risks,
            CsvRecords::Snapshots(snapshots) => project.snapshots = snapshots,
        }
        self.replace_project(project)
    }
}
