//! The words a person's name is read by: honorifics said before it, particles and suffixes
//! inside it, the capitalised words that end it because they start the next phrase, and the
//! given names that start one (`dictionaries/given_names.txt`). The officials rules and the
//! offices rules share them.

use super::word_list::WordList;

/// `dictionaries/given_names.txt`: comment lines, then one name a line, sorted (its test
/// checks the order).
const GIVEN_NAMES: &str = include_str!("../../dictionaries/given_names.txt");
/// Where the names starting with byte `b` are in [`GIVEN_NAMES`]: its lines from
/// `GIVEN_FROM[b]` up to `GIVEN_FROM[b + 1]`, found when the program is compiled.
const GIVEN_FROM: [usize; 257] = line_index(GIVEN_NAMES.as_bytes());

/// For each byte `b`, where the first line past the comments whose first byte is `b` or
/// more starts in `bytes` (sorted lines), and `bytes.len()` past the last.
const fn line_index(bytes: &[u8]) -> [usize; 257] {
    let mut from = [0; 257];
    let mut i = 0;
    while i < bytes.len() && bytes[i] == b'#' {
        while i < bytes.len() && bytes[i] != b'\n' {
            i += 1;
        }
        i += 1;
    }
    let mut b = 0;
    while i < bytes.len() {
        while b <= bytes[i] as usize {
            from[b] = i;
            b += 1;
        }
        while i < bytes.len() && bytes[i] != b'\n' {
            i += 1;
        }
        i += 1;
    }
    while b < from.len() {
        from[b] = bytes.len();
        b += 1;
    }
    from
}

/// Whether `word` is a listed given name, as written (`Alexander`, `Sandeep`): a binary
/// search by byte offset among the file's lines that share its first byte, so that nothing
/// is read or built at start-up, which is most of what a run over one article costs.
pub fn is_given_name(word: &str) -> bool {
    let Some(&first) = word.as_bytes().first() else {
        return false;
    };
    let bytes = GIVEN_NAMES.as_bytes();
    let (mut lo, mut hi) = (
        GIVEN_FROM[usize::from(first)],
        GIVEN_FROM[usize::from(first) + 1],
    );
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        // Lines are a few bytes long: plain loops, where a vectorised search costs more to
        // set up.
        let start = bytes[lo..mid]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(lo, |p| lo + p + 1);
        let end = bytes[mid..hi]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(hi, |p| mid + p);
        match word.as_bytes().cmp(&bytes[start..end]) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => hi = start,
            std::cmp::Ordering::Greater => lo = end + 1,
        }
    }
    false
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
/// Words of offices that are no part of a person's name, though they may qualify a title
/// (`Vice Minister`, `Deputy Prime Minister`): a name that reaches one ends before it, so that
/// `Deputy Deputy Deputy` is no one.
pub const OFFICE_WORDS: WordList = WordList::new(&[
    "Acting",
    "Ambassador",
    "Assistant",
    "Deputy",
    "Governor",
    "Prime",
    "Senator",
    "Under",
    "Vice",
]);
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
        assert!(!GIVEN_NAMES.contains('\r'));
        // Every listed name is found, and the words around each are not.
        for name in &lines {
            assert!(is_given_name(name), "{name}");
            assert!(!is_given_name(&format!("{name}x")), "{name}x");
        }
        assert!(!is_given_name("A"));
        assert!(!is_given_name("Zzzzzz"));
        assert!(lines
            .iter()
            .all(|l| l.chars().next().is_some_and(char::is_uppercase) && !l.contains(' ')));
    }
}
