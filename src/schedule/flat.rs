//! The passes again, for simulation: over a network whose nodes all work on one calendar and
//! carry no dates of their own (no constraints, deadlines or actuals, no elapsed lags, no
//! resource-driven spans), every date is a plain count of working minutes, and a link is an
//! integer addition. That is exactly what `passes.rs` computes there (its positions reduce to
//! working minutes when no calendar is crossed), without the per-link calendar checks, so Monte
//! Carlo can afford tens of thousands of iterations. Any other network uses `passes.rs`.

use super::calendar::work_of;
use super::network::{Constraint, Lag, LinkKind, Network};
use super::passes::PassSettings;

/// One link as two 0/1 flags and a lag, so both passes apply every link type with the same
/// arithmetic and no branch on the type (the types are mixed at random in real plans, and a
/// mispredicted branch per link costs more than the sums).
#[derive(Debug, Clone, Copy)]
struct FlatLink {
    /// The other end: the predecessor in `incoming`, the successor in `outgoing`.
    node: u32,
    /// 1 when the link leaves the predecessor's start (SS, SF), 0 from its finish.
    from_start: i64,
    /// 1 when the link reaches the successor's start (FS, SS), 0 its finish.
    to_start: i64,
    /// Working-minute lag (negative is a lead).
    lag: i64,
    /// A share of the predecessor's duration, for percent lags (0 otherwise).
    share: f64,
}

/// A network reduced to integers, with each node's links in one contiguous run.
#[derive(Debug, Clone)]
pub struct FlatNetwork {
    incoming_offsets: Vec<u32>,
    incoming: Vec<FlatLink>,
    outgoing_offsets: Vec<u32>,
    outgoing: Vec<FlatLink>,
    /// Working minutes of the calendar before the project start, and before the status date.
    start: i64,
    status: Option<i64>,
}

/// Early and late dates in working minutes of the one calendar, and total float.
#[derive(Debug, Clone, Default)]
pub struct FlatDates {
    pub early_start: Vec<i64>,
    pub early_finish: Vec<i64>,
    pub late_finish: Vec<i64>,
    pub total_float: Vec<i64>,
    /// Each node's duration, copied out of the network's nodes once per run so the passes read
    /// a dense array.
    duration: Vec<i64>,
    /// The latest early finish, in working minutes after the project start.
    pub finish: i64,
}

impl FlatDates {
    /// Working minutes after the project start at which node `node` finishes early.
    pub fn early_finish_after_start(&self, node: usize, network: &FlatNetwork) -> i64 {
        self.early_finish[node] - network.start
    }
}

impl FlatNetwork {
    /// The flat form of `network`, or None when a node or link needs the full passes.
    pub fn of(network: &Network, settings: &PassSettings) -> Option<FlatNetwork> {
        // On the project calendar only, so "working minutes after the start" means what the
        // full passes' finish means.
        let calendar = 0u16;
        let plain = network.nodes.iter().all(|node| {
            node.calendar == calendar
                && node.constraint == Constraint::AsSoonAsPossible
                && node.deadline.is_none()
                && node.actual_start.is_none()
                && node.actual_finish.is_none()
                && node.assignment_spans.is_empty()
        });
        if !plain || network.links.iter().any(|link| matches!(link.lag, Lag::Elapsed(_))) {
            return None;
        }
        let flat = |link: &super::network::Link, node: u32| {
            let (lag, share) = match link.lag {
                Lag::Working(minutes) => (minutes, 0.0),
                Lag::PercentOfPredecessor(share) => (0, share),
                Lag::Elapsed(_) => (0, 0.0),
            };
            let from_start = i64::from(matches!(link.kind, LinkKind::StartToStart | LinkKind::StartToFinish));
            let to_start = i64::from(matches!(link.kind, LinkKind::FinishToStart | LinkKind::StartToStart));
            FlatLink { node, from_start, to_start, lag, share }
        };
        let count = network.nodes.len();
        let (mut incoming_offsets, mut incoming) = (Vec::with_capacity(count + 1), Vec::with_capacity(network.links.len()));
        let (mut outgoing_offsets, mut outgoing) = (Vec::with_capacity(count + 1), Vec::with_capacity(network.links.len()));
        for node in 0..count {
            incoming_offsets.push(incoming.len() as u32);
            incoming.extend(network.predecessors.links_of(node).iter().map(|link| flat(link, link.from)));
            outgoing_offsets.push(outgoing.len() as u32);
            outgoing.extend(network.successors.links_of(node).iter().map(|link| flat(link, link.to)));
        }
        incoming_offsets.push(incoming.len() as u32);
        outgoing_offsets.push(outgoing.len() as u32);
        let calendar = network.calendars.get(calendar as usize)?;
        Some(FlatNetwork {
            incoming_offsets,
            incoming,
            outgoing_offsets,
            outgoing,
            start: work_of(calendar.position_of(settings.project_start)),
            status: settings.status_date.map(|status| work_of(calendar.position_of(status))),
        })
    }

    fn lag(link: &FlatLink, predecessor_duration: i64) -> i64 {
        if link.share == 0.0 { link.lag } else { link.lag + (link.share * predecessor_duration as f64).round() as i64 }
    }

    /// Both passes and total float for the durations now in `network` (working minutes per
    /// node), into `dates` (resized on first use, then reused).
    pub fn schedule(&self, network: &Network, dates: &mut FlatDates) {
        let count = network.nodes.len();
        for buffer in [&mut dates.early_start, &mut dates.early_finish, &mut dates.late_finish, &mut dates.total_float] {
            buffer.resize(count, 0);
        }
        dates.duration.clear();
        dates.duration.extend(network.nodes.iter().map(|node| node.duration.max(0)));
        let durations = std::mem::take(&mut dates.duration);
        let duration = |node: usize| durations[node];
        let floor = self.status.map_or(self.start, |status| status.max(self.start));
        let mut finish = self.start;
        for v in 0..count {
            let own = duration(v);
            let mut start = floor;
            for link in &self.incoming[self.incoming_offsets[v] as usize..self.incoming_offsets[v + 1] as usize] {
                let u = link.node as usize;
                let predecessor = duration(u);
                // From the predecessor's start or finish, to this node's start or finish.
                let anchor = dates.early_start[u] + (1 - link.from_start) * predecessor;
                start = start.max(anchor + Self::lag(link, predecessor) - (1 - link.to_start) * own);
            }
            dates.early_start[v] = start;
            dates.early_finish[v] = start + own;
            finish = finish.max(start + own);
        }
        for v in (0..count).rev() {
            let own = duration(v);
            let mut late_finish = finish;
            for link in &self.outgoing[self.outgoing_offsets[v] as usize..self.outgoing_offsets[v + 1] as usize] {
                let w = link.node as usize;
                // The successor's late start or finish, back to this node's start or finish.
                let anchor = dates.late_finish[w] - link.to_start * duration(w);
                late_finish = late_finish.min(anchor - Self::lag(link, own) + link.from_start * own);
            }
            dates.late_finish[v] = late_finish;
            dates.total_float[v] = late_finish - dates.early_finish[v];
        }
        dates.finish = finish - self.start;
        dates.duration = durations;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::random::Random;
    use crate::sample::network::benchmark_project;
    use crate::schedule::compile::compile;
    use crate::schedule::passes::{self, Dates};

    /// The flat passes agree with the full ones, node by node, on a generated network with every
    /// link type and lags and leads, over many random sets of durations (zeros included).
    #[test]
    fn agrees_with_the_full_passes() {
        let project = benchmark_project(1_500, 4_000, 17);
        let mut compiled = compile(&project, "projects[0]").expect("compiles");
        let flat = FlatNetwork::of(&compiled.network, &compiled.settings).expect("the benchmark network is plain");
        let mut random = Random::seeded(5);
        let (mut dates, mut flat_dates) = (Dates::default(), FlatDates::default());
        for _ in 0..20 {
            for node in compiled.network.nodes.iter_mut().filter(|node| node.duration > 0) {
                node.duration = if random.chance(0.05) { 0 } else { 1 + random.below(6_000) as i64 };
            }
            passes::schedule(&compiled.network, &compiled.settings, &mut dates);
            flat.schedule(&compiled.network, &mut flat_dates);
            let calendar = &compiled.network.calendars[0];
            assert_eq!(flat_dates.finish, calendar.work_between(compiled.settings.project_start, dates.project_finish));
            for node in 0..compiled.network.nodes.len() {
                assert_eq!(flat_dates.early_finish[node], work_of(dates.early_finish[node]), "early finish of node {node}");
                assert_eq!(flat_dates.total_float[node], dates.total_float[node], "total float of node {node}");
            }
        }
    }
}
