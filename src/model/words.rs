//! Every enum's words, defined once: what forms, pages, reports, CSV
//! headings and sentences call a gift's mode, a connection's status, a
//! kind of record, a consent purpose. Pages never spell these themselves,
//! so "Wants to learn" cannot read "Want to learn" one screen over.
//!
//! Each enum has `ALL` (the order it is offered and listed in) and
//! `label()` (how a choice or a column names it); some also have the form
//! a sentence needs ("offers", "referred to").

use super::conflict::Part;
use super::id::Kind;
use super::record::{
    ConnectionKind, ConnectionStatus, ConsentHow, ContactKind, Field, GiftKind, GiftMode,
    HoursNature, Purpose, Repeats, Visibility, Weekday,
};
use super::search::DayPart;
use crate::sync::setup::AuthMode;

impl Kind {
    /// What one record of the kind is called: "person", "area point".
    pub fn label(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Group => "group",
            Kind::Place => "place",
            Kind::Gift => "gift or need",
            Kind::Activity => "activity",
            Kind::Connection => "connection",
            Kind::Session => "session",
            Kind::Hours => "hours",
            Kind::Area => "area point",
        }
    }

    /// Many of the kind, as a heading or a filter says it: "People".
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Person => "People",
            Kind::Group => "Groups",
            Kind::Place => "Places",
            Kind::Gift => "Gifts and needs",
            Kind::Activity => "Activities",
            Kind::Connection => "Connections",
            Kind::Session => "Sessions",
            Kind::Hours => "Hours",
            Kind::Area => "Area points",
        }
    }

    /// How many, in words: "1 person", "3 people", "2 gifts and needs".
    pub fn counted(self, n: u64) -> String {
        match (n, self) {
            (1, kind) => format!("1 {}", kind.label()),
            (n, Kind::Hours) => format!("{n} hours entries"),
            (n, kind) => format!("{n} {}", kind.plural().to_lowercase()),
        }
    }

    /// How a list that mixes kinds marks one: "Food bank (group)"; a
    /// person's name is said as it is.
    pub fn marked(self, name: &str) -> String {
        match self {
            Kind::Person => name.to_owned(),
            kind => format!("{name} ({})", kind.label()),
        }
    }
}

impl GiftMode {
    pub const ALL: [GiftMode; 4] = [
        GiftMode::Offer,
        GiftMode::Teach,
        GiftMode::Learn,
        GiftMode::Need,
    ];

    /// "Can offer", "Wants to learn": on the form, the page and in filters.
    pub fn label(self) -> &'static str {
        match self {
            GiftMode::Offer => "Can offer",
            GiftMode::Teach => "Can teach",
            GiftMode::Learn => "Wants to learn",
            GiftMode::Need => "Needs",
        }
    }

    /// As a sentence says it after a name: "offers", "wants to learn".
    pub fn verb(self) -> &'static str {
        match self {
            GiftMode::Offer => "offers",
            GiftMode::Teach => "teaches",
            GiftMode::Learn => "wants to learn",
            GiftMode::Need => "needs",
        }
    }

    /// Whether someone is looking for it (a need, or a wish to learn).
    pub fn is_wanted(self) -> bool {
        matches!(self, GiftMode::Learn | GiftMode::Need)
    }
}

impl GiftKind {
    pub const ALL: [GiftKind; 3] = [GiftKind::Head, GiftKind::Hands, GiftKind::Heart];

    pub fn label(self) -> &'static str {
        match self {
            GiftKind::Head => "Head",
            GiftKind::Hands => "Hands",
            GiftKind::Heart => "Heart",
        }
    }

    /// The label with what it means, as the form offers it.
    pub fn explained(self) -> &'static str {
        match self {
            GiftKind::Head => "Head: knows",
            GiftKind::Hands => "Hands: does",
            GiftKind::Heart => "Heart: cares about",
        }
    }
}

impl Visibility {
    pub const ALL: [Visibility; 4] = [
        Visibility::Private,
        Visibility::Team,
        Visibility::Community,
        Visibility::Public,
    ];

    /// Who can see the record: "Only me", "Everyone".
    pub fn label(self) -> &'static str {
        match self {
            Visibility::Private => "Only me",
            Visibility::Team => "My team",
            Visibility::Community => "The community",
            Visibility::Public => "Everyone",
        }
    }
}

impl ConnectionKind {
    pub const ALL: [ConnectionKind; 4] = [
        ConnectionKind::Introduction,
        ConnectionKind::Referral,
        ConnectionKind::Signpost,
        ConnectionKind::FollowUp,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ConnectionKind::Introduction => "Introduction",
            ConnectionKind::Referral => "Referral",
            ConnectionKind::Signpost => "Signpost",
            ConnectionKind::FollowUp => "Follow-up",
        }
    }

    /// As a report's line names many: "Referrals".
    pub fn plural(self) -> &'static str {
        match self {
            ConnectionKind::Introduction => "Introductions",
            ConnectionKind::Referral => "Referrals",
            ConnectionKind::Signpost => "Signposts",
            ConnectionKind::FollowUp => "Follow-ups",
        }
    }

    /// As a sentence says it: "referred to".
    pub fn verb(self) -> &'static str {
        match self {
            ConnectionKind::Introduction => "introduced to",
            ConnectionKind::Referral => "referred to",
            ConnectionKind::Signpost => "signposted to",
            ConnectionKind::FollowUp => "followed up with",
        }
    }
}

impl ConnectionStatus {
    /// In the order a connection goes.
    pub const ALL: [ConnectionStatus; 4] = [
        ConnectionStatus::Suggested,
        ConnectionStatus::Made,
        ConnectionStatus::Attended,
        ConnectionStatus::Declined,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ConnectionStatus::Suggested => "Suggested",
            ConnectionStatus::Made => "Made",
            ConnectionStatus::Attended => "Attended",
            ConnectionStatus::Declined => "Declined",
        }
    }

    /// Within a sentence: "made", "declined".
    pub fn word(self) -> &'static str {
        match self {
            ConnectionStatus::Suggested => "suggested",
            ConnectionStatus::Made => "made",
            ConnectionStatus::Attended => "attended",
            ConnectionStatus::Declined => "declined",
        }
    }
}

impl Purpose {
    /// What the person agrees to, as the form's box and the record say it.
    pub fn label(self) -> &'static str {
        match self {
            Purpose::Store => "Keep their details in Kith",
            Purpose::ShareWithTeam => "Share them with my team",
            Purpose::ShowOnMap => "Show them on the community map",
            Purpose::Export => "Include them in exported files",
        }
    }
}

impl ConsentHow {
    /// The ways the form offers (Other comes only from elsewhere).
    pub const OFFERED: [ConsentHow; 3] = [ConsentHow::Verbal, ConsentHow::Paper, ConsentHow::InApp];

    pub fn label(self) -> &'static str {
        match self {
            ConsentHow::Verbal => "Told me",
            ConsentHow::Paper => "On paper",
            ConsentHow::InApp => "In the app",
            ConsentHow::Other => "Another way",
        }
    }

    /// After "Agreed: …", in brackets: "(told me, 1 Dec 2026)".
    pub fn word(self) -> &'static str {
        match self {
            ConsentHow::Verbal => "told me",
            ConsentHow::Paper => "on paper",
            ConsentHow::InApp => "in the app",
            ConsentHow::Other => "recorded",
        }
    }
}

impl ContactKind {
    /// The "try first" choice: "By phone".
    pub fn label(self) -> &'static str {
        match self {
            ContactKind::Phone => "By phone",
            ContactKind::Email => "By email",
            ContactKind::Address => "By post",
            ContactKind::Other => "The other way",
        }
    }

    /// Before a way a page shows as text: "Post: 3 Hill Road".
    pub fn noun(self) -> &'static str {
        match self {
            ContactKind::Phone => "Phone",
            ContactKind::Email => "Email",
            ContactKind::Address => "Post",
            ContactKind::Other => "Other",
        }
    }
}

impl Field {
    /// The box's label on a form.
    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "Name",
            Field::Phone => "Phone",
            Field::Email => "Email",
        }
    }
}

impl Part {
    /// A field's name, as versions are compared: "Name", "Who received it".
    /// The same words its form and page use.
    pub fn label(self) -> &'static str {
        match self {
            Part::Name => "Name",
            Part::About => "About it",
            Part::Area => "Area",
            Part::Address => "Address",
            Part::Position => "Position",
            Part::Facilities => "Facilities",
            Part::Access => "Access",
            Part::Languages => "Languages they speak",
            Part::AccessNeeds => "Access needs",
            Part::Notes => "Notes",
            Part::Contact(ContactKind::Phone) => "Phone",
            Part::Contact(ContactKind::Email) => "Email",
            Part::Contact(ContactKind::Address) => "Postal address",
            Part::Contact(ContactKind::Other) => "Another way",
            Part::Agreed => "Agreed to",
            Part::Owner => "Whose it is",
            Part::GiftMode => "This is",
            Part::GiftKind => "Kind",
            Part::Skills => "Skills",
            Part::Tags => "Tags",
            Part::InTheirWords => "In their words",
            Part::Availability => "When",
            Part::Expires => "Until",
            Part::Group => "Group",
            Part::Place => "Where",
            Part::Schedule => "When it is on",
            Part::From => "Who was connected",
            Part::To => "To whom or what",
            Part::ConnectionKind => "How",
            Part::Status => "Where it stands",
            Part::Need => "The need it answers",
            Part::Activity => "Activity",
            Part::Giver => "Who gave the time",
            Part::Receivers => "Who received it",
            Part::Time => "How long",
            Part::ForWhat => "For a gift or activity",
            Part::Nature => "Counted as",
            Part::Date => "Date",
            Part::Due => "Follow up by",
            Part::Came => "How many came",
            Part::Attendees => "Who came",
            Part::Note => "Note",
            Part::Visibility => "Who can see it",
        }
    }
}

impl HoursNature {
    pub const ALL: [HoursNature; 2] = [HoursNature::Volunteering, HoursNature::Exchange];

    pub fn label(self) -> &'static str {
        match self {
            HoursNature::Volunteering => "Volunteering",
            HoursNature::Exchange => "Timebank exchange",
        }
    }

    /// Within a sentence: "(volunteering)".
    pub fn word(self) -> &'static str {
        match self {
            HoursNature::Volunteering => "volunteering",
            HoursNature::Exchange => "timebank exchange",
        }
    }
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Weekday::Monday => "Monday",
            Weekday::Tuesday => "Tuesday",
            Weekday::Wednesday => "Wednesday",
            Weekday::Thursday => "Thursday",
            Weekday::Friday => "Friday",
            Weekday::Saturday => "Saturday",
            Weekday::Sunday => "Sunday",
        }
    }

    /// Every one of the day, as a sentence says it: "Available on Tuesdays".
    pub fn plural(self) -> &'static str {
        match self {
            Weekday::Monday => "Mondays",
            Weekday::Tuesday => "Tuesdays",
            Weekday::Wednesday => "Wednesdays",
            Weekday::Thursday => "Thursdays",
            Weekday::Friday => "Fridays",
            Weekday::Saturday => "Saturdays",
            Weekday::Sunday => "Sundays",
        }
    }
}

impl DayPart {
    pub const ALL: [DayPart; 3] = [DayPart::Morning, DayPart::Afternoon, DayPart::Evening];

    pub fn label(self) -> &'static str {
        match self {
            DayPart::Morning => "Morning",
            DayPart::Afternoon => "Afternoon",
            DayPart::Evening => "Evening",
        }
    }

    /// Within a sentence, every one of them: "in the mornings", "Tuesday
    /// evenings".
    pub fn plural(self) -> &'static str {
        match self {
            DayPart::Morning => "mornings",
            DayPart::Afternoon => "afternoons",
            DayPart::Evening => "evenings",
        }
    }
}

impl Repeats {
    /// Within a sentence: "weekly"; blank for a one-off.
    pub fn word(self) -> &'static str {
        match self {
            Repeats::Once => "",
            Repeats::Weekly => "weekly",
            Repeats::Fortnightly => "fortnightly",
            Repeats::Monthly => "monthly",
        }
    }
}

impl AuthMode {
    pub const ALL: [AuthMode; 2] = [AuthMode::Basic, AuthMode::Cookie];

    /// How Kith signs in to the team's server, as the Sync page offers it.
    pub fn label(self) -> &'static str {
        match self {
            AuthMode::Basic => "User name and password",
            AuthMode::Cookie => "A cookie session",
        }
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_family = "wasm")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn every_choice_is_offered_once_with_its_own_label() {
        fn distinct(labels: Vec<&str>) {
            let mut seen = labels.clone();
            seen.sort();
            seen.dedup();
            assert_eq!(seen.len(), labels.len(), "{labels:?}");
            assert!(labels.iter().all(|l| !l.is_empty()));
        }
        distinct(GiftMode::ALL.map(GiftMode::label).to_vec());
        distinct(GiftMode::ALL.map(GiftMode::verb).to_vec());
        distinct(GiftKind::ALL.map(GiftKind::label).to_vec());
        distinct(Visibility::ALL.map(Visibility::label).to_vec());
        distinct(ConnectionKind::ALL.map(ConnectionKind::label).to_vec());
        distinct(ConnectionKind::ALL.map(ConnectionKind::plural).to_vec());
        distinct(ConnectionStatus::ALL.map(ConnectionStatus::label).to_vec());
        distinct(Purpose::ALL.map(Purpose::label).to_vec());
        distinct(Kind::ALL.map(Kind::label).to_vec());
        distinct(Kind::ALL.map(Kind::plural).to_vec());
        distinct(Weekday::ALL.map(Weekday::label).to_vec());
        distinct(Weekday::ALL.map(Weekday::plural).to_vec());
        distinct(DayPart::ALL.map(DayPart::label).to_vec());
        distinct(DayPart::ALL.map(DayPart::plural).to_vec());
        let ways = [
            ContactKind::Phone,
            ContactKind::Email,
            ContactKind::Address,
            ContactKind::Other,
        ];
        distinct(ways.map(ContactKind::label).to_vec());
        distinct(ways.map(ContactKind::noun).to_vec());
        distinct(
            [Field::Name, Field::Phone, Field::Email]
                .map(Field::label)
                .to_vec(),
        );
    }

    #[test]
    fn a_word_within_a_sentence_is_its_label_in_lower_case() {
        for s in ConnectionStatus::ALL {
            assert_eq!(s.word(), s.label().to_lowercase());
        }
        for n in HoursNature::ALL {
            assert_eq!(n.word(), n.label().to_lowercase());
        }
        for m in GiftMode::ALL {
            assert_eq!(m.is_wanted(), matches!(m, GiftMode::Learn | GiftMode::Need));
        }
        for d in Weekday::ALL {
            assert_eq!(d.plural(), format!("{}s", d.label()));
        }
        for p in DayPart::ALL {
            assert_eq!(p.plural(), format!("{}s", p.label().to_lowercase()));
        }
    }

    #[test]
    fn counts_are_said_in_the_singular_and_plural() {
        assert_eq!(Kind::Person.counted(1), "1 person");
        assert_eq!(Kind::Person.counted(3), "3 people");
        assert_eq!(Kind::Gift.counted(1), "1 gift or need");
        assert_eq!(Kind::Gift.counted(0), "0 gifts and needs");
        assert_eq!(Kind::Group.counted(2), "2 groups");
    }

    #[test]
    fn a_mixed_list_marks_all_but_people() {
        assert_eq!(Kind::Person.marked("Amina Begum"), "Amina Begum");
        assert_eq!(Kind::Group.marked("Food bank"), "Food bank (group)");
        assert_eq!(
            Kind::Activity.marked("Friday singing"),
            "Friday singing (activity)"
        );
    }
}
