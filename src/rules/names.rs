//! The words a person's name is read by: honorifics said before it, particles and suffixes
//! inside it, and the capitalised words that end it because they start the next phrase.
//! The officials rules and the offices rules share them.

use super::word_list::WordList;

/// Words said before a name that are not part of it.
pub const HONORIFICS: WordList = WordList::new(&[
    "Dame", "Dr", "Dr.", "Eng.", "Engr.", "H.E.", "Hon.", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.",
    "Prof", "Prof.", "Shri", "Sir", "Smt.",
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
