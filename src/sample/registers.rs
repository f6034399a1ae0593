//! The registers kept beside a plan: risks (threats and opportunities with PMBOK response
//! strategies and residual values), issues (some closed, some overdue) and change requests,
//! all dated between the project's start and the status date.

use crate::model::{
    ChangeRequest, ChangeStatus, Date, Issue, Priority, ResponseStrategy, Risk, RiskKind, RiskResponse, RiskStatus,
};
use crate::random::Random;

use super::catalogue::{Situation, CHANGE_REQUESTS, ISSUES, PEOPLE, RISKS};
use super::plan::{Kind, Plan};
use super::profile::{pick, round_to, Profile};
use super::workdays::add_days;

/// How far back a register reaches, in calendar days.
const REGISTER_HISTORY_DAYS: i64 = 540;

/// The dates register entries can carry: from shortly before the project began (or the last
/// few months, for one not started) to the status date.
struct Window {
    from: Date,
    to: Date,
}

impl Window {
    fn of(profile: &Profile, status_date: Date) -> Window {
        let earliest = add_days(status_date, -REGISTER_HISTORY_DAYS);
        let from = if profile.start_date <= status_date {
            add_days(profile.start_date, -20).max(earliest)
        } else {
            add_days(status_date, -90)
        };
        Window { from, to: status_date }
    }

    fn day(&self, random: &mut Random) -> Date {
        let span = (self.to.0 - self.from.0).num_days().max(0) as usize;
        add_days(self.from, random.below(span + 1) as i64)
    }

    fn days_before_end(&self, date: Date) -> i64 {
        (self.to.0 - date.0).num_days()
    }
}

fn has_started(profile: &Profile) -> bool {
    !matches!(profile.situation, Situation::Planning | Situation::Initiation)
}

/// Three to twelve risks (a few for a project not yet started), about a fifth of them
/// opportunities. A newly raised risk of a proposal or a new project is not yet assessed.
pub fn risks(profile: &Profile, plan: &Plan, status_date: Date, random: &mut Random) -> Vec<Risk> {
    let window = Window::of(profile, status_date);
    let count = if has_started(profile) { 3 + random.below(10) } else { 3 + random.below(3) };
    let templates = distinct_indices(random, RISKS.len(), count);
    let open_work = linkable_activities(plan);
    let mut risks: Vec<Risk> =
        templates.iter().map(|&template| assessed_risk(profile, plan, &open_work, &window, template, random)).collect();
    let newly_raised = matches!(profile.situation, Situation::Initiation | Situation::RecentStart);
    if let (true, Some(last)) = (newly_raised, risks.last_mut()) {
        last.raised_on = Some(add_days(status_date, -(random.below(10) as i64)));
        last.status = RiskStatus::Open;
        last.probability = None;
        last.cost_impact = None;
        last.schedule_impact_days = None;
        last.response = None;
    }
    risks.sort_by_key(|risk| risk.raised_on);
    for (number, risk) in risks.iter_mut().enumerate() {
        risk.id = format!("{}-R{:02}", profile.id, number + 1);
    }
    risks
}

fn assessed_risk(
    profile: &Profile,
    plan: &Plan,
    open_work: &[usize],
    window: &Window,
    template: usize,
    random: &mut Random,
) -> Risk {
    let template = &RISKS[template];
    let threat = template.kind == RiskKind::Threat;
    let raised_on = window.day(random);
    let probability = round_to(random.uniform(0.1, 0.75), 0.05);
    let cost_impact = round_to(profile.budget_at_completion * random.uniform(0.005, 0.06), 1000.0).max(1000.0);
    let schedule_impact_days =
        if threat { random.uniform(3.0, 40.0).round() } else { random.uniform(2.0, 15.0).round() };
    let status = if !has_started(profile) || window.days_before_end(raised_on) < 30 {
        RiskStatus::Open
    } else {
        let draw = random.next_f64();
        if draw < 0.18 {
            RiskStatus::Closed
        } else if draw < 0.28 && threat {
            RiskStatus::Occurred
        } else {
            RiskStatus::Open
        }
    };
    let response = response(
        template.strategy,
        template.response,
        raised_on,
        probability,
        cost_impact,
        schedule_impact_days,
        random,
    );
    let links = 1 + random.below(2);
    let activity_ids = distinct_indices(random, open_work.len(), links)
        .into_iter()
        .map(|position| plan.activities[open_work[position]].activity.id.clone())
        .collect();
    Risk {
        id: String::new(),
        title: template.title.to_string(),
        kind: template.kind,
        category: Some(template.category.to_string()),
        owner: Some(pick(random, PEOPLE)),
        status,
        raised_on: Some(raised_on),
        probability: Some(probability),
        cost_impact: Some(cost_impact),
        schedule_impact_days: Some(schedule_impact_days),
        response: Some(response),
        activity_ids,
        proximity: None,
        velocity: None,
    }
}

/// The planned response and what is expected to remain once it is carried out: a threat
/// shrinks (accepting it leaves it as it is), an opportunity grows.
fn response(
    strategy: ResponseStrategy,
    description: &str,
    raised_on: Date,
    probability: f64,
    cost_impact: f64,
    schedule_impact_days: f64,
    random: &mut Random,
) -> RiskResponse {
    let (probability_factor, impact_factor) = match strategy {
        ResponseStrategy::Accept | ResponseStrategy::Escalate => (1.0, 1.0),
        ResponseStrategy::Exploit | ResponseStrategy::Share | ResponseStrategy::Enhance => {
            (random.uniform(1.2, 1.6), random.uniform(1.0, 1.2))
        }
        _ => (random.uniform(0.3, 0.7), random.uniform(0.3, 0.8)),
    };
    RiskResponse {
        strategy,
        description: description.to_string(),
        owner: Some(pick(random, PEOPLE)),
        due: Some(add_days(raised_on, 30 + random.below(90) as i64)),
        residual_probability: Some(round_to(probability * probability_factor, 0.05).clamp(0.05, 0.95)),
        residual_cost_impact: Some(round_to(cost_impact * impact_factor, 1000.0)),
        residual_schedule_impact_days: Some((schedule_impact_days * impact_factor).round()),
    }
}

/// Work packages a risk can still affect: those not finished, or any if all are.
fn linkable_activities(plan: &Plan) -> Vec<usize> {
    let work: Vec<usize> =
        (0..plan.activities.len()).filter(|&i| plan.activities[i].kind == Kind::WorkPackage).collect();
    let open: Vec<usize> =
        work.iter().copied().filter(|&i| plan.activities[i].activity.percent_complete < 100.0).collect();
    if open.is_empty() {
        work
    } else {
        open
    }
}

/// Two to ten issues (two or three before a project starts); the older an issue, the likelier
/// it is closed, and an open one past its due date is overdue.
pub fn issues(profile: &Profile, status_date: Date, random: &mut Random) -> Vec<Issue> {
    let window = Window::of(profile, status_date);
    let count = if has_started(profile) { 2 + random.below(9) } else { 2 + random.below(2) };
    let mut issues: Vec<Issue> = distinct_indices(random, ISSUES.len(), count)
        .into_iter()
        .map(|template| {
            let opened_on = window.day(random);
            let closed_on = random
                .chance(chance_closed(window.days_before_end(opened_on)))
                .then(|| add_days(opened_on, 3 + random.below(60) as i64).min(status_date));
            Issue {
                id: String::new(),
                title: ISSUES[template].to_string(),
                priority: priority(random),
                owner: Some(pick(random, PEOPLE)),
                opened_on,
                due: Some(add_days(opened_on, 7 + random.below(39) as i64)),
                closed_on,
            }
        })
        .collect();
    issues.sort_by_key(|issue| issue.opened_on);
    for (number, issue) in issues.iter_mut().enumerate() {
        issue.id = format!("{}-I{:02}", profile.id, number + 1);
    }
    issues
}

fn chance_closed(age_days: i64) -> f64 {
    match age_days {
        ..=14 => 0.0,
        15..=60 => 0.4,
        _ => 0.85,
    }
}

fn priority(random: &mut Random) -> Priority {
    match random.next_f64() {
        draw if draw < 0.2 => Priority::Low,
        draw if draw < 0.6 => Priority::Medium,
        draw if draw < 0.9 => Priority::High,
        _ => Priority::Critical,
    }
}

/// Up to four change requests (at most one before a project starts), decided within a month
/// unless still proposed.
pub fn change_requests(profile: &Profile, status_date: Date, random: &mut Random) -> Vec<ChangeRequest> {
    let window = Window::of(profile, status_date);
    let count = if has_started(profile) { random.below(5) } else { random.below(2) };
    let mut changes: Vec<ChangeRequest> = distinct_indices(random, CHANGE_REQUESTS.len(), count)
        .into_iter()
        .map(|template| {
            let raised_on = window.day(random);
            let status = match random.next_f64() {
                _ if window.days_before_end(raised_on) < 10 => ChangeStatus::Proposed,
                draw if draw < 0.15 => ChangeStatus::Proposed,
                draw if draw < 0.45 => ChangeStatus::Approved,
                draw if draw < 0.65 => ChangeStatus::Rejected,
                _ => ChangeStatus::Implemented,
            };
            let decided_on = (status != ChangeStatus::Proposed)
                .then(|| add_days(raised_on, 5 + random.below(25) as i64).min(status_date));
            ChangeRequest {
                id: String::new(),
                title: CHANGE_REQUESTS[template].to_string(),
                status,
                raised_on,
                decided_on,
                cost_impact: round_to(profile.budget_at_completion * random.uniform(-0.03, 0.08), 1000.0),
                schedule_impact_days: random.uniform(-10.0, 30.0).round(),
            }
        })
        .collect();
    changes.sort_by_key(|change| change.raised_on);
    for (number, change) in changes.iter_mut().enumerate() {
        change.id = format!("{}-CR{}", profile.id, number + 1);
    }
    changes
}

/// `count` distinct positions below `bound` (fewer if there are fewer), in drawn order.
fn distinct_indices(random: &mut Random, bound: usize, count: usize) -> Vec<usize> {
    let mut positions: Vec<usize> = (0..bound).collect();
    let take = count.min(bound);
    // A partial Fisher-Yates shuffle.
    for slot in 0..take {
        let chosen = slot + random.below(bound - slot);
        positions.swap(slot, chosen);
    }
    positions.truncate(take);
    positions
}
