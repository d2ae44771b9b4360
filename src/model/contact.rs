//! Contact details that are what they say: an email address is one
//! address, a phone number only what a phone can dial. The links a page
//! makes (`mailto:`, `tel:`) are built from the parsed value, never from
//! the text as typed, so a `?cc=` riding along in an "address" cannot add
//! a recipient and a `javascript:` cannot become a link at all.

use std::fmt::{self, Write};

use super::record::ContactKind;

/// A character that is not what it seems: one that cannot be seen, or a
/// look-alike of a plain one ("＠" for "@"), usually pasted from
/// elsewhere and sometimes put there to pass one address off as another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disguise {
    /// A zero-width space, a direction mark, a soft hyphen, a control
    /// character…
    Hidden,
    /// `typed` only looks like `like`.
    LookAlike { typed: char, like: char },
}

impl fmt::Display for Disguise {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Disguise::Hidden => f.write_str("a hidden character"),
            Disguise::LookAlike { typed, like } => {
                write!(f, "“{typed}”, which only looks like “{like}”,")
            }
        }
    }
}

/// Why what was typed is not an email address, in words for the person
/// who typed it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("An email address looks like name@example.org.")]
    NoAt,
    #[error(
        "An email address has one @, like name@example.org. For a second address, use Another way."
    )]
    ManyAts,
    #[error("An email address has a name before the @, like name@example.org.")]
    NothingBeforeAt,
    #[error("After the @ an email address has a domain with a dot, like example.org.")]
    NoDomain,
    #[error("An email address has no spaces in it.")]
    Space,
    /// Each character that has no place in an address, once, in order.
    #[error("An email address cannot have {} in it.", listed(.0))]
    Forbidden(Vec<char>),
    #[error("An email address cannot have {0} in it. Type it again by hand.")]
    Disguised(Disguise),
    #[error(
        "This address mixes alphabets (a Cyrillic or Greek letter among Latin ones), so it may not be the address it looks like. Type it again by hand."
    )]
    MixedAlphabets,
}

/// Why what was typed is not a phone number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    /// A letter, or anything else a phone cannot dial.
    #[error("A phone number has only digits, spaces and a + at the start.")]
    NotDialable,
    /// A digit of another script ("٠٧٧", "²"): a link dials 0 to 9 only.
    #[error("Type a phone number with the digits 0 to 9.")]
    OtherDigits,
    #[error("A phone number has at least 6 digits.")]
    TooFewDigits,
    #[error("A phone number has at most 15 digits.")]
    TooManyDigits,
    #[error("A phone number cannot have {0} in it. Type it again by hand.")]
    Disguised(Disguise),
}

/// "“/”, “?” or “&”".
fn listed(chars: &[char]) -> String {
    let quoted: Vec<String> = chars.iter().map(|c| format!("“{c}”")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

/// What ends or escapes an address in a link or a mail header: `?` starts
/// a mailto's fields (cc, bcc, body), `&`, `,` and `;` add more, `/`, `\`
/// and `:` make paths and schemes, `<>"()[]` quote, comment and bracket
/// (RFC 5322), and `%` escapes (a `%3F` can turn into a `?`).
const NOT_IN_EMAIL: [char; 15] = [
    '?', '&', '/', '\\', ',', ';', ':', '<', '>', '"', '(', ')', '[', ']', '%',
];

/// A checked email address: one @, a name before it, a domain with a dot
/// after it, nothing that could add a recipient or a field to its link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// The address in `typed`, trimmed, or why it is not one.
    pub fn parse(typed: &str) -> Result<Email, EmailError> {
        let text = typed.trim();
        if let Some(disguise) = text.chars().find_map(disguise) {
            return Err(EmailError::Disguised(disguise));
        }
        if text.chars().any(char::is_whitespace) {
            return Err(EmailError::Space);
        }
        let mut forbidden: Vec<char> = Vec::new();
        for c in text.chars().filter(|c| NOT_IN_EMAIL.contains(c)) {
            if !forbidden.contains(&c) {
                forbidden.push(c);
            }
        }
        if !forbidden.is_empty() {
            return Err(EmailError::Forbidden(forbidden));
        }
        let (name, domain) = text.split_once('@').ok_or(EmailError::NoAt)?;
        if domain.contains('@') {
            return Err(EmailError::ManyAts);
        }
        if name.is_empty() {
            return Err(EmailError::NothingBeforeAt);
        }
        let labels: Vec<&str> = domain.split('.').collect();
        let label_ok = |label: &&str| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        };
        if labels.len() < 2 || !labels.iter().all(label_ok) {
            return Err(EmailError::NoDomain);
        }
        if mixes_alphabets(name) || mixes_alphabets(domain) {
            return Err(EmailError::MixedAlphabets);
        }
        Ok(Email(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `mailto:` and the address, every character outside RFC 6068's
    /// plain ones percent-encoded (UTF-8 bytes for letters beyond ASCII).
    pub fn link(&self) -> String {
        let mut href = String::from("mailto:");
        for byte in self.0.bytes() {
            if byte.is_ascii_alphanumeric() || b"-._~!$'*+@".contains(&byte) {
                href.push(char::from(byte));
            } else {
                let _ = write!(href, "%{byte:02X}");
            }
        }
        href
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A checked phone number: as typed (spaces tidied) for people to read,
/// and the digits (and a leading +) a phone dials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    shown: String,
    dial: String,
}

impl Phone {
    /// The number in `typed`: digits, one + at the start, and the spaces,
    /// hyphens, dots and brackets people write numbers with.
    pub fn parse(typed: &str) -> Result<Phone, PhoneError> {
        let shown = typed.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(disguise) = shown.chars().find_map(disguise) {
            return Err(PhoneError::Disguised(disguise));
        }
        let rest = shown.strip_prefix('+');
        let international = rest.is_some();
        let rest = rest.unwrap_or(&shown);
        if let Some(odd) = rest
            .chars()
            .find(|c| !c.is_ascii_digit() && !" -.()".contains(*c))
        {
            return Err(if odd.is_numeric() {
                PhoneError::OtherDigits
            } else {
                PhoneError::NotDialable
            });
        }
        // "+44 (0)7700 900123": the 0 in brackets is dialled only from
        // inside the country, so a link leaves it out.
        let dialled = if international {
            rest.replacen("(0)", "", 1)
        } else {
            rest.to_owned()
        };
        let digits: String = dialled.chars().filter(char::is_ascii_digit).collect();
        match digits.len() {
            ..6 => Err(PhoneError::TooFewDigits),
            16.. => Err(PhoneError::TooManyDigits),
            _ => Ok(Phone {
                dial: if international {
                    format!("+{digits}")
                } else {
                    digits
                },
                shown,
            }),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.shown
    }

    /// `tel:` and the digits: "tel:+447700900123".
    pub fn link(&self) -> String {
        format!("tel:{}", self.dial)
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.shown)
    }
}

/// The link that reaches a saved way to contact someone, made from its
/// parsed value: `None` for a postal address or another way, and for a
/// value that does not parse (saved by an older version, or read from a
/// file), which a page shows as text.
pub fn link(kind: ContactKind, value: &str) -> Option<String> {
    match kind {
        ContactKind::Phone => Phone::parse(value).ok().map(|p| p.link()),
        ContactKind::Email => Email::parse(value).ok().map(|e| e.link()),
        ContactKind::Address | ContactKind::Other => None,
    }
}

/// Whether `c` is not what it seems, and how.
fn disguise(c: char) -> Option<Disguise> {
    if is_hidden(c) {
        return Some(Disguise::Hidden);
    }
    let like = match c {
        // Fullwidth forms: "＠", "？", "ａ", "０"…
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0)?,
        // Small forms.
        '\u{FE50}' => ',',
        '\u{FE52}' => '.',
        '\u{FE54}' => ';',
        '\u{FE55}' => ':',
        '\u{FE56}' => '?',
        '\u{FE59}' => '(',
        '\u{FE5A}' => ')',
        '\u{FE5F}' => '#',
        '\u{FE60}' => '&',
        '\u{FE62}' => '+',
        '\u{FE63}' => '-',
        '\u{FE64}' => '<',
        '\u{FE65}' => '>',
        '\u{FE66}' => '=',
        '\u{FE68}' => '\\',
        '\u{FE6A}' => '%',
        '\u{FE6B}' => '@',
        // A Greek question mark, colons of other scripts and of maths.
        '\u{37E}' => ';',
        '\u{589}' | '\u{2236}' | '\u{A789}' => ':',
        // Full stops that domain names treat as dots, and a dot leader.
        '\u{3002}' | '\u{FF61}' | '\u{2024}' => '.',
        // Slashes, hyphens and dashes.
        '\u{2044}' | '\u{2215}' | '\u{29F8}' => '/',
        '\u{2216}' | '\u{29F5}' | '\u{29F9}' => '\\',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        _ => return None,
    };
    Some(Disguise::LookAlike { typed: c, like })
}

/// Invisible characters: controls (other than white space, which is
/// refused or tidied as such), format characters (zero-width, direction
/// marks and overrides, tags), fillers and variation selectors.
fn is_hidden(c: char) -> bool {
    (c.is_control() && !c.is_whitespace())
        || matches!(
            c,
            '\u{AD}'
                | '\u{34F}'
                | '\u{61C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF0}'..='\u{FFFB}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

/// The alphabets whose letters pass for each other ("а" and "a", "ο" and
/// "o").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Alphabet {
    Latin,
    Greek,
    Cyrillic,
}

fn alphabet(c: char) -> Option<Alphabet> {
    if !c.is_alphabetic() {
        return None;
    }
    match c {
        'a'..='z' | 'A'..='Z' | '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' => {
            Some(Alphabet::Latin)
        }
        '\u{370}'..='\u{3FF}' | '\u{1F00}'..='\u{1FFF}' => Some(Alphabet::Greek),
        '\u{400}'..='\u{52F}' | '\u{1C80}'..='\u{1C8F}' | '\u{2DE0}'..='\u{2DFF}' => {
            Some(Alphabet::Cyrillic)
        }
        _ => None,
    }
}

/// Whether letters of more than one of Latin, Greek and Cyrillic stand in
/// one part of an address: "exаmple.org" with a Cyrillic "а", or a whole
/// Cyrillic "аррӏе" before ".com". One alphabet alone, or with any other
/// script, is a real address.
fn mixes_alphabets(part: &str) -> bool {
    let mut seen = part.chars().filter_map(alphabet);
    seen.next()
        .is_some_and(|first| seen.any(|other| other != first))
}

#[cfg(test)]
mod tests {
    // On wasm32 the same tests run in the browser (scripts/test).
    #[cfg(target_family = "wasm")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn email_error(typed: &str) -> EmailError {
        Email::parse(typed).expect_err(typed)
    }

    fn phone_error(typed: &str) -> PhoneError {
        Phone::parse(typed).expect_err(typed)
    }

    #[test]
    fn an_address_is_kept_trimmed_and_links_to_itself_alone() {
        let email = Email::parse("  amina.begum+kith@example.org ").unwrap();
        assert_eq!(email.as_str(), "amina.begum+kith@example.org");
        assert_eq!(email.link(), "mailto:amina.begum+kith@example.org");
        let irish = Email::parse("sean.o'brien@mail.example.ie").unwrap();
        assert_eq!(irish.link(), "mailto:sean.o'brien@mail.example.ie");
    }

    #[test]
    fn a_cc_or_body_riding_along_is_refused_with_every_character_named() {
        let attack = "x//@example.org?cc=someone@else.example&body=Hello";
        let refused = email_error(attack);
        assert_eq!(refused, EmailError::Forbidden(vec!['/', '?', '&']));
        assert_eq!(
            refused.to_string(),
            "An email address cannot have “/”, “?” or “&” in it."
        );
        assert_eq!(
            link(ContactKind::Email, attack),
            None,
            "no link is made of it"
        );
        for (typed, chars) in [
            ("a@example.org?bcc=b@example.org", vec!['?']),
            ("a@example.org,b@example.org", vec![',']),
            ("a@example.org;b@example.org", vec![';']),
            ("Amina<a@example.org>", vec!['<', '>']),
            ("a%3Fcc%3Db@example.org", vec!['%']),
            ("\"ab\"@example.org", vec!['"']),
            ("a@[127.0.0.1]", vec!['[', ']']),
            ("a\\b@example.org", vec!['\\']),
        ] {
            assert_eq!(email_error(typed), EmailError::Forbidden(chars), "{typed}");
        }
        assert_eq!(
            EmailError::Forbidden(vec![':']).to_string(),
            "An email address cannot have “:” in it."
        );
    }

    #[test]
    fn a_script_is_never_an_address() {
        for typed in [
            "javascript:alert(1)",
            "javascript:alert(1)//@example.org",
            "mailto:a@example.org",
            "data:text/html,<script>alert(1)</script>@example.org",
        ] {
            assert!(
                matches!(email_error(typed), EmailError::Forbidden(ref c) if c.contains(&':')),
                "{typed}"
            );
            assert_eq!(link(ContactKind::Email, typed), None);
            assert_eq!(link(ContactKind::Phone, typed), None);
        }
    }

    #[test]
    fn each_way_of_not_being_an_address_says_what_one_looks_like() {
        assert_eq!(email_error(""), EmailError::NoAt);
        assert_eq!(email_error("amina.example.org"), EmailError::NoAt);
        assert_eq!(
            email_error("amina.example.org").to_string(),
            "An email address looks like name@example.org."
        );
        assert_eq!(email_error("a@b@example.org"), EmailError::ManyAts);
        assert_eq!(email_error("@example.org"), EmailError::NothingBeforeAt);
        for typed in [
            "amina@",
            "amina@localhost",
            "amina@example.",
            "amina@.org",
            "amina@example..org",
            "amina@-example.org",
            "amina@exa_mple.org",
            "amina@example.org=",
        ] {
            assert_eq!(email_error(typed), EmailError::NoDomain, "{typed}");
        }
        assert_eq!(email_error("amina begum@example.org"), EmailError::Space);
        assert_eq!(
            email_error("amina@example.org\nBcc: b@example.org"),
            EmailError::Space,
            "a new line never starts a header"
        );
        assert_eq!(
            email_error("amina\u{a0}begum@example.org"),
            EmailError::Space
        );
    }

    #[test]
    fn hidden_and_look_alike_characters_are_refused_by_name() {
        let hidden = [
            "am\u{200B}ina@example.org",
            "amina@exam\u{AD}ple.org",
            "\u{202E}gro.elpmaxe@anima",
            "amina@example.org\u{E0041}",
            "am\u{7}ina@example.org",
            "\u{FEFF}amina@example.org",
        ];
        for typed in hidden {
            assert_eq!(
                email_error(typed),
                EmailError::Disguised(Disguise::Hidden),
                "{typed:?}"
            );
            assert_eq!(link(ContactKind::Email, typed), None);
        }
        assert_eq!(
            email_error("x\u{200D}@example.org").to_string(),
            "An email address cannot have a hidden character in it. Type it again by hand."
        );
        for (typed, bad, like) in [
            ("amina＠example.org", '＠', '@'),
            ("amina@example.org？cc=b@example.org", '？', '?'),
            ("amina@example。org", '。', '.'),
            ("amina@example.org﹠body=x", '﹠', '&'),
            ("amina∕x@example.org", '∕', '/'),
            ("ａmina@example.org", 'ａ', 'a'),
        ] {
            assert_eq!(
                email_error(typed),
                EmailError::Disguised(Disguise::LookAlike { typed: bad, like }),
                "{typed}"
            );
        }
        assert_eq!(
            email_error("amina＠example.org").to_string(),
            "An email address cannot have “＠”, which only looks like “@”, in it. Type it again by hand."
        );
    }

    #[test]
    fn a_cyrillic_or_greek_letter_among_latin_ones_is_refused() {
        for typed in [
            "amina@exаmple.org", // Cyrillic а
            "amina@аррӏе.com",   // all Cyrillic before a Latin ending
            "amina@gοοgle.com",  // Greek ο
            "аmina@example.org", // Cyrillic а in the name
        ] {
            assert_eq!(email_error(typed), EmailError::MixedAlphabets, "{typed}");
        }
        // One alphabet alone, or another script beside Latin, is an address.
        for typed in [
            "иван@пример.рф",
            "zoë@example.org",
            "محمد@example.org",
            "amina@例え.jp",
            "amina@xn--e1afmkfd.xn--p1ai",
        ] {
            assert!(Email::parse(typed).is_ok(), "{typed}");
        }
    }

    #[test]
    fn a_link_percent_encodes_what_a_url_would_read_otherwise() {
        let at = |typed: &str| Email::parse(typed).unwrap().link();
        assert_eq!(at("a#b@example.org"), "mailto:a%23b@example.org");
        assert_eq!(at("a=b@example.org"), "mailto:a%3Db@example.org");
        assert_eq!(at("a{b}|c@example.org"), "mailto:a%7Bb%7D%7Cc@example.org");
        assert_eq!(at("zoë@example.org"), "mailto:zo%C3%AB@example.org");
        assert_eq!(
            link(ContactKind::Email, " zoë@example.org "),
            Some("mailto:zo%C3%AB@example.org".into())
        );
    }

    #[test]
    fn a_phone_number_dials_its_digits_and_a_leading_plus_only() {
        let cases = [
            ("07700 900123", "07700 900123", "tel:07700900123"),
            ("+44 7700 900123", "+44 7700 900123", "tel:+447700900123"),
            (
                "+44 (0)7700 900123",
                "+44 (0)7700 900123",
                "tel:+447700900123",
            ),
            ("(01246) 345-678", "(01246) 345-678", "tel:01246345678"),
            ("  01246.345.678 ", "01246.345.678", "tel:01246345678"),
            ("07700\u{a0}900\t123", "07700 900 123", "tel:07700900123"),
            ("999 999", "999 999", "tel:999999"),
        ];
        for (typed, shown, href) in cases {
            let phone = Phone::parse(typed).unwrap();
            assert_eq!((phone.as_str(), phone.link().as_str()), (shown, href));
            assert_eq!(link(ContactKind::Phone, typed).as_deref(), Some(href));
        }
    }

    #[test]
    fn letters_and_anything_else_are_not_a_phone_number() {
        for typed in [
            "07700 CALL ME",
            "07700 900123 ext 4",
            "tel:07700900123",
            "javascript:alert(1)",
            "07700 900123?body=x",
            "07700+900123",
            "07700 900123, 07700 900456",
            "0770O 900123",
            "#31#07700900123",
            "*67 07700 900123",
        ] {
            assert_eq!(phone_error(typed), PhoneError::NotDialable, "{typed}");
            assert_eq!(link(ContactKind::Phone, typed), None);
        }
        assert_eq!(
            phone_error("07700 CALL ME").to_string(),
            "A phone number has only digits, spaces and a + at the start."
        );
        assert_eq!(phone_error("٠٧٧٠٠ ٩٠٠١٢٣"), PhoneError::OtherDigits);
        assert_eq!(phone_error("07700 900১২৩"), PhoneError::OtherDigits);
        assert_eq!(
            phone_error("０７７００ ９００１２３"),
            PhoneError::Disguised(Disguise::LookAlike {
                typed: '０',
                like: '0'
            })
        );
        assert_eq!(
            phone_error("07700\u{200B}900123"),
            PhoneError::Disguised(Disguise::Hidden)
        );
        assert_eq!(
            phone_error("07700–900123").to_string(),
            "A phone number cannot have “–”, which only looks like “-”, in it. Type it again by hand."
        );
    }

    #[test]
    fn a_phone_number_has_from_6_to_15_digits() {
        assert_eq!(phone_error("12345"), PhoneError::TooFewDigits);
        assert_eq!(phone_error("+"), PhoneError::TooFewDigits);
        assert_eq!(phone_error("(0)"), PhoneError::TooFewDigits);
        assert_eq!(
            phone_error("+44 (0)123").to_string(),
            "A phone number has at least 6 digits."
        );
        assert!(Phone::parse("+44 20 7946 0958 123").is_ok(), "15 digits");
        assert_eq!(
            phone_error("+44 20 7946 0958 1234"),
            PhoneError::TooManyDigits
        );
    }

    #[test]
    fn a_postal_address_or_another_way_is_never_a_link() {
        assert_eq!(link(ContactKind::Address, "3 Hill Road"), None);
        assert_eq!(link(ContactKind::Other, "07700 900123"), None);
        assert_eq!(link(ContactKind::Other, "a@example.org"), None);
    }
}
