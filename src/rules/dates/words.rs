//! The word lists of the date rules: month and weekday names, the words a date may start
//! with, and the words around a number or a month that say whether it is a time, a count or a
//! name, and which way a sentence points in time.

use crate::rules::word_list::WordList;

pub(super) const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

pub(super) const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The words besides [`WEEKDAYS`] a date may start with: month names, full and abbreviated,
/// and `fiscal`.
pub(super) const TRIGGER_WORDS: WordList = WordList::new(&[
    "Apr",
    "April",
    "Aug",
    "August",
    "Dec",
    "December",
    "Feb",
    "February",
    "Fiscal",
    "Jan",
    "January",
    "Jul",
    "July",
    "Jun",
    "June",
    "Mar",
    "March",
    "May",
    "Nov",
    "November",
    "Oct",
    "October",
    "Sep",
    "Sept",
    "September",
    "fiscal",
]);

/// Words that, right before a bare month, make it a time (`in June`, `by June`, `NET June`).
pub(super) const MONTH_CUES: WordList = WordList::new(&[
    "a", "after", "an", "and", "around", "before", "between", "by", "during", "each", "early",
    "end", "every", "for", "from", "in", "last", "late", "mid", "net", "next", "of", "on", "or",
    "since", "this", "through", "till", "to", "until",
]);

/// `May` is also a name and a verb: only the plainest time cues make it a month.
pub(super) const MAY_CUES: WordList = WordList::new(&[
    "after", "before", "by", "during", "early", "from", "in", "last", "late", "mid", "net", "next",
    "since", "this", "through", "till", "until",
]);

/// Capitalised words that may stand right before a year or a `May` without making it part of
/// a name (`In 2016`, `The 2019 report`, `NET May 2026`, `Q3 2025`), unlike `Horizon 2020` or
/// `Theresa May`: prepositions and determiners that open a sentence, and time words.
pub(super) const TIME_LEADS: WordList = WordList::new(&[
    "A",
    "About",
    "After",
    "Ahead",
    "Also",
    "An",
    "And",
    "Around",
    "As",
    "At",
    "Autumn",
    "Back",
    "Before",
    "Between",
    "Beyond",
    "Both",
    "By",
    "Circa",
    "During",
    "Each",
    "Early",
    "End",
    "Even",
    "Every",
    "Fall",
    "For",
    "From",
    "H1",
    "H2",
    "Her",
    "His",
    "In",
    "Its",
    "Last",
    "Late",
    "Mid",
    "NET",
    "Next",
    "Of",
    "On",
    "Only",
    "Or",
    "Our",
    "Over",
    "Q1",
    "Q2",
    "Q3",
    "Q4",
    "Since",
    "Spring",
    "Summer",
    "That",
    "The",
    "Their",
    "Then",
    "These",
    "This",
    "Those",
    "Through",
    "Throughout",
    "Till",
    "To",
    "Under",
    "Until",
    "Winter",
    "With",
]);

/// Words that, after a number, show it counts or measures something rather than naming a year.
pub(super) const UNITS: WordList = WordList::new(&[
    "billion",
    "ft",
    "ghz",
    "gw",
    "hp",
    "hz",
    "kg",
    "kilometer",
    "kilometers",
    "kilometre",
    "kilometres",
    "km",
    "kph",
    "kw",
    "lbs",
    "m",
    "meter",
    "meters",
    "metre",
    "metres",
    "mhz",
    "million",
    "mph",
    "mw",
    "nm",
    "people",
    "per",
    "percent",
    "pound",
    "pounds",
    "staff",
    "t",
    "ton",
    "tonne",
    "tonnes",
    "tons",
]);

/// Nouns of events and dated things (singular; plurals are read by their ending): a number or
/// month before one names its date (`the Aug. 7 bombings`, `the 1992 protests`, `the October
/// launch`), never a count of it.
pub(super) const EVENT_NOUNS: WordList = WordList::new(&[
    "accident",
    "anniversary",
    "announcement",
    "assault",
    "attack",
    "attempt",
    "auction",
    "ballot",
    "battle",
    "blackout",
    "blast",
    "bombing",
    "budget",
    "campaign",
    "ceasefire",
    "celebration",
    "ceremony",
    "clash",
    "collapse",
    "collision",
    "conference",
    "contest",
    "coup",
    "crash",
    "crisis",
    "deadline",
    "debate",
    "debut",
    "decision",
    "demonstration",
    "disaster",
    "earnings",
    "earthquake",
    "election",
    "eruption",
    "event",
    "explosion",
    "failure",
    "festival",
    "fire",
    "flight",
    "flood",
    "forecast",
    "game",
    "hearing",
    "hijacking",
    "inauguration",
    "incident",
    "invasion",
    "killing",
    "landing",
    "launch",
    "liftoff",
    "massacre",
    "meeting",
    "merger",
    "murder",
    "offensive",
    "offering",
    "outage",
    "poll",
    "primary",
    "profit",
    "protest",
    "quake",
    "raid",
    "rally",
    "referendum",
    "release",
    "report",
    "result",
    "revenue",
    "review",
    "riot",
    "ruling",
    "sale",
    "session",
    "shooting",
    "shutdown",
    "signing",
    "slaying",
    "speech",
    "storm",
    "strike",
    "summit",
    "survey",
    "talk",
    "test",
    "tournament",
    "trial",
    "uprising",
    "verdict",
    "visit",
    "vote",
    "war",
]);

/// Plural nouns a number before counts: time units and countable objects (`2000 satellites`,
/// `March 2 years ago`). Measures are in [`UNITS`].
pub(super) const COUNTED_NOUNS: WordList = WordList::new(&[
    "aircraft",
    "astronauts",
    "cars",
    "companies",
    "countries",
    "days",
    "employees",
    "engineers",
    "firms",
    "hours",
    "jobs",
    "members",
    "minutes",
    "months",
    "nations",
    "objects",
    "participants",
    "persons",
    "pieces",
    "planes",
    "rockets",
    "satellites",
    "scientists",
    "seconds",
    "ships",
    "soldiers",
    "spacecraft",
    "students",
    "times",
    "troops",
    "units",
    "vehicles",
    "weeks",
    "workers",
    "years",
]);

/// Vehicles and products a year before names the model of (`his 1987 sedan`): no date.
pub(super) const MODEL_NOUNS: WordList = WordList::new(&[
    "car",
    "convertible",
    "coupe",
    "hatchback",
    "jeep",
    "limousine",
    "minivan",
    "model",
    "motorcycle",
    "pickup",
    "sedan",
    "truck",
    "van",
    "vintage",
    "wagon",
]);

/// Words right before a year before 1900 that make it a time (`in 1898`, `since 1850`): so
/// old a number is more often a count, and needs a time word to be a year.
pub(super) const OLD_YEAR_LEADS: WordList = WordList::new(&[
    "after", "around", "before", "between", "by", "c", "ca", "circa", "during", "early", "from",
    "in", "late", "mid", "since", "till", "until", "year",
]);

/// Determiners and possessives: before a date followed by a noun, they make the date that
/// noun's modifier (`the Oct. 23 shooting`); before `May` and an event noun, a month.
pub(super) const DETERMINERS: WordList = WordList::new(&[
    "a", "an", "every", "her", "his", "its", "my", "our", "that", "the", "their", "these", "this",
    "those", "your",
]);

/// Words after a four-digit number that make it a clock time (`at 1900 GMT`).
pub(super) const CLOCK_WORDS: WordList = WordList::new(&[
    "bst", "cdt", "cest", "cet", "cst", "edt", "est", "gmt", "h", "hours", "hrs", "ist", "jst",
    "local", "msk", "pdt", "pst", "utc", "z",
]);

/// Words before a number that make it a count or an identifier (`version 2019`, `No. 2020`,
/// `some 2000`).
pub(super) const NUMBER_LEADS: WordList = WordList::new(&[
    "almost",
    "approximately",
    "build",
    "model",
    "nearly",
    "number",
    "page",
    "pages",
    "pp",
    "rev",
    "revision",
    "roughly",
    "some",
    "totaling",
    "totalling",
    "version",
    "weighing",
    "weighs",
]);

/// Abbreviations that, with their period, make the number after them an identifier
/// (`No. 2020`, `v. 2019`).
pub(super) const NUMBER_ABBREVIATIONS: WordList =
    WordList::new(&["no", "nos", "p", "pp", "v", "ver", "vol"]);

/// Lower-case words ending in `s` that are not plural nouns, so a year before them is a year.
pub(super) const NOT_PLURAL: WordList = WordList::new(&[
    "across",
    "afterwards",
    "always",
    "as",
    "becomes",
    "begins",
    "brings",
    "comes",
    "ends",
    "follows",
    "has",
    "his",
    "is",
    "its",
    "looks",
    "marks",
    "means",
    "perhaps",
    "plus",
    "remains",
    "represents",
    "saw",
    "says",
    "sees",
    "this",
    "thus",
    "towards",
    "unless",
    "us",
    "was",
    "whereas",
]);

/// Words of a date's clause that point forward in time: modals, plans and schedules. A weekday
/// after them is the next one, a yearless date may fall in the next year.
pub(super) const FUTURE_CUES: WordList = WordList::new(&[
    "aims",
    "anticipated",
    "due",
    "expected",
    "expects",
    "hopes",
    "intends",
    "might",
    "must",
    "next",
    "ought",
    "plan",
    "planned",
    "plans",
    "prepares",
    "preparing",
    "rescheduled",
    "scheduled",
    "shall",
    "should",
    "slated",
    "soon",
    "targeted",
    "targeting",
    "tomorrow",
    "upcoming",
    "will",
    "would",
]);

/// Past tenses and participles that do not end in `-ed` (`said`, `met`, `taken`, and `agreed`,
/// whose `-eed` most words ending so do not share), and adverbs of the past. A regular verb is
/// known by its `-ed`; `was`, `were`, `had` and `did` are read as auxiliaries.
pub(super) const PAST_WORDS: WordList = WordList::new(&[
    "ago",
    "agreed",
    "arisen",
    "arose",
    "ate",
    "awoke",
    "became",
    "began",
    "begun",
    "bent",
    "bit",
    "bled",
    "blew",
    "bore",
    "bought",
    "bred",
    "broke",
    "broken",
    "brought",
    "built",
    "came",
    "caught",
    "chose",
    "chosen",
    "clung",
    "crept",
    "dealt",
    "decreed",
    "did",
    "disagreed",
    "done",
    "drank",
    "drawn",
    "drew",
    "driven",
    "drove",
    "dug",
    "earlier",
    "eaten",
    "fallen",
    "fed",
    "fell",
    "felt",
    "fled",
    "flew",
    "flown",
    "forbade",
    "forbidden",
    "forgave",
    "forgiven",
    "forgot",
    "forgotten",
    "fought",
    "found",
    "freed",
    "froze",
    "frozen",
    "gave",
    "given",
    "gone",
    "got",
    "grew",
    "grown",
    "guaranteed",
    "had",
    "heard",
    "held",
    "hid",
    "hidden",
    "hung",
    "kept",
    "knelt",
    "knew",
    "known",
    "laid",
    "led",
    "left",
    "lent",
    "lit",
    "lost",
    "made",
    "meant",
    "met",
    "overtaken",
    "overtook",
    "paid",
    "previously",
    "ran",
    "rang",
    "ridden",
    "risen",
    "rode",
    "rose",
    "said",
    "sang",
    "sank",
    "sat",
    "saw",
    "seen",
    "sent",
    "shaken",
    "shone",
    "shook",
    "shot",
    "shown",
    "slept",
    "slid",
    "sold",
    "sought",
    "spent",
    "spoke",
    "spoken",
    "spun",
    "stole",
    "stolen",
    "stood",
    "strove",
    "struck",
    "stuck",
    "swam",
    "swept",
    "swore",
    "sworn",
    "swung",
    "taken",
    "taught",
    "thought",
    "threw",
    "thrown",
    "told",
    "took",
    "tore",
    "torn",
    "understood",
    "undertaken",
    "undertook",
    "went",
    "withdrawn",
    "withdrew",
    "woke",
    "woken",
    "won",
    "wore",
    "worn",
    "written",
    "wrote",
    "yesterday",
]);

/// Words ending in `-ed` that are no verbs.
pub(super) const NOT_VERBS: WordList = WordList::new(&[
    "beloved", "crooked", "hundred", "kindred", "naked", "rugged", "sacred", "wicked",
]);

/// Words before an infinitive's `to` that make it point forward: `plans to`, `is to`, `set
/// to`, `agreed to`.
pub(super) const TO_HEADS: WordList = WordList::new(&[
    "about",
    "agreed",
    "aim",
    "aims",
    "am",
    "are",
    "decided",
    "due",
    "expected",
    "going",
    "hope",
    "hoped",
    "hopes",
    "intend",
    "intended",
    "intends",
    "is",
    "likely",
    "plan",
    "planned",
    "plans",
    "pledged",
    "poised",
    "prepare",
    "prepared",
    "prepares",
    "promised",
    "ready",
    "scheduled",
    "seek",
    "seeks",
    "set",
    "slated",
    "vowed",
    "want",
    "wanted",
    "wants",
    "was",
    "were",
]);

/// Verbs of schedules in the present tense, which tell of what is coming (`arrives in Moscow
/// Thursday`, `talks resume Monday`); forms that are also common nouns (`returns`, `end`) are
/// left out.
pub(super) const SCHEDULE_VERBS: WordList = WordList::new(&[
    "arrive", "arrives", "begin", "begins", "convene", "convenes", "depart", "departs", "expire",
    "expires", "meet", "meets", "resume", "resumes", "travel", "travels",
]);

/// Words that open a clause: the verb group of a date's own clause lies after the nearest one.
pub(super) const CLAUSE_WORDS: WordList = WordList::new(&[
    "although", "and", "because", "but", "if", "that", "though", "unless", "when", "where",
    "whereas", "whether", "which", "while", "who", "whom", "whose",
]);

/// A line that opens with one of these and a date is the article's own date stamp.
pub(super) const STAMP_WORDS: &[&str] = &[
    "date",
    "dated",
    "published",
    "posted",
    "updated",
    "last updated",
    "released",
    "issued",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted() {
        // (list, looked up in any case, so written in lower case)
        let lists: &[(&WordList, bool)] = &[
            (&TRIGGER_WORDS, false),
            (&MONTH_CUES, true),
            (&MAY_CUES, true),
            (&TIME_LEADS, false),
            (&UNITS, true),
            (&CLOCK_WORDS, true),
            (&NUMBER_LEADS, true),
            (&NUMBER_ABBREVIATIONS, true),
            (&NOT_PLURAL, false),
            (&FUTURE_CUES, true),
            (&PAST_WORDS, true),
            (&NOT_VERBS, true),
            (&TO_HEADS, true),
            (&CLAUSE_WORDS, true),
            (&SCHEDULE_VERBS, true),
            (&EVENT_NOUNS, true),
            (&COUNTED_NOUNS, true),
            (&MODEL_NOUNS, true),
            (&OLD_YEAR_LEADS, true),
            (&DETERMINERS, true),
        ];
        for (list, any_case) in lists {
            let words = list.words;
            assert!(
                words.windows(2).all(|w| w[0] < w[1]),
                "not sorted: {words:?}"
            );
            assert!(words.iter().all(|w| w.is_ascii()), "not ASCII: {words:?}");
            if *any_case {
                assert!(
                    words.iter().all(|w| *w == w.to_ascii_lowercase()),
                    "not lower case: {words:?}"
                );
            }
        }
    }

    #[test]
    fn words_are_looked_up_as_the_lists_say() {
        // (list, word): the answers must be those of comparing with every word, in any case
        // for the lists in lower case
        let rows: &[(&WordList, &str)] = &[
            (&UNITS, "km"),
            (&UNITS, "KM"),
            (&UNITS, "Kilometres"),
            (&UNITS, "kilometre"),
            (&UNITS, "kilo"),
            (&UNITS, ""),
            (&UNITS, "per"),
            (&UNITS, "perk"),
            (&UNITS, "m"),
            (&UNITS, "M"),
            (&CLOCK_WORDS, "Z"),
            (&CLOCK_WORDS, "gmt"),
            (&CLOCK_WORDS, "GMT"),
            (&CLOCK_WORDS, "gmtx"),
            (&CLOCK_WORDS, "élocal"),
            (&NUMBER_ABBREVIATIONS, "No"),
            (&NOT_PLURAL, "was"),
            (&NOT_PLURAL, "Was"),
            (&PAST_WORDS, "Saidé"),
            (&PAST_WORDS, "SAID"),
            (&TIME_LEADS, "The"),
            (&TIME_LEADS, "the"),
            (&TIME_LEADS, "Q3"),
            (&TIME_LEADS, "NET"),
            (&TIME_LEADS, "Net"),
            (&TRIGGER_WORDS, "Sept"),
            (&TRIGGER_WORDS, "sept"),
            (&TRIGGER_WORDS, "fiscal"),
            (&TRIGGER_WORDS, "FISCAL"),
        ];
        for (list, word) in rows {
            assert_eq!(list.contains(word), list.words.contains(word), "{word}");
            if list.words.iter().all(|w| *w == w.to_ascii_lowercase()) {
                let any = list.words.iter().any(|w| w.eq_ignore_ascii_case(word));
                assert_eq!(list.contains_any_case(word), any, "{word} in any case");
            }
        }
    }

    proptest::proptest! {
        /// Every list answers for any word as comparing it with every listed word would.
        #[test]
        fn word_lists_answer_as_their_words(
            which in 0..20usize,
            pick in 0..100usize,
            cut in 0..3usize,
            case in 0..3u8,
            tail in "[a-zé]{0,1}",
        ) {
            let list = [
                &TRIGGER_WORDS, &MONTH_CUES, &MAY_CUES, &TIME_LEADS, &UNITS, &CLOCK_WORDS,
                &NUMBER_LEADS, &NUMBER_ABBREVIATIONS, &NOT_PLURAL, &FUTURE_CUES, &PAST_WORDS,
                &NOT_VERBS, &TO_HEADS, &CLAUSE_WORDS, &SCHEDULE_VERBS, &EVENT_NOUNS,
                &COUNTED_NOUNS, &MODEL_NOUNS, &OLD_YEAR_LEADS, &DETERMINERS,
            ][which];
            // A listed word, or one cut short, in some case, perhaps with a letter more.
            let word = list.words[pick % list.words.len()];
            let word = &word[..word.len() - cut.min(word.len())];
            let word = match case {
                0 => word.to_string(),
                1 => word.to_uppercase(),
                _ => word.to_lowercase(),
            } + &tail;
            proptest::prop_assert_eq!(list.contains(&word), list.words.contains(&word.as_str()));
            if list.words.iter().all(|w| *w == w.to_ascii_lowercase()) {
                let any = list.words.iter().any(|w| w.eq_ignore_ascii_case(&word));
                proptest::prop_assert_eq!(list.contains_any_case(&word), any);
            }
        }
    }
}
