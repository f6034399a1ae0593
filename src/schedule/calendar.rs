//! Working time on a calendar, as integer minutes.
//!
//! A moment is a count of minutes since 1970-01-01 00:00 in the plan's local time (plans carry no
//! time zone, as in MS Project). A calendar says which minutes are working time: a weekly pattern
//! of working intervals, overridden on listed dates by exceptions. The scheduler only ever asks
//! four things of it: the next working minute, the previous end of work, a moment plus or minus
//! some working minutes, and the working minutes between two moments.
//!
//! Conventions that make the MS Project arithmetic come out right: a start is the first minute of
//! work (it moves forward to the next working time), a finish is the end of the last minute of
//! work (it moves back to the previous end of work), so a task finishing at 17:00 on Friday has a
//! successor starting 08:00 on Monday, and those two moments are zero working minutes apart.

use std::sync::Arc;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};

use crate::model::{self, Weekday};

pub const MINUTES_PER_CALENDAR_DAY: i64 = 1440;

/// A moment in minutes since 1970-01-01 00:00, local plan time.
pub type Moment = i64;

/// Working intervals of one day, minutes after midnight, sorted and disjoint.
pub type DayHours = Vec<(i64, i64)>;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CalendarError {
    #[error("Calendar \"{0}\" has no working time in a normal week, so nothing scheduled on it could ever finish.")]
    NoWorkingTime(String),
}

#[derive(Debug, Clone)]
pub struct WorkCalendar {
    pub name: String,
    /// Monday first.
    week: [DayHours; 7],
    /// Exceptions by day number (days since 1970-01-01), sorted by day, one entry per day.
    exceptions: Vec<(i64, DayHours)>,
    week_minutes: i64,
    /// Working minutes before the start of each day from TABLE_FIRST_DAY: with it every
    /// question is a prefix-sum lookup and a binary search instead of a walk over days.
    /// Moments outside the table fall back to walking.
    ///
    /// The three tables are shared, never changed once built: every project compiles its own
    /// copy of the Standard calendar (once per schedule, capacity and DCMA check), and copying
    /// 140 years of days each time was most of a first portfolio health in wasm.
    cumulative: Arc<[i64]>,
    /// For each day of the table, which of `day_patterns` it works (0..7 the weekdays, then
    /// one per exception), so a day's hours are found without a search.
    day_pattern: Arc<[u16]>,
    /// `work_index[k]` is the first table day whose cumulative work reaches `k * work_step`:
    /// the inverse of `cumulative` in one lookup and a short scan (across a weekend or a
    /// holiday), where a binary search would cost a dozen cache misses per date.
    work_index: Arc<[u32]>,
    work_step: i64,
}

/// A point in working time on one calendar: twice the working minutes done before it, plus one
/// when it stands at the start of the next working period rather than at the end of the last.
///
/// Friday 17:00 and Monday 08:00 are the same amount of work apart from anything, so they share
/// the minutes; the low bit keeps them apart (2w and 2w + 1), which is what lets a milestone
/// after a Friday finish show on Friday while one at the project start shows on Monday. Moments
/// and positions order the same way, so the passes compare positions with plain `max`/`min`
/// and add work with plain `+`, never asking the calendar in the inner loop.
pub type Position = i64;

/// The position at the end of `work` minutes of work (where a finish sits).
pub fn end_position(work: i64) -> Position {
    2 * work
}

/// The position where work resumes after `work` minutes (where a start sits).
pub fn start_position(work: i64) -> Position {
    2 * work + 1
}

/// Working minutes done before a position.
pub fn work_of(position: Position) -> i64 {
    position.div_euclid(2)
}

/// The table covers 1980-01-01 to 2120-12-31: every plan a PMO keeps, at 8 bytes a day.
const TABLE_FIRST_DAY: i64 = 3652; // 1980-01-01
const TABLE_DAYS: i64 = 51_499; // through 2120-12-31

/// Days since 1970-01-01 for a date.
pub fn day_number(date: NaiveDate) -> i64 {
    date.num_days_from_ce() as i64 - 719_163
}

pub fn moment_of(date_time: NaiveDateTime) -> Moment {
    day_number(date_time.date()) * MINUTES_PER_CALENDAR_DAY
        + (date_time.time() - NaiveTime::MIN).num_minutes()
}

pub fn date_time_of(moment: Moment) -> NaiveDateTime {
    let day = moment.div_euclid(MINUTES_PER_CALENDAR_DAY);
    let minute = moment.rem_euclid(MINUTES_PER_CALENDAR_DAY);
    let date = NaiveDate::from_num_days_from_ce_opt((day + 719_163) as i32).unwrap_or(NaiveDate::MIN);
    date.and_time(NaiveTime::MIN) + chrono::Duration::minutes(minute)
}

/// Monday = 0 for a day number (1970-01-01 was a Thursday).
fn weekday_index(day: i64) -> usize {
    (day + 3).rem_euclid(7) as usize
}

fn weekday_position(day: Weekday) -> usize {
    match day {
        Weekday::Monday => 0,
        Weekday::Tuesday => 1,
        Weekday::Wednesday => 2,
        Weekday::Thursday => 3,
        Weekday::Friday => 4,
        Weekday::Saturday => 5,
        Weekday::Sunday => 6,
    }
}

fn hours_of(intervals: &[model::WorkingHours]) -> DayHours {
    let mut hours: DayHours =
        intervals.iter().map(|h| (h.from.minute_of_day as i64, h.to.minute_of_day as i64)).filter(|(from, to)| to > from).collect();
    hours.sort_unstable();
    // Overlapping or touching intervals are merged so the walk below never sees them twice.
    let mut merged: DayHours = Vec::with_capacity(hours.len());
    for (from, to) in hours {
        match merged.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => merged.push((from, to)),
        }
    }
    merged
}

impl WorkCalendar {
    /// Builds from the model. Exceptions listed later override earlier ones on the same day.
    pub fn compile(calendar: &model::Calendar) -> Result<WorkCalendar, CalendarError> {
        let mut week: [DayHours; 7] = Default::default();
        let default_hours = hours_of(&calendar.working_hours);
        for &day in &calendar.working_days {
            week[weekday_position(day)] = default_hours.clone();
        }
        // Named weekdays take their own hours (none: not worked); a later entry for the same day
        // wins, though validation refuses repeats.
        for day in &calendar.week_hours {
            week[weekday_position(day.day)] = hours_of(&day.hours);
        }
        let mut exceptions: Vec<(i64, DayHours)> = Vec::new();
        for exception in &calendar.exceptions {
            let (first, last) = (day_number(exception.from.0), day_number(exception.to.0));
            // Validation caps dates to 1900-2200, so this range is bounded.
            for day in first..=last {
                let hours = if !exception.working {
                    Vec::new()
                } else if exception.working_hours.is_empty() {
                    // A working exception without hours works that weekday's usual hours, or the
                    // calendar's general hours on a day that is normally off.
                    let usual = &week[weekday_index(day)];
                    if usual.is_empty() { default_hours.clone() } else { usual.clone() }
                } else {
                    hours_of(&exception.working_hours)
                };
                exceptions.push((day, hours));
            }
        }
        WorkCalendar::from_parts(calendar.name.clone(), week, exceptions)
    }

    /// Builds from a weekly pattern and dated exceptions (later entries win on the same day).
    pub fn from_parts(name: String, week: [DayHours; 7], mut exceptions: Vec<(i64, DayHours)>) -> Result<WorkCalendar, CalendarError> {
        let week_minutes: i64 = week.iter().flatten().map(|(from, to)| to - from).sum();
        if week_minutes == 0 {
            return Err(CalendarError::NoWorkingTime(name));
        }
        // Stable sort keeps list order within a day; keep the last entry for each day.
        exceptions.sort_by_key(|(day, _)| *day);
        let mut unique: Vec<(i64, DayHours)> = Vec::with_capacity(exceptions.len());
        for (day, hours) in exceptions {
            match unique.last_mut() {
                Some(last) if last.0 == day => last.1 = hours,
                _ => unique.push((day, hours)),
            }
        }
        Ok(WorkCalendar::untabled(name, week, unique, week_minutes).with_table())
    }

    fn untabled(name: String, week: [DayHours; 7], exceptions: Vec<(i64, DayHours)>, week_minutes: i64) -> WorkCalendar {
        WorkCalendar { name, week, exceptions, week_minutes, cumulative: Arc::new([]), day_pattern: Arc::new([]), work_index: Arc::new([]), work_step: 1 }
    }

    fn with_table(mut self) -> WorkCalendar {
        let mut cumulative = Vec::with_capacity(TABLE_DAYS as usize + 1);
        let mut day_pattern = Vec::with_capacity(TABLE_DAYS as usize);
        let mut total = 0;
        cumulative.push(0);
        for day in TABLE_FIRST_DAY..TABLE_FIRST_DAY + TABLE_DAYS {
            let pattern = match self.exceptions.binary_search_by_key(&day, |(d, _)| *d) {
                Ok(index) => 7 + index,
                Err(_) => weekday_index(day),
            };
            day_pattern.push(u16::try_from(pattern).unwrap_or(u16::MAX));
            total += self.hours_on(day).iter().map(|(from, to)| to - from).sum::<i64>();
            cumulative.push(total);
        }
        // About one index entry per calendar day, never more than two (a calendar whose
        // exceptions add far more work than its week would otherwise need a huge index).
        let step = (self.week_minutes / 7).max(total / (2 * TABLE_DAYS)).max(1);
        let mut work_index = Vec::with_capacity((total / step) as usize + 1);
        let mut day = 0usize;
        for k in 0..=total / step {
            while cumulative[day] < k * step {
                day += 1;
            }
            work_index.push(day as u32);
        }
        self.cumulative = cumulative.into();
        self.day_pattern = day_pattern.into();
        self.work_index = work_index.into();
        self.work_step = step;
        self
    }

    /// Working minutes from the table's start to `moment`, when the moment is inside it.
    fn work_before(&self, moment: Moment) -> Option<i64> {
        let day = moment.div_euclid(MINUTES_PER_CALENDAR_DAY);
        let index = day - TABLE_FIRST_DAY;
        if !(0..TABLE_DAYS).contains(&index) {
            return None;
        }
        let minute = moment.rem_euclid(MINUTES_PER_CALENDAR_DAY);
        let within: i64 = self.hours_on(day).iter().map(|&(from, to)| (to.min(minute) - from).max(0)).sum();
        Some(self.cumulative[index as usize] + within)
    }

    /// The earliest moment by which `target` working minutes (counted from the table's start)
    /// are done: the finish of work ending there. None outside the table.
    fn moment_when_done(&self, target: i64) -> Option<Moment> {
        if target <= 0 || target > *self.cumulative.last()? {
            return None;
        }
        // The first day boundary whose cumulative work reaches the target.
        let mut boundary = self.work_index[(target / self.work_step) as usize] as usize;
        while self.cumulative[boundary] < target {
            boundary += 1;
        }
        if boundary == 0 || boundary >= self.cumulative.len() {
            return None;
        }
        let day = TABLE_FIRST_DAY + boundary as i64 - 1;
        let mut need = target - self.cumulative[boundary - 1];
        for &(from, to) in self.hours_on(day) {
            if need <= to - from {
                return Some(day * MINUTES_PER_CALENDAR_DAY + from + need);
            }
            need -= to - from;
        }
        None
    }

    /// MS Project's Standard calendar.
    pub fn standard() -> WorkCalendar {
        // Every project without a calendar of its own compiles this one: its table is built
        // once and shared by every copy.
        static STANDARD: std::sync::OnceLock<WorkCalendar> = std::sync::OnceLock::new();
        STANDARD
            .get_or_init(|| {
                let day = vec![(480, 720), (780, 1020)];
                let week = [day.clone(), day.clone(), day.clone(), day.clone(), day, Vec::new(), Vec::new()];
                WorkCalendar::untabled("Standard".to_string(), week, Vec::new(), 2400).with_table()
            })
            .clone()
    }

    /// Every minute of every day: the clock used for elapsed lags.
    pub fn elapsed() -> WorkCalendar {
        let day = vec![(0, MINUTES_PER_CALENDAR_DAY)];
        let week = std::array::from_fn(|_| day.clone());
        WorkCalendar::untabled("Elapsed".to_string(), week, Vec::new(), 7 * MINUTES_PER_CALENDAR_DAY).with_table()
    }

    fn hours_on(&self, day: i64) -> &[(i64, i64)] {
        let index = day - TABLE_FIRST_DAY;
        if index >= 0 && (index as usize) < self.day_pattern.len() {
            match self.day_pattern[index as usize] as usize {
                pattern @ 0..=6 => return &self.week[pattern],
                pattern if pattern - 7 < self.exceptions.len() => return &self.exceptions[pattern - 7].1,
                _ => {}
            }
        }
        match self.exceptions.binary_search_by_key(&day, |(d, _)| *d) {
            Ok(index) => &self.exceptions[index].1,
            Err(_) => &self.week[weekday_index(day)],
        }
    }

    /// Days from `day` (inclusive) before the next exception; i64::MAX when none follows.
    fn days_without_exception(&self, day: i64) -> i64 {
        let index = self.exceptions.partition_point(|(d, _)| *d < day);
        self.exceptions.get(index).map_or(i64::MAX, |(d, _)| d - day)
    }

    /// Days before `day` (exclusive) back to the previous exception.
    fn days_without_exception_before(&self, day: i64) -> i64 {
        let index = self.exceptions.partition_point(|(d, _)| *d < day);
        if index == 0 { i64::MAX } else { day - 1 - self.exceptions[index - 1].0 }
    }

    /// The first working minute at or after `moment`.
    pub fn next_work_start(&self, moment: Moment) -> Moment {
        // The first working minute is the one whose end completes one more minute of work.
        let fast = self.work_before(moment).and_then(|done| self.moment_when_done(done + 1)).map(|end| end - 1);
        fast.unwrap_or_else(|| self.add_work(moment, 0, true))
    }

    /// The end of the last working minute at or before `moment`.
    pub fn previous_work_end(&self, moment: Moment) -> Moment {
        let fast = self.work_before(moment).filter(|&done| done > 0).and_then(|done| self.moment_when_done(done));
        fast.unwrap_or_else(|| self.subtract_work(moment, 0, true))
    }

    /// The moment after `work` working minutes from `start`. With `work` 0 the result is
    /// `start` moved to the next working minute; otherwise it is the end of the last minute
    /// (so it may fall at 17:00 rather than 08:00 next day).
    pub fn add(&self, start: Moment, work: i64) -> Moment {
        if work < 0 {
            return self.subtract(start, -work);
        }
        if work == 0 {
            return self.next_work_start(start);
        }
        let fast = self.work_before(start).and_then(|done| self.moment_when_done(done + work));
        fast.unwrap_or_else(|| self.add_work(start, work, false))
    }

    /// The moment `work` working minutes before `finish` (the mirror of `add`).
    pub fn subtract(&self, finish: Moment, work: i64) -> Moment {
        if work < 0 {
            return self.add(finish, -work);
        }
        if work == 0 {
            return self.previous_work_end(finish);
        }
        // The start is where the work before it reaches the target; of the moments that do,
        // the working one (Monday 08:00 rather than Friday 17:00).
        let fast = self
            .work_before(finish)
            .filter(|&done| done - work > 0)
            .and_then(|done| self.moment_when_done(done - work))
            .map(|moment| self.next_work_start(moment));
        fast.unwrap_or_else(|| self.subtract_work(finish, work, false))
    }

    fn add_work(&self, start: Moment, work: i64, snap_to_start: bool) -> Moment {
        let mut remaining = work;
        let mut day = start.div_euclid(MINUTES_PER_CALENDAR_DAY);
        let mut minute = start.rem_euclid(MINUTES_PER_CALENDAR_DAY);
        loop {
            // Whole weeks without exceptions are skipped in one step; a jump never uses up
            // all the remaining work, so the finish is always found by the walk below.
            if minute == 0 && remaining > self.week_minutes {
                let free_weeks = self.days_without_exception(day) / 7;
                let weeks = ((remaining - 1) / self.week_minutes).min(free_weeks);
                if weeks > 0 {
                    day += weeks * 7;
                    remaining -= weeks * self.week_minutes;
                }
            }
            for &(from, to) in self.hours_on(day) {
                if to <= minute {
                    continue;
                }
                let begin = from.max(minute);
                if snap_to_start && remaining == 0 {
                    return day * MINUTES_PER_CALENDAR_DAY + begin;
                }
                let available = to - begin;
                if remaining <= available {
                    return day * MINUTES_PER_CALENDAR_DAY + begin + remaining;
                }
                remaining -= available;
            }
            day += 1;
            minute = 0;
        }
    }

    fn subtract_work(&self, finish: Moment, work: i64, snap_to_end: bool) -> Moment {
        let mut remaining = work;
        let mut day = finish.div_euclid(MINUTES_PER_CALENDAR_DAY);
        let mut minute = finish.rem_euclid(MINUTES_PER_CALENDAR_DAY);
        if minute == 0 {
            // Midnight ends the previous day.
            day -= 1;
            minute = MINUTES_PER_CALENDAR_DAY;
        }
        loop {
            if minute == MINUTES_PER_CALENDAR_DAY && remaining > self.week_minutes {
                let free_weeks = self.days_without_exception_before(day + 1) / 7;
                let weeks = ((remaining - 1) / self.week_minutes).min(free_weeks);
                if weeks > 0 {
                    day -= weeks * 7;
                    remaining -= weeks * self.week_minutes;
                }
            }
            for &(from, to) in self.hours_on(day).iter().rev() {
                if from >= minute {
                    continue;
                }
                let end = to.min(minute);
                if snap_to_end && remaining == 0 {
                    return day * MINUTES_PER_CALENDAR_DAY + end;
                }
                let available = end - from;
                if remaining <= available {
                    return day * MINUTES_PER_CALENDAR_DAY + end - remaining;
                }
                remaining -= available;
            }
            day -= 1;
            minute = MINUTES_PER_CALENDAR_DAY;
        }
    }

    /// Working minutes from `from` to `to`; negative when `to` is earlier.
    pub fn work_between(&self, from: Moment, to: Moment) -> i64 {
        if to < from {
            return -self.work_between(to, from);
        }
        if let (Some(before_from), Some(before_to)) = (self.work_before(from), self.work_before(to)) {
            return before_to - before_from;
        }
        let mut total = 0;
        let mut day = from.div_euclid(MINUTES_PER_CALENDAR_DAY);
        let last_day = to.div_euclid(MINUTES_PER_CALENDAR_DAY);
        let mut minute = from.rem_euclid(MINUTES_PER_CALENDAR_DAY);
        while day <= last_day {
            if minute == 0 && last_day - day > 7 {
                let weeks = (self.days_without_exception(day).min(last_day - day) / 7).max(0);
                if weeks > 0 {
                    total += weeks * self.week_minutes;
                    day += weeks * 7;
                    continue;
                }
            }
            let end_minute = if day == last_day { to.rem_euclid(MINUTES_PER_CALENDAR_DAY) } else { MINUTES_PER_CALENDAR_DAY };
            for &(from_minute, to_minute) in self.hours_on(day) {
                let begin = from_minute.max(minute);
                let end = to_minute.min(end_minute);
                if end > begin {
                    total += end - begin;
                }
            }
            day += 1;
            minute = 0;
        }
        total
    }

    /// Working minutes from the table's first day to `moment`, for any moment (negative
    /// before the table).
    pub fn work_at(&self, moment: Moment) -> i64 {
        if let Some(work) = self.work_before(moment) {
            return work;
        }
        let table_start = TABLE_FIRST_DAY * MINUTES_PER_CALENDAR_DAY;
        if moment < table_start {
            -self.work_between(moment, table_start)
        } else {
            let table_end = (TABLE_FIRST_DAY + TABLE_DAYS) * MINUTES_PER_CALENDAR_DAY;
            self.cumulative.last().copied().unwrap_or(0) + self.work_between(table_end, moment)
        }
    }

    /// Where a moment stands in working time: at the start of work when its minute is worked
    /// (or work begins there), otherwise at the end of the work before it.
    pub fn position_of(&self, moment: Moment) -> Position {
        let work = self.work_at(moment);
        if self.work_at(moment + 1) > work { start_position(work) } else { end_position(work) }
    }

    /// The moment of a position: the end of the last minute of work, or the first minute of
    /// the work that follows.
    pub fn moment_at(&self, position: Position) -> Moment {
        let work = work_of(position);
        if position & 1 == 0 {
            self.end_of_work(work)
        } else {
            // The first minute of the next work is the one whose end completes one more minute.
            self.moment_when_done(work + 1).map(|end| end - 1).unwrap_or_else(|| self.next_work_start(self.end_of_work(work)))
        }
    }

    /// The earliest moment by which `work` minutes (counted from the table's start) are done.
    fn end_of_work(&self, work: i64) -> Moment {
        if let Some(moment) = self.moment_when_done(work) {
            return moment;
        }
        let total = self.cumulative.last().copied().unwrap_or(0);
        if work > total {
            self.add_work((TABLE_FIRST_DAY + TABLE_DAYS) * MINUTES_PER_CALENDAR_DAY, work - total, false)
        } else {
            // Before the table: step back from its start, then to the end of that work.
            let latest = self.subtract_work(TABLE_FIRST_DAY * MINUTES_PER_CALENDAR_DAY, -work, false);
            self.subtract_work(latest, 0, true)
        }
    }

    /// Working minutes in a normal week.
    pub fn week_minutes(&self) -> i64 {
        self.week_minutes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Moment {
        moment_of(NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").unwrap())
    }

    fn show(moment: Moment) -> String {
        date_time_of(moment).format("%Y-%m-%dT%H:%M").to_string()
    }

    #[test]
    fn moments_round_trip_and_weekdays() {
        assert_eq!(show(at("2026-11-20T17:00")), "2026-11-20T17:00");
        assert_eq!(weekday_index(day_number(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap())), 0); // a Monday
        assert_eq!(show(at("1969-12-31T23:59")), "1969-12-31T23:59");
    }

    #[test]
    fn standard_calendar_arithmetic() {
        let calendar = WorkCalendar::standard();
        // Friday 2026-11-20 08:00 plus one day of work ends 17:00 the same day.
        assert_eq!(show(calendar.add(at("2026-11-20T08:00"), 480)), "2026-11-20T17:00");
        // plus 1.5 days crosses the weekend: Monday 13:00... 4h Monday morning is 12:00.
        assert_eq!(show(calendar.add(at("2026-11-20T08:00"), 720)), "2026-11-23T12:00");
        // A start at the end of Friday moves to Monday 08:00.
        assert_eq!(show(calendar.next_work_start(at("2026-11-20T17:00"))), "2026-11-23T08:00");
        assert_eq!(show(calendar.next_work_start(at("2026-11-20T12:00"))), "2026-11-20T13:00");
        // A finish on Monday 08:00 is the end of Friday's work.
        assert_eq!(show(calendar.previous_work_end(at("2026-11-23T08:00"))), "2026-11-20T17:00");
        assert_eq!(show(calendar.subtract(at("2026-11-23T12:00"), 720)), "2026-11-20T08:00");
        // 10 working days from a Monday: two weeks later, Friday 17:00.
        assert_eq!(show(calendar.add(at("2026-11-02T08:00"), 4800)), "2026-11-13T17:00");
        assert_eq!(show(calendar.subtract(at("2026-11-13T17:00"), 4800)), "2026-11-02T08:00");
        // 17:00 Friday and 08:00 Monday are no work apart.
        assert_eq!(calendar.work_between(at("2026-11-20T17:00"), at("2026-11-23T08:00")), 0);
        assert_eq!(calendar.work_between(at("2026-11-02T08:00"), at("2026-11-13T17:00")), 4800);
        assert_eq!(calendar.work_between(at("2026-11-13T17:00"), at("2026-11-02T08:00")), -4800);
    }

    #[test]
    fn long_spans_agree_with_a_day_by_day_count() {
        let calendar = WorkCalendar::standard();
        let start = at("2026-01-05T08:00");
        for days in [1, 4, 5, 6, 9, 10, 11, 49, 50, 51, 260, 1000] {
            let finish = calendar.add(start, days * 480);
            // Independent count: weekdays between the two dates.
            let (first, last) = (start.div_euclid(1440), finish.div_euclid(1440));
            let weekdays = (first..=last).filter(|&d| weekday_index(d) < 5).count() as i64;
            assert_eq!(weekdays, days, "{days} days end {}", show(finish));
            assert_eq!(show(finish).ends_with("T17:00"), true);
            assert_eq!(calendar.work_between(start, finish), days * 480);
            assert_eq!(calendar.subtract(finish, days * 480), start);
        }
    }

    #[test]
    fn holidays_are_skipped() {
        let mut model_calendar = model::Calendar::standard("std");
        model_calendar.exceptions.push(model::CalendarException {
            name: "Christmas".to_string(),
            from: model::Date::from_ymd(2026, 12, 24).unwrap(),
            to: model::Date::from_ymd(2026, 12, 25).unwrap(),
            working: false,
            working_hours: Vec::new(),
        });
        let calendar = WorkCalendar::compile(&model_calendar).unwrap();
        // Wednesday 23rd 08:00 + 2 days: the 23rd, then Monday 28th.
        assert_eq!(show(calendar.add(at("2026-12-23T08:00"), 960)), "2026-12-28T17:00");
        assert_eq!(calendar.work_between(at("2026-12-21T08:00"), at("2027-01-01T17:00")), 8 * 480);
        // A long span across the holiday is two days longer than without it.
        assert_eq!(show(calendar.add(at("2026-11-02T08:00"), 40 * 480)), "2026-12-29T17:00");
    }

    #[test]
    fn the_table_agrees_with_walking_the_days() {
        let mut model_calendar = model::Calendar::standard("std");
        model_calendar.exceptions.push(model::CalendarException {
            name: "Shutdown".to_string(),
            from: model::Date::from_ymd(2026, 12, 21).unwrap(),
            to: model::Date::from_ymd(2027, 1, 1).unwrap(),
            working: false,
            working_hours: Vec::new(),
        });
        let calendar = WorkCalendar::compile(&model_calendar).unwrap();
        let mut random = crate::random::Random::seeded(5);
        for _ in 0..5000 {
            let moment = at("2026-11-02T00:00") + random.below(120 * 1440) as i64;
            let work = random.below(30 * 480) as i64 + 1;
            assert_eq!(calendar.add(moment, work), calendar.add_work(moment, work, false), "add {} {work}", show(moment));
            assert_eq!(calendar.subtract(moment, work), calendar.subtract_work(moment, work, false), "subtract {} {work}", show(moment));
            assert_eq!(calendar.next_work_start(moment), calendar.add_work(moment, 0, true), "next {}", show(moment));
            assert_eq!(calendar.previous_work_end(moment), calendar.subtract_work(moment, 0, true), "previous {}", show(moment));
        }
    }

    #[test]
    fn positions_keep_the_order_and_the_arithmetic_of_moments() {
        let calendar = WorkCalendar::standard();
        let (friday_end, monday_start) = (calendar.position_of(at("2026-11-20T17:00")), calendar.position_of(at("2026-11-23T08:00")));
        assert_eq!(work_of(friday_end), work_of(monday_start));
        assert_eq!((friday_end, monday_start), (end_position(work_of(friday_end)), start_position(work_of(friday_end))));
        assert_eq!(show(calendar.moment_at(friday_end)), "2026-11-20T17:00");
        assert_eq!(show(calendar.moment_at(monday_start)), "2026-11-23T08:00");
        // Saturday noon is after Friday's work: it reads back as Friday 17:00.
        assert_eq!(show(calendar.moment_at(calendar.position_of(at("2026-11-21T12:00")))), "2026-11-20T17:00");
        let mut random = crate::random::Random::seeded(9);
        for _ in 0..5000 {
            let (a, b) = (at("2026-01-01T00:00") + random.below(400 * 1440) as i64, at("2026-01-01T00:00") + random.below(400 * 1440) as i64);
            if a < b {
                assert!(calendar.position_of(a) <= calendar.position_of(b), "{} {}", show(a), show(b));
            }
            let work = random.below(60 * 480) as i64 + 1;
            // Adding work in positions lands where the calendar's own walk lands.
            let finish = end_position(work_of(calendar.position_of(a)) + work);
            assert_eq!(calendar.moment_at(finish), calendar.add_work(a, work, false), "{} + {work}", show(a));
            let start = start_position(work_of(calendar.position_of(a)) - work);
            assert_eq!(calendar.moment_at(start), calendar.subtract_work(a, work, false), "{} - {work}", show(a));
        }
        // Outside the table the walk takes over, with the same answers.
        for text in ["1950-03-01T10:30", "1979-12-31T17:00", "2121-01-01T08:00", "2150-06-14T12:00", "2150-06-15T09:00"] {
            let moment = at(text);
            let position = calendar.position_of(moment);
            assert_eq!(calendar.moment_at(position), if text.ends_with("12:00") { calendar.subtract_work(moment, 0, true) } else { moment }, "{text}");
            assert_eq!(calendar.moment_at(end_position(work_of(position) + 480)), calendar.add_work(moment, 480, false), "{text} + 1 day");
        }
    }

    #[test]
    fn a_calendar_without_work_is_refused() {
        let mut model_calendar = model::Calendar::standard("none");
        model_calendar.working_days.clear();
        assert!(WorkCalendar::compile(&model_calendar).is_err());
    }
}
