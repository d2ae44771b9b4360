//! Reports for any period, worked out from the activity log with no
//! connection: hours given and received, timebank balances, sessions and
//! attendance, connections by type and status, new people and gifts. Plain
//! data for tables, charts and CSV files.
//!
//! The rules, so that every total is the sum of its lines:
//! - An hours entry gives its minutes once, from its giver; its receivers
//!   share them equally, whole minutes, the odd minutes going one each to
//!   the first receivers listed. So time given equals time received.
//! - Exchange hours make timebank balances (given minus received); they
//!   sum to zero. Volunteering is counted apart and never in a balance.
//! - A record belongs to the period its date falls in (an hours entry's or
//!   session's date, a connection's date); "new" people and gifts by the
//!   day they were recorded.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

use super::consent::allows;
use super::id::{DocId, Kind};
use super::record::{ConnectionKind, ConnectionStatus, HoursNature, Purpose, Record};

/// From the first day to the last, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: Date,
    pub to: Date,
}

impl Period {
    pub fn contains(&self, day: Date) -> bool {
        self.from <= day && day <= self.to
    }
}

/// One person's (group's, place's) time in the period, in minutes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Time {
    pub volunteered: u64,
    pub volunteering_received: u64,
    pub exchanged_given: u64,
    pub exchanged_received: u64,
}

impl Time {
    /// Timebank balance: exchange minutes given less those received.
    pub fn balance(&self) -> i64 {
        self.exchanged_given as i64 - self.exchanged_received as i64
    }

    fn add(&mut self, other: &Time) {
        self.volunteered += other.volunteered;
        self.volunteering_received += other.volunteering_received;
        self.exchanged_given += other.exchanged_given;
        self.exchanged_received += other.exchanged_received;
    }
}

/// Sessions held of one activity, and everyone who came.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Attendance {
    pub sessions: u32,
    pub attendees: u64,
}

/// A year and month: "2026-11".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Month {
    pub year: i16,
    pub month: i8,
}

impl Month {
    fn of(day: Date) -> Month {
        Month {
            year: day.year(),
            month: day.month(),
        }
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Everything a report says about one period.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// Each person's (group's, place's) time, by id.
    pub time: BTreeMap<DocId, Time>,
    /// Minutes given each month, volunteering and exchange.
    pub minutes_by_month: BTreeMap<Month, (u64, u64)>,
    /// Minutes given for each gift or activity (`None`: not said),
    /// volunteering and exchange.
    pub minutes_for: BTreeMap<Option<DocId>, (u64, u64)>,
    pub attendance: BTreeMap<DocId, Attendance>,
    pub connections: BTreeMap<(ConnectionKind, ConnectionStatus), u32>,
    pub new_people: u32,
    pub new_gifts: u32,
    /// People (groups, places) who may not be named in a report: no
    /// consent to export (`consent::allows`). Their lines are folded into
    /// one anonymous line, so totals still add up.
    pub unnamed: BTreeSet<DocId>,
}

/// Splits `minutes` among `n` receivers: equal whole minutes, the odd ones
/// to the first.
fn shares(minutes: u32, n: usize) -> impl Iterator<Item = u64> {
    let n = n.max(1) as u64;
    let (each, odd) = (u64::from(minutes) / n, u64::from(minutes) % n);
    (0..n).map(move |i| each + u64::from(i < odd))
}

impl Report {
    /// Works out the report for `period` from live records (others than
    /// log entries, people and gifts are ignored). The made-up sample
    /// neighbourhood is never counted.
    pub fn build(records: impl IntoIterator<Item = (DocId, Record)>, period: Period) -> Report {
        let mut report = Report::default();
        for (id, record) in records {
            // Asked before the sample is passed over: a made-up person in
            // a real entry is named nowhere either (`allows` says Sample).
            if matches!(id.kind(), Kind::Person | Kind::Group | Kind::Place)
                && !allows(&record, Purpose::Export).yes()
            {
                report.unnamed.insert(id);
            }
            if record.meta().sample {
                continue;
            }
            match record {
                Record::Hours(h) if period.contains(h.date) => {
                    let exchange = h.nature == HoursNature::Exchange;
                    let given = report.time.entry(h.giver).or_default();
                    if exchange {
                        given.exchanged_given += u64::from(h.minutes);
                    } else {
                        given.volunteered += u64::from(h.minutes);
                    }
                    for (receiver, share) in
                        h.receivers.iter().zip(shares(h.minutes, h.receivers.len()))
                    {
                        let got = report.time.entry(*receiver).or_default();
                        if exchange {
                            got.exchanged_received += share;
                        } else {
                            got.volunteering_received += share;
                        }
                    }
                    for line in [
                        report
                            .minutes_by_month
                            .entry(Month::of(h.date))
                            .or_default(),
                        report.minutes_for.entry(h.for_what).or_default(),
                    ] {
                        if exchange {
                            line.1 += u64::from(h.minutes);
                        } else {
                            line.0 += u64::from(h.minutes);
                        }
                    }
                }
                Record::Session(s) if period.contains(s.date) => {
                    let line = report.attendance.entry(s.activity).or_default();
                    line.sessions += 1;
                    line.attendees += u64::from(s.attendee_count);
                }
                Record::Connection(c) if period.contains(c.date) => {
                    *report.connections.entry((c.kind, c.status)).or_default() += 1;
                }
                Record::Person(p)
                    if period.contains(p.meta.created.to_zoned(jiff::tz::TimeZone::UTC).date()) =>
                {
                    report.new_people += 1;
                }
                Record::Gift(g)
                    if period.contains(g.meta.created.to_zoned(jiff::tz::TimeZone::UTC).date()) =>
                {
                    report.new_gifts += 1;
                }
                _ => {}
            }
        }
        report
    }

    /// Everyone's time added up.
    pub fn total_time(&self) -> Time {
        let mut total = Time::default();
        for line in self.time.values() {
            total.add(line);
        }
        total
    }

    pub fn total_attendance(&self) -> Attendance {
        self.attendance
            .values()
            .fold(Attendance::default(), |t, a| Attendance {
                sessions: t.sessions + a.sessions,
                attendees: t.attendees + a.attendees,
            })
    }

    pub fn total_connections(&self) -> u32 {
        self.connections.values().sum()
    }
}

/// Whose id is whose name, for the lines of a table or file.
pub type Names = BTreeMap<DocId, String>;

fn name_of(names: &Names, id: &DocId) -> String {
    names.get(id).cloned().unwrap_or_else(|| match id.kind() {
        Kind::Person => "(a person no longer here)".to_owned(),
        _ => "(no longer here)".to_owned(),
    })
}

/// Hundredths of an hour in whole minutes, rounded to the nearest (a
/// minute is 1.67 hundredths, so there is never a tie): 40 minutes is 67,
/// not the 66 that cutting off would give.
fn hundredths(minutes: i64) -> i64 {
    (minutes * 100 + 30).div_euclid(60)
}

/// Hundredths of an hour as a person reads them: "1.50", "-0.67".
fn show(hundredths: i64) -> String {
    let sign = if hundredths < 0 { "-" } else { "" };
    let n = hundredths.unsigned_abs();
    format!("{sign}{}.{:02}", n / 100, n % 100)
}

/// A timebank balance in hours: "-1.50" for 90 minutes owed.
pub fn balance_hours(minutes: i64) -> String {
    show(hundredths(minutes))
}

/// Hours, with two decimals, rounded from whole minutes: 90 minutes is
/// "1.50", 40 minutes "0.67".
pub fn hours(minutes: u64) -> String {
    show(hundredths(minutes as i64))
}

/// A column's lines in hundredths of an hour that add up to its total,
/// the total rounded from the whole minutes: each line is its exact value
/// rounded down, and the lines with the largest remainders are rounded up
/// until they reach the total (the largest remainder method). So a line is
/// never more than a hundredth from its exact value, and the column adds
/// up as shown.
fn apportion(minutes: &[i64]) -> (Vec<i64>, i64) {
    let total = hundredths(minutes.iter().sum());
    let mut lines: Vec<i64> = minutes.iter().map(|m| (m * 100).div_euclid(60)).collect();
    let short = total - lines.iter().sum::<i64>();
    let mut order: Vec<usize> = (0..minutes.len()).collect();
    // Stable: among equal remainders, the first line listed goes up first.
    order.sort_by_key(|&i| std::cmp::Reverse((minutes[i] * 100).rem_euclid(60)));
    for &i in order.iter().take(short.max(0) as usize) {
        lines[i] += 1;
    }
    (lines, total)
}

/// The byte-order mark that starts every CSV file Kith writes.
pub const BOM: char = '\u{feff}';

/// A name as a CSV field: a spreadsheet would run one starting with
/// = + - or @ as a formula, so it gets a leading apostrophe.
fn text(name: &str) -> String {
    if name.starts_with(['=', '+', '-', '@']) {
        format!("'{name}")
    } else {
        name.to_owned()
    }
}

/// One CSV line (RFC 4180): fields quoted when they must be.
fn row(fields: &[String]) -> String {
    let mut line = fields
        .iter()
        .map(|f| {
            if f.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

/// A table's lines: each record's figures with its name, by name.
fn by_name<T: Copy>(lines: &BTreeMap<DocId, T>, names: &Names) -> Vec<(String, T)> {
    let mut named: Vec<(String, T)> = lines
        .iter()
        .map(|(id, line)| (name_of(names, id), *line))
        .collect();
    named.sort_by_key(|(name, _)| name.to_lowercase());
    named
}

impl Report {
    /// Each person's time with their name, by name: the lines of the hours
    /// table and file. Those who may not be named are one anonymous line,
    /// last, so the total still adds up.
    pub fn hours_lines(&self, names: &Names) -> Vec<(String, Time)> {
        let (unnamed, named): (BTreeMap<DocId, Time>, BTreeMap<DocId, Time>) = self
            .time
            .iter()
            .map(|(id, t)| (*id, *t))
            .partition(|(id, _)| self.unnamed.contains(id));
        let mut lines = by_name(&named, names);
        if !unnamed.is_empty() {
            let mut time = Time::default();
            unnamed.values().for_each(|t| time.add(t));
            lines.push((not_named(unnamed.keys()), time));
        }
        lines
    }

    /// Minutes given for each gift or activity with its name, by name, and
    /// those not said last: volunteering, then exchange.
    pub fn purpose_lines(&self, names: &Names) -> Vec<(String, (u64, u64))> {
        let said: BTreeMap<DocId, (u64, u64)> = self
            .minutes_for
            .iter()
            .filter_map(|(id, m)| id.map(|id| (id, *m)))
            .collect();
        let mut lines = by_name(&said, names);
        if let Some(unsaid) = self.minutes_for.get(&None) {
            lines.push(("Not said".to_owned(), *unsaid));
        }
        lines
    }

    /// What the hours were for: a gift or activity a line, those not said
    /// last, then the total.
    pub fn purposes_table(&self, names: &Names) -> Table {
        Table::of_hours(
            &[
                ("For", "for"),
                ("Volunteering", "volunteering (hours)"),
                ("Exchange", "exchange (hours)"),
                ("All", "all (hours)"),
            ],
            self.purpose_lines(names)
                .into_iter()
                .map(|(label, (volunteered, exchanged))| {
                    let (v, e) = (volunteered as i64, exchanged as i64);
                    (label, vec![v, e, v + e])
                })
                .collect(),
        )
    }

    /// Hours given and received per person, a line each, then the total.
    pub fn hours_table(&self, names: &Names) -> Table {
        Table::of_hours(
            &[
                ("Name", "name"),
                ("Volunteered", "volunteered (hours)"),
                ("Volunteering received", "volunteering received (hours)"),
                ("Exchange given", "exchange given (hours)"),
                ("Exchange received", "exchange received (hours)"),
                ("Timebank balance", "timebank balance (hours)"),
            ],
            self.hours_lines(names)
                .into_iter()
                .map(|(label, t)| {
                    let minutes = [
                        t.volunteered,
                        t.volunteering_received,
                        t.exchanged_given,
                        t.exchanged_received,
                    ];
                    let mut line: Vec<i64> = minutes.iter().map(|m| *m as i64).collect();
                    line.push(t.balance());
                    (label, line)
                })
                .collect(),
        )
    }
}

/// The anonymous line of a report: "1 person not named: no consent to
/// export".
fn not_named<'a>(ids: impl Iterator<Item = &'a DocId>) -> String {
    let ids: Vec<&DocId> = ids.collect();
    let n = ids.len() as u64;
    let who = if ids.iter().all(|id| id.kind() == Kind::Person) {
        Kind::Person.counted(n)
    } else {
        format!("{n} people, groups or places")
    };
    format!("{who} not named: no consent to export")
}

/// A report table as the page shows it and the CSV file holds it, from
/// the same lines: so the two can never disagree.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Each column's heading on screen, and in the file (with its unit).
    pub columns: Vec<(String, String)>,
    /// A line's label (a name, a type) and its figures, in words.
    pub lines: Vec<(String, Vec<String>)>,
    /// The totals line's figures.
    pub total: Vec<String>,
}

/// Each column's heading on screen and in the file.
fn headings(columns: &[(&str, &str)]) -> Vec<(String, String)> {
    columns
        .iter()
        .map(|(screen, file)| ((*screen).to_owned(), (*file).to_owned()))
        .collect()
}

impl Table {
    fn new<T>(
        columns: &[(&str, &str)],
        lines: Vec<(String, T)>,
        total: T,
        figures: impl Fn(&T) -> Vec<String>,
    ) -> Table {
        Table {
            columns: headings(columns),
            lines: lines
                .iter()
                .map(|(label, line)| (label.clone(), figures(line)))
                .collect(),
            total: figures(&total),
        }
    }

    /// A table of hours: each line's minutes in each column, shown as hours
    /// that add up to the totals line as shown (`apportion`).
    fn of_hours(columns: &[(&str, &str)], lines: Vec<(String, Vec<i64>)>) -> Table {
        let mut shown: Vec<(String, Vec<String>)> = lines
            .iter()
            .map(|(label, _)| (label.clone(), Vec::new()))
            .collect();
        let mut total = Vec::new();
        for column in 0..columns.len() - 1 {
            let minutes: Vec<i64> = lines.iter().map(|(_, m)| m[column]).collect();
            let (each, sum) = apportion(&minutes);
            for ((_, figures), h) in shown.iter_mut().zip(each) {
                figures.push(show(h));
            }
            total.push(show(sum));
        }
        Table {
            columns: headings(columns),
            lines: shown,
            total,
        }
    }

    /// The table as CSV, what a spreadsheet opens: a byte-order mark (so a
    /// spreadsheet reads the names as UTF-8, not its own code page), the
    /// heading row, a row a line (its label guarded as text), then the
    /// totals row.
    pub fn csv(&self) -> String {
        let head: Vec<String> = self.columns.iter().map(|(_, file)| file.clone()).collect();
        let mut out = format!("{BOM}{}", row(&head));
        let total = ("Total".to_owned(), self.total.clone());
        for (label, figures) in self.lines.iter().chain([&total]) {
            let mut fields = vec![text(label)];
            fields.extend(figures.iter().cloned());
            out.push_str(&row(&fields));
        }
        out
    }
}

/// A line of the connections table: the type, then how many are at each
/// status (in `ConnectionStatus::ALL` order).
pub type ConnectionLine = (&'static str, [u32; 4]);

impl Report {
    /// Each activity's sessions and attendance with its name, by name.
    pub fn session_lines(&self, names: &Names) -> Vec<(String, Attendance)> {
        by_name(&self.attendance, names)
    }

    /// Sessions and attendance, an activity a line, then the total.
    pub fn sessions_table(&self, names: &Names) -> Table {
        Table::new(
            &[
                ("Activity", "activity"),
                ("Sessions", "sessions"),
                ("Attendance", "attendance"),
            ],
            self.session_lines(names),
            self.total_attendance(),
            |a| vec![a.sessions.to_string(), a.attendees.to_string()],
        )
    }

    /// A line for every type of connection (none left out, so the table
    /// always reads the same), then the totals line.
    pub fn connection_lines(&self) -> (Vec<ConnectionLine>, [u32; 4]) {
        let count = |k, s| self.connections.get(&(k, s)).copied().unwrap_or(0);
        let lines: Vec<ConnectionLine> = ConnectionKind::ALL
            .iter()
            .map(|k| (k.plural(), ConnectionStatus::ALL.map(|s| count(*k, s))))
            .collect();
        let mut total = [0; 4];
        for (_, counts) in &lines {
            for (t, c) in total.iter_mut().zip(counts) {
                *t += c;
            }
        }
        (lines, total)
    }

    /// Connections by type and status, with an "all" column, a line a
    /// type, then the total.
    pub fn connections_table(&self) -> Table {
        let (lines, total) = self.connection_lines();
        let mut columns = vec![("Type", "type")];
        columns.extend(ConnectionStatus::ALL.iter().map(|s| (s.label(), s.word())));
        columns.push(("All", "all"));
        Table::new(
            &columns,
            lines.into_iter().map(|(l, c)| (l.to_owned(), c)).collect(),
            total,
            |counts| {
                let mut figures: Vec<String> = counts.iter().map(u32::to_string).collect();
                figures.push(counts.iter().sum::<u32>().to_string());
                figures
            },
        )
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_family = "wasm")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::model::record::{Connection, Gift, Hours, Meta, Person, Session};
    use jiff::civil::date;

    fn meta() -> Meta {
        Meta::new("2026-11-02T10:00:00Z".parse().unwrap(), "Sam")
    }

    fn hours_entry(
        giver: DocId,
        receivers: &[DocId],
        minutes: u32,
        day: Date,
        nature: HoursNature,
    ) -> (DocId, Record) {
        (
            DocId::new(Kind::Hours),
            Record::Hours(Hours {
                giver,
                receivers: receivers.to_vec(),
                minutes,
                date: day,
                for_what: None,
                description: String::new(),
                nature,
                meta: meta(),
                extra: Default::default(),
            }),
        )
    }

    fn people(n: usize) -> Vec<DocId> {
        (0..n).map(|_| DocId::new(Kind::Person)).collect()
    }

    const NOVEMBER: Period = Period {
        from: date(2026, 11, 1),
        to: date(2026, 11, 30),
    };

    #[test]
    fn hours_given_to_many_are_shared_and_given_equals_received() {
        let p = people(4);
        let report = Report::build(
            [hours_entry(
                p[0],
                &p[1..],
                100,
                date(2026, 11, 5),
                HoursNature::Volunteering,
            )],
            NOVEMBER,
        );
        assert_eq!(report.time[&p[0]].volunteered, 100);
        let received: Vec<u64> = p[1..]
            .iter()
            .map(|id| report.time[id].volunteering_received)
            .collect();
        assert_eq!(received, [34, 33, 33]);
        let total = report.total_time();
        assert_eq!((total.volunteered, total.volunteering_received), (100, 100));
        assert_eq!(report.time[&p[0]].balance(), 0, "volunteering is no trade");
    }

    #[test]
    fn exchange_hours_make_balances_that_sum_to_zero() {
        let p = people(3);
        let report = Report::build(
            [
                hours_entry(p[0], &[p[1]], 90, date(2026, 11, 3), HoursNature::Exchange),
                hours_entry(p[1], &[p[2]], 30, date(2026, 11, 4), HoursNature::Exchange),
                hours_entry(
                    p[2],
                    &[p[0]],
                    60,
                    date(2026, 11, 4),
                    HoursNature::Volunteering,
                ),
            ],
            NOVEMBER,
        );
        let balances: Vec<i64> = p.iter().map(|id| report.time[id].balance()).collect();
        assert_eq!(balances, [90, -60, -30]);
        assert_eq!(balances.iter().sum::<i64>(), 0);
        assert_eq!(
            report.minutes_by_month[&Month {
                year: 2026,
                month: 11
            }],
            (60, 120)
        );
    }

    #[test]
    fn only_what_falls_in_the_period_counts_both_ends_included() {
        let p = people(2);
        let report = Report::build(
            [
                hours_entry(
                    p[0],
                    &[p[1]],
                    10,
                    date(2026, 10, 31),
                    HoursNature::Volunteering,
                ),
                hours_entry(
                    p[0],
                    &[p[1]],
                    20,
                    date(2026, 11, 1),
                    HoursNature::Volunteering,
                ),
                hours_entry(
                    p[0],
                    &[p[1]],
                    40,
                    date(2026, 11, 30),
                    HoursNature::Volunteering,
                ),
                hours_entry(
                    p[0],
                    &[p[1]],
                    80,
                    date(2026, 12, 1),
                    HoursNature::Volunteering,
                ),
            ],
            NOVEMBER,
        );
        assert_eq!(report.time[&p[0]].volunteered, 60);
    }

    #[test]
    fn sessions_connections_and_new_records_are_counted() {
        let (singing, walking) = (DocId::new(Kind::Activity), DocId::new(Kind::Activity));
        let p = people(2);
        let session = |activity, count, day| {
            (
                DocId::new(Kind::Session),
                Record::Session(Session {
                    activity,
                    date: day,
                    place: None,
                    attendee_count: count,
                    attendees: vec![],
                    note: String::new(),
                    meta: meta(),
                    extra: Default::default(),
                }),
            )
        };
        let connection = |kind, status, day| {
            (
                DocId::new(Kind::Connection),
                Record::Connection(Connection {
                    from: p[0],
                    to: p[1],
                    kind,
                    status,
                    need: None,
                    due: None,
                    date: day,
                    note: String::new(),
                    meta: meta(),
                    extra: Default::default(),
                }),
            )
        };
        let report = Report::build(
            [
                session(singing, 12, date(2026, 11, 6)),
                session(singing, 9, date(2026, 11, 13)),
                session(walking, 5, date(2026, 11, 7)),
                session(walking, 50, date(2026, 12, 7)),
                connection(
                    ConnectionKind::Introduction,
                    ConnectionStatus::Made,
                    date(2026, 11, 2),
                ),
                connection(
                    ConnectionKind::Introduction,
                    ConnectionStatus::Made,
                    date(2026, 11, 3),
                ),
                connection(
                    ConnectionKind::Referral,
                    ConnectionStatus::Declined,
                    date(2026, 11, 3),
                ),
                (p[0], Record::Person(Person::new("Amina", meta()))),
                (
                    DocId::new(Kind::Gift),
                    Record::Gift(Gift::new(p[0], meta())),
                ),
            ],
            NOVEMBER,
        );
        assert_eq!(
            report.attendance[&singing],
            Attendance {
                sessions: 2,
                attendees: 21
            }
        );
        assert_eq!(
            report.attendance[&walking],
            Attendance {
                sessions: 1,
                attendees: 5
            }
        );
        assert_eq!(
            report.total_attendance(),
            Attendance {
                sessions: 3,
                attendees: 26
            }
        );
        assert_eq!(
            report.connections[&(ConnectionKind::Introduction, ConnectionStatus::Made)],
            2
        );
        assert_eq!(report.total_connections(), 3);
        assert_eq!((report.new_people, report.new_gifts), (1, 1));

        let names: Names = [
            (singing, "Singing, \"Fridays\"".to_owned()),
            (walking, "=Walk".to_owned()),
        ]
        .into();
        assert_eq!(
            report.sessions_table(&names).csv(),
            "\u{feff}activity,sessions,attendance\r\n\
             '=Walk,1,5\r\n\
             \"Singing, \"\"Fridays\"\"\",2,21\r\n\
             Total,3,26\r\n"
        );
        assert_eq!(
            report.connections_table().csv(),
            "\u{feff}type,suggested,made,attended,declined,all\r\n\
             Introductions,0,2,0,0,2\r\n\
             Referrals,0,0,0,1,1\r\n\
             Signposts,0,0,0,0,0\r\n\
             Follow-ups,0,0,0,0,0\r\n\
             Total,0,2,0,1,3\r\n"
        );
    }

    /// A small deterministic generator, so the test is the same every run.
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self, below: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (self.0 >> 33) % below
        }
    }

    #[test]
    fn on_generated_data_every_total_is_the_sum_of_its_lines() {
        let mut rng = Lcg(7);
        let p = people(40);
        let purposes: Vec<Option<DocId>> = (0..8)
            .map(|_| Some(DocId::new(Kind::Activity)))
            .chain([None])
            .collect();
        let year = Period {
            from: date(2026, 1, 1),
            to: date(2026, 12, 31),
        };
        let mut records = Vec::new();
        let (mut volunteered, mut exchanged, mut in_period) = (0u64, 0u64, 0u32);
        for _ in 0..600 {
            let giver = p[rng.next(40) as usize];
            let mut receivers: Vec<DocId> = (0..1 + rng.next(5))
                .map(|_| p[rng.next(40) as usize])
                .filter(|r| *r != giver)
                .collect();
            receivers.dedup();
            if receivers.is_empty() {
                continue;
            }
            let minutes = 1 + rng.next(240) as u32;
            // Some fall outside the year, and must not count.
            let day = date(
                2025 + rng.next(3) as i16,
                1 + rng.next(12) as i8,
                1 + rng.next(28) as i8,
            );
            let nature = if rng.next(2) == 0 {
                HoursNature::Exchange
            } else {
                HoursNature::Volunteering
            };
            if year.contains(day) {
                in_period += 1;
                match nature {
                    HoursNature::Exchange => exchanged += u64::from(minutes),
                    HoursNature::Volunteering => volunteered += u64::from(minutes),
                }
            }
            let mut entry = hours_entry(giver, &receivers, minutes, day, nature);
            if let Record::Hours(h) = &mut entry.1 {
                // For one of eight activities, or not said.
                h.for_what = purposes[rng.next(9) as usize];
            }
            records.push(entry);
        }
        assert!(in_period > 100, "enough of the data falls in the year");
        // Sessions of eight activities and connections of every type and
        // status, some outside the year.
        let activities: Vec<DocId> = (0..8).map(|_| DocId::new(Kind::Activity)).collect();
        let (mut sessions, mut came, mut connected) = (0u32, 0u64, 0u32);
        for _ in 0..400 {
            let day = date(2025 + rng.next(3) as i16, 1 + rng.next(12) as i8, 1);
            let count = rng.next(30) as u32;
            if year.contains(day) {
                (sessions, came) = (sessions + 1, came + u64::from(count));
            }
            records.push((
                DocId::new(Kind::Session),
                Record::Session(Session {
                    activity: activities[rng.next(8) as usize],
                    date: day,
                    place: None,
                    attendee_count: count,
                    attendees: vec![],
                    note: String::new(),
                    meta: meta(),
                    extra: Default::default(),
                }),
            ));
            let day = date(2025 + rng.next(3) as i16, 1 + rng.next(12) as i8, 2);
            connected += u32::from(year.contains(day));
            records.push((
                DocId::new(Kind::Connection),
                Record::Connection(Connection {
                    from: p[0],
                    to: p[1],
                    kind: ConnectionKind::ALL[rng.next(4) as usize],
                    status: ConnectionStatus::ALL[rng.next(4) as usize],
                    need: None,
                    due: None,
                    date: day,
                    note: String::new(),
                    meta: meta(),
                    extra: Default::default(),
                }),
            ));
        }
        let report = Report::build(records, year);
        let names = Names::new();
        let session_lines = report.session_lines(&names);
        let total = report.total_attendance();
        assert_eq!((total.sessions, total.attendees), (sessions, came));
        assert_eq!(
            session_lines.iter().map(|l| l.1.sessions).sum::<u32>(),
            sessions
        );
        assert_eq!(
            session_lines.iter().map(|l| l.1.attendees).sum::<u64>(),
            came
        );
        let (lines, by_status) = report.connection_lines();
        assert_eq!(report.total_connections(), connected);
        assert_eq!(by_status.iter().sum::<u32>(), connected);
        assert_eq!(lines.iter().flat_map(|l| l.1).sum::<u32>(), connected);
        // The file's totals line says the same as the table's.
        let file = report.connections_table().csv();
        assert!(file.ends_with(&format!(
            "Total,{},{connected}\r\n",
            by_status.map(|n| n.to_string()).join(",")
        )));
        let total = report.total_time();
        let lines = |f: fn(&Time) -> u64| report.time.values().map(f).sum::<u64>();
        assert_eq!(total.volunteered, volunteered);
        assert_eq!(total.exchanged_given, exchanged);
        assert_eq!(lines(|t| t.volunteered), total.volunteered);
        assert_eq!(lines(|t| t.volunteering_received), volunteered);
        assert_eq!(lines(|t| t.exchanged_received), exchanged);
        assert_eq!(report.time.values().map(Time::balance).sum::<i64>(), 0);
        let by_month: (u64, u64) = report
            .minutes_by_month
            .values()
            .fold((0, 0), |a, m| (a.0 + m.0, a.1 + m.1));
        assert_eq!(by_month, (volunteered, exchanged));
        let by_purpose = report
            .purpose_lines(&Names::new())
            .iter()
            .fold((0, 0), |a, (_, m)| (a.0 + m.0, a.1 + m.1));
        assert_eq!(by_purpose, (volunteered, exchanged));
        assert!(
            report
                .purposes_table(&Names::new())
                .csv()
                .ends_with(&format!(
                    "Total,{},{},{}\r\n",
                    hours(volunteered),
                    hours(exchanged),
                    hours(volunteered + exchanged)
                ))
        );
        assert_eq!(
            report
                .purpose_lines(&Names::new())
                .last()
                .map(|l| l.0.as_str()),
            Some("Not said"),
            "hours not said to be for anything are their own line, last"
        );
        assert!(report.minutes_by_month.keys().all(|m| m.year == 2026));
    }

    #[test]
    fn hours_csv_has_a_line_each_by_name_then_the_total() {
        let p = people(3);
        let names: Names = [
            (p[0], "Bea, the gardener".to_owned()),
            (p[1], "=HYPERLINK(\"x\")".to_owned()),
            (p[2], "Amina".to_owned()),
        ]
        .into();
        let report = Report::build(
            [
                hours_entry(p[0], &[p[1]], 90, date(2026, 11, 3), HoursNature::Exchange),
                hours_entry(
                    p[2],
                    &[p[0]],
                    30,
                    date(2026, 11, 4),
                    HoursNature::Volunteering,
                ),
            ],
            NOVEMBER,
        );
        let csv = report.hours_table(&names).csv();
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines,
            [
                "\u{feff}name,volunteered (hours),volunteering received (hours),exchange given (hours),exchange received (hours),timebank balance (hours)",
                "\"'=HYPERLINK(\"\"x\"\")\",0.00,0.00,0.00,1.50,-1.50",
                "Amina,0.50,0.00,0.00,0.00,0.00",
                "\"Bea, the gardener\",0.00,0.50,1.50,0.00,1.50",
                "Total,0.50,0.50,1.50,1.50,0.00",
                "",
            ]
        );
    }

    /// Hundredths of an hour as the table shows them: "-1.50" is -150.
    fn read(shown: &str) -> i64 {
        let negative = shown.starts_with('-');
        let (whole, cents) = shown.trim_start_matches('-').split_once('.').unwrap();
        let n = whole.parse::<i64>().unwrap() * 100 + cents.parse::<i64>().unwrap();
        if negative { -n } else { n }
    }

    #[test]
    fn hours_are_rounded_from_minutes_not_cut_off() {
        assert_eq!(hours(40), "0.67");
        assert_eq!(hours(20), "0.33");
        assert_eq!(hours(1), "0.02");
        assert_eq!(hours(90), "1.50");
        assert_eq!(balance_hours(-40), "-0.67");
        let p = people(2);
        let report = Report::build(
            [hours_entry(
                p[0],
                &[p[1]],
                40,
                date(2026, 11, 3),
                HoursNature::Volunteering,
            )],
            NOVEMBER,
        );
        let names: Names = [(p[0], "Amina".to_owned()), (p[1], "Bea".to_owned())].into();
        let table = report.hours_table(&names);
        assert_eq!(table.lines[0].0, "Amina");
        assert_eq!(table.lines[0].1[0], "0.67", "40 minutes alone is 0.67 h");
        assert_eq!(table.lines[1].1[1], "0.67", "and 40 minutes received too");
        assert_eq!(table.total[0], "0.67");
    }

    #[test]
    fn on_generated_data_every_hours_column_adds_up_as_shown() {
        let mut rng = Lcg(11);
        let p = people(30);
        let purposes: Vec<Option<DocId>> = (0..6)
            .map(|_| Some(DocId::new(Kind::Gift)))
            .chain([None])
            .collect();
        let mut records = Vec::new();
        for _ in 0..300 {
            let giver = p[rng.next(30) as usize];
            let receiver = p[rng.next(30) as usize];
            if receiver == giver {
                continue;
            }
            // Odd minutes, where cutting off and rounding differ.
            let minutes = [10, 20, 25, 40, 50, 55, 70, 100][rng.next(8) as usize];
            let nature = [HoursNature::Exchange, HoursNature::Volunteering][rng.next(2) as usize];
            let mut entry = hours_entry(giver, &[receiver], minutes, date(2026, 11, 3), nature);
            if let Record::Hours(h) = &mut entry.1 {
                h.for_what = purposes[rng.next(7) as usize];
            }
            records.push(entry);
        }
        let report = Report::build(records, NOVEMBER);
        let total = report.total_time();
        let mut cut_off_differs = false;
        for (table, exact) in [
            (
                report.hours_table(&Names::new()),
                report
                    .hours_lines(&Names::new())
                    .iter()
                    .map(|(_, t)| {
                        vec![
                            t.volunteered as i64,
                            t.volunteering_received as i64,
                            t.exchanged_given as i64,
                            t.exchanged_received as i64,
                            t.balance(),
                        ]
                    })
                    .collect::<Vec<_>>(),
            ),
            (
                report.purposes_table(&Names::new()),
                report
                    .purpose_lines(&Names::new())
                    .iter()
                    .map(|(_, (v, e))| vec![*v as i64, *e as i64, (*v + *e) as i64])
                    .collect(),
            ),
        ] {
            for column in 0..table.total.len() {
                let shown: Vec<i64> = table.lines.iter().map(|l| read(&l.1[column])).collect();
                let minutes: Vec<i64> = exact.iter().map(|l| l[column]).collect();
                assert_eq!(
                    shown.iter().sum::<i64>(),
                    read(&table.total[column]),
                    "column {column} adds up to its total as shown"
                );
                assert_eq!(
                    read(&table.total[column]),
                    hundredths(minutes.iter().sum()),
                    "the total is rounded from whole minutes"
                );
                for (s, m) in shown.iter().zip(&minutes) {
                    let low = (m * 100).div_euclid(60);
                    assert!(
                        *s == low || *s == low + 1,
                        "{s} is {m} minutes rounded down or up"
                    );
                    cut_off_differs |= hundredths(*m) != (m * 100) / 60;
                }
            }
        }
        assert!(
            cut_off_differs,
            "the data has lines where cutting off differs"
        );
        assert_eq!(
            read(&report.hours_table(&Names::new()).total[4]),
            0,
            "timebank balances add up to nothing"
        );
        assert_eq!(
            read(&report.hours_table(&Names::new()).total[0]),
            hundredths(total.volunteered as i64)
        );
    }

    fn person_who(agreed: &[crate::model::record::Purpose]) -> Record {
        use crate::model::record::{Consent, ConsentHow};
        Record::Person(Person {
            consents: agreed
                .iter()
                .map(|purpose| Consent {
                    purpose: *purpose,
                    given: true,
                    how: ConsentHow::Verbal,
                    wording: String::new(),
                    recorded_by: "Sam".into(),
                    at: "2026-11-02T10:00:00Z".parse().unwrap(),
                })
                .collect(),
            ..Person::new("Someone", meta())
        })
    }

    #[test]
    fn people_with_no_consent_to_export_are_one_anonymous_line_that_still_adds_up() {
        use crate::model::record::Purpose::{Export, Store};
        let p = people(4);
        let names: Names = [
            (p[0], "Amina".to_owned()),
            (p[1], "Bea".to_owned()),
            (p[2], "Carys".to_owned()),
            (p[3], "Dawid".to_owned()),
        ]
        .into();
        let mut records = vec![
            (p[0], person_who(&[Store, Export])),
            (p[1], person_who(&[Store])),
            (p[2], person_who(&[])),
            (p[3], person_who(&[Store, Export])),
        ];
        records.push(hours_entry(
            p[0],
            &[p[1]],
            60,
            date(2026, 11, 3),
            HoursNature::Volunteering,
        ));
        records.push(hours_entry(
            p[2],
            &[p[3]],
            30,
            date(2026, 11, 4),
            HoursNature::Volunteering,
        ));
        let report = Report::build(records, NOVEMBER);
        let table = report.hours_table(&names);
        let labels: Vec<&str> = table.lines.iter().map(|l| l.0.as_str()).collect();
        assert_eq!(
            labels,
            ["Amina", "Dawid", "2 people not named: no consent to export"]
        );
        assert_eq!(table.lines[2].1[0], "0.50", "Carys gave half an hour");
        assert_eq!(table.lines[2].1[1], "1.00", "Bea received an hour");
        assert_eq!(table.total[..2], ["1.50", "1.50"]);
        let csv = table.csv();
        assert!(!csv.contains("Bea") && !csv.contains("Carys"), "{csv}");
        assert!(csv.contains("\r\n2 people not named: no consent to export,0.50,1.00,"));
    }

    #[test]
    fn a_sample_person_in_a_real_entry_is_never_named() {
        let p = people(2);
        let mut made_up = Person::new("Sample person", meta());
        made_up.meta.sample = true;
        let names: Names = [
            (p[0], "Sample person".to_owned()),
            (p[1], "Real".to_owned()),
        ]
        .into();
        let report = Report::build(
            [
                (p[0], Record::Person(made_up)),
                (
                    p[1],
                    person_who(&[
                        crate::model::record::Purpose::Store,
                        crate::model::record::Purpose::Export,
                    ]),
                ),
                hours_entry(p[1], &[p[0]], 30, date(2026, 11, 3), HoursNature::Exchange),
            ],
            NOVEMBER,
        );
        let csv = report.hours_table(&names).csv();
        assert!(!csv.contains("Sample person"), "{csv}");
        assert!(
            csv.contains("\r\n1 person not named: no consent to export,"),
            "{csv}"
        );
    }

    #[test]
    fn the_sample_neighbourhood_is_never_counted() {
        let p = people(2);
        let mut sample = hours_entry(p[0], &[p[1]], 60, date(2026, 11, 3), HoursNature::Exchange);
        sample.1.meta_mut().sample = true;
        let mut made_up = Person::new("Sample person", meta());
        made_up.meta.sample = true;
        let real = hours_entry(p[1], &[p[0]], 30, date(2026, 11, 3), HoursNature::Exchange);
        let report = Report::build([sample, (p[0], Record::Person(made_up)), real], NOVEMBER);
        assert_eq!(report.total_time().exchanged_given, 30);
        assert_eq!(report.new_people, 0);
    }
}
