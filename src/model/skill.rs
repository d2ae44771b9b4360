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
}
