//! Reports for a period, worked out on the device from the log: hours per
//! person with their totals, as a table and a CSV file to download.

use leptos::prelude::*;

use crate::model::report::{Names, Period, Report, hours};
use crate::model::{Kind, Record};
use crate::store::StoreError;
use crate::ui::fields::TextField;
use crate::ui::local::{today, use_local};
use crate::ui::page::Page;

async fn read(
    local: crate::ui::Local,
) -> Result<(Vec<(crate::model::DocId, Record)>, Names), StoreError> {
    let store = local.store().await?;
    let mut records = Vec::new();
    let mut names = Names::new();
    for kind in [Kind::Person, Kind::Group, Kind::Place] {
        for (id, record) in store.list(kind, u32::MAX).await? {
            names.insert(id, record.name().unwrap_or_default().to_owned());
            records.push((id, record));
        }
    }
    for kind in [Kind::Gift, Kind::Connection, Kind::Session, Kind::Hours] {
        records.extend(store.list(kind, u32::MAX).await?);
    }
    Ok((records, names))
}

#[component]
pub fn ReportPage() -> impl IntoView {
    let local = use_local();
    let loaded = LocalResource::new(move || read(local));
    let first_of_month = today().first_of_month();
    let from = RwSignal::new(first_of_month.to_string());
    let to = RwSignal::new(today().to_string());
    let period = move || -> Result<Period, String> {
        let parse = |s: String| {
            s.trim()
                .parse()
                .map_err(|_| "Type each date as year-month-day: 2026-11-01.".to_owned())
        };
        let period = Period {
            from: parse(from.get())?,
            to: parse(to.get())?,
        };
        if period.from > period.to {
            return Err("The period ends before it starts.".to_owned());
        }
        Ok(period)
    };
    let report = move || -> Option<Result<(Report, Names, Period), String>> {
        let (records, names) = match loaded.get()? {
            Ok(data) => data,
            Err(e) => return Some(Err(e.to_string())),
        };
        Some(period().map(|p| (Report::build(records, p), names, p)))
    };
    view! {
        <Page title="Reports">
            <fieldset class="period">
                <legend>"Period"</legend>
                <TextField label="From" id="report-from" value=from input_type="date" />
                <TextField label="To" id="report-to" value=to input_type="date" />
            </fieldset>
            {move || match report() {
                None => None,
                Some(Err(e)) => Some(view! { <p class="notice" role="alert">{e}</p> }.into_any()),
                Some(Ok((report, names, period))) => Some(view! { <HoursTable report names period /> }.into_any()),
            }}
        </Page>
    }
}

/// Hours per person, a line each, then the total; and the same as CSV.
#[component]
fn HoursTable(report: Report, names: Names, period: Period) -> impl IntoView {
    let csv = report.hours_csv(&names);
    let href = format!(
        "data:text/csv;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(&csv))
    );
    let file = format!("kith-hours-{}-to-{}.csv", period.from, period.to);
    let mut lines: Vec<(String, crate::model::report::Time)> = report
        .time
        .iter()
        .map(|(id, t)| (names.get(id).cloned().unwrap_or_default(), *t))
        .collect();
    lines.sort_by_key(|(name, _)| name.to_lowercase());
    let total = report.total_time();
    let balance = |b: i64| {
        let sign = if b < 0 { "-" } else { "" };
        format!("{sign}{}", hours(b.unsigned_abs()))
    };
    let row = move |name: String, t: crate::model::report::Time, total: bool| {
        let cells = [
            hours(t.volunteered),
            hours(t.volunteering_received),
            hours(t.exchanged_given),
            hours(t.exchanged_received),
            balance(t.balance()),
        ];
        view! {
            <tr class:total=total>
                <th scope="row">{name}</th>
                {cells.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}
            </tr>
        }
    };
    view! {
        <section aria-labelledby="hours-heading">
            <h2 id="hours-heading">"Hours given and received"</h2>
            {if lines.is_empty() {
                view! { <p>"No hours recorded in this period."</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table data-testid="hours-table">
                            <caption>"In hours, from " {period.from.to_string()} " to " {period.to.to_string()}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Name"</th>
                                    <th scope="col">"Volunteered"</th>
                                    <th scope="col">"Volunteering received"</th>
                                    <th scope="col">"Exchange given"</th>
                                    <th scope="col">"Exchange received"</th>
                                    <th scope="col">"Timebank balance"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {lines.into_iter().map(|(n, t)| row(n, t, false)).collect_view()}
                            </tbody>
                            <tfoot>{row("Total".to_owned(), total, true)}</tfoot>
                        </table>
                    </div>
                    <p class="actions">
                        <a class="button secondary" href=href download=file>"Download as CSV"</a>
                    </p>
                }
                    .into_any()
            }}
        </section>
    }
}
