//! Skill terms and tags: how people type them, and the one form they are
//! indexed and matched by.

/// The matching form of a term: trimmed, lower case, inner spaces single.
/// "  Community  Gardening " and "community gardening" are one skill.
pub fn normalize(term: &str) -> String {
    term.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Normalized, without empties or repeats, in first-seen order.
pub fn normalize_all<'a>(terms: impl IntoIterator<Item = &'a String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for term in terms {
        let t = normalize(term);
        if !t.is_empty() && !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// Common skill terms that ship with Kith, so a first record needs no
/// typing of vocabulary. People add their own; these are only a start.
pub const STARTER_TERMS: &[&str] = &[
    "baking",
    "befriending",
    "bike repair",
    "budgeting",
    "car sharing",
    "caring",
    "carpentry",
    "childcare",
    "cleaning",
    "coaching",
    "computers",
    "cooking",
    "counselling",
    "crafts",
    "cv writing",
    "dancing",
    "decorating",
    "diy",
    "dog walking",
    "drawing",
    "driving",
    "english language",
    "event planning",
    "first aid",
    "fitness",
    "football",
    "form filling",
    "fundraising",
    "gardening",
    "graphic design",
    "guitar",
    "hairdressing",
    "housing advice",
    "ironing",
    "job search",
    "knitting",
    "language exchange",
    "lifts",
    "listening",
    "maths",
    "mentoring",
    "music",
    "painting",
    "pet care",
    "photography",
    "piano",
    "plumbing",
    "reading",
    "running",
    "sewing",
    "shopping",
    "singing",
    "smartphones",
    "social media",
    "sport",
    "storytelling",
    "swimming",
    "tai chi",
    "teaching",
    "translation",
    "tutoring",
    "walking",
    "websites",
    "welfare benefits",
    "woodwork",
    "writing",
    "yoga",
];

/// Terms to offer while someone types a skill: terms already in use first
/// (most used first), then the starter list; those that start with what
/// was typed before those that merely contain it. At most `limit`.
pub fn suggest(
    typed: &str,
    in_use: &[(String, u32)],
    starter: &[String],
    limit: usize,
) -> Vec<String> {
    let typed = normalize(typed);
    let mut used: Vec<&(String, u32)> = in_use.iter().collect();
    used.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let candidates = used
        .into_iter()
        .map(|(term, _)| term.as_str())
        .chain(starter.iter().map(String::as_str));
    let (mut starts, mut contains) = (Vec::new(), Vec::new());
    for term in candidates {
        let term = normalize(term);
        if starts.contains(&term) || contains.contains(&term) {
            continue;
        }
        if term.starts_with(&typed) {
            starts.push(term);
        } else if term.contains(&typed) {
            contains.push(term);
        }
    }
    starts.extend(contains);
    starts.truncate(limit);
    starts
}

/// The starter list as shipped.
pub fn starter_terms() -> Vec<String> {
    STARTER_TERMS.iter().map(|t| t.to_string()).collect()
}

/// A starter list as a person typed it, one term a line (or separated by
/// commas): matching forms, no blanks or repeats, in alphabetical order.
pub fn parse_list(text: &str) -> Vec<String> {
    let typed: Vec<String> = text.split(['\n', ',']).map(str::to_owned).collect();
    let mut terms = normalize_all(&typed);
    terms.sort();
    terms
}

#[cfg(test)]
mod tests {
    // On wasm32 the same tests run in the browser (scripts/test).
    #[cfg(target_family = "wasm")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn terms_match_whatever_the_spacing_and_case() {
        assert_eq!(normalize("  Community  Gardening "), "community gardening");
        assert_eq!(normalize("ÉCRITURE"), "écriture");
        let typed = [
            "Baking".to_string(),
            "baking ".into(),
            "".into(),
            "  ".into(),
            "Bengali".into(),
        ];
        assert_eq!(normalize_all(&typed), ["baking", "bengali"]);
    }

    #[test]
    fn suggestions_put_terms_in_use_first_and_prefixes_before_the_rest() {
        let in_use = vec![
            ("Community gardening".to_string(), 2),
            ("gardening".to_string(), 9),
        ];
        let found = suggest("gard", &in_use, &starter_terms(), 5);
        assert_eq!(found, ["gardening", "community gardening"]);
        let found = suggest("  SIN", &in_use, &starter_terms(), 5);
        assert_eq!(found[0], "singing");
        assert!(suggest("zzzz", &in_use, &starter_terms(), 5).is_empty());
        assert_eq!(
            suggest("", &in_use, &starter_terms(), 3),
            ["gardening", "community gardening", "baking"]
        );
    }

    #[test]
    fn starter_terms_are_already_in_matching_form_and_unique() {
        for (i, term) in STARTER_TERMS.iter().enumerate() {
            assert_eq!(&normalize(term), term);
            assert!(!STARTER_TERMS[i + 1..].contains(term), "{term} twice");
        }
    }

    #[test]
    fn an_edited_list_is_tidied_and_used_for_suggestions() {
        let list = parse_list("Beekeeping\n  baking \n\nBaking, Tai Chi");
        assert_eq!(list, ["baking", "beekeeping", "tai chi"]);
        assert_eq!(suggest("bee", &[], &list, 5), ["beekeeping"]);
        assert!(
            suggest("yoga", &[], &list, 5).is_empty(),
            "the edited list replaces the shipped one"
        );
    }
}
