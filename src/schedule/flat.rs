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

/// Iterations the passes carry side by side.
pub const LANES: usize = 8;

/// Dates for `LANES` sets of durations at once, each node's lanes next to each other
/// (`[node * LANES + lane]`). The passes then read each link's ends and lag once for all the
/// lanes instead of once per iteration, and the lanes' sums are independent of one another, so
/// the processor overlaps them and the compiler may vectorise them.
#[derive(Debug, Clone, Default)]
pub struct FlatLanes {
    /// Working minutes per node and lane, never negative; the caller writes it.
    pub duration: Vec<i64>,
    early_start: Vec<i64>,
    late_finish: Vec<i64>,
    /// Per lane, the latest early finish in working minutes after the project start.
    pub finish: [i64; LANES],
}

/// One node's lanes of `values`.
fn lanes_of(values: &[i64], node: usize) -> [i64; LANES] {
    let mut lanes = [0; LANES];
    lanes.copy_from_slice(&values[node * LANES..node * LANES + LANES]);
    lanes
}

impl FlatLanes {
    /// Every lane starts with the durations now in `network`.
    pub fn of(network: &Network) -> FlatLanes {
        let duration = network.nodes.iter().flat_map(|node| [node.duration.max(0); LANES]).collect();
        FlatLanes { duration, ..FlatLanes::default() }
    }

    /// Working minutes after the project start at which `node` finishes early in `lane`.
    pub fn early_finish_after_start(&self, node: usize, lane: usize, network: &FlatNetwork) -> i64 {
        let index = node * LANES + lane;
        self.early_start[index] + self.duration[index] - network.start
    }

    /// Total float of `node` in `lane` (after a schedule with the backward pass).
    pub fn total_float(&self, node: usize, lane: usize) -> i64 {
        let index = node * LANES + lane;
        self.late_finish[index] - self.early_start[index] - self.duration[index]
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

    /// The forward pass, and the backward pass when `backward` (total float needs it, the
    /// finish alone does not), for every lane of `lanes.duration` at once.
    pub fn schedule(&self, lanes: &mut FlatLanes, backward: bool) {
        let count = lanes.duration.len() / LANES;
        lanes.early_start.resize(count * LANES, 0);
        lanes.late_finish.resize(count * LANES, 0);
        // Plain slices, so the compiler knows the arrays do not overlap.
        let (duration, early_start, late_finish) = (&lanes.duration[..], &mut lanes.early_start[..], &mut lanes.late_finish[..]);
        let floor = self.status.map_or(self.start, |status| status.max(self.start));
        let mut finish = [self.start; LANES];
        for v in 0..count {
            let own = lanes_of(duration, v);
            let mut start = [floor; LANES];
            for link in &self.incoming[self.incoming_offsets[v] as usize..self.incoming_offsets[v + 1] as usize] {
                let u = link.node as usize;
                let (predecessor, early) = (lanes_of(duration, u), lanes_of(early_start, u));
                // From the predecessor's start or finish, to this node's start or finish.
                let (from_finish, to_finish) = (1 - link.from_start, 1 - link.to_start);
                if link.share == 0.0 {
                    for l in 0..LANES {
                        start[l] = start[l].max(early[l] + from_finish * predecessor[l] + link.lag - to_finish * own[l]);
                    }
                } else {
                    for l in 0..LANES {
                        start[l] = start[l].max(early[l] + from_finish * predecessor[l] + Self::lag(link, predecessor[l]) - to_finish * own[l]);
                    }
                }
            }
            early_start[v * LANES..v * LANES + LANES].copy_from_slice(&start);
            for l in 0..LANES {
                finish[l] = finish[l].max(start[l] + own[l]);
            }
        }
        for l in 0..LANES {
            lanes.finish[l] = finish[l] - self.start;
        }
        if !backward {
            return;
        }
        for v in (0..count).rev() {
            let own = lanes_of(duration, v);
            let mut latest = finish;
            for link in &self.outgoing[self.outgoing_offsets[v] as usize..self.outgoing_offsets[v + 1] as usize] {
                let w = link.node as usize;
                let (successor, late) = (lanes_of(duration, w), lanes_of(late_finish, w));
                // The successor's late start or finish, back to this node's start or finish.
                if link.share == 0.0 {
                    for l in 0..LANES {
                        latest[l] = latest[l].min(late[l] - link.to_start * successor[l] - link.lag + link.from_start * own[l]);
                    }
                } else {
                    for l in 0..LANES {
                        latest[l] = latest[l].min(late[l] - link.to_start * successor[l] - Self::lag(link, own[l]) + link.from_start * own[l]);
                    }
                }
            }
            late_finish[v * LANES..v * LANES + LANES].copy_from_slice(&latest);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::random::Random;
    use crate::sample::network::benchmark_project;
    use crate::schedule::compile::compile;
    use crate::schedule::passes::{self, Dates};

    /// The flat passes agree with the full ones, node by node and lane by lane, on a generated
    /// network with every link type and lags and leads, over many random sets of durations
    /// (zeros included), each lane with its own set.
    #[test]
    fn agrees_with_the_full_passes() {
        let project = benchmark_project(1_500, 4_000, 17);
        let mut compiled = compile(&project, "projects[0]").expect("compiles");
        let flat = FlatNetwork::of(&compiled.network, &compiled.settings).expect("the benchmark network is plain");
        let mut lanes = FlatLanes::of(&compiled.network);
        let mut random = Random::seeded(5);
        // Tasks get random durations; milestones and the network's own nodes keep theirs.
        let drawn: Vec<usize> = (0..compiled.network.nodes.len()).filter(|&node| compiled.network.nodes[node].duration > 0).collect();
        for _ in 0..3 {
            let mut sets = Vec::new();
            for lane in 0..LANES {
                for &node in &drawn {
                    let duration = if random.chance(0.05) { 0 } else { 1 + random.below(6_000) as i64 };
                    compiled.network.nodes[node].duration = duration;
                    lanes.duration[node * LANES + lane] = duration;
                }
                let mut dates = Dates::default();
                passes::schedule(&compiled.network, &compiled.settings, &mut dates);
                sets.push(dates);
            }
            flat.schedule(&mut lanes, false);
            let finish_only = lanes.finish;
            flat.schedule(&mut lanes, true);
            assert_eq!(finish_only, lanes.finish, "the forward pass alone gives the same finish");
            let calendar = &compiled.network.calendars[0];
            for (lane, dates) in sets.iter().enumerate() {
                assert_eq!(lanes.finish[lane], calendar.work_between(compiled.settings.project_start, dates.project_finish), "finish of lane {lane}");
                for node in 0..compiled.network.nodes.len() {
                    assert_eq!(lanes.early_finish_after_start(node, lane, &flat) + flat.start, work_of(dates.early_finish[node]), "early finish of node {node} in lane {lane}");
                    assert_eq!(lanes.total_float(node, lane), dates.total_float[node], "total float of node {node} in lane {lane}");
                }
            }
        }
    }
}
