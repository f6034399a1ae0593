//! The forward and backward passes of the critical path method, and float.
//!
//! The passes work in positions (see `calendar::Position`): each node's dates are counted in
//! working minutes on its own calendar, so adding a duration or a lag is an integer addition
//! and the calendar is consulted only where a link joins two calendars or is measured in
//! elapsed time. Dates become moments again only when the result is read.
//!
//! Semantics follow MS Project: a link's lag is counted on the successor's calendar; a date
//! constraint wins over logic (MS Project's default "tasks will always honor their constraint
//! dates"), so a conflict shows as negative float rather than an error; remaining work is not
//! scheduled before the status date; total float is the smaller of start float and finish float,
//! in working minutes on the activity's own calendar.
//!
//! The passes write into caller-owned buffers so a Monte Carlo loop can rerun them without
//! allocating.

use super::calendar::{end_position, start_position, work_of, Moment, Position, WorkCalendar};
use super::network::{Constraint, Lag, Link, LinkKind, Network, Node};

/// What the passes need besides the network.
#[derive(Debug, Clone, Copy)]
pub struct PassSettings {
    /// No activity starts before this.
    pub project_start: Moment,
    /// The data date: work not yet done is not scheduled before it.
    pub status_date: Option<Moment>,
}

/// The project's start, status date and finish as positions on one calendar.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Marks {
    start: Position,
    status: Option<Position>,
    finish: Position,
    /// The latest early finish of the nodes on this calendar (scratch for the finish).
    latest: Position,
}

/// Early and late positions of every node (each on the node's own calendar) and float in
/// working minutes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dates {
    pub early_start: Vec<Position>,
    pub early_finish: Vec<Position>,
    pub late_start: Vec<Position>,
    pub late_finish: Vec<Position>,
    pub total_float: Vec<i64>,
    pub free_float: Vec<i64>,
    /// The latest early finish: the project's finish.
    pub project_finish: Moment,
    /// Per calendar: the project's start, status date and finish.
    marks: Vec<Marks>,
}

/// Runs both passes and float into `dates` (resized as needed).
pub fn schedule(network: &Network, settings: &PassSettings, dates: &mut Dates) {
    let count = network.nodes.len();
    for buffer in [&mut dates.early_start, &mut dates.early_finish, &mut dates.late_start, &mut dates.late_finish, &mut dates.total_float, &mut dates.free_float] {
        buffer.resize(count, 0);
    }
    dates.marks.clear();
    dates.marks.extend(network.calendars.iter().map(|calendar| Marks {
        start: calendar.position_of(settings.project_start),
        status: settings.status_date.map(|status| calendar.position_of(status)),
        finish: 0,
        latest: Position::MIN,
    }));
    forward(network, &dates.marks, &mut dates.early_start, &mut dates.early_finish);
    find_project_finish(network, settings, dates);
    backward(network, &dates.marks, &dates.early_start, &dates.early_finish, &mut dates.late_start, &mut dates.late_finish);
    float(network, dates);
}

/// The latest early finish as a moment, and as a position on every calendar. Positions on one
/// calendar order like moments, so only each calendar's latest finish needs reading back.
fn find_project_finish(network: &Network, settings: &PassSettings, dates: &mut Dates) {
    for mark in dates.marks.iter_mut() {
        mark.latest = Position::MIN;
    }
    for (node, &finish) in network.nodes.iter().zip(&dates.early_finish) {
        let mark = &mut dates.marks[node.calendar as usize];
        mark.latest = mark.latest.max(finish);
    }
    let latest_moment = |(calendar, mark): (&WorkCalendar, &Marks)| (mark.latest != Position::MIN).then(|| calendar.moment_at(mark.latest));
    dates.project_finish = network.calendars.iter().zip(&dates.marks).filter_map(latest_moment).max().unwrap_or(settings.project_start);
    for (calendar, mark) in network.calendars.iter().zip(dates.marks.iter_mut()) {
        mark.finish = if latest_moment((calendar, mark)) == Some(dates.project_finish) { mark.latest } else { calendar.position_of(dates.project_finish) };
    }
}

/// MS Project's "plus `work` minutes of work": the end of that work, or for no work the
/// moment work resumes; negative work counts back to where that work began.
fn after_work(position: Position, work: i64) -> Position {
    if work > 0 { end_position(work_of(position) + work) } else { start_position(work_of(position) + work) }
}

/// The mirror of `after_work`: where `work` minutes of work ending at `position` began, or for
/// no work the end of the work before it.
fn before_work(position: Position, work: i64) -> Position {
    if work > 0 { start_position(work_of(position) - work) } else { end_position(work_of(position) - work) }
}

/// A start for `duration` of work no earlier than `bound`: where work resumes, except that a
/// zero-length node stays where logic puts it (a milestone after a task ending 17:00 Friday is
/// at 17:00 Friday, as MS Project shows it).
fn start_at(bound: Position, duration: i64) -> Position {
    if duration == 0 { bound } else { start_position(work_of(bound)) }
}

/// A finish for `duration` of work no later than `bound`.
fn finish_at(bound: Position, duration: i64) -> Position {
    if duration == 0 { bound } else { end_position(work_of(bound)) }
}

/// The finish of `duration` work from `start`; a zero-length node finishes where it starts.
fn finish_of(start: Position, duration: i64) -> Position {
    if duration == 0 { start } else { after_work(start, duration) }
}

/// A link's lag in working minutes; None for an elapsed lag.
fn working_lag(network: &Network, link: &Link) -> Option<i64> {
    match link.lag {
        Lag::Working(lag) => Some(lag),
        Lag::PercentOfPredecessor(share) => Some((share * network.nodes[link.from as usize].duration as f64).round() as i64),
        Lag::Elapsed(_) => None,
    }
}

/// The position a link allows its successor's anchor (start or finish), on the successor's
/// calendar, from the predecessor's anchor on the predecessor's.
#[inline]
fn lag_forward(network: &Network, link: &Link, anchor: Position) -> Position {
    let (from, to) = (link.from as usize, link.to as usize);
    let same_calendar = network.nodes[from].calendar == network.nodes[to].calendar;
    match working_lag(network, link) {
        Some(lag) => {
            let anchor = if same_calendar { anchor } else { network.calendar_of(to).position_of(network.calendar_of(from).moment_at(anchor)) };
            if lag == 0 { anchor } else { after_work(anchor, lag) }
        }
        None => {
            let Lag::Elapsed(minutes) = link.lag else { unreachable!("working_lag covers the other kinds") };
            network.calendar_of(to).position_of(network.calendar_of(from).moment_at(anchor) + minutes)
        }
    }
}

/// The mirror of `lag_forward`: the latest predecessor anchor (on its calendar) that a
/// successor's anchor (on the successor's calendar) allows.
#[inline]
fn lag_backward(network: &Network, link: &Link, anchor: Position) -> Position {
    let (from, to) = (link.from as usize, link.to as usize);
    let same_calendar = network.nodes[from].calendar == network.nodes[to].calendar;
    match working_lag(network, link) {
        Some(lag) => {
            let shifted = if lag == 0 { anchor } else { before_work(anchor, lag) };
            if same_calendar { shifted } else { network.calendar_of(from).position_of(network.calendar_of(to).moment_at(shifted)) }
        }
        None => {
            let Lag::Elapsed(minutes) = link.lag else { unreachable!("working_lag covers the other kinds") };
            network.calendar_of(from).position_of(network.calendar_of(to).moment_at(anchor) - minutes)
        }
    }
}

fn forward(network: &Network, marks: &[Marks], early_start: &mut [Position], early_finish: &mut [Position]) {
    for (v, node) in network.nodes.iter().enumerate() {
        let mark = marks[node.calendar as usize];
        let mut start_bound = mark.start;
        let mut finish_bound = Position::MIN;
        for link in network.predecessors.links_of(v) {
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
            let mut resume = after_work(actual_start, node.duration - remaining);
            if let Some(status) = mark.status {
                resume = resume.max(status);
            }
            early_start[v] = actual_start;
            early_finish[v] = finish_of(start_at(resume, remaining), remaining);
            continue;
        }
        if let Some(status) = mark.status {
            start_bound = start_bound.max(status);
        }
        let duration = node.duration;
        match node.constraint {
            Constraint::StartNoEarlierThan(date) => start_bound = start_bound.max(date),
            Constraint::FinishNoEarlierThan(date) => finish_bound = finish_bound.max(date),
            _ => {}
        }
        let mut start = start_at(start_bound, duration);
        if finish_bound != Position::MIN {
            start = start.max(start_at(before_work(finish_bound, duration), duration));
        }
        // Constraints that hold a date against logic: the constraint wins (negative float).
        match node.constraint {
            Constraint::MustStartOn(date) => start = start_at(date, duration),
            Constraint::MustFinishOn(date) => start = before_work(finish_at(date, duration), duration),
            Constraint::StartNoLaterThan(date) => start = start.min(start_at(date, duration)),
            Constraint::FinishNoLaterThan(date) => start = start.min(before_work(finish_at(date, duration), duration)),
            _ => {}
        }
        if node.assignment_spans.is_empty() {
            early_start[v] = start;
            early_finish[v] = finish_of(start, duration);
        } else {
            (early_start[v], early_finish[v]) = assignments_from(network, node, start);
        }
    }
}

/// A resource-driven node started no earlier than `start`: each assignment starts when its
/// resource next works and runs its span on that resource's calendar; the node starts with the
/// first and finishes with the last (MS Project's fixed-units scheduling, with no levelling).
fn assignments_from(network: &Network, node: &Node, start: Position) -> (Position, Position) {
    let own = &network.calendars[node.calendar as usize];
    let from = own.moment_at(start);
    let (mut first_start, mut last_finish) = (Moment::MAX, Moment::MIN);
    for span in &node.assignment_spans {
        let calendar = &network.calendars[span.calendar as usize];
        let begin = calendar.next_work_start(from);
        first_start = first_start.min(begin);
        last_finish = last_finish.max(calendar.add(begin, span.work));
    }
    (start.max(own.position_of(first_start)), own.position_of(last_finish))
}

/// The mirror of `assignments_from`: the latest start of a resource-driven node that finishes
/// by `finish`, each assignment ending when its resource last worked.
fn assignments_until(network: &Network, node: &Node, finish: Position) -> Position {
    let own = &network.calendars[node.calendar as usize];
    let until = own.moment_at(finish);
    let mut first_start = Moment::MAX;
    for span in &node.assignment_spans {
        let calendar = &network.calendars[span.calendar as usize];
        first_start = first_start.min(calendar.subtract(calendar.previous_work_end(until), span.work));
    }
    own.position_of(first_start).min(finish)
}

fn backward(network: &Network, marks: &[Marks], early_start: &[Position], early_finish: &[Position], late_start: &mut [Position], late_finish: &mut [Position]) {
    for (v, node) in network.nodes.iter().enumerate().rev() {
        let duration = node.duration;
        if node.actual_finish.is_some() {
            // Finished work has no float to give.
            late_start[v] = early_start[v];
            late_finish[v] = early_finish[v];
            continue;
        }
        let mut finish_limit = marks[node.calendar as usize].finish;
        let mut start_limit = Position::MAX;
        for link in network.successors.links_of(v) {
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
        let mut finish = finish_at(finish_limit, duration);
        if start_limit != Position::MAX {
            finish = finish.min(finish_of(start_at(start_limit, duration), duration));
        }
        match node.constraint {
            Constraint::MustStartOn(date) => finish = finish_of(start_at(date, duration), duration),
            Constraint::MustFinishOn(date) => finish = finish_at(date, duration),
            _ => {}
        }
        let remaining = match node.actual_start {
            Some(_) => node.remaining.unwrap_or(duration).clamp(0, duration.max(0)),
            None => duration,
        };
        late_finish[v] = finish;
        late_start[v] = if node.actual_start.is_some() {
            early_start[v]
        } else if !node.assignment_spans.is_empty() {
            assignments_until(network, node, finish)
        } else if remaining == 0 {
            finish
        } else {
            before_work(finish, remaining)
        };
    }
}

fn float(network: &Network, dates: &mut Dates) {
    for v in 0..network.nodes.len() {
        let start_float = work_of(dates.late_start[v]) - work_of(dates.early_start[v]);
        let finish_float = work_of(dates.late_finish[v]) - work_of(dates.early_finish[v]);
        let total = if network.nodes[v].actual_start.is_some() { finish_float } else { start_float.min(finish_float) };
        dates.total_float[v] = total;
        let mut free = work_of(dates.marks[network.nodes[v].calendar as usize].finish) - work_of(dates.early_finish[v]);
        // Free float is what logic allows (MS Project counts real successors only): the
        // bracket that keeps a child inside its summary is not a successor.
        for link in network.successors.links_of(v).iter().filter(|link| !link.wbs) {
            free = free.min(link_gap(network, link, dates));
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
    work_of(target) - work_of(lag_forward(network, link, anchor))
}
