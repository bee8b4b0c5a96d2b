//! Trust that is checked: before 信任此设备 the person confirms they compared the fingerprint
//! by phone, by typing its last four characters; and the unit's contact (联系人 and phone),
//! carried signed in its files, says whom to call.

use serde::{Deserialize, Serialize};

/// How many characters of the fingerprint are typed to confirm it was compared.
pub const CONFIRM_CHARS: usize = 4;
/// Longest contact name, in characters.
pub const MAX_CONTACT_NAME_CHARS: usize = 20;
/// Fewest and most digits in a phone number (an extension included).
pub use crate::ledger::event::PHONE_DIGITS;

/// The characters typed, read as the fingerprint's alphabet reads them: letters in capitals,
/// O as 0, I and L as 1 (Crockford), spaces and dashes left out.
fn normalise(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '－')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect()
}

/// Whether `typed` is the last [`CONFIRM_CHARS`] characters of `fingerprint` (as read over the
/// phone: case, spaces and dashes do not matter; O, I and L read as 0, 1 and 1).
pub fn confirms(fingerprint: &str, typed: &str) -> bool {
    let wanted: Vec<char> = normalise(fingerprint).chars().collect();
    let typed = normalise(typed);
    wanted.len() >= CONFIRM_CHARS
        && typed.chars().count() == CONFIRM_CHARS
        && typed
            .chars()
            .eq(wanted[wanted.len() - CONFIRM_CHARS..].iter().copied())
}

/// Whom to call about a device: its unit's contact person (联系人) and phone number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// The person's name, 1–20 characters, one line.
    pub name: String,
    /// The phone number: digits with `+`, spaces, `-`, parentheses and `转` (extension).
    pub phone: String,
}

/// Why a contact cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactProblem {
    /// The name is empty, too long, or holds a line break or control or bidi character.
    Name,
    /// The phone number holds other characters or too few or too many digits.
    Phone,
}

impl Contact {
    /// A contact from what was typed (trimmed), checked.
    pub fn new(name: &str, phone: &str) -> Result<Contact, ContactProblem> {
        let contact = Contact {
            name: name.trim().to_string(),
            phone: phone.trim().to_string(),
        };
        contact.check().map(|()| contact)
    }

    /// The rules of a contact, here and in received files alike.
    pub fn check(&self) -> Result<(), ContactProblem> {
        use crate::ledger::event::{is_bidi_control, is_invisible, is_refused_control};
        let name = &self.name;
        if name.trim() != name
            || name.chars().all(is_invisible)
            || name.chars().count() > MAX_CONTACT_NAME_CHARS
            || name
                .chars()
                .any(|c| c.is_control() || is_refused_control(c) || is_bidi_control(c))
        {
            return Err(ContactProblem::Name);
        }
        // The one rule of a phone number, shared with the 落实方案's contact.
        if !crate::ledger::event::phone_ok(&self.phone) {
            return Err(ContactProblem::Phone);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_four_characters_confirm_as_read_over_the_phone() {
        let fp = "7K3Q-M9XD-2H4T-RB0C";
        assert!(confirms(fp, "RB0C"));
        assert!(confirms(fp, "rb0c"));
        assert!(confirms(fp, " rbOc "), "O is read as zero");
        assert!(confirms(fp, "RB-0C"));
        assert!(!confirms(fp, "RB8C"));
        assert!(!confirms(fp, "B0C"), "three are not enough");
        assert!(!confirms(fp, "TRB0C"), "five are not asked for");
        assert!(!confirms(fp, "7K3Q"), "the first four are not the last");
        assert!(!confirms(fp, ""));
        assert!(confirms("AAAA-BBBB-CCCC-D1L1", "d1i1"), "I and L are one");
    }

    #[test]
    fn contacts_are_one_line_names_and_phone_numbers() {
        assert!(Contact::new(" 张三 ", "0755-8391 2345").is_ok());
        assert!(Contact::new("李四", "+86 138 0013 8000").is_ok());
        assert!(Contact::new("王五", "(0755) 83912345转123").is_ok());
        assert_eq!(Contact::new("", "13800138000"), Err(ContactProblem::Name));
        assert_eq!(
            Contact::new("\u{200b}", "13800138000"),
            Err(ContactProblem::Name)
        );
        assert_eq!(
            Contact::new("张\n三", "13800138000"),
            Err(ContactProblem::Name)
        );
        assert_eq!(
            Contact::new(&"长".repeat(21), "13800138000"),
            Err(ContactProblem::Name)
        );
        assert_eq!(Contact::new("张三", "12"), Err(ContactProblem::Phone));
        assert_eq!(Contact::new("张三", "call me"), Err(ContactProblem::Phone));
        assert_eq!(
            Contact::new("张三", &"1".repeat(21)),
            Err(ContactProblem::Phone)
        );
    }
}
