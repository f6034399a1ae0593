//! Portfolio views through the Workspace (financials, capacity, milestones). Written in #6.
