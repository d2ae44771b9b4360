//! The main areas of the app, in the order the navigation bar shows them.
//! Plain data so that the navigation, the page titles and the tests agree.

/// One area of the app reachable from the navigation bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    /// The address path the area lives at.
    pub path: &'static str,
    /// The short word under its icon in the navigation bar.
    pub label: &'static str,
    /// The page's heading, and the first part of the window title.
    pub title: &'static str,
    /// The symbol's id in public/icons/kith-icons.svg.
    pub icon: &'static str,
}

pub const SECTIONS: [Section; 6] = [
    Section {
        path: "/",
        label: "Home",
        title: "Skills map",
        icon: "kith",
    },
    Section {
        path: "/map",
        label: "Map",
        title: "Map",
        icon: "map",
    },
    Section {
        path: "/people",
        label: "People",
        title: "People, groups and places",
        icon: "people",
    },
    Section {
        path: "/log",
        label: "Log",
        title: "Activity log",
        icon: "log",
    },
    Section {
        path: "/sync",
        label: "Sync",
        title: "Sync",
        icon: "sync",
    },
    Section {
        path: "/settings",
        label: "Settings",
        title: "Settings",
        icon: "settings",
    },
];

/// The section a path belongs to: its own, or the one it is nested under
/// (`/people/person:…` belongs to People).
pub fn section_for(path: &str) -> Option<&'static Section> {
    let path = path.trim_end_matches('/');
    if path.is_empty() {
        return SECTIONS.first();
    }
    SECTIONS.iter().filter(|s| s.path != "/").find(|s| {
        path == s.path
            || path
                .strip_prefix(s.path)
                .is_some_and(|rest| rest.starts_with('/'))
    })
}

/// The browser window's title for a page: the page first, so that tabs and
/// screen readers announce what changed.
pub fn window_title(page_title: &str) -> String {
    format!("{page_title} · Kith")
}

#[cfg(test)]
mod tests {
    // On wasm32 the same tests run in the browser (scripts/test).
    #[cfg(target_family = "wasm")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn every_section_is_found_at_its_own_path() {
        for s in &SECTIONS {
            assert_eq!(section_for(s.path), Some(s));
        }
    }

    #[test]
    fn nested_paths_belong_to_their_section() {
        assert_eq!(
            section_for("/people/person:1").map(|s| s.label),
            Some("People")
        );
        assert_eq!(section_for("/people/").map(|s| s.label), Some("People"));
        assert_eq!(section_for("").map(|s| s.label), Some("Home"));
        assert_eq!(section_for("/map").map(|s| s.label), Some("Map"));
    }

    #[test]
    fn lookalike_paths_belong_to_no_section() {
        assert_eq!(section_for("/peoplex"), None);
        assert_eq!(section_for("/nowhere"), None);
    }

    #[test]
    fn paths_and_labels_are_unique() {
        for (i, a) in SECTIONS.iter().enumerate() {
            for b in &SECTIONS[i + 1..] {
                assert_ne!(a.path, b.path);
                assert_ne!(a.label, b.label);
            }
        }
    }

    #[test]
    fn window_title_puts_the_page_first() {
        assert_eq!(window_title("Activity log"), "Activity log · Kith");
    }
}
