//! The compiled network: activities and links as flat, index-based arrays in working minutes,
//! with a topological order computed once (Kahn's algorithm, iterative). The passes in
//! `passes.rs` run over it; Monte Carlo will reuse it with sampled durations.

use super::calendar::{Moment, WorkCalendar};
use crate::model::graph;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    FinishToStart,
    StartToStart,
    FinishToFinish,
    StartToFinish,
}

/// How a link's lag is measured.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Lag {
    /// Working minutes on the lag calendar (negative is a lead).
    Working(i64),
    /// Clock minutes, nights and weekends included.
    Elapsed(i64),
    /// A fraction of the predecessor's duration, in working time (0.5 for 50%).
    PercentOfPredecessor(f64),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Link {
    pub from: u32,
    pub to: u32,
    pub kind: LinkKind,
    pub lag: Lag,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Constraint {
    AsSoonAsPossible,
    AsLateAsPossible,
    StartNoEarlierThan(Moment),
    StartNoLaterThan(Moment),
    FinishNoEarlierThan(Moment),
    FinishNoLaterThan(Moment),
    MustStartOn(Moment),
    MustFinishOn(Moment),
}

/// One schedulable node: a task, a milestone, or one end of a summary (a summary is two
/// zero-length nodes that bracket its children, so links to and from it work both ways).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Planned working minutes (0 for milestones and summary ends).
    pub duration: i64,
    pub calendar: u16,
    pub constraint: Constraint,
    pub deadline: Option<Moment>,
    pub actual_start: Option<Moment>,
    pub actual_finish: Option<Moment>,
    /// Working minutes still to do, for an activity in progress.
    pub remaining: Option<i64>,
}

impl Node {
    pub fn task(duration: i64) -> Node {
        Node {
            duration,
            calendar: 0,
            constraint: Constraint::AsSoonAsPossible,
            deadline: None,
            actual_start: None,
            actual_finish: None,
            remaining: None,
        }
    }
}

/// Compressed adjacency: the link indices of node n are `items[offsets[n]..offsets[n + 1]]`.
#[derive(Debug, Clone, Default)]
pub struct Adjacency {
    offsets: Vec<u32>,
    items: Vec<u32>,
}

impl Adjacency {
    fn build(node_count: usize, links: &[Link], key: impl Fn(&Link) -> u32) -> Adjacency {
        let mut offsets = vec![0u32; node_count + 1];
        for link in links {
            offsets[key(link) as usize + 1] += 1;
        }
        for n in 0..node_count {
            offsets[n + 1] += offsets[n];
        }
        let mut fill: Vec<u32> = offsets[..node_count].to_vec();
        let mut items = vec![0u32; links.len()];
        for (index, link) in links.iter().enumerate() {
            let slot = &mut fill[key(link) as usize];
            items[*slot as usize] = index as u32;
            *slot += 1;
        }
        Adjacency { offsets, items }
    }

    pub fn of(&self, node: usize) -> &[u32] {
        &self.items[self.offsets[node] as usize..self.offsets[node + 1] as usize]
    }
}

#[derive(Debug, Clone)]
pub struct Network {
    pub nodes: Vec<Node>,
    pub links: Vec<Link>,
    pub calendars: Vec<WorkCalendar>,
    /// Which calendar measures working lags: the successor's, as MS Project does.
    pub successors: Adjacency,
    pub predecessors: Adjacency,
    /// Every node, each after all of its predecessors.
    pub order: Vec<u32>,
}

/// The strongly connected sets that make a network impossible to order, with their links.
#[derive(Debug, Clone, PartialEq)]
pub struct Cycle {
    pub nodes: Vec<u32>,
    pub links: Vec<u32>,
}

impl Network {
    /// Builds the adjacency and the order. Links naming a node out of range or a node itself
    /// must have been removed by the caller; on a loop the cycles are returned, with every
    /// link on them (`cycles` finds them without giving up the inputs).
    pub fn build(nodes: Vec<Node>, links: Vec<Link>, calendars: Vec<WorkCalendar>) -> Result<Network, Vec<Cycle>> {
        let successors = Adjacency::build(nodes.len(), &links, |l| l.from);
        let predecessors = Adjacency::build(nodes.len(), &links, |l| l.to);
        match topological_order(nodes.len(), &links, &successors, &predecessors) {
            Some(order) => Ok(Network { nodes, links, calendars, successors, predecessors, order }),
            None => Err(cycles(nodes.len(), &links)),
        }
    }

    pub fn calendar_of(&self, node: usize) -> &WorkCalendar {
        &self.calendars[self.nodes[node].calendar as usize]
    }
}

/// Kahn's algorithm; None when some nodes can never be ordered (a loop).
fn topological_order(node_count: usize, links: &[Link], successors: &Adjacency, predecessors: &Adjacency) -> Option<Vec<u32>> {
    let mut waiting: Vec<u32> = (0..node_count).map(|n| predecessors.of(n).len() as u32).collect();
    let mut order: Vec<u32> = (0..node_count as u32).filter(|&n| waiting[n as usize] == 0).collect();
    let mut head = 0;
    while head < order.len() {
        let node = order[head] as usize;
        head += 1;
        for &link in successors.of(node) {
            let next = links[link as usize].to;
            waiting[next as usize] -= 1;
            if waiting[next as usize] == 0 {
                order.push(next);
            }
        }
    }
    (order.len() == node_count).then_some(order)
}

/// The loops of a set of links, each with the links on it; empty when there is none.
pub fn cycles(node_count: usize, links: &[Link]) -> Vec<Cycle> {
    let successors = Adjacency::build(node_count, links, |l| l.from);
    let predecessors = Adjacency::build(node_count, links, |l| l.to);
    if topological_order(node_count, links, &successors, &predecessors).is_some() {
        return Vec::new();
    }
    let edges: Vec<(usize, usize)> = links.iter().map(|l| (l.from as usize, l.to as usize)).collect();
    graph::cycles(node_count, &edges)
        .into_iter()
        .map(|members| {
            let inside = |n: u32| members.binary_search(&(n as usize)).is_ok();
            let on_cycle = links.iter().enumerate().filter(|(_, l)| inside(l.from) && inside(l.to)).map(|(i, _)| i as u32).collect();
            Cycle { nodes: members.into_iter().map(|n| n as u32).collect(), links: on_cycle }
        })
        .collect()
}
