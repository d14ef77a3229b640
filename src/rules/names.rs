//! The words a person's name is read by: honorifics said before it, particles and suffixes
//! inside it, the capitalised words that end it because they start the next phrase, and the
//! given names that start one (`dictionaries/given_names.txt`). The officials rules and the
//! offices rules share them.

use std::sync::LazyLock;

use super::word_list::WordList;

/// The given names of `dictionaries/given_names.txt`, sorted as the file is (its test checks
/// the order): read when a rule first asks, as most articles never do.
static GIVEN_NAMES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    include_str!("../../dictionaries/given_names.txt")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// Whether `word` is a listed given name, as written (`Alexander`, `Sandeep`).
pub fn is_given_name(word: &str) -> bool {
    GIVEN_NAMES.binary_search(&word).is_ok()
}

/// Words said before a name that are not part of it.
/// Military ranks' abbreviations are among them: a title word before them (`director-general
/// Col. Ann Bell`) names the person after the rank, not the rank.
pub const HONORIFICS: WordList = WordList::new(&[
    "Adm.", "Brig.", "Capt.", "Col.", "Dame", "Dr", "Dr.", "Eng.", "Engr.", "Gen.", "H.E.", "Hon.",
    "Lt.", "Maj.", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Prof", "Prof.", "Shri", "Sir", "Smt.",
]);
/// The length of the longest honorific, so that a search for one ends there.
pub const HONORIFIC_LEN: usize = longest(HONORIFICS.words);

const fn longest(list: &[&str]) -> usize {
    let (mut i, mut most) = (0, 0);
    while i < list.len() {
        if list[i].len() > most {
            most = list[i].len();
        }
        i += 1;
    }
    most
}

/// Lower-case particles inside names (`Ahmad bin Abdullah`, `Simonetta di Pippo`).
pub const PARTICLES: WordList = WordList::new(&[
    "al", "bin", "bint", "binti", "da", "das", "de", "del", "den", "der", "di", "dos", "du", "el",
    "ibn", "la", "le", "van", "von", "y",
]);
pub const SUFFIXES: WordList = WordList::new(&["II", "III", "IV", "Jr", "Jr.", "Sr", "Sr."]);
/// Capitalised words that end a name: they start the next phrase, not a person.
pub const STOP: WordList = WordList::new(&[
    "A",
    "Administration",
    "Agency",
    "An",
    "And",
    "April",
    "As",
    "At",
    "August",
    "Base",
    "But",
    "By",
    "Center",
    "Centre",
    "Chairman",
    "Chief",
    "Command",
    "Commission",
    "Corporation",
    "Council",
    "December",
    "Department",
    "Director",
    "February",
    "For",
    "Force",
    "Friday",
    "From",
    "General",
    "Government",
    "Group",
    "Had",
    "Has",
    "He",
    "Her",
    "His",
    "I",
    "In",
    "Inc",
    "Institute",
    "International",
    "Is",
    "It",
    "Its",
    "January",
    "July",
    "June",
    "Ltd",
    "March",
    "May",
    "Minister",
    "Ministry",
    "Monday",
    "National",
    "November",
    "October",
    "Of",
    "Office",
    "On",
    "Our",
    "President",
    "Said",
    "Saturday",
    "Says",
    "Secretary",
    "September",
    "She",
    "Space",
    "State",
    "Station",
    "Sunday",
    "That",
    "The",
    "Their",
    "These",
    "They",
    "This",
    "Thursday",
    "To",
    "Tuesday",
    "University",
    "Was",
    "We",
    "Wednesday",
    "Will",
    "With",
]);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_names() {
        // (word, whether a listed given name)
        let rows: &[(&str, bool)] = &[
            ("Alexander", true),
            ("Sandeep", true),
            ("Dmitry", true),
            ("Hiroshi", true),
            ("Abdullah", true),
            ("alexander", false),
            ("Mission", false),
            ("Control", false),
            ("Will", false),
            ("Georgia", false),
            ("", false),
        ];
        for (word, want) in rows {
            assert_eq!(is_given_name(word), *want, "{word}");
        }
    }

    #[test]
    fn given_names_file_is_sorted_and_clean() {
        let lines: Vec<&str> = include_str!("../../dictionaries/given_names.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .collect();
        assert!(lines.len() > 3000);
        assert!(lines.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
        assert!(lines
            .iter()
            .all(|l| l.chars().next().is_some_and(char::is_uppercase) && !l.contains(' ')));
    }
}
