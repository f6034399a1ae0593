//! The compiled network: activities and links as flat, index-based arrays in working minutes,
//! numbered in topological order once (Kahn's algorithm, iterative). The passes in
//! `passes.rs` run over it; Monte Carlo will reuse it with sampled durations.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::calendar::{Position, WorkCalendar};
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
    /// A summary's bracket link (summary start to child, child to summary finish): it keeps
    /// children inside their summary but is not logic, so it does not limit free float.
    pub wbs: bool,
}

/// A constraint with its date as a position on the node's calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Constraint {
    AsSoonAsPossible,
    AsLateAsPossible,
    StartNoEarlierThan(Position),
    StartNoLaterThan(Position),
    FinishNoEarlierThan(Position),
    FinishNoLaterThan(Position),
    MustStartOn(Position),
    MustFinishOn(Position),
}

/// One schedulable node: a task, a milestone, or one end of a summary (a summary is two
/// zero-length nodes that bracket its children, so links to and from it work both ways).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Planned working minutes (0 for milestones and summary ends).
    pub duration: i64,
    pub calendar: u16,
    pub constraint: Constraint,
    /// Constraint dates, the deadline and actuals are positions on the node's own calendar,
    /// converted once when the network is compiled.
    pub deadline: Option<Position>,
    pub actual_start: Option<Position>,
    pub actual_finish: Option<Position>,
    /// Working minutes still to do, for an activity in progress.
    pub remaining: Option<i64>,
    /// For a resource-driven activity not yet started: each work assignment's span on its
    /// resource's calendar. The node then runs from its start until the last of them ends, and
    /// `duration` only serves lags and constraints that need a length before the start is known.
    pub assignment_spans: Vec<AssignmentSpan>,
}

/// Work of one assignment at its units (work / units), in working minutes of `calendar`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AssignmentSpan {
    pub calendar: u16,
    pub work: i64,
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
            assignment_spans: Vec::new(),
        }
    }
}

/// Compressed adjacency: the links of node n are `links[offsets[n]..offsets[n + 1]]`, copied
/// in that order so a pass reads them one after another, with `ids` giving each one's index
/// in `Network::links`.
#[derive(Debug, Clone, Default)]
pub struct Adjacency {
    offsets: Vec<u32>,
    ids: Vec<u32>,
    links: Vec<Link>,
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
        let mut ids = vec![0u32; links.len()];
        for (index, link) in links.iter().enumerate() {
            let slot = &mut fill[key(link) as usize];
            ids[*slot as usize] = index as u32;
            *slot += 1;
        }
        let links = ids.iter().map(|&id| links[id as usize]).collect();
        Adjacency { offsets, ids, links }
    }

    fn range(&self, node: usize) -> std::ops::Range<usize> {
        self.offsets[node] as usize..self.offsets[node + 1] as usize
    }

    /// The indices (in `Network::links`) of node n's links.
    pub fn of(&self, node: usize) -> &[u32] {
        &self.ids[self.range(node)]
    }

    /// Node n's links themselves.
    pub fn links_of(&self, node: usize) -> &[Link] {
        &self.links[self.range(node)]
    }
}

/// A network ready for the passes. Nodes are numbered in topological order (every node after
/// all of its predecessors), so a forward pass is a walk from first to last and reads nodes and
/// links in memory order; that order is what makes 100,000 activities fast.
#[derive(Debug, Clone)]
pub struct Network {
    pub nodes: Vec<Node>,
    /// In the order given to `build`, with `from` and `to` renumbered.
    pub links: Vec<Link>,
    pub calendars: Vec<WorkCalendar>,
    pub successors: Adjacency,
    pub predecessors: Adjacency,
}

/// The strongly connected sets that make a network impossible to order, with their links.
#[derive(Debug, Clone, PartialEq)]
pub struct Cycle {
    pub nodes: Vec<u32>,
    pub links: Vec<u32>,
}

impl Network {
    /// Orders and renumbers the nodes; returns the network and, for each node as given, its
    /// number in the network. Links naming a node out of range or a node itself must have been
    /// removed by the caller; on a loop the cycles are returned, with every link on them.
    pub fn build(nodes: Vec<Node>, mut links: Vec<Link>, calendars: Vec<WorkCalendar>) -> Result<(Network, Vec<u32>), Vec<Cycle>> {
        let Some(order) = topological_order(nodes.len(), &links) else {
            return Err(cycles(nodes.len(), &links));
        };
        let mut number = vec![0u32; nodes.len()];
        for (position, &node) in order.iter().enumerate() {
            number[node as usize] = position as u32;
        }
        let mut given: Vec<Option<Node>> = nodes.into_iter().map(Some).collect();
        let nodes: Vec<Node> = order.iter().map(|&node| given[node as usize].take().unwrap_or_else(|| Node::task(0))).collect();
        for link in &mut links {
            link.from = number[link.from as usize];
            link.to = number[link.to as usize];
        }
        let successors = Adjacency::build(nodes.len(), &links, |l| l.from);
        let predecessors = Adjacency::build(nodes.len(), &links, |l| l.to);
        Ok((Network { nodes, links, calendars, successors, predecessors }, number))
    }

    pub fn calendar_of(&self, node: usize) -> &WorkCalendar {
        &self.calendars[self.nodes[node].calendar as usize]
    }
}

/// Kahn's algorithm, always taking the lowest-numbered node that is ready: a plan listed in
/// a logical order (most are) keeps that order, so reading results in plan order walks
/// memory in order too. None when some nodes can never be ordered (a loop).
fn topological_order(node_count: usize, links: &[Link]) -> Option<Vec<u32>> {
    let successors = Adjacency::build(node_count, links, |l| l.from);
    let mut waiting = vec![0u32; node_count];
    for link in links {
        waiting[link.to as usize] += 1;
    }
    let mut ready: BinaryHeap<Reverse<u32>> = (0..node_count as u32).filter(|&n| waiting[n as usize] == 0).map(Reverse).collect();
    let mut order = Vec::with_capacity(node_count);
    while let Some(Reverse(node)) = ready.pop() {
        order.push(node);
        for link in successors.links_of(node as usize) {
            waiting[link.to as usize] -= 1;
            if waiting[link.to as usize] == 0 {
                ready.push(Reverse(link.to));
            }
        }
    }
    (order.len() == node_count).then_some(order)
}

/// The loops of a set of links, each with the links on it; empty when there is none.
pub fn cycles(node_count: usize, links: &[Link]) -> Vec<Cycle> {
    if topological_order(node_count, links).is_some() {
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
