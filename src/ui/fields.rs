//! Form fields shared by every form: a labelled text box, and a row of big
//! radio buttons for one choice. Labels sit above their boxes; every box
//! is at least a thumb tall.

use leptos::prelude::*;

/// A labelled text box bound to a signal. Its id comes from the label
/// unless given (rows that repeat need their own).
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
) -> impl IntoView {
    let id = id.unwrap_or_else(|| format!("field-{}", label.to_lowercase().replace(' ', "-")));
    let hint_id = hint.map(|_| format!("{id}-hint"));
    view! {
        <div class="field">
            <label for=id.clone()>{label}{required.then_some(" (needed)")}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            <input
                id=id
                type=input_type
                autocomplete=autocomplete
                placeholder=placeholder
                list=list
                aria-required=required.then_some("true")
                aria-describedby=hint_id
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
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
