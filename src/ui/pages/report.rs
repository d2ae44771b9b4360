//! Reports for a period, worked out on the device from the log: new people
//! and gifts, hours per month (a chart), hours per person, sessions and
//! attendance, connections by type and status (a chart); each table with
//! its totals and as a CSV file to download.

use leptos::prelude::*;

use crate::model::Kind;
use crate::model::record::HoursNature;
use crate::model::report::{Names, Period, Report, Table, hours};
use crate::store::StoreError;
use crate::store::query::ReportRecords;
use crate::ui::fields::TextField;
use crate::ui::live::use_query;
use crate::ui::local::today;
use crate::ui::page::{Page, UnreadableNotice};

/// Why a report cannot be shown: the period as typed, or the device.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
enum Unshown {
    #[error("Type each date as year-month-day: 2026-11-01.")]
    BadDate,
    #[error("The period ends before it starts.")]
    Backwards,
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[component]
pub fn ReportPage() -> impl IntoView {
    let loaded = use_query(|| ReportRecords);
    let first_of_month = today().first_of_month();
    let from = RwSignal::new(first_of_month.to_string());
    let to = RwSignal::new(today().to_string());
    let period = move || -> Result<Period, Unshown> {
        let parse = |s: String| s.trim().parse().map_err(|_| Unshown::BadDate);
        let period = Period {
            from: parse(from.get())?,
            to: parse(to.get())?,
        };
        if period.from > period.to {
            return Err(Unshown::Backwards);
        }
        Ok(period)
    };
    // `with`, not `get`: a copy of every record just to count would be
    // the report's cost twice over.
    let unreadable = Signal::derive(move || {
        loaded.with(|r| match r {
            Some(Ok(r)) => r.unreadable,
            _ => 0,
        })
    });
    let report = move || -> Option<Result<(Report, Names, Period), Unshown>> {
        let period = period();
        loaded.with(|read| {
            Some(match read.as_ref()? {
                Ok(read) => period.map(|p| {
                    (
                        Report::build(read.records.iter().cloned(), p),
                        read.names.clone(),
                        p,
                    )
                }),
                Err(e) => Err(e.clone().into()),
            })
        })
    };
    view! {
        <Page title="Reports">
            <fieldset class="period">
                <legend>"Period"</legend>
                <TextField label="From" id="report-from" value=from input_type="date" />
                <TextField label="To" id="report-to" value=to input_type="date" />
            </fieldset>
            <UnreadableNotice count=unreadable />
            {move || match report() {
                None => None,
                Some(Err(e)) => Some(view! { <p class="notice" role="alert">{e.to_string()}</p> }.into_any()),
                Some(Ok((report, names, period))) => Some(view! {
                    <NewRecords report=report.clone() />
                    <HoursByMonth report=report.clone() />
                    <HoursTable report=report.clone() names=names.clone() period />
                    <HoursFor report=report.clone() names=names.clone() period />
                    <Sessions report=report.clone() names period />
                    <Connections report period />
                }.into_any()),
            }}
        </Page>
    }
}

/// Hours per person, a line each, then the total; and the same as CSV.
#[component]
fn HoursTable(report: Report, names: Names, period: Period) -> impl IntoView {
    let table = report.hours_table(&names);
    let caption = format!("In hours, from {} to {}", period.from, period.to);
    view! {
        <section aria-labelledby="hours-heading">
            <h2 id="hours-heading">"Hours given and received"</h2>
            {if table.lines.is_empty() {
                view! { <p>"No hours recorded in this period."</p> }.into_any()
            } else {
                view! {
                    <DataTable table heading="hours-heading" testid="hours-table" what="hours" file="hours" period caption />
                }
                    .into_any()
            }}
        </section>
    }
}

/// What the hours were given for: a gift or activity a line, those not
/// said last, then the total (the same as the hours table's).
#[component]
fn HoursFor(report: Report, names: Names, period: Period) -> impl IntoView {
    let table = report.purposes_table(&names);
    (!table.lines.is_empty()).then(|| {
        view! {
            <section aria-labelledby="for-heading">
                <h2 id="for-heading">"What the hours were for"</h2>
                <DataTable
                    table
                    heading="for-heading"
                    testid="hours-for-table"
                    what="what the hours were for"
                    file="hours-for"
                    period
                />
            </section>
        }
    })
}

/// A report table: its lines, then the totals line; on a narrow screen
/// each line stacked, every figure beside its column's heading (its
/// `data-label`, drawn by the style sheet), the roles said outright so a
/// screen reader still reads a table; and the same table as a CSV file to
/// download, named for what and when.
#[component]
fn DataTable(
    table: Table,
    /// The id of the heading that names it.
    heading: &'static str,
    testid: &'static str,
    /// What the download link says it downloads.
    what: &'static str,
    /// The file's name, between "kith-" and the period.
    file: &'static str,
    period: Period,
    #[prop(optional)] caption: Option<String>,
) -> impl IntoView {
    let csv = table.csv();
    let href = format!(
        "data:text/csv;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(&csv))
    );
    // The period and the day it was made, so a file passed on says both.
    let file = format!(
        "kith-{file}-{}-to-{}-made-{}.csv",
        period.from,
        period.to,
        today()
    );
    // Each figure's column heading (the first column is the line's label).
    let labels: Vec<String> = table
        .columns
        .iter()
        .skip(1)
        .map(|(screen, _)| screen.clone())
        .collect();
    let row = move |label: String, figures: Vec<String>, total: bool| {
        view! {
            <tr role="row" class:total=total>
                <th scope="row" role="rowheader">{label}</th>
                {figures
                    .into_iter()
                    .zip(labels.clone())
                    .map(|(f, l)| view! { <td role="cell" data-label=l>{f}</td> })
                    .collect_view()}
            </tr>
        }
    };
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby=heading>
            <table class="stack" role="table" data-testid=testid>
                {caption.map(|c| view! { <caption>{c}</caption> })}
                <thead role="rowgroup">
                    <tr role="row">
                        {table
                            .columns
                            .into_iter()
                            .map(|(screen, _)| view! { <th scope="col" role="columnheader">{screen}</th> })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody role="rowgroup">
                    {table.lines.into_iter().map(|(label, figures)| row(label, figures, false)).collect_view()}
                </tbody>
                <tfoot role="rowgroup">{row("Total".to_owned(), table.total, true)}</tfoot>
            </table>
        </div>
        <p class="actions">
            <a class="button secondary" href=href download=file>{format!("Download {what} as CSV")}</a>
        </p>
    }
}

/// A bar chart in SVG: one bar a label, stacked in two parts, with the
/// numbers also in the table beside it (the chart is a picture of it).
#[component]
fn Bars(
    /// What the chart shows, for screen readers.
    title: String,
    /// Label, first part, second part.
    bars: Vec<(String, f64, f64)>,
    legend: (&'static str, &'static str),
) -> impl IntoView {
    const W: f64 = 320.0;
    const H: f64 = 160.0;
    const BOTTOM: f64 = 24.0;
    let most = bars.iter().map(|b| b.1 + b.2).fold(0.0, f64::max).max(1.0);
    let slot = W / bars.len().max(1) as f64;
    let scale = (H - BOTTOM - 8.0) / most;
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=title.clone()>
                {bars
                    .into_iter()
                    .enumerate()
                    .map(|(i, (label, a, b))| {
                        let x = i as f64 * slot + slot * 0.15;
                        let w = (slot * 0.7).min(56.0);
                        let x = x + (slot * 0.7 - w) / 2.0;
                        let (ha, hb) = (a * scale, b * scale);
                        let base = H - BOTTOM;
                        view! {
                            <g>
                                <rect class="part-a" x=x y=base - ha width=w height=ha></rect>
                                <rect class="part-b" x=x y=base - ha - hb width=w height=hb></rect>
                                <text x=x + w / 2.0 y=H - 8.0 text-anchor="middle">{label}</text>
                            </g>
                        }
                    })
                    .collect_view()}
                <line x1="0" x2=W y1=H - BOTTOM y2=H - BOTTOM class="axis"></line>
            </svg>
            <figcaption>
                <span class="key part-a"></span>{legend.0}" "
                <span class="key part-b"></span>{legend.1}
            </figcaption>
        </figure>
    }
}

#[component]
fn NewRecords(report: Report) -> impl IntoView {
    view! {
        <p data-testid="report-new">
            {format!(
                "New in this period: {} and {}.",
                Kind::Person.counted(report.new_people.into()),
                Kind::Gift.counted(report.new_gifts.into()),
            )}
        </p>
    }
}

/// Hours given each month, volunteering and exchange, as a chart.
#[component]
fn HoursByMonth(report: Report) -> impl IntoView {
    let bars: Vec<(String, f64, f64)> = report
        .minutes_by_month
        .iter()
        .map(|(month, (volunteered, exchanged))| {
            (
                month.to_string(),
                *volunteered as f64 / 60.0,
                *exchanged as f64 / 60.0,
            )
        })
        .collect();
    (!bars.is_empty()).then(|| {
        let title = format!(
            "Hours given each month: {}",
            report
                .minutes_by_month
                .iter()
                .map(|(m, (v, e))| format!(
                    "{m}, {} volunteering and {} exchange",
                    hours(*v),
                    hours(*e)
                ))
                .collect::<Vec<_>>()
                .join("; ")
        );
        view! {
            <section aria-labelledby="months-heading">
                <h2 id="months-heading">"Hours each month"</h2>
                <Bars title bars legend=(HoursNature::Volunteering.label(), HoursNature::Exchange.label()) />
            </section>
        }
    })
}

/// Sessions held and attendance, an activity a line, then the total.
#[component]
fn Sessions(report: Report, names: Names, period: Period) -> impl IntoView {
    let table = report.sessions_table(&names);
    view! {
        <section aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">"Sessions and attendance"</h2>
            {if table.lines.is_empty() {
                view! { <p>"No sessions recorded in this period."</p> }.into_any()
            } else {
                view! {
                    <DataTable table heading="sessions-heading" testid="sessions-table" what="sessions" file="sessions" period />
                }
                    .into_any()
            }}
        </section>
    }
}

/// Connections by type and status: a table, and a chart of how many
/// happened (made or attended) and how many did not (yet).
#[component]
fn Connections(report: Report, period: Period) -> impl IntoView {
    let (lines, _) = report.connection_lines();
    let total = report.total_connections();
    if total == 0 {
        return view! {
            <section aria-labelledby="connections-heading">
                <h2 id="connections-heading">"Connections"</h2>
                <p>"No connections recorded in this period."</p>
            </section>
        }
        .into_any();
    }
    // Made and attended happened; suggested and declined did not (yet).
    let bars: Vec<(String, f64, f64)> = lines
        .iter()
        .map(|(label, [suggested, made, attended, declined])| {
            (
                label.to_string(),
                f64::from(made + attended),
                f64::from(suggested + declined),
            )
        })
        .collect();
    let title = format!(
        "Connections by type: {}",
        bars.iter()
            .map(|(l, a, b)| format!("{l}, {a} made or attended and {b} suggested or declined"))
            .collect::<Vec<_>>()
            .join("; ")
    );
    view! {
        <section aria-labelledby="connections-heading">
            <h2 id="connections-heading">"Connections"</h2>
            <Bars title bars legend=("Made or attended", "Suggested or declined") />
            <DataTable
                table=report.connections_table()
                heading="connections-heading"
                testid="connections-table"
                what="connections"
                file="connections"
                period
            />
        </section>
    }
    .into_any()
}
