//! The forward and backward passes of the critical path method, and float.
//!
//! Semantics follow MS Project: a link's lag is counted on the successor's calendar; a date
//! constraint wins over logic (MS Project's default "tasks will always honor their constraint
//! dates"), so a conflict shows as negative float rather than an error; remaining work is not
//! scheduled before the status date; total float is the smaller of start float and finish float,
//! in working minutes on the activity's own calendar.
//!
//! The passes write into caller-owned buffers so a Monte Carlo loop can rerun them without
//! allocating.

use super::calendar::{Moment, WorkCalendar};
use super::network::{Constraint, Lag, Link, LinkKind, Network};

/// What the passes need besides the network.
#[derive(Debug, Clone, Copy)]
pub struct PassSettings {
    /// No activity starts before this.
    pub project_start: Moment,
    /// The data date: work not yet done is not scheduled before it.
    pub status_date: Option<Moment>,
}

/// Early and late dates and float of every node, in moments and working minutes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dates {
    pub early_start: Vec<Moment>,
    pub early_finish: Vec<Moment>,
    pub late_start: Vec<Moment>,
    pub late_finish: Vec<Moment>,
    pub total_float: Vec<i64>,
    pub free_float: Vec<i64>,
    /// The latest early finish: the project's finish.
    pub project_finish: Moment,
}

impl Dates {
    pub fn with_capacity(nodes: usize) -> Dates {
        let zeros = || vec![0; nodes];
        Dates {
            early_start: zeros(),
            early_finish: zeros(),
            late_start: zeros(),
            late_finish: zeros(),
            total_float: zeros(),
            free_float: zeros(),
            project_finish: 0,
        }
    }
}

/// Runs both passes and float into `dates` (resized as needed).
pub fn schedule(network: &Network, settings: &PassSettings, dates: &mut Dates) {
    let count = network.nodes.len();
    for buffer in [&mut dates.early_start, &mut dates.early_finish, &mut dates.late_start, &mut dates.late_finish, &mut dates.total_float, &mut dates.free_float] {
        buffer.resize(count, 0);
    }
    forward(network, settings, &mut dates.early_start, &mut dates.early_finish);
    dates.project_finish = dates.early_finish.iter().copied().max().unwrap_or(settings.project_start);
    backward(network, dates.project_finish, &dates.early_start, &dates.early_finish, &mut dates.late_start, &mut dates.late_finish);
    float(network, dates);
}

/// The moment a link allows its successor's anchor (start or finish), from the predecessor's.
fn lag_forward(network: &Network, link: &Link, anchor: Moment) -> Moment {
    let calendar = network.calendar_of(link.to as usize);
    match link.lag {
        Lag::Working(0) => anchor,
        Lag::Working(lag) => calendar.add(anchor, lag),
        Lag::Elapsed(lag) => anchor + lag,
        Lag::PercentOfPredecessor(share) => {
            let lag = (share * network.nodes[link.from as usize].duration as f64).round() as i64;
            if lag == 0 { anchor } else { calendar.add(anchor, lag) }
        }
    }
}

/// The mirror of `lag_forward`: the latest predecessor anchor a successor's anchor allows.
fn lag_backward(network: &Network, link: &Link, anchor: Moment) -> Moment {
    let calendar = network.calendar_of(link.to as usize);
    match link.lag {
        Lag::Working(0) => anchor,
        Lag::Working(lag) => calendar.subtract(anchor, lag),
        Lag::Elapsed(lag) => anchor - lag,
        Lag::PercentOfPredecessor(share) => {
            let lag = (share * network.nodes[link.from as usize].duration as f64).round() as i64;
            if lag == 0 { anchor } else { calendar.subtract(anchor, lag) }
        }
    }
}

/// A start for `duration` of work no earlier than `bound`: the next working minute, except that
/// a zero-length node stays where logic puts it (a milestone after a task ending 17:00 Friday
/// is at 17:00 Friday, as MS Project shows it).
fn start_at(calendar: &WorkCalendar, bound: Moment, duration: i64) -> Moment {
    if duration == 0 { bound } else { calendar.next_work_start(bound) }
}

/// A finish for `duration` of work no later than `bound`.
fn finish_at(calendar: &WorkCalendar, bound: Moment, duration: i64) -> Moment {
    if duration == 0 { bound } else { calendar.previous_work_end(bound) }
}

/// The finish of `duration` work from `start`; a zero-length node finishes where it starts.
fn finish_of(calendar: &WorkCalendar, start: Moment, duration: i64) -> Moment {
    if duration == 0 { start } else { calendar.add(start, duration) }
}

pub fn forward(network: &Network, settings: &PassSettings, early_start: &mut [Moment], early_finish: &mut [Moment]) {
    for &node_index in &network.order {
        let v = node_index as usize;
        let node = &network.nodes[v];
        let calendar = network.calendar_of(v);
        let mut start_bound = settings.project_start;
        let mut finish_bound = Moment::MIN;
        for &link_index in network.predecessors.of(v) {
            let link = &network.links[link_index as usize];
            let u = link.from as usize;
            match link.kind {
                LinkKind::FinishToStart => start_bound = start_bound.max(lag_forward(network, link, early_finish[u])),
                LinkKind::StartToStart => start_bound = start_bound.max(lag_forward(network, link, early_start[u])),
                LinkKind::FinishToFinish => finish_bound = finish_bound.max(lag_forward(network, link, early_finish[u])),
                LinkKind::StartToFinish => finish_bound = finish_bound.max(lag_forward(network, link, early_start[u])),
            }
        }
        if let (Some(actual_start), Some(actual_finish)) = (node.actual_start, node.actual_finish) {
            early_start[v] = actual_start;
            early_finish[v] = actual_finish.max(actual_start);
            continue;
        }
        if let Some(actual_start) = node.actual_start {
            // In progress: the work done runs from the actual start; what remains resumes no
            // earlier than the status date.
            let remaining = node.remaining.unwrap_or(node.duration).clamp(0, node.duration.max(0));
            let mut resume = calendar.add(actual_start, node.duration - remaining);
            if let Some(status) = settings.status_date {
                resume = resume.max(status);
            }
            early_start[v] = actual_start;
            early_finish[v] = finish_of(calendar, start_at(calendar, resume, remaining), remaining);
            continue;
        }
        if let Some(status) = settings.status_date {
            start_bound = start_bound.max(status);
        }
        let duration = node.duration;
        match node.constraint {
            Constraint::StartNoEarlierThan(date) => start_bound = start_bound.max(date),
            Constraint::FinishNoEarlierThan(date) => finish_bound = finish_bound.max(date),
            _ => {}
        }
        let mut start = start_at(calendar, start_bound, duration);
        if finish_bound != Moment::MIN {
            start = start.max(start_at(calendar, calendar.subtract(finish_bound, duration), duration));
        }
        // Constraints that hold a date against logic: the constraint wins (negative float).
        match node.constraint {
            Constraint::MustStartOn(date) => start = start_at(calendar, date, duration),
            Constraint::MustFinishOn(date) => start = calendar.subtract(finish_at(calendar, date, duration), duration),
            Constraint::StartNoLaterThan(date) => start = start.min(start_at(calendar, date, duration)),
            Constraint::FinishNoLaterThan(date) => start = start.min(calendar.subtract(finish_at(calendar, date, duration), duration)),
            _ => {}
        }
        early_start[v] = start;
        early_finish[v] = finish_of(calendar, start, duration);
    }
}

pub fn backward(
    network: &Network,
    project_finish: Moment,
    early_start: &[Moment],
    early_finish: &[Moment],
    late_start: &mut [Moment],
    late_finish: &mut [Moment],
) {
    for &node_index in network.order.iter().rev() {
        let v = node_index as usize;
        let node = &network.nodes[v];
        let calendar = network.calendar_of(v);
        let duration = node.duration;
        if node.actual_finish.is_some() {
            // Finished work has no float to give.
            late_start[v] = early_start[v];
            late_finish[v] = early_finish[v];
            continue;
        }
        let mut finish_limit = project_finish;
        let mut start_limit = Moment::MAX;
        for &link_index in network.successors.of(v) {
            let link = &network.links[link_index as usize];
            let w = link.to as usize;
            match link.kind {
                LinkKind::FinishToStart => finish_limit = finish_limit.min(lag_backward(network, link, late_start[w])),
                LinkKind::StartToStart => start_limit = start_limit.min(lag_backward(network, link, late_start[w])),
                LinkKind::FinishToFinish => finish_limit = finish_limit.min(lag_backward(network, link, late_finish[w])),
                LinkKind::StartToFinish => start_limit = start_limit.min(lag_backward(network, link, late_finish[w])),
            }
        }
        match node.constraint {
            Constraint::FinishNoLaterThan(date) => finish_limit = finish_limit.min(date),
            Constraint::StartNoLaterThan(date) => start_limit = start_limit.min(date),
            _ => {}
        }
        if let Some(deadline) = node.deadline {
            finish_limit = finish_limit.min(deadline);
        }
        let mut finish = finish_at(calendar, finish_limit, duration);
        if start_limit != Moment::MAX {
            let start_cap = finish_at(calendar, start_limit, 0);
            finish = finish.min(finish_of(calendar, start_at(calendar, start_cap, duration), duration));
        }
        match node.constraint {
            Constraint::MustStartOn(date) => finish = finish_of(calendar, start_at(calendar, date, duration), duration),
            Constraint::MustFinishOn(date) => finish = finish_at(calendar, date, duration),
            _ => {}
        }
        let remaining = match node.actual_start {
            Some(_) => node.remaining.unwrap_or(duration).clamp(0, duration.max(0)),
            None => duration,
        };
        late_finish[v] = finish;
        late_start[v] = if node.actual_start.is_some() {
            early_start[v]
        } else if remaining == 0 {
            finish
        } else {
            calendar.subtract(finish, remaining)
        };
    }
}

fn float(network: &Network, dates: &mut Dates) {
    for v in 0..network.nodes.len() {
        let calendar = network.calendar_of(v);
        let start_float = calendar.work_between(dates.early_start[v], dates.late_start[v]);
        let finish_float = calendar.work_between(dates.early_finish[v], dates.late_finish[v]);
        let total = if network.nodes[v].actual_start.is_some() { finish_float } else { start_float.min(finish_float) };
        dates.total_float[v] = total;
        let mut free = calendar.work_between(dates.early_finish[v], dates.project_finish);
        for &link_index in network.successors.of(v) {
            free = free.min(link_gap(network, &network.links[link_index as usize], dates));
        }
        dates.free_float[v] = free.min(total).max(total.min(0));
    }
}

/// Working minutes by which a link's successor could be earlier before the link held it back:
/// 0 means the link drives its successor.
pub fn link_gap(network: &Network, link: &Link, dates: &Dates) -> i64 {
    let (u, w) = (link.from as usize, link.to as usize);
    let (anchor, target) = match link.kind {
        LinkKind::FinishToStart => (dates.early_finish[u], dates.early_start[w]),
        LinkKind::StartToStart => (dates.early_start[u], dates.early_start[w]),
        LinkKind::FinishToFinish => (dates.early_finish[u], dates.early_finish[w]),
        LinkKind::StartToFinish => (dates.early_start[u], dates.early_finish[w]),
    };
    network.calendar_of(w).work_between(lag_forward(network, link, anchor), target)
}
