//! Form fields shared by every form: a labelled text box, and a row of big
//! radio buttons for one choice. Labels sit above their boxes; every box
//! is at least a thumb tall. A box refused on save says why right below
//! itself.

use std::collections::BTreeSet;

use leptos::html;
use leptos::prelude::*;

use crate::ui::command::{CommandError, bring_to};

/// A labelled text box bound to a signal. Its id comes from the label
/// unless given (rows that repeat need their own). Given an `error`, a
/// refusal of what was typed here is shown under the box, the box is
/// marked invalid and described by it, and focus moves to the box.
#[component]
pub fn TextField(
    label: &'static str,
    value: RwSignal<String>,
    #[prop(optional, into)] id: Option<String>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] placeholder: Option<&'static str>,
    /// The id of a `<datalist>` of suggestions.
    #[prop(optional)]
    list: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] error: Option<Signal<Option<CommandError>>>,
) -> impl IntoView {
    let id = id.unwrap_or_else(|| format!("field-{}", label.to_lowercase().replace(' ', "-")));
    let hint_id = hint.map(|_| format!("{id}-hint"));
    let error_id = format!("{id}-error");
    let error = error.unwrap_or_else(|| Signal::stored(None));
    let refused = move || error.with(Option::is_some);
    let (input, whole) = (NodeRef::<html::Input>::new(), NodeRef::<html::Div>::new());
    Effect::new(move || {
        if refused() {
            bring_to(input, whole);
        }
    });
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let ids: Vec<&str> = refused()
                .then_some(error_id.as_str())
                .into_iter()
                .chain(hint_id.as_deref())
                .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" node_ref=whole>
            <label for=id.clone()>{label}{required.then_some(" (needed)")}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            <input
                id=id
                type=input_type
                autocomplete=autocomplete
                placeholder=placeholder
                list=list
                aria-required=required.then_some("true")
                aria-invalid=move || refused().then_some("true")
                aria-describedby=described
                node_ref=input
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            {move || error.get().map(|why| view! {
                <p class="notice field-error" id=error_id.clone()>{why.to_string()}</p>
            })}
        </div>
    }
}

/// A group of big radio buttons for one choice.
#[component]
pub fn Choice<T>(
    legend: &'static str,
    name: String,
    options: Vec<(T, &'static str)>,
    selected: RwSignal<T>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    view! {
        <fieldset class="choice">
            <legend>{legend}</legend>
            {options
                .into_iter()
                .map(|(value, label)| {
                    view! {
                        <label class="option">
                            <input
                                type="radio"
                                name=name.clone()
                                prop:checked=move || selected.get() == value
                                on:change=move |_| selected.set(value)
                            />
                            <span>{label}</span>
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// A tick box for one member of a set: ticked while the set holds it, and
/// ticking or unticking adds or takes it away (who came, the days an
/// activity is on, the purposes a person agreed to).
#[component]
pub fn Tick<T>(value: T, label: String, ticked: RwSignal<BTreeSet<T>>) -> impl IntoView
where
    T: Ord + Copy + Send + Sync + 'static,
{
    view! {
        <label class="check">
            <input
                type="checkbox"
                prop:checked=move || ticked.with(|set| set.contains(&value))
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    ticked.update(|set| {
                        if on { set.insert(value); } else { set.remove(&value); }
                    });
                }
            />
            <span>{label}</span>
        </label>
    }
}
