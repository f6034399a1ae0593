//! The words of the sample: an IT organisation, its projects, the life-cycle phases a plan is
//! built from, and the risks, issues, changes and status commentary a PMO sees every month.
//!
//! Everything here is invented (people, projects, amounts). The generator draws from these
//! tables with a seeded generator; nothing random lives in this file.

use crate::model::{Expenditure, OrgUnitKind, ResponseStrategy, RiskKind};

/// What is going on in a project at the status date; it sets the dates and the performance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Situation {
    /// On time and on budget.
    Healthy,
    /// Work slipping: less done than planned.
    Late,
    /// On time, but spending more than the work earned.
    OverBudget,
    LateAndOverBudget,
    /// Started a few months ago, on track.
    RecentStart,
    /// Live, in hypercare and closure.
    Closing,
    /// Finished a few months before the status date.
    Closed,
    /// Paused by the investment board.
    OnHold,
    /// Approved and planned (baselined), starting soon.
    Planning,
    /// A proposal: no baseline yet, starting in a few months if approved.
    Initiation,
}

pub struct OrgUnitTemplate {
    pub id: &'static str,
    pub name: &'static str,
    pub kind: OrgUnitKind,
    pub parent_id: Option<&'static str>,
    pub owner: &'static str,
}

pub const ORG_UNITS: &[OrgUnitTemplate] = &[
    unit("FN-IO", "Infrastructure & Operations", OrgUnitKind::Function, None, "Margaret Lindqvist"),
    unit("PF-INFRA", "Infrastructure & Cloud", OrgUnitKind::Portfolio, Some("FN-IO"), "Henrik Berg"),
    unit("SP-DCX", "Data Centre Exit", OrgUnitKind::SubPortfolio, Some("PF-INFRA"), "Aoife Brennan"),
    unit("PG-DCX", "Data Centre Migration Programme", OrgUnitKind::Program, Some("SP-DCX"), "Tomasz Nowak"),
    unit("PF-SEC", "Cyber Security", OrgUnitKind::Portfolio, Some("FN-IO"), "Amira Haddad"),
    unit("FN-DC", "Digital & Customer", OrgUnitKind::Function, None, "Laurent Mercier"),
    unit("PF-DIGITAL", "Digital Channels", OrgUnitKind::Portfolio, Some("FN-DC"), "Sofia Marques"),
    unit("PG-CX", "Customer Experience Programme", OrgUnitKind::Program, Some("PF-DIGITAL"), "Daniel Okafor"),
    unit("PF-DATA", "Data & Analytics", OrgUnitKind::Portfolio, Some("FN-DC"), "Priya Raman"),
    unit("FN-EA", "Enterprise Applications", OrgUnitKind::Function, None, "Katharina Vogel"),
    unit("PF-ERP", "Finance & Corporate Systems", OrgUnitKind::Portfolio, Some("FN-EA"), "Pieter de Vries"),
    unit("PG-S4", "Finance Transformation (S/4HANA) Programme", OrgUnitKind::Program, Some("PF-ERP"), "Elena Rossi"),
];

const fn unit(
    id: &'static str,
    name: &'static str,
    kind: OrgUnitKind,
    parent_id: Option<&'static str>,
    owner: &'static str,
) -> OrgUnitTemplate {
    OrgUnitTemplate { id, name, kind, parent_id, owner }
}

/// The kind of delivery, which decides who builds and what building means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Archetype {
    Infrastructure,
    Application,
    Package,
    Data,
    Security,
}

pub struct ProjectTemplate {
    pub name: &'static str,
    pub description: &'static str,
    pub org_unit_id: &'static str,
    pub archetype: Archetype,
    pub currency: &'static str,
    /// Approximate budget at completion, in thousands of the project currency.
    pub budget_thousands: f64,
    pub situation: Situation,
    /// The project whose plan came in from a broken file (a link to a deleted task, a loop).
    pub broken_plan: bool,
    /// The deliverables the work is organised around (WBS work streams).
    pub scope: &'static [&'static str],
}

pub const PROJECTS: &[ProjectTemplate] = &[
    ProjectTemplate {
        name: "Data Centre Exit Wave 1",
        description: "Move the file, web and batch estate out of the Frankfurt data centre to the cloud landing zone.",
        org_unit_id: "PG-DCX",
        archetype: Archetype::Infrastructure,
        currency: "EUR",
        budget_thousands: 4200.0,
        situation: Situation::Closing,
        broken_plan: false,
        scope: &["Windows file servers", "Web hosting tier", "Batch scheduling", "Backup and restore", "Monitoring"],
    },
    ProjectTemplate {
        name: "Data Centre Exit Wave 2",
        description: "Migrate the Oracle and SAP application tiers and cut the network over before the co-location contract ends.",
        org_unit_id: "PG-DCX",
        archetype: Archetype::Infrastructure,
        currency: "EUR",
        budget_thousands: 5600.0,
        situation: Situation::Late,
        broken_plan: false,
        scope: &["Oracle databases", "SAP application servers", "Middleware", "Network cutover", "Storage replication"],
    },
    ProjectTemplate {
        name: "Data Centre Exit Wave 3",
        description: "Final wave: mainframe connectivity, print services and the remaining line-of-business servers.",
        org_unit_id: "PG-DCX",
        archetype: Archetype::Infrastructure,
        currency: "EUR",
        budget_thousands: 4800.0,
        situation: Situation::Planning,
        broken_plan: false,
        scope: &["Mainframe connectivity", "Print services", "Line-of-business servers", "Legacy firewall rules"],
    },
    ProjectTemplate {
        name: "Cloud Landing Zone",
        description: "A governed multi-account cloud foundation every migration wave lands on.",
        org_unit_id: "SP-DCX",
        archetype: Archetype::Infrastructure,
        currency: "EUR",
        budget_thousands: 1800.0,
        situation: Situation::Healthy,
        broken_plan: false,
        scope: &["Account structure", "Identity federation", "Network hub", "Guardrails and policies", "Cost management"],
    },
    ProjectTemplate {
        name: "Enterprise Backup Replacement",
        description: "Replace the end-of-life tape backup with immutable disk and cloud backup.",
        org_unit_id: "PF-INFRA",
        archetype: Archetype::Infrastructure,
        currency: "EUR",
        budget_thousands: 950.0,
        situation: Situation::Healthy,
        broken_plan: false,
        scope: &["Backup appliances", "Immutable storage", "Cloud vault", "Backup policies"],
    },
    ProjectTemplate {
        name: "SD-WAN Branch Network Refresh",
        description: "Replace MPLS links in 140 branches with SD-WAN and local internet breakout.",
        org_unit_id: "PF-INFRA",
        archetype: Archetype::Infrastructure,
        currency: "EUR",
        budget_thousands: 2600.0,
        situation: Situation::OverBudget,
        broken_plan: false,
        scope: &["Pilot branches", "Northern region", "Southern region", "Head office", "MPLS decommissioning"],
    },
    ProjectTemplate {
        name: "Service Desk Platform Replacement",
        description: "Move incident, request and change management to a SaaS service management platform.",
        org_unit_id: "PF-INFRA",
        archetype: Archetype::Package,
        currency: "EUR",
        budget_thousands: 1400.0,
        situation: Situation::Healthy,
        broken_plan: false,
        scope: &["Incident management", "Request catalogue", "Change management", "Knowledge base", "CMDB"],
    },
    ProjectTemplate {
        name: "Mainframe Batch Modernisation",
        description: "Re-platform the nightly COBOL batch to cloud-native jobs and retire the mainframe scheduler.",
        org_unit_id: "PF-INFRA",
        archetype: Archetype::Application,
        currency: "EUR",
        budget_thousands: 7500.0,
        situation: Situation::LateAndOverBudget,
        broken_plan: false,
        scope: &["Billing batch", "General ledger feeds", "Customer statements", "Job scheduler", "Reconciliation reports", "File transfers"],
    },
    ProjectTemplate {
        name: "Zero Trust Network Access",
        description: "Replace the VPN with identity-aware access to internal applications.",
        org_unit_id: "PF-SEC",
        archetype: Archetype::Security,
        currency: "EUR",
        budget_thousands: 2200.0,
        situation: Situation::Late,
        broken_plan: false,
        scope: &["Identity provider integration", "Device posture", "Application connectors", "VPN retirement", "Policy engine"],
    },
    ProjectTemplate {
        name: "Privileged Access Management",
        description: "Vault and session-record every administrator account across servers, network and cloud.",
        org_unit_id: "PF-SEC",
        archetype: Archetype::Security,
        currency: "EUR",
        budget_thousands: 850.0,
        situation: Situation::Healthy,
        broken_plan: false,
        scope: &["Credential vault", "Session recording", "Windows servers", "Network devices"],
    },
    ProjectTemplate {
        name: "Security Operations Centre Uplift",
        description: "Move to a 24x7 managed SOC with a new SIEM and automated response playbooks.",
        org_unit_id: "PF-SEC",
        archetype: Archetype::Security,
        currency: "EUR",
        budget_thousands: 1600.0,
        situation: Situation::OverBudget,
        broken_plan: false,
        scope: &["SIEM platform", "Log sources", "Detection rules", "Response playbooks", "Managed service onboarding"],
    },
    ProjectTemplate {
        name: "Identity Governance and Administration",
        description: "Automate joiners, movers and leavers and run quarterly access reviews from one platform.",
        org_unit_id: "PF-SEC",
        archetype: Archetype::Security,
        currency: "EUR",
        budget_thousands: 1200.0,
        situation: Situation::Initiation,
        broken_plan: false,
        scope: &["Joiners-movers-leavers", "Access reviews", "Role model", "HR system feed"],
    },
    ProjectTemplate {
        name: "Customer Mobile App Rebuild",
        description: "Rebuild the iOS and Android apps on one codebase with new onboarding and payments.",
        org_unit_id: "PG-CX",
        archetype: Archetype::Application,
        currency: "EUR",
        budget_thousands: 3500.0,
        situation: Situation::OverBudget,
        broken_plan: false,
        scope: &["Login and onboarding", "Account overview", "Payments", "Push notifications", "Offline mode", "Accessibility"],
    },
    ProjectTemplate {
        name: "Customer Self-Service Portal",
        description: "Let customers change details, download documents and raise requests without calling.",
        org_unit_id: "PG-CX",
        archetype: Archetype::Application,
        currency: "EUR",
        budget_thousands: 2100.0,
        situation: Situation::Healthy,
        broken_plan: false,
        scope: &["Profile management", "Document centre", "Service requests", "Secure messaging", "Analytics tagging"],
    },
    ProjectTemplate {
        name: "Contact Centre Omnichannel Platform",
        description: "One agent desktop for voice, chat, e-mail and social, replacing three contact centre tools.",
        org_unit_id: "PG-CX",
        archetype: Archetype::Package,
        currency: "EUR",
        budget_thousands: 2900.0,
        situation: Situation::Late,
        broken_plan: true,
        scope: &["Voice routing", "Web chat", "E-mail channel", "Agent desktop", "Workforce management", "CRM integration"],
    },
    ProjectTemplate {
        name: "Website Content Platform Replatform",
        description: "Move the public website to a headless content platform with a design system.",
        org_unit_id: "PF-DIGITAL",
        archetype: Archetype::Application,
        currency: "EUR",
        budget_thousands: 700.0,
        situation: Situation::RecentStart,
        broken_plan: false,
        scope: &["Content model", "Design system", "Search", "Content migration"],
    },
    ProjectTemplate {
        name: "Online Payments Gateway Migration",
        description: "Move card and wallet payments to a new acquirer before the current contract ends.",
        org_unit_id: "PF-DIGITAL",
        archetype: Archetype::Application,
        currency: "EUR",
        budget_thousands: 1100.0,
        situation: Situation::Healthy,
        broken_plan: false,
        scope: &["Card payments", "Digital wallets", "Refunds", "Fraud screening", "Settlement files"],
    },
    ProjectTemplate {
        name: "Customer Data Platform",
        description: "Unify customer profiles from web, app, stores and CRM for consented personalisation.",
        org_unit_id: "PF-DATA",
        archetype: Archetype::Data,
        currency: "EUR",
        budget_thousands: 3200.0,
        situation: Situation::Late,
        broken_plan: false,
        scope: &["Identity resolution", "Consent management", "Web events", "CRM connector", "Audience segments", "Activation channels"],
    },
    ProjectTemplate {
        name: "Data Warehouse Cloud Migration",
        description: "Migrate the on-premises data warehouse and 400 reports to a cloud data platform.",
        org_unit_id: "PF-DATA",
        archetype: Archetype::Data,
        currency: "EUR",
        budget_thousands: 4400.0,
        situation: Situation::LateAndOverBudget,
        broken_plan: false,
        scope: &["Finance data mart", "Sales data mart", "Ingestion pipelines", "Report migration", "Data quality rules", "Access model"],
    },
    ProjectTemplate {
        name: "Regulatory Reporting Automation",
        description: "Automate the UK subsidiary's regulatory returns from the data platform.",
        org_unit_id: "PF-DATA",
        archetype: Archetype::Data,
        currency: "GBP",
        budget_thousands: 650.0,
        situation: Situation::Healthy,
        broken_plan: false,
        scope: &["Capital returns", "Liquidity returns", "Reconciliation controls", "Submission workflow"],
    },
    ProjectTemplate {
        name: "Master Data Management",
        description: "One golden record for customers, products and suppliers, governed by data stewards.",
        org_unit_id: "PF-DATA",
        archetype: Archetype::Data,
        currency: "EUR",
        budget_thousands: 1900.0,
        situation: Situation::OnHold,
        broken_plan: false,
        scope: &["Customer domain", "Product domain", "Supplier domain", "Stewardship workflow", "Match and merge rules"],
    },
    ProjectTemplate {
        name: "S/4HANA Finance Migration",
        description: "Move general ledger, controlling, assets and group close from ECC to S/4HANA.",
        org_unit_id: "PG-S4",
        archetype: Archetype::Package,
        currency: "EUR",
        budget_thousands: 12000.0,
        situation: Situation::Late,
        broken_plan: false,
        scope: &["General ledger", "Controlling", "Fixed assets", "Group close", "Tax reporting", "Data migration", "Legacy interfaces"],
    },
    ProjectTemplate {
        name: "Procure-to-Pay Redesign",
        description: "Guided buying, automated invoice matching and supplier onboarding on the new ERP.",
        org_unit_id: "PG-S4",
        archetype: Archetype::Package,
        currency: "EUR",
        budget_thousands: 2400.0,
        situation: Situation::OverBudget,
        broken_plan: false,
        scope: &["Guided buying", "Invoice matching", "Supplier onboarding", "Approval workflows", "Spend analytics"],
    },
    ProjectTemplate {
        name: "Treasury Management System",
        description: "Cash positioning, bank connectivity and hedge accounting in a treasury SaaS.",
        org_unit_id: "PG-S4",
        archetype: Archetype::Package,
        currency: "EUR",
        budget_thousands: 780.0,
        situation: Situation::Healthy,
        broken_plan: false,
        scope: &["Cash positioning", "Bank connectivity", "Hedge accounting", "Payment factory"],
    },
    ProjectTemplate {
        name: "Travel and Expense Tool Rollout",
        description: "Roll the group travel and expense tool out to the last four countries.",
        org_unit_id: "PF-ERP",
        archetype: Archetype::Package,
        currency: "EUR",
        budget_thousands: 190.0,
        situation: Situation::Closed,
        broken_plan: false,
        scope: &["Country configuration", "Card feeds", "Payroll interface"],
    },
];

pub struct ArchetypeTemplate {
    pub build_role: &'static str,
    pub build_team: &'static str,
    /// Work packages built for each scope item (see `PhaseTemplate::scope_steps`).
    pub build_steps: &'static [&'static str],
    /// Spend on things other than people (hardware, licences, cloud) during build, per unit of
    /// build labour.
    pub non_labour_share: f64,
}

pub fn archetype(kind: Archetype) -> &'static ArchetypeTemplate {
    match kind {
        Archetype::Infrastructure => &ArchetypeTemplate {
            build_role: "Infrastructure Engineer",
            build_team: "Infrastructure engineering team",
            build_steps: &[
                "{scope}: build and configure",
                "{scope}: migration rehearsal",
                "{scope}: migration",
                "{scope}: migration batch {n}",
                "{scope}: post-migration checks",
            ],
            non_labour_share: 1.5,
        },
        Archetype::Application => &ArchetypeTemplate {
            build_role: "Developer",
            build_team: "Development team",
            build_steps: &[
                "{scope}: backlog grooming",
                "{scope}: development",
                "{scope}: development sprint {n}",
                "{scope}: unit testing",
                "{scope}: code review and fixes",
            ],
            non_labour_share: 0.3,
        },
        Archetype::Package => &ArchetypeTemplate {
            build_role: "Functional Consultant",
            build_team: "Implementation partner team",
            build_steps: &[
                "{scope}: configuration",
                "{scope}: configuration iteration {n}",
                "{scope}: interface build",
                "{scope}: reports and forms",
                "{scope}: unit testing",
            ],
            non_labour_share: 0.8,
        },
        Archetype::Data => &ArchetypeTemplate {
            build_role: "Data Engineer",
            build_team: "Data engineering team",
            build_steps: &[
                "{scope}: source analysis",
                "{scope}: data model",
                "{scope}: pipeline build",
                "{scope}: data load",
                "{scope}: data load iteration {n}",
                "{scope}: reconciliation",
            ],
            non_labour_share: 0.5,
        },
        Archetype::Security => &ArchetypeTemplate {
            build_role: "Security Engineer",
            build_team: "Security engineering team",
            build_steps: &[
                "{scope}: configuration",
                "{scope}: integration",
                "{scope}: policy tuning",
                "{scope}: pilot",
                "{scope}: rollout",
                "{scope}: rollout tranche {n}",
            ],
            non_labour_share: 0.8,
        },
    }
}

/// The roles a plan assigns; the build role's name comes from the archetype.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    ProjectManager,
    BusinessAnalyst,
    Architect,
    Builder,
    Tester,
    DevOps,
    ChangeManager,
}

/// Who fills a role: one named person, a named team, or the archetype's build team.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Staffing {
    Person,
    Team(&'static str),
    BuildTeam,
}

pub struct RoleTemplate {
    pub role: Role,
    pub id: &'static str,
    /// None for the build role, which the archetype names.
    pub title: Option<&'static str>,
    pub staffing: Staffing,
    pub rate_per_hour: f64,
    /// Full-time people in a team, drawn between these (inclusive); a person is one.
    pub team_size: (u32, u32),
}

pub const ROLES: &[RoleTemplate] = &[
    role(Role::ProjectManager, "PM", Some("Project Manager"), Staffing::Person, 95.0, (1, 1)),
    role(Role::BusinessAnalyst, "BA", Some("Business Analyst"), Staffing::Person, 80.0, (1, 1)),
    role(Role::Architect, "SA", Some("Solution Architect"), Staffing::Person, 115.0, (1, 1)),
    role(Role::Builder, "DEV", None, Staffing::BuildTeam, 72.0, (3, 8)),
    role(Role::Tester, "TST", Some("Tester"), Staffing::Team("Test team"), 62.0, (2, 4)),
    role(Role::DevOps, "OPS", Some("DevOps Engineer"), Staffing::Person, 88.0, (1, 1)),
    role(Role::ChangeManager, "CHG", Some("Change Manager"), Staffing::Person, 78.0, (1, 1)),
];

const fn role(
    role: Role,
    id: &'static str,
    title: Option<&'static str>,
    staffing: Staffing,
    rate_per_hour: f64,
    team_size: (u32, u32),
) -> RoleTemplate {
    RoleTemplate { role, id, title, staffing, rate_per_hour, team_size }
}

/// How a phase's scope-driven work packages are named.
pub enum ScopeSteps {
    /// The phase has only common work.
    None,
    Fixed(&'static [&'static str]),
    /// The archetype's build steps.
    Build,
}

/// A phase of the life cycle.
///
/// Work package lists are in plan order. An entry with `{n}` is not a package of its own: it
/// marks where repeated work goes when a phase needs more packages than the list has (numbered
/// from 1 in common work, from 2 in scope steps, where the step before it is the first round).
/// `{scope}` is replaced by the scope item.
pub struct PhaseTemplate {
    pub name: &'static str,
    /// The milestone that closes the phase.
    pub milestone: &'static str,
    /// Share of the project's working days.
    pub duration_share: f64,
    /// Share of the project's work packages.
    pub work_share: f64,
    pub expenditure: Expenditure,
    pub lead: Role,
    pub support: Role,
    /// The work not tied to one scope item, as up to two streams; repeated work goes to the
    /// first.
    pub common_streams: [CommonStream; 2],
    /// The work packages for each scope item.
    pub scope_steps: ScopeSteps,
}

/// A work stream of a phase's common work: its name and its work packages.
pub struct CommonStream {
    pub title: &'static str,
    pub work: &'static [&'static str],
}

const fn stream(title: &'static str, work: &'static [&'static str]) -> CommonStream {
    CommonStream { title, work }
}

/// The full life cycle, in order.
pub const PHASES: &[PhaseTemplate] = &[
    PhaseTemplate {
        name: "Initiation",
        milestone: "Business case approved",
        duration_share: 0.06,
        work_share: 0.07,
        expenditure: Expenditure::Opex,
        lead: Role::ProjectManager,
        support: Role::BusinessAnalyst,
        common_streams: [
            stream(
                "Mobilisation",
                &[
                    "Project charter",
                    "Stakeholder analysis",
                    "Stakeholder workshop {n}",
                    "Business case",
                    "Benefits profile",
                    "Funding approval",
                    "Mobilise project team",
                    "Project management plan",
                    "Governance and reporting set-up",
                    "Risk and issue register set-up",
                    "Resource plan",
                    "Communications plan",
                    "Quality management plan",
                ],
            ),
            stream(
                "Procurement",
                &[
                    "Vendor market scan",
                    "Procurement strategy",
                    "Request for proposal",
                    "Vendor evaluation",
                    "Contract negotiation",
                    "Contract award",
                ],
            ),
        ],
        scope_steps: ScopeSteps::None,
    },
    PhaseTemplate {
        name: "Requirements and analysis",
        milestone: "Requirements baselined",
        duration_share: 0.11,
        work_share: 0.11,
        expenditure: Expenditure::Opex,
        lead: Role::BusinessAnalyst,
        support: Role::Architect,
        common_streams: [
            stream(
                "Analysis",
                &[
                    "Current-state assessment",
                    "Business process inventory",
                    "Requirements clarification {n}",
                    "Non-functional requirements",
                ],
            ),
            stream("Requirements management", &["Requirements traceability matrix", "Requirements sign-off pack"]),
        ],
        scope_steps: ScopeSteps::Fixed(&[
            "{scope}: requirements workshops",
            "{scope}: process mapping",
            "{scope}: user stories",
            "{scope}: user stories round {n}",
            "{scope}: requirements review",
        ]),
    },
    PhaseTemplate {
        name: "Design",
        milestone: "Design signed off",
        duration_share: 0.13,
        work_share: 0.13,
        expenditure: Expenditure::Capex,
        lead: Role::Architect,
        support: Role::BusinessAnalyst,
        common_streams: [
            stream(
                "Architecture",
                &[
                    "Solution architecture",
                    "Architecture decision record {n}",
                    "Integration design",
                    "Infrastructure design",
                    "Data migration design",
                ],
            ),
            stream("Cross-cutting design", &["Security design review", "Test strategy", "Design authority review"]),
        ],
        scope_steps: ScopeSteps::Fixed(&[
            "{scope}: high-level design",
            "{scope}: detailed design",
            "{scope}: design iteration {n}",
            "{scope}: design review",
        ]),
    },
    PhaseTemplate {
        name: "Build",
        milestone: "Build complete",
        duration_share: 0.32,
        work_share: 0.33,
        expenditure: Expenditure::Capex,
        lead: Role::Builder,
        support: Role::DevOps,
        common_streams: [
            stream(
                "Environments",
                &[
                    "Development environment",
                    "Test environment build",
                    "Environment change {n}",
                    "Monitoring and alerting set-up",
                ],
            ),
            stream("Tooling and migration", &["CI/CD pipeline", "Data migration tooling", "Build quality review"]),
        ],
        scope_steps: ScopeSteps::Build,
    },
    PhaseTemplate {
        name: "Test",
        milestone: "Test exit criteria met",
        duration_share: 0.18,
        work_share: 0.19,
        expenditure: Expenditure::Capex,
        lead: Role::Tester,
        support: Role::Builder,
        common_streams: [
            stream(
                "Test management",
                &["Test plan", "Test data preparation", "Test environment readiness check", "Test progress review {n}"],
            ),
            stream(
                "End-to-end testing",
                &[
                    "Integration testing",
                    "Performance testing",
                    "Penetration testing",
                    "Regression testing",
                    "User acceptance testing",
                    "Operational acceptance testing",
                    "Defect resolution",
                ],
            ),
        ],
        scope_steps: ScopeSteps::Fixed(&[
            "{scope}: system test",
            "{scope}: test cycle {n}",
            "{scope}: defect fixing",
            "{scope}: retest",
        ]),
    },
    PhaseTemplate {
        name: "Deploy",
        milestone: "Go-live",
        duration_share: 0.09,
        work_share: 0.09,
        expenditure: Expenditure::Capex,
        lead: Role::DevOps,
        support: Role::ChangeManager,
        common_streams: [
            stream(
                "Business readiness",
                &[
                    "Business readiness assessment",
                    "Training materials",
                    "End-user training",
                    "Training session wave {n}",
                    "Communications to users",
                ],
            ),
            stream(
                "Cutover",
                &[
                    "Cutover plan",
                    "Dress rehearsal",
                    "Go/no-go decision",
                    "Data migration: final load",
                    "Production deployment",
                ],
            ),
        ],
        scope_steps: ScopeSteps::Fixed(&[
            "{scope}: deployment",
            "{scope}: deployment wave {n}",
            "{scope}: user training",
        ]),
    },
    PhaseTemplate {
        name: "Hypercare and closure",
        milestone: "Project closed",
        duration_share: 0.11,
        work_share: 0.08,
        expenditure: Expenditure::Opex,
        lead: Role::ProjectManager,
        support: Role::DevOps,
        common_streams: [
            stream(
                "Hypercare",
                &[
                    "Hypercare support",
                    "Hypercare week {n}",
                    "Handover to operations",
                    "Decommission legacy systems",
                    "Benefits tracking set-up",
                ],
            ),
            stream(
                "Closure",
                &["Contract close-out", "Lessons learned", "Archive project records", "Project closure report"],
            ),
        ],
        scope_steps: ScopeSteps::None,
    },
];

/// A small plan folds requirements into design and closes at go-live.
pub const COMPACT_PHASES: &[usize] = &[0, 2, 3, 4, 5];
/// The phase whose milestone is the go-live.
pub const DEPLOY_PHASE: usize = 5;

/// Project managers, analysts, architects and risk owners.
pub const PEOPLE: &[&str] = &[
    "Aisha Khan",
    "Lukas Hoffmann",
    "Sofia Marques",
    "Niamh Walsh",
    "Mateo García",
    "Ingrid Solberg",
    "Ravi Menon",
    "Hannah Weiss",
    "Marco Bianchi",
    "Sarah O'Connell",
    "Jonas Lindqvist",
    "Fatima Benali",
    "Oliver Grant",
    "Yusuf Demir",
    "Katarzyna Zielińska",
    "Lucía Navarro",
    "Erik Johansson",
    "Chloé Dubois",
    "Thomas Keller",
    "Greta Svensson",
    "Adam Kowalski",
    "Isabel Costa",
    "Samuel Mensah",
    "Anna Novak",
    "Felix Braun",
    "Maya Patel",
    "Rory McDonald",
    "Eva Horvat",
    "Kwame Asante",
    "Julia Schmitt",
    "Liam Byrne",
    "Noor Al-Sayed",
    "Matteo Ricci",
    "Zofia Wójcik",
    "Ben Carter",
    "Leila Haddadi",
];

/// Business executives who sponsor projects.
pub const SPONSORS: &[&str] = &[
    "Catherine Moreau (CFO)",
    "Michael Brandt (COO)",
    "Helena Sørensen (CIO)",
    "David Achterberg (Chief Digital Officer)",
    "Grace Whitfield (Chief Customer Officer)",
    "Raj Malhotra (CISO)",
    "Francesca Lombardi (Group Financial Controller)",
    "Stefan Huber (Head of Infrastructure)",
    "Olga Petrova (Chief Data Officer)",
];

pub struct RiskTemplate {
    pub kind: RiskKind,
    pub category: &'static str,
    pub title: &'static str,
    pub strategy: ResponseStrategy,
    pub response: &'static str,
}

const fn threat(
    category: &'static str,
    title: &'static str,
    strategy: ResponseStrategy,
    response: &'static str,
) -> RiskTemplate {
    RiskTemplate { kind: RiskKind::Threat, category, title, strategy, response }
}

const fn opportunity(
    category: &'static str,
    title: &'static str,
    strategy: ResponseStrategy,
    response: &'static str,
) -> RiskTemplate {
    RiskTemplate { kind: RiskKind::Opportunity, category, title, strategy, response }
}

pub const RISKS: &[RiskTemplate] = &[
    threat(
        "Technical",
        "Legacy interfaces are undocumented; integration effort may be underestimated",
        ResponseStrategy::Mitigate,
        "Reverse-engineer the top ten interfaces in a two-week spike before build estimates are fixed.",
    ),
    threat(
        "Technical",
        "Platform performance under peak load not yet proven",
        ResponseStrategy::Mitigate,
        "Bring the performance test forward and size the production tier from its results.",
    ),
    threat(
        "Technical",
        "Poor data quality in source systems may delay migration",
        ResponseStrategy::Mitigate,
        "Data owners to cleanse priority fields; weekly data quality dashboard to steering.",
    ),
    threat(
        "Technical",
        "Unsupported middleware version blocks the upgrade path",
        ResponseStrategy::Avoid,
        "Replace the middleware hop with the standard REST interface the vendor supports.",
    ),
    threat(
        "Technical",
        "Single sign-on integration may not support legacy clients",
        ResponseStrategy::Mitigate,
        "Proof of concept with the two oldest client builds before design sign-off.",
    ),
    threat(
        "Supplier",
        "Implementation partner may not staff senior consultants in time",
        ResponseStrategy::Transfer,
        "Named-resource clause with service credits added to the statement of work.",
    ),
    threat(
        "Supplier",
        "Hardware lead times extended by component shortages",
        ResponseStrategy::Mitigate,
        "Place the hardware order early against a letter of intent.",
    ),
    threat(
        "Supplier",
        "Vendor roadmap may drop a feature the design relies on",
        ResponseStrategy::Escalate,
        "Raised with the vendor account executive through the supplier management board.",
    ),
    threat(
        "Supplier",
        "Key subcontractor financial instability",
        ResponseStrategy::Transfer,
        "Escrow for source code and a step-in right in the prime contract.",
    ),
    threat(
        "Resource",
        "Key subject-matter experts unavailable during year-end close",
        ResponseStrategy::Mitigate,
        "Schedule workshops outside the close window and back-fill with a contractor.",
    ),
    threat(
        "Resource",
        "Loss of the lead architect to a competing programme",
        ResponseStrategy::Mitigate,
        "Pair a second architect on all design decisions; document decisions in the design log.",
    ),
    threat(
        "Resource",
        "Test team shared with another project's hypercare",
        ResponseStrategy::Accept,
        "Accepted; test dates re-sequenced around the other project's hypercare.",
    ),
    threat(
        "Regulatory",
        "Data residency rules may restrict the cloud region",
        ResponseStrategy::Avoid,
        "Design for an EU-only region and confirm with the data protection officer.",
    ),
    threat(
        "Regulatory",
        "Operational resilience (DORA) requirements may add scope",
        ResponseStrategy::Escalate,
        "Escalated to the risk committee to decide whether the scope sits in this project.",
    ),
    threat(
        "Regulatory",
        "Audit findings may require extra controls before go-live",
        ResponseStrategy::Mitigate,
        "Internal audit invited to design reviews; controls matrix kept current.",
    ),
    threat(
        "Financial",
        "Exchange-rate movement on USD-priced licences",
        ResponseStrategy::Transfer,
        "Treasury to hedge the licence payments when the order is placed.",
    ),
    threat(
        "Financial",
        "Contractor day rates rising above budget assumptions",
        ResponseStrategy::Accept,
        "Accepted within contingency; rates reviewed at each quarterly forecast.",
    ),
    threat(
        "Financial",
        "Budget may be cut in the next fiscal planning round",
        ResponseStrategy::Escalate,
        "Escalated to the portfolio board with a phased-funding option.",
    ),
    threat(
        "Schedule",
        "Change freeze over peak trading shortens the deployment window",
        ResponseStrategy::Mitigate,
        "Move the go-live before the freeze or plan a second window in January.",
    ),
    threat(
        "Schedule",
        "Depends on a network upgrade delivered by another project",
        ResponseStrategy::Mitigate,
        "Joint milestone tracked at the programme board; interim connectivity option costed.",
    ),
    threat(
        "Schedule",
        "User acceptance testing overlaps the business peak season",
        ResponseStrategy::Accept,
        "Accepted; UAT staffed partly with super-users from other regions.",
    ),
    opportunity(
        "Technical",
        "Reuse integration components built by the CRM programme",
        ResponseStrategy::Exploit,
        "Assign a developer to adopt the shared integration library from the start of build.",
    ),
    opportunity(
        "Financial",
        "Multi-year licence discount if the contract is signed before year end",
        ResponseStrategy::Exploit,
        "Procurement to close the negotiation before the vendor's fiscal year end.",
    ),
    opportunity(
        "Schedule",
        "Automated regression testing could shorten test cycles",
        ResponseStrategy::Enhance,
        "Invest in test automation during build so later cycles run unattended.",
    ),
    opportunity(
        "Financial",
        "Early decommissioning of legacy servers saves hosting costs",
        ResponseStrategy::Enhance,
        "Bring the decommissioning forward to the first month of hypercare.",
    ),
    opportunity(
        "Supplier",
        "Vendor offers an accelerator package at no extra cost",
        ResponseStrategy::Share,
        "Joint delivery plan with the vendor's accelerator team.",
    ),
    opportunity(
        "Resource",
        "Graduate intake available to support testing",
        ResponseStrategy::Accept,
        "Accepted if the intake is confirmed; no action needed now.",
    ),
];

pub const ISSUES: &[&str] = &[
    "Test environment unavailable for five days after a failed patch",
    "Requirements sign-off delayed by Finance",
    "Defect backlog above the exit criteria",
    "Contract change note pending with the supplier",
    "Lead developer resigned; handover in progress",
    "Firewall changes queued behind the change advisory board",
    "Licence keys not yet delivered by the vendor",
    "Legacy data extract incomplete for two entities",
    "Single sign-on failing in pre-production",
    "Budget transfer awaiting approval",
    "Security review raised three high findings",
    "Key user unavailable for UAT due to sick leave",
    "Vendor invoice disputed: milestone not accepted",
    "Production access for support team not granted",
    "Interface specification changed by the upstream system",
    "Performance test shows response times above target",
];

pub const CHANGE_REQUESTS: &[&str] = &[
    "Add two additional countries to scope",
    "Extend hypercare by four weeks",
    "Descope legacy report migration",
    "Additional disaster-recovery environment",
    "Move go-live after the peak trading freeze",
    "Add French and German language support",
    "Replace on-premises component with SaaS option",
    "Additional penetration test after architecture change",
    "Bring forward decommissioning of the legacy platform",
    "Increase contingency for supplier rate rises",
];

/// Status commentary, by what the project manager is reporting.
pub const COMMENTARY_ON_TRACK: &[&str] = &[
    "On track; all milestones this period met.",
    "Progress in line with plan; no escalations needed.",
    "Steering committee approved the next stage gate.",
    "Vendor deliverables received on time and accepted.",
    "Team fully staffed; velocity stable.",
    "Spend in line with forecast; risks reviewed and stable.",
];
pub const COMMENTARY_SLIPPING: &[&str] = &[
    "Vendor delivery slipped two weeks; recovery plan agreed.",
    "Test environment availability delayed the start by ten days.",
    "Key SME availability limited by year-end close; tasks re-sequenced.",
    "Integration defects slowing progress; extra testers onboarded.",
    "Change freeze reduced the available deployment slots.",
];
pub const COMMENTARY_OVERSPENDING: &[&str] = &[
    "Contractor rates above plan; forecast under review with Finance.",
    "Additional licences needed for non-production environments.",
    "Overtime to hold the go-live date is eroding contingency.",
];
pub const COMMENTARY_LATE: &[&str] = &[
    "Critical path slipped over a month; re-plan going to steering committee.",
    "Supplier missed a second consecutive milestone; escalated to the vendor executive.",
    "Go-live date no longer achievable; options paper in preparation.",
];
pub const COMMENTARY_OVER_BUDGET: &[&str] = &[
    "Forecast exceeds the approved budget; change request for additional funding raised.",
    "Cost overrun driven by rework after failed UAT; contingency exhausted.",
];
pub const COMMENTARY_ON_HOLD: &[&str] = &[
    "Paused by the investment board pending a funding review; team stood down.",
    "On hold awaiting the decision on the vendor contract renewal.",
];
pub const COMMENTARY_COMPLETE: &str = "Closure report approved; handed over to operations.";
