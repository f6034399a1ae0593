//! A project's plan: the WBS (phases as summary activities, work streams under the bigger ones,
//! work packages, and a milestone closing each phase), the logic links, the resources and their
//! assignments, the planned dates from a forward pass, and the budget spread over the work.
//!
//! Links run from each phase's closing milestone to the first work package of every stream of
//! the next phase, along each stream, and from every work package whose finish drives nothing
//! else to the phase's milestone, so no work is left open-ended (a DCMA logic check). Links only
//! ever point from an earlier activity to a later one, so one pass in list order is a forward
//! pass; the scheduler, not this file, is what computes dates for real.

use crate::model::time::MINUTES_PER_DAY;
use crate::model::{
    Activity, Assignment, Dependency, DependencyKind, Expenditure, Resource, ResourceKind, WorkDuration,
};
use crate::random::Random;

use super::catalogue::{
    archetype, ArchetypeTemplate, PhaseTemplate, Role, ScopeSteps, Staffing, COMPACT_PHASES, PHASES, ROLES,
};
use super::profile::{pick, Profile};
use super::workdays::{half_days, WorkClock};

/// Plans smaller than this use the compact life cycle.
const FULL_LIFE_CYCLE_FROM: usize = 45;
/// The fewest activities a plan can have: a summary, a work package and a milestone per phase.
pub const SMALLEST_PLAN: usize = 3 * COMPACT_PHASES.len();
/// A phase with this many activities groups its work packages under stream summaries.
const STREAMS_FROM: usize = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Summary,
    WorkPackage,
    Milestone,
}

pub struct PlannedActivity {
    pub activity: Activity,
    pub kind: Kind,
    pub parent: Option<usize>,
    /// Position in `PHASES` of the phase it belongs to.
    pub phase: usize,
    /// Planned start and finish, in working minutes from the project start.
    pub start: i64,
    pub finish: i64,
}

impl PlannedActivity {
    pub fn duration(&self) -> i64 {
        self.finish - self.start
    }
    pub fn expenditure(&self) -> Expenditure {
        PHASES[self.phase].expenditure
    }
}

pub struct Link {
    pub predecessor: usize,
    pub successor: usize,
    pub kind: DependencyKind,
    pub lag: i64,
}

pub struct PhasePlan {
    pub template: &'static PhaseTemplate,
    /// Position of the template in `PHASES`.
    pub template_index: usize,
    pub milestone: usize,
}

pub struct Plan {
    pub clock: WorkClock,
    pub activities: Vec<PlannedActivity>,
    pub links: Vec<Link>,
    pub resources: Vec<Resource>,
    pub phases: Vec<PhasePlan>,
    /// The chains of work packages, in order (used to break one plan on purpose).
    pub streams: Vec<Vec<usize>>,
}

impl Plan {
    pub fn dependencies(&self) -> Vec<Dependency> {
        self.links
            .iter()
            .map(|link| Dependency {
                predecessor_id: self.activities[link.predecessor].activity.id.clone(),
                successor_id: self.activities[link.successor].activity.id.clone(),
                kind: link.kind,
                lag_days: WorkDuration { minutes: link.lag },
                lag_elapsed_days: None,
                lag_percent: None,
            })
            .collect()
    }

    pub fn activity_id(&self, number: usize) -> String {
        activity_id(number, self.activities.len())
    }
}

fn activity_id(number: usize, count: usize) -> String {
    let width = count.to_string().len().max(3);
    format!("A{number:0width$}")
}

/// Builds the plan a profile asks for, with planned dates and costs.
pub fn build(profile: &Profile, random: &mut Random) -> Plan {
    let clock = WorkClock::starting(profile.start_date);
    let mut builder = PlanBuilder::new(profile, random);
    let phase_indices: Vec<usize> = if profile.activity_count >= FULL_LIFE_CYCLE_FROM {
        (0..PHASES.len()).collect()
    } else {
        COMPACT_PHASES.to_vec()
    };
    let shares: Vec<f64> = phase_indices.iter().map(|&p| PHASES[p].work_share).collect();
    let work_budget = profile.activity_count.max(SMALLEST_PLAN) - 2 * phase_indices.len();
    let per_phase = apportion(work_budget, &shares);
    let duration_total: f64 = phase_indices.iter().map(|&p| PHASES[p].duration_share).sum();
    for (position, (&template_index, &work_activities)) in phase_indices.iter().zip(&per_phase).enumerate() {
        let phase_days = profile.planned_working_days * PHASES[template_index].duration_share / duration_total;
        builder.add_phase(position + 1, template_index, work_activities, phase_days);
    }
    let mut plan = builder.finish(clock);
    fit_to_duration(&mut plan, profile.planned_working_days);
    roll_up_summary_spans(&mut plan);
    spread_budget(&mut plan, archetype(profile.template.archetype), profile.budget_at_completion, random);
    plan
}

/// Splits `total` into parts proportional to `shares`, each at least one, by largest remainder.
fn apportion(total: usize, shares: &[f64]) -> Vec<usize> {
    let spare = total.saturating_sub(shares.len());
    let sum: f64 = shares.iter().sum();
    let exact: Vec<f64> = shares.iter().map(|share| spare as f64 * share / sum).collect();
    let mut parts: Vec<usize> = exact.iter().map(|value| value.floor() as usize + 1).collect();
    let mut by_remainder: Vec<usize> = (0..shares.len()).collect();
    by_remainder
        .sort_by(|&a, &b| (exact[b] - exact[b].floor()).total_cmp(&(exact[a] - exact[a].floor())).then(a.cmp(&b)));
    let assigned: usize = parts.iter().sum();
    for &index in by_remainder.iter().take(total.max(shares.len()) - assigned) {
        parts[index] += 1;
    }
    parts
}

/// Where a stream's work packages come from.
#[derive(Debug, Clone, Copy)]
enum StreamSource {
    /// One of the phase's common work streams.
    Common { stream: usize },
    /// The steps for one scope item.
    Scope { item: usize },
}

#[derive(Debug, Clone, Copy)]
struct StreamSpec {
    source: StreamSource,
    size: usize,
}

struct PlanBuilder<'a> {
    profile: &'a Profile,
    archetype: &'static ArchetypeTemplate,
    random: &'a mut Random,
    activities: Vec<PlannedActivity>,
    links: Vec<Link>,
    /// Whether an activity's finish already drives a successor (FS or FF).
    finish_drives: Vec<bool>,
    resources: Vec<Resource>,
    phases: Vec<PhasePlan>,
    streams: Vec<Vec<usize>>,
}

impl<'a> PlanBuilder<'a> {
    fn new(profile: &'a Profile, random: &'a mut Random) -> PlanBuilder<'a> {
        let archetype = archetype(profile.template.archetype);
        let resources = project_resources(profile, archetype, random);
        PlanBuilder {
            profile,
            archetype,
            random,
            activities: Vec::new(),
            links: Vec::new(),
            finish_drives: Vec::new(),
            resources,
            phases: Vec::new(),
            streams: Vec::new(),
        }
    }

    fn finish(self, clock: WorkClock) -> Plan {
        Plan {
            clock,
            activities: self.activities,
            links: self.links,
            resources: self.resources,
            phases: self.phases,
            streams: self.streams,
        }
    }

    /// Adds a phase: its summary, `work_activities` work packages and stream summaries, and
    /// its milestone.
    fn add_phase(&mut self, number: usize, template_index: usize, work_activities: usize, phase_days: f64) {
        let template = &PHASES[template_index];
        let previous_milestone = self.phases.last().map(|phase| phase.milestone);
        let summary = self.push(template.name.to_string(), number.to_string(), None, Kind::Summary, template_index);
        let (specs, with_stream_summaries) = layout(template, self.profile.template.scope.len(), work_activities);
        let mut children = 0;
        let mut phase_work = Vec::new();
        for spec in &specs {
            children += 1;
            let (parent, prefix) = if with_stream_summaries {
                let title = stream_title(template, self.profile.template.scope, spec.source);
                let wbs = format!("{number}.{children}");
                (self.push(title, wbs.clone(), Some(summary), Kind::Summary, template_index), wbs)
            } else {
                (summary, number.to_string())
            };
            let names = self.work_package_names(template, *spec);
            let first_child = if with_stream_summaries { 1 } else { children };
            let stream = self.add_stream(template_index, names, parent, &prefix, first_child, phase_days, specs.len());
            if !with_stream_summaries {
                children += stream.len() - 1;
            }
            if let (Some(milestone), Some(&first)) = (previous_milestone, stream.first()) {
                let lead = if self.random.chance(0.15) { -half_days(self.random.uniform(1.0, 5.0)) } else { 0 };
                self.link(milestone, first, DependencyKind::FS, lead);
            }
            phase_work.extend_from_slice(&stream);
            self.streams.push(stream);
        }
        let milestone = self.push(
            template.milestone.to_string(),
            format!("{number}.{}", children + 1),
            Some(summary),
            Kind::Milestone,
            template_index,
        );
        self.activities[milestone].activity.milestone = true;
        for work in phase_work {
            if !self.finish_drives[work] {
                self.link(work, milestone, DependencyKind::FS, 0);
            }
        }
        self.phases.push(PhasePlan { template, template_index, milestone });
    }

    /// One chain of work packages; returns their indices in order.
    #[allow(clippy::too_many_arguments)]
    fn add_stream(
        &mut self,
        template_index: usize,
        names: Vec<String>,
        parent: usize,
        prefix: &str,
        first_child: usize,
        phase_days: f64,
        parallel_streams: usize,
    ) -> Vec<usize> {
        let template = &PHASES[template_index];
        let typical_days = phase_days / names.len().max(1) as f64;
        let mut stream: Vec<usize> = Vec::with_capacity(names.len());
        for (offset, name) in names.into_iter().enumerate() {
            let wbs = format!("{prefix}.{}", first_child + offset);
            let index = self.push(name, wbs, Some(parent), Kind::WorkPackage, template_index);
            let duration = half_days(typical_days * self.random.uniform(0.7, 1.3)).max(MINUTES_PER_DAY);
            self.activities[index].finish = duration;
            self.activities[index].activity.duration_days = WorkDuration { minutes: duration };
            self.activities[index].activity.assignments = self.assignments(template, parallel_streams);
            if let Some(&previous) = stream.last() {
                let (kind, lag) = chain_link(self.random, self.activities[previous].duration());
                self.link(previous, index, kind, lag);
            }
            stream.push(index);
        }
        stream
    }

    fn work_package_names(&self, template: &PhaseTemplate, spec: StreamSpec) -> Vec<String> {
        match spec.source {
            StreamSource::Common { stream } => {
                let list = template.common_streams[stream.min(1)].work;
                with_repeats(list, spec.size, 1, str::to_string)
            }
            StreamSource::Scope { item } => {
                let scope_name = self.profile.template.scope.get(item).copied().unwrap_or("Scope");
                with_repeats(scope_steps(template, self.archetype), spec.size, 2, |step| {
                    step.replace("{scope}", scope_name)
                })
            }
        }
    }

    /// The phase's lead role on every work package; a supporting role on some. Named people
    /// are split across parallel streams, teams share their members out.
    fn assignments(&mut self, template: &PhaseTemplate, parallel_streams: usize) -> Vec<Assignment> {
        let mut assignments = vec![self.assignment(template.lead, parallel_streams)];
        if template.support != template.lead && self.random.chance(0.3) {
            assignments.push(self.assignment(template.support, parallel_streams.max(2)));
        }
        assignments.into_iter().flatten().collect()
    }

    fn assignment(&self, role: Role, sharing: usize) -> Option<Assignment> {
        let (template, resource) = ROLES.iter().zip(&self.resources).find(|(template, _)| template.role == role)?;
        let units = match template.staffing {
            Staffing::Person => ((4.0 / sharing as f64).round() / 4.0).max(0.25),
            Staffing::Team(_) | Staffing::BuildTeam => (resource.capacity_units / sharing as f64).round().max(1.0),
        };
        Some(Assignment { resource_id: resource.id.clone(), units, work_hours: None })
    }

    fn push(&mut self, name: String, wbs: String, parent: Option<usize>, kind: Kind, phase: usize) -> usize {
        let index = self.activities.len();
        let mut activity = Activity::new(activity_id(index + 1, self.profile.activity_count), name, WorkDuration::ZERO);
        activity.wbs = Some(wbs);
        activity.parent_id = parent.map(|p| self.activities[p].activity.id.clone());
        self.activities.push(PlannedActivity { activity, kind, parent, phase, start: 0, finish: 0 });
        self.finish_drives.push(false);
        index
    }

    fn link(&mut self, predecessor: usize, successor: usize, kind: DependencyKind, lag: i64) {
        if matches!(kind, DependencyKind::FS | DependencyKind::FF) {
            self.finish_drives[predecessor] = true;
        }
        self.links.push(Link { predecessor, successor, kind, lag });
    }
}

/// How consecutive work packages of a stream are linked: mostly finish-to-start; some overlap
/// (start-to-start with a lag, finish-to-finish), some lead, some waiting time.
fn chain_link(random: &mut Random, predecessor_duration: i64) -> (DependencyKind, i64) {
    let draw = random.next_f64();
    let predecessor_days = predecessor_duration as f64 / MINUTES_PER_DAY as f64;
    if draw < 0.10 {
        (DependencyKind::SS, half_days(predecessor_days * random.uniform(0.3, 0.6)).max(MINUTES_PER_DAY / 2))
    } else if draw < 0.16 {
        (DependencyKind::FF, half_days(random.uniform(0.0, 3.0)))
    } else if draw < 0.20 {
        let lead = half_days(random.uniform(0.5, 2.0)).min(predecessor_duration / 2);
        (DependencyKind::FS, -lead)
    } else if draw < 0.25 {
        (DependencyKind::FS, half_days(random.uniform(1.0, 5.0)))
    } else {
        (DependencyKind::FS, 0)
    }
}

fn scope_steps(template: &PhaseTemplate, archetype: &'static ArchetypeTemplate) -> &'static [&'static str] {
    match template.scope_steps {
        ScopeSteps::None => &[],
        ScopeSteps::Fixed(steps) => steps,
        ScopeSteps::Build => archetype.build_steps,
    }
}

fn stream_title(template: &PhaseTemplate, scope: &[&str], source: StreamSource) -> String {
    match source {
        StreamSource::Common { stream, .. } => template.common_streams[stream.min(1)].title.to_string(),
        StreamSource::Scope { item } => scope.get(item).copied().unwrap_or("Scope").to_string(),
    }
}

/// Splits `available` activities of a phase (its summary and milestone excluded) into streams.
/// A big phase gets one summary per stream, paid for out of the same count so plans keep the
/// size asked for. Returns the streams and whether they have summaries.
fn layout(template: &PhaseTemplate, scope_items: usize, available: usize) -> (Vec<StreamSpec>, bool) {
    if available >= STREAMS_FROM {
        let mut work = available;
        loop {
            let mut streams = plan_streams(template, scope_items, work);
            if streams.len() < 2 {
                break;
            }
            if work + streams.len() <= available {
                // The first stream takes what is left over: it is the one whose names stretch.
                streams[0].size += available - work - streams.len();
                return (streams, true);
            }
            work -= 1;
        }
    }
    (plan_streams(template, scope_items, available), false)
}

/// Common work first (one stream, two when long), then one stream per scope item for as many
/// items as the work fills at about three packages each.
fn plan_streams(template: &PhaseTemplate, scope_items: usize, work: usize) -> Vec<StreamSpec> {
    let has_scope = !matches!(template.scope_steps, ScopeSteps::None) && scope_items > 0;
    let [first, second] = &template.common_streams;
    let (first_listed, second_listed) = (listed_count(first.work), listed_count(second.work));
    let common_work = if has_scope {
        ((work as f64 * 0.3).round() as usize).clamp(1, (first_listed + second_listed).max(1)).min(work)
    } else {
        work
    };
    let scope_work = work - common_work;
    // A long list runs as two parallel streams; work beyond both lists repeats in the first.
    let second_size = if common_work > 6 {
        (common_work / 2).min(second_listed)
    } else {
        common_work.saturating_sub(first_listed).min(second_listed)
    };
    let mut streams = Vec::new();
    if common_work > 0 {
        streams.push(StreamSpec { source: StreamSource::Common { stream: 0 }, size: common_work - second_size });
    }
    if second_size > 0 {
        streams.push(StreamSpec { source: StreamSource::Common { stream: 1 }, size: second_size });
    }
    let scope_streams = scope_work.div_ceil(3).min(scope_items);
    for (item, size) in split_evenly(scope_work, scope_streams).into_iter().enumerate() {
        streams.push(StreamSpec { source: StreamSource::Scope { item }, size });
    }
    streams
}

/// Entries in a work package list that are packages of their own (not repeat markers).
fn listed_count(list: &[&str]) -> usize {
    list.iter().filter(|entry| !entry.contains("{n}")).count()
}

/// `size` names from a list: its packages in order, with the repeats a bigger stream needs
/// expanded where the list marks them (numbered from `first_number`), or after the last
/// package if it marks none.
fn with_repeats(list: &[&str], size: usize, first_number: usize, name: impl Fn(&str) -> String) -> Vec<String> {
    let listed = size.min(listed_count(list));
    let repeats = size - listed;
    let numbered = |pattern: &str, k: usize| name(&pattern.replace("{n}", &(first_number + k).to_string()));
    let mut names = Vec::with_capacity(size);
    let mut taken = 0;
    let mut marker = None;
    for entry in list {
        if entry.contains("{n}") {
            marker = Some(*entry);
            names.extend((0..repeats).map(|k| numbered(entry, k)));
        } else if taken < listed {
            names.push(name(entry));
            taken += 1;
        }
    }
    if marker.is_none() {
        let last = list.last().map_or_else(|| "Work package {n}".to_string(), |entry| format!("{entry} {{n}}"));
        names.extend((0..repeats).map(|k| numbered(&last, k)));
    }
    names
}

fn split_evenly(total: usize, parts: usize) -> Vec<usize> {
    if parts == 0 {
        return Vec::new();
    }
    (0..parts).map(|part| total / parts + usize::from(part < total % parts)).collect()
}

fn project_resources(profile: &Profile, archetype: &ArchetypeTemplate, random: &mut Random) -> Vec<Resource> {
    // Rates are set in euros; the one sterling project pays the same people in pounds.
    let currency_rate = if profile.template.currency == "GBP" { 0.85 } else { 1.0 };
    ROLES
        .iter()
        .map(|role| {
            let (low, high) = role.team_size;
            let capacity = (low + random.below((high - low + 1) as usize) as u32) as f64;
            let name = match role.staffing {
                Staffing::Person if role.role == Role::ProjectManager => profile.owner.clone(),
                Staffing::Person => pick(random, super::catalogue::PEOPLE),
                Staffing::Team(team) => team.to_string(),
                Staffing::BuildTeam => archetype.build_team.to_string(),
            };
            // Ids are the project's own: the sample's people and teams are staffed per project,
            // so the portfolio's capacity view does not pool different teams under one id.
            let id = format!("{}-{}", profile.id, role.id);
            Resource {
                id,
                name,
                kind: ResourceKind::Work,
                role: Some(role.title.unwrap_or(archetype.build_role).to_string()),
                capacity_units: capacity,
                rate_per_hour: (role.rate_per_hour * currency_rate).round(),
                calendar_id: None,
            }
        })
        .collect()
}

/// Runs the forward pass and stretches or shrinks work package durations until the plan
/// finishes close to the target: parallel streams, lags and rounding make the first pass
/// overshoot.
fn fit_to_duration(plan: &mut Plan, target_working_days: f64) {
    const ATTEMPTS: usize = 4;
    const TOLERANCE: f64 = 0.01;
    let target = target_working_days * MINUTES_PER_DAY as f64;
    for _ in 0..ATTEMPTS {
        forward_pass(plan);
        let finish = plan.activities.iter().map(|planned| planned.finish).max().unwrap_or(0);
        if finish <= 0 {
            return;
        }
        let scale = target / finish as f64;
        if (scale - 1.0).abs() < TOLERANCE {
            return;
        }
        for planned in plan.activities.iter_mut().filter(|planned| planned.kind == Kind::WorkPackage) {
            let days = planned.duration() as f64 / MINUTES_PER_DAY as f64;
            let duration = half_days(days * scale).max(MINUTES_PER_DAY);
            planned.finish = planned.start + duration;
            planned.activity.duration_days = WorkDuration { minutes: duration };
        }
    }
    forward_pass(plan);
}

/// Early start and finish of every activity, in list order: every link points forward.
fn forward_pass(plan: &mut Plan) {
    let mut incoming: Vec<Vec<usize>> = vec![Vec::new(); plan.activities.len()];
    for (index, link) in plan.links.iter().enumerate() {
        incoming[link.successor].push(index);
    }
    for (successor, links) in incoming.iter().enumerate() {
        if plan.activities[successor].kind == Kind::Summary {
            continue;
        }
        let duration = plan.activities[successor].duration();
        let mut start = 0;
        for &link_index in links {
            let link = &plan.links[link_index];
            debug_assert!(link.predecessor < successor, "links must point forward in the generated plan");
            let predecessor = &plan.activities[link.predecessor];
            let earliest = match link.kind {
                DependencyKind::FS => predecessor.finish + link.lag,
                DependencyKind::SS => predecessor.start + link.lag,
                DependencyKind::FF => predecessor.finish + link.lag - duration,
                DependencyKind::SF => predecessor.start + link.lag - duration,
            };
            start = start.max(earliest);
        }
        plan.activities[successor].start = start;
        plan.activities[successor].finish = start + duration;
    }
}

/// A summary spans its children; children always come after their summary in the list.
fn roll_up_summary_spans(plan: &mut Plan) {
    for planned in plan.activities.iter_mut().filter(|planned| planned.kind == Kind::Summary) {
        planned.start = i64::MAX;
        planned.finish = i64::MIN;
    }
    for index in (0..plan.activities.len()).rev() {
        let (start, finish) = (plan.activities[index].start, plan.activities[index].finish);
        if let Some(parent) = plan.activities[index].parent {
            let summary = &mut plan.activities[parent];
            summary.start = summary.start.min(start);
            summary.finish = summary.finish.max(finish);
        }
    }
}

/// Spreads the budget at completion over the work packages in proportion to their labour
/// (plus the archetype's non-labour spend during build), in whole units of currency that add
/// up exactly to the budget.
fn spread_budget(plan: &mut Plan, archetype: &ArchetypeTemplate, budget_at_completion: f64, random: &mut Random) {
    let weights: Vec<f64> = plan
        .activities
        .iter()
        .map(|planned| {
            if planned.kind != Kind::WorkPackage {
                return 0.0;
            }
            let hours = planned.duration() as f64 / 60.0;
            let labour: f64 = planned
                .activity
                .assignments
                .iter()
                .map(|assignment| assignment.units * hours * rate_of(&plan.resources, &assignment.resource_id))
                .sum();
            let materials = if matches!(PHASES[planned.phase].scope_steps, ScopeSteps::Build) {
                archetype.non_labour_share
            } else {
                0.0
            };
            labour * random.uniform(0.85, 1.15) * (1.0 + materials)
        })
        .collect();
    let costs = apportion_money(budget_at_completion, &weights);
    for (planned, cost) in plan.activities.iter_mut().zip(costs) {
        planned.activity.cost = cost;
    }
}

fn rate_of(resources: &[Resource], id: &str) -> f64 {
    resources.iter().find(|resource| resource.id == id).map_or(0.0, |resource| resource.rate_per_hour)
}

/// Whole units of `total` in proportion to `weights`, adding up exactly (largest remainder).
fn apportion_money(total: f64, weights: &[f64]) -> Vec<f64> {
    let sum: f64 = weights.iter().sum();
    if sum <= 0.0 {
        return vec![0.0; weights.len()];
    }
    let exact: Vec<f64> = weights.iter().map(|weight| total * weight / sum).collect();
    let mut amounts: Vec<f64> = exact.iter().map(|value| value.floor()).collect();
    let short = (total - amounts.iter().sum::<f64>()).round().max(0.0) as usize;
    let mut by_remainder: Vec<usize> = (0..weights.len()).filter(|&i| weights[i] > 0.0).collect();
    by_remainder.sort_by(|&a, &b| (exact[b] - amounts[b]).total_cmp(&(exact[a] - amounts[a])).then(a.cmp(&b)));
    for &index in by_remainder.iter().cycle().take(short) {
        amounts[index] += 1.0;
    }
    amounts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apportioning_keeps_the_total() {
        assert_eq!(apportion(10, &[0.5, 0.3, 0.2]), vec![5, 3, 2]);
        assert_eq!(apportion(2, &[0.5, 0.3, 0.2]), vec![1, 1, 1]);
        let money = apportion_money(1000.0, &[1.0, 1.0, 1.0, 0.0]);
        assert_eq!(money.iter().sum::<f64>(), 1000.0);
        assert_eq!(money[3], 0.0);
    }

    #[test]
    fn big_phases_get_stream_summaries_within_the_same_count() {
        let build = &PHASES[3];
        for available in 1..200 {
            let (streams, with_summaries) = layout(build, 5, available);
            let work: usize = streams.iter().map(|stream| stream.size).sum();
            let summaries = if with_summaries { streams.len() } else { 0 };
            assert_eq!(work + summaries, available, "{available}");
            assert!(streams.iter().all(|stream| stream.size > 0));
        }
    }
}
