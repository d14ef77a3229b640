//! Which way a date points from the article's date. The words that modify the date decide
//! first (`last May`, `next Friday`, `this coming Monday`); then whether it modifies a noun
//! (`the Oct. 23 shooting` names a past event); then the preposition before it (`since` looks
//! back, `until`, `by` and `postponed to` forward); then the tense and aspect of the verb group
//! of the date's own clause — read back from the date to the word that opens the clause, else
//! on from the date when the date opens its clause (`On Friday, officials said`), else through
//! the rest of its sentence. A verb elsewhere in the sentence (`will` in a relative clause
//! before) does not decide.
//!
//! Every look is bounded: [`MAX_LEAD_LEN`] bytes back and [`MAX_TAIL_LEN`] bytes on, within
//! the sentence, so a date costs the same whatever text surrounds it.

use super::context::{is_event_noun, next_word};
use super::words::{
    CLAUSE_WORDS, DETERMINERS, FUTURE_CUES, NOT_VERBS, PAST_WORDS, SCHEDULE_VERBS, TO_HEADS,
};
use super::{Candidate, Shape, Tense};

/// The most bytes of a sentence read back from a date for its clause: a clause that points in
/// time is near the date it points.
pub(super) const MAX_LEAD_LEN: usize = 300;

/// The most bytes read on from a date for the verb of a clause the date opens.
pub(super) const MAX_TAIL_LEN: usize = 200;

/// Whether a candidate's value depends on the way it points: weekdays and yearless dates.
pub(super) fn needs_tense(c: &Candidate) -> bool {
    match c.shape {
        Shape::Weekday(_) => true,
        Shape::Point(p) | Shape::Range(p, _) => p.year.is_none() && p.month.is_some(),
        _ => false,
    }
}

/// Which way the date at `start..end` points; `weekday` when it is a day of the week, for
/// which `this` says nothing (`this Friday` may be either side of the article's date).
pub(super) fn tense(text: &str, start: usize, end: usize, weekday: bool) -> Tense {
    let lead = tokens(sentence_lead(text, start));
    let modified = modifier(&lead);
    match modified {
        Some(Tense::This) if weekday => {}
        Some(t) => return t,
        None => {}
    }
    let tail = tokens(sentence_tail(text, end));
    let (clause, side) = clause_tense(&lead, &tail);
    if modified == Some(Tense::This) {
        // `this Thursday` is the coming one, unless the clause tells of the past.
        return if clause == Tense::Past {
            Tense::Past
        } else {
            Tense::Future
        };
    }
    if modifies_noun(text, end) {
        // A dated event (`the Oct. 23 shooting`, `Friday's launch`) in a past-tense report is
        // one it looks back on; the subject of a future clause is ahead; otherwise (`will
        // review the Feb. 3 decision`, `at its Nov. 14 meeting`) it is the nearest.
        return match (clause, side) {
            (Tense::Past, _) => Tense::Past,
            (Tense::Future, Side::After) => Tense::Future,
            _ => Tense::Near,
        };
    }
    match preposition(&lead) {
        Some(Preposition::Since) => Tense::Past,
        Some(Preposition::Forward) => Tense::Future,
        // `until Friday`, `by March`: forward, unless the clause tells of the past (`stayed
        // until Friday`).
        Some(Preposition::Until) if clause == Tense::Past => Tense::Past,
        Some(Preposition::Until) => Tense::Future,
        None => clause,
    }
}

/// The words of the sentence before byte `i`: back to the last line break or sentence end
/// (`. `, `! `, `? `), and never more than [`MAX_LEAD_LEN`] bytes.
pub(super) fn sentence_lead(text: &str, i: usize) -> &str {
    let mut from = i.saturating_sub(MAX_LEAD_LEN);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let head = &text[from..i];
    let b = head.as_bytes();
    let start = (0..b.len())
        .rev()
        .find(|&k| {
            b[k] == b'\n' || matches!(b[k], b'.' | b'!' | b'?') && b.get(k + 1) == Some(&b' ')
        })
        .map_or(0, |k| k + 1);
    &head[start..]
}

/// The words of the sentence after byte `i`: on to the next line break or sentence end, and
/// never more than [`MAX_TAIL_LEN`] bytes.
pub(super) fn sentence_tail(text: &str, i: usize) -> &str {
    let mut to = text.len().min(i + MAX_TAIL_LEN);
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let tail = &text[i..to];
    let b = tail.as_bytes();
    let end = (0..b.len())
        .find(|&k| {
            b[k] == b'\n'
                || matches!(b[k], b'.' | b'!' | b'?') && matches!(b.get(k + 1), Some(b' ') | None)
        })
        .unwrap_or(b.len());
    &tail[..end]
}

/// A word, or punctuation that parts clauses (commas, semicolons, colons, brackets, quotes,
/// dashes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token<'t> {
    Word(&'t str),
    Break,
}

/// The words and clause breaks of `s`. An apostrophe between letters stays in its word
/// (`won't`, `agency’s`).
fn tokens(s: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut word = None;
    let mut prev = None;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let inner_apostrophe = matches!(c, '\'' | '’')
            && prev.is_some_and(char::is_alphanumeric)
            && next.is_some_and(char::is_alphanumeric);
        if c.is_alphanumeric() || inner_apostrophe {
            word.get_or_insert(i);
        } else {
            if let Some(w) = word.take() {
                out.push(Token::Word(&s[w..i]));
            }
            let spaced_dash = c == '-' && prev == Some(' ') && next == Some(' ');
            let parts = matches!(
                c,
                ',' | ';' | ':' | '(' | ')' | '[' | ']' | '"' | '“' | '”' | '—' | '–'
            );
            if parts || spaced_dash {
                out.push(Token::Break);
            }
        }
        prev = Some(c);
    }
    if let Some(w) = word {
        out.push(Token::Word(&s[w..]));
    }
    out
}

/// What a word does in a verb group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// `will`, `shall`, modals, plans and schedules (`expected`, `plans`).
    Future,
    /// `was`, `were`, `had`, `did`, and adverbs of the past (`ago`, `earlier`).
    Past,
    /// `is`, `are`, `am`, `do`, `does`, and verbs of schedules (`arrives`, `resume`).
    Present,
    /// `has`, `have`: present alone, past with a participle (`has signed`).
    Have,
    /// `could`, `can`: a verb group that says neither way (`could not be reached Friday`).
    Modal,
    /// `be`, `been`, `being`: the auxiliary before them decides.
    Be,
    /// `to`, which points forward after `plans`, `is`, `set`…
    To,
    /// A past tense or participle (`signed`, `met`, `held`): past alone, else as its
    /// auxiliary says (`will be signed`).
    Participle,
    Determiner,
    /// Adverbs and negation inside a verb group (`not`, `also`, `formally`).
    Transparent,
    /// A word that opens a clause (`that`, `which`, `and`).
    Clause,
    Other,
}

/// The class of `word` as written; `May` capitalised is the month, `may` the modal.
fn class(word: &str) -> Class {
    let w = base_of(word);
    let any = |list: &[&str]| list.iter().any(|l| word_is(w, l));
    // Contractions: `won't`, `wasn't`, `it'll`, `they'd`, `we've`, `they're`, `agency's`.
    if let Some((_, clitic)) = split_apostrophe(word) {
        let is = |c: &str| clitic.eq_ignore_ascii_case(c);
        if is("ll") || is("d") || is("t") && word_is(w, "wo") {
            return Class::Future;
        }
        if is("ve") {
            return Class::Have;
        }
        if is("re") {
            return Class::Present;
        }
    }
    // `may` the modal, not `May`; `NET`, "no earlier than", of launch schedules.
    if w == "may" || w == "NET" {
        return Class::Future;
    }
    if any(&[
        "was",
        "were",
        "had",
        "did",
        "ago",
        "earlier",
        "previously",
        "yesterday",
    ]) {
        return Class::Past;
    }
    if any(&["is", "are", "am", "do", "does"]) {
        return Class::Present;
    }
    if any(&["has", "have"]) {
        return Class::Have;
    }
    if any(&["could", "can", "cannot", "ca"]) {
        return Class::Modal;
    }
    if any(&["be", "been", "being"]) {
        return Class::Be;
    }
    if word_is(w, "to") {
        return Class::To;
    }
    if any(&[
        "not", "also", "already", "just", "never", "still", "yet", "now",
    ]) {
        return Class::Transparent;
    }
    if FUTURE_CUES.contains_any_case(w) {
        return Class::Future;
    }
    // `that` opens a clause more often than it points at a noun.
    if CLAUSE_WORDS.contains_any_case(w) {
        return Class::Clause;
    }
    if DETERMINERS.contains_any_case(w) {
        return Class::Determiner;
    }
    // Verbs only in lower case: a capitalised `Rose` or `United` is a name.
    if !w.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Class::Other;
    }
    if SCHEDULE_VERBS.contains(w) {
        return Class::Present;
    }
    let regular_past = w.len() >= 5 && w.ends_with("ed") && !w.ends_with("eed");
    if PAST_WORDS.contains(w) || regular_past && !NOT_VERBS.contains(w) {
        return Class::Participle;
    }
    if w.len() > 4 && w.ends_with("ly") {
        return Class::Transparent;
    }
    Class::Other
}

/// `word` split at its apostrophe: `won't` is (`won`, `t`), `agency’s` (`agency`, `s`).
fn split_apostrophe(word: &str) -> Option<(&str, &str)> {
    let at = word.find(['\'', '’'])?;
    let mark = if word[at..].starts_with('’') {
        '’'.len_utf8()
    } else {
        1
    };
    Some((&word[..at], &word[at + mark..]))
}

/// `word` without its clitic: `was` of `wasn't` (its `n` goes with the `'t`), `agency` of
/// `agency's`.
fn base_of(word: &str) -> &str {
    match split_apostrophe(word) {
        Some((base, t)) if t.eq_ignore_ascii_case("t") => {
            base.strip_suffix(['n', 'N']).unwrap_or(base)
        }
        Some((base, _)) => base,
        None => word,
    }
}

fn word_is(word: &str, listed: &str) -> bool {
    word.eq_ignore_ascii_case(listed)
}

/// Where a clause's verb group was found: before the date or after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Before,
    After,
}

/// The tense of the verb group of the date's clause, and on which side of the date it was
/// found: back to the clause's opening word, else on to its end, else through the sentence.
/// Through the sentence, relative clauses set off by commas (`, which was signed last May,`)
/// are passed over: they tell of something else.
fn clause_tense(lead: &[Token], tail: &[Token]) -> (Tense, Side) {
    let found = back(lead, true)
        .map(|t| (t, Side::Before))
        .or_else(|| forward(tail, true).map(|t| (t, Side::After)))
        .or_else(|| back(&without_asides(lead, true), false).map(|t| (t, Side::Before)))
        .or_else(|| forward(&without_asides(tail, false), false).map(|t| (t, Side::After)));
    found.unwrap_or((Tense::Unknown, Side::Before))
}

/// The words that open a relative clause.
const RELATIVES: [&str; 5] = ["which", "who", "whom", "whose", "where"];

/// `tokens` without the runs of words between breaks that open with a relative word (`which`,
/// `who`, `where`), except the run next to the date: the last when `date_after`, else the
/// first.
fn without_asides<'t>(tokens: &[Token<'t>], date_after: bool) -> Vec<Token<'t>> {
    let runs: Vec<&[Token<'t>]> = tokens.split(|t| *t == Token::Break).collect();
    let next_to_date = if date_after {
        runs.len().saturating_sub(1)
    } else {
        runs.iter().position(|r| !r.is_empty()).unwrap_or(0)
    };
    let mut out = Vec::with_capacity(tokens.len());
    for (k, run) in runs.iter().enumerate() {
        if k > 0 {
            out.push(Token::Break);
        }
        let relative = match run.first() {
            Some(Token::Word(w)) => RELATIVES.iter().any(|r| word_is(w, r)),
            _ => false,
        };
        if k == next_to_date || !relative {
            out.extend_from_slice(run);
        }
    }
    out
}

/// The class of token `i` of `tokens`, if it is a word.
fn class_at(tokens: &[Token], i: usize) -> Option<Class> {
    match tokens.get(i)? {
        Token::Word(w) => Some(class(w)),
        Token::Break => None,
    }
}

/// The tense of the nearest verb group before the date; within its clause when
/// `clause_only`.
fn back(lead: &[Token], clause_only: bool) -> Option<Tense> {
    let mut i = lead.len();
    while i > 0 {
        i -= 1;
        let Token::Word(w) = lead[i] else {
            if clause_only {
                return None;
            }
            continue;
        };
        match class(w) {
            Class::Clause if clause_only => return None,
            // `the plan signed on Friday`: a plan after a determiner is a noun.
            Class::Future
                if matches!(w, "plan" | "plans" | "aims")
                    && i > 0
                    && class_at(lead, i - 1) == Some(Class::Determiner) => {}
            // `due to rain` gives a cause.
            Class::Future
                if word_is(w, "due")
                    && matches!(lead.get(i + 1), Some(Token::Word(t)) if word_is(t, "to")) => {}
            Class::Future => return Some(Tense::Future),
            Class::Past => return Some(Tense::Past),
            // `has a meeting on Friday`; a participle after `has` decided at the participle.
            Class::Present | Class::Have => return Some(Tense::Present),
            Class::Modal => return Some(Tense::Unknown),
            Class::To => {
                let head = i.checked_sub(1).and_then(|h| match lead[h] {
                    Token::Word(w) => Some(w),
                    Token::Break => None,
                });
                if head.is_some_and(|h| TO_HEADS.contains_any_case(h)) {
                    return Some(Tense::Future);
                }
            }
            c @ (Class::Participle | Class::Be) => match auxiliary_before(lead, i) {
                Auxiliary::Tense(t) => return Some(t),
                // `the revised plan`: an adjective, passed with its determiner.
                Auxiliary::Determiner(d) => i = d,
                Auxiliary::None if c == Class::Participle => return Some(Tense::Past),
                Auxiliary::None => {}
            },
            _ => {}
        }
    }
    None
}

/// What stands before a participle or `be` at `i`.
enum Auxiliary {
    Tense(Tense),
    /// The participle is an adjective after the determiner at this index.
    Determiner(usize),
    None,
}

/// The auxiliary of the participle or `be` at `i`, over adverbs and `be`: `will be signed`
/// is future, `was signed` and `has been signed` past, `is signed` present, `to be signed`
/// forward.
fn auxiliary_before(lead: &[Token], i: usize) -> Auxiliary {
    let mut j = i;
    while j > 0 {
        j -= 1;
        let Some(c) = class_at(lead, j) else {
            return Auxiliary::None;
        };
        match c {
            Class::Transparent | Class::Be => {}
            Class::Future | Class::To => return Auxiliary::Tense(Tense::Future),
            Class::Past | Class::Have => return Auxiliary::Tense(Tense::Past),
            Class::Present => return Auxiliary::Tense(Tense::Present),
            Class::Modal => return Auxiliary::Tense(Tense::Unknown),
            Class::Determiner => return Auxiliary::Determiner(j),
            _ => return Auxiliary::None,
        }
    }
    Auxiliary::None
}

/// The tense of the first verb group after the date: within its clause when `clause_only`,
/// else over breaks, but never into a clause a clause word opens (`expires Nov. 20 unless
/// extended`). A break right after the date (`On Friday, officials said`) does not end the
/// clause the date opens.
fn forward(tail: &[Token], clause_only: bool) -> Option<Tense> {
    let mut seen_word = false;
    for (i, token) in tail.iter().enumerate() {
        let Token::Word(w) = *token else {
            if clause_only && seen_word {
                return None;
            }
            continue;
        };
        seen_word = true;
        // The next word that is no adverb.
        let next = || {
            (i + 1..tail.len())
                .map(|k| class_at(tail, k))
                .find(|c| *c != Some(Class::Transparent))
                .flatten()
        };
        match class(w) {
            Class::Clause => return None,
            Class::Future => return Some(Tense::Future),
            Class::Past => return Some(Tense::Past),
            Class::Modal => return Some(Tense::Unknown),
            Class::Have => {
                let perfect = matches!(next(), Some(Class::Participle | Class::Be));
                return Some(if perfect { Tense::Past } else { Tense::Present });
            }
            // `is expected to`, `is to`; `is set to` reads `set` as no participle.
            Class::Present => {
                let ahead = matches!(next(), Some(Class::Future | Class::To));
                return Some(if ahead { Tense::Future } else { Tense::Present });
            }
            Class::Participle if i == 0 || class_at(tail, i - 1) != Some(Class::Determiner) => {
                return Some(Tense::Past);
            }
            _ => {}
        }
    }
    None
}

/// The modifier right before the date: `last`, `previous`, `past` (`this past Friday`) point
/// back, `next`, `coming` (`this coming Monday`), `upcoming` forward, and `this` to the
/// article's own year.
fn modifier(lead: &[Token]) -> Option<Tense> {
    let Some(Token::Word(w)) = lead.last() else {
        return None;
    };
    let w = w.to_ascii_lowercase();
    match w.as_str() {
        "last" | "previous" | "past" => Some(Tense::Last),
        "next" | "coming" | "upcoming" => Some(Tense::Next),
        "this" => Some(Tense::This),
        _ => None,
    }
}

/// Whether the date ending at `end` modifies the noun after it: an event (`the Oct. 23
/// shooting`, `the October launch`) or anything in the possessive (`Friday's launch`).
fn modifies_noun(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    rest.starts_with("'s") || rest.starts_with("’s") || {
        rest.starts_with(' ') && is_event_noun(next_word(text, end))
    }
}

/// What the preposition before a date says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Preposition {
    /// `since`: back.
    Since,
    /// `until`, `till`, `by`, `before`, `through`, `as soon as`: forward unless the clause is
    /// past.
    Until,
    /// After a verb that moves a date (`postponed to`, `delayed until`, `set for`): forward.
    Forward,
}

/// The preposition right before the date, over `the`, `early`, `mid`, `late`.
fn preposition(lead: &[Token]) -> Option<Preposition> {
    let words: Vec<&str> = lead
        .iter()
        .rev()
        .map_while(|t| match t {
            Token::Word(w) => Some(*w),
            Token::Break => None,
        })
        .filter(|w| {
            !matches!(
                w.to_ascii_lowercase().as_str(),
                "the" | "early" | "mid" | "late"
            )
        })
        .take(6)
        .collect();
    let first = words.first()?.to_ascii_lowercase();
    // A verb that moves a date, among the few words before the preposition.
    let moved = || words[1..].iter().take(4).any(|w| moves_a_date(w));
    match first.as_str() {
        "since" => Some(Preposition::Since),
        "until" | "till" | "by" | "before" | "through" | "to" | "for" | "into" if moved() => {
            Some(Preposition::Forward)
        }
        "until" | "till" | "by" | "before" | "through" => Some(Preposition::Until),
        "as" if words.get(1).is_some_and(|w| w.eq_ignore_ascii_case("soon")) => {
            Some(Preposition::Until)
        }
        _ => None,
    }
}

/// Whether `word` is a verb that moves an event to a new date: `postponed`, `delays`,
/// `rescheduled`, `pushed`, `set`.
fn moves_a_date(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    w == "set"
        || [
            "defer",
            "delay",
            "extend",
            "move",
            "postpon",
            "push",
            "reschedul",
            "shift",
            "slip",
        ]
        .iter()
        .any(|stem| w.starts_with(stem))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Any text, cut anywhere, is read without a fault: windows end on character
        /// boundaries, apostrophes of both kinds split words.
        #[test]
        fn any_text_is_read(
            text in "[a-zA-Z0-9 ,.;’'\u{a0}é中—\\-\n]{0,40}",
            cut in 0..40usize,
            weekday in proptest::bool::ANY,
        ) {
            let mut start = cut.min(text.len());
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let end = text[start..].chars().next().map_or(start, |c| start + c.len_utf8());
            tense(&text, start, end, weekday);
        }
    }

    #[test]
    fn words_and_breaks() {
        let got = tokens("It won’t, said the agency's chief – on");
        let want = [
            Token::Word("It"),
            Token::Word("won’t"),
            Token::Break,
            Token::Word("said"),
            Token::Word("the"),
            Token::Word("agency's"),
            Token::Word("chief"),
            Token::Break,
            Token::Word("on"),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn word_classes() {
        // (word, class)
        let rows: &[(&str, Class)] = &[
            ("will", Class::Future),
            ("won't", Class::Future),
            ("won’t", Class::Future),
            ("it'll", Class::Future),
            ("they'd", Class::Future),
            ("we've", Class::Have),
            ("wasn't", Class::Past),
            ("didn't", Class::Past),
            ("isn't", Class::Present),
            ("may", Class::Future),
            ("May", Class::Other),
            ("signed", Class::Participle),
            ("met", Class::Participle),
            ("agreed", Class::Participle),
            ("won", Class::Participle),
            ("need", Class::Other),
            ("proceed", Class::Other),
            ("hundred", Class::Other),
            ("United", Class::Other),
            ("scheduled", Class::Future),
            ("formally", Class::Transparent),
            ("only", Class::Other),
            ("which", Class::Clause),
            ("the", Class::Determiner),
            ("agency's", Class::Other),
        ];
        for (word, want) in rows {
            assert_eq!(class(word), *want, "{word}");
        }
    }

    #[test]
    fn a_sentence_is_read_no_further_than_its_windows() {
        let long = "x ".repeat(400);
        let text = format!("It was {long}on Friday it {long}will.");
        let start = text.find("Friday").unwrap();
        assert!(sentence_lead(&text, start).len() <= MAX_LEAD_LEN);
        assert!(sentence_tail(&text, start + 6).len() <= MAX_TAIL_LEN);
        assert_eq!(tense(&text, start, start + 6, true), Tense::Unknown);
    }

    /// The value of the last date of `text` in an article dated `date` (`YYYY-MM-DD`).
    fn last_value(date: &str, text: &str) -> String {
        let ymd: Vec<u32> = date.split('-').map(|p| p.parse().unwrap()).collect();
        let options = super::super::DateOptions {
            reference: Some((ymd[0] as i32, ymd[1], ymd[2])),
            ..Default::default()
        };
        let found = super::super::DateRules::with_options(options)
            .find(text, &crate::text::word_starts(text));
        found
            .last()
            .map(|m| m.value.to_string())
            .unwrap_or_default()
    }

    type Row<'a> = (&'a str, &'a str, &'a str, &'a str);

    fn check(rows: &[Row]) {
        for (name, date, text, want) in rows {
            assert_eq!(
                last_value(date, text),
                *want,
                "{name}: {text:?} dated {date}"
            );
        }
    }

    #[test]
    fn modifiers_choose_the_side() {
        // (name, article date, text, value of the last date); 2024-03-04 is a Monday.
        check(&[
            (
                "this weekday",
                "2024-03-04",
                "It opens this Thursday.",
                "2024-03-07",
            ),
            (
                "this weekday in the past",
                "2024-03-08",
                "It opened this Tuesday.",
                "2024-03-05",
            ),
            (
                "last weekday on that weekday",
                "2024-03-04",
                "Talks ended last Monday.",
                "2024-02-26",
            ),
            (
                "last weekday",
                "2024-03-04",
                "Talks ended last Friday.",
                "2024-03-01",
            ),
            (
                "next weekday",
                "2024-03-04",
                "Talks resume next Monday.",
                "2024-03-11",
            ),
            (
                "this coming weekday",
                "2024-03-04",
                "They meet this coming Thursday.",
                "2024-03-07",
            ),
            (
                "this past weekday",
                "2024-03-06",
                "They met this past Wednesday.",
                "2024-02-28",
            ),
            (
                "previous weekday",
                "2024-03-04",
                "on the previous Sunday it",
                "2024-03-03",
            ),
            (
                "last month",
                "2024-02-10",
                "The pact was signed last May.",
                "2023-05",
            ),
            (
                "last month this year",
                "2024-07-10",
                "It was signed last May.",
                "2024-05",
            ),
            (
                "last month same month",
                "2024-05-10",
                "It was signed last May.",
                "2023-05",
            ),
            (
                "next month",
                "2024-07-10",
                "Talks resume next May.",
                "2025-05",
            ),
            (
                "next month this year",
                "2024-02-10",
                "Talks resume next May.",
                "2024-05",
            ),
            (
                "this month",
                "2024-11-10",
                "It was signed this March.",
                "2024-03",
            ),
            (
                "of last year",
                "2024-11-10",
                "It opened Oct. 23 of last year.",
                "2023-10-23",
            ),
            (
                "upcoming date",
                "2024-10-20",
                "ahead of the upcoming Nov. 3 vote",
                "2024-11-03",
            ),
        ]);
    }

    #[test]
    fn the_dates_own_clause_decides() {
        check(&[
            (
                "launch schedule",
                "2024-11-10",
                "The probe is to launch NET June.",
                "2025-06",
            ),
            (
                "launch schedule alone",
                "2024-11-10",
                "Launch NET Feb. 3.",
                "2025-02-03",
            ),
            (
                "a schedule in the present",
                "2024-03-04",
                "The envoy arrives in Oslo Thursday for talks.",
                "2024-03-07",
            ),
            (
                "a schedule after a plural",
                "2024-03-04",
                "Talks resume Thursday.",
                "2024-03-07",
            ),
            (
                "a modal says neither way",
                "2024-03-04",
                "Officials could not be reached for comment Friday.",
                "2024-03-01",
            ),
            (
                "a later clause does not decide",
                "2024-10-27",
                "The offer expires Nov. 20 unless extended.",
                "2024-11-20",
            ),
            (
                "past verb",
                "2024-03-04",
                "The crew landed on Friday.",
                "2024-03-01",
            ),
            (
                "irregular past",
                "2024-03-04",
                "The minister spoke Friday.",
                "2024-03-01",
            ),
            (
                "present perfect",
                "2024-03-04",
                "Both sides have agreed on Friday.",
                "2024-03-01",
            ),
            (
                "future",
                "2024-03-04",
                "The crew will land on Friday.",
                "2024-03-08",
            ),
            (
                "future contraction",
                "2024-03-04",
                "It won't launch before Friday.",
                "2024-03-08",
            ),
            (
                "future passive",
                "2024-03-04",
                "The pact will be signed on Friday.",
                "2024-03-08",
            ),
            (
                "past passive",
                "2024-03-04",
                "The pact was formally signed on Friday.",
                "2024-03-01",
            ),
            (
                "perfect passive",
                "2024-03-04",
                "The pact has been signed on Friday.",
                "2024-03-01",
            ),
            (
                "plans to",
                "2024-03-04",
                "The agency plans to launch on Friday.",
                "2024-03-08",
            ),
            (
                "is to",
                "2024-03-04",
                "The envoy is to arrive on Friday.",
                "2024-03-08",
            ),
            (
                "present",
                "2024-03-04",
                "The summit is on Friday.",
                "2024-03-08",
            ),
            (
                "will in another clause before",
                "2024-03-04",
                "The firm, which will report soon, resigned its lease on Friday.",
                "2024-03-01",
            ),
            (
                "past in another clause before",
                "2024-03-04",
                "Officials said that the crew will dock on Friday.",
                "2024-03-08",
            ),
            (
                "past clause before a future one",
                "2024-03-04",
                "The launch slipped, and on Friday the crew will try again.",
                "2024-03-08",
            ),
            (
                "date opens its clause",
                "2024-03-04",
                "On Friday, the two ministers signed an accord.",
                "2024-03-01",
            ),
            (
                "date opens a future clause",
                "2024-03-04",
                "On Friday, the two ministers will sign an accord.",
                "2024-03-08",
            ),
            (
                "date in a that clause",
                "2024-03-04",
                "Officials said that on Friday the crew would return.",
                "2024-03-08",
            ),
            (
                "adjective participle is no verb",
                "2024-03-04",
                "The agency will show the revised design on Friday.",
                "2024-03-08",
            ),
            (
                "plan as a noun",
                "2024-03-04",
                "Ministers approved the plan on Friday.",
                "2024-03-01",
            ),
            (
                "past month",
                "2024-02-10",
                "The probe reached orbit on Nov. 12.",
                "2023-11-12",
            ),
            (
                "past month just ahead",
                "2024-02-10",
                "The probe reached orbit on Feb. 20.",
                "2023-02-20",
            ),
            (
                "past month this year",
                "2024-02-10",
                "The probe reached orbit on Jan. 20.",
                "2024-01-20",
            ),
            (
                "future month",
                "2024-11-10",
                "The probe will reach orbit on Feb. 2.",
                "2025-02-02",
            ),
            (
                "future month this year",
                "2024-11-10",
                "The probe will reach orbit on Dec. 2.",
                "2024-12-02",
            ),
            (
                "bare month past",
                "2024-02-10",
                "The probe was built in October.",
                "2023-10",
            ),
            (
                "bare month future",
                "2024-11-10",
                "The probe will fly in March.",
                "2025-03",
            ),
            (
                "unknown keeps the year",
                "2024-03-05",
                "A review on Nov. 2.",
                "2024-11-02",
            ),
        ]);
    }

    #[test]
    fn prepositions_point() {
        check(&[
            (
                "since",
                "2024-03-04",
                "The port has been shut since Friday.",
                "2024-03-01",
            ),
            (
                "since a month",
                "2024-02-10",
                "Prices have risen since October.",
                "2023-10",
            ),
            (
                "until",
                "2024-03-04",
                "The port is shut until Friday.",
                "2024-03-08",
            ),
            (
                "until in a past clause",
                "2024-03-04",
                "The port stayed shut until Friday.",
                "2024-03-01",
            ),
            (
                "postponed until",
                "2024-03-04",
                "The vote was postponed until Friday.",
                "2024-03-08",
            ),
            (
                "delayed to a month",
                "2024-11-10",
                "The launch was delayed to February.",
                "2025-02",
            ),
            ("by", "2024-03-04", "Bids are due by Friday.", "2024-03-08"),
            (
                "as soon as",
                "2024-03-04",
                "It could come as soon as Friday.",
                "2024-03-08",
            ),
        ]);
    }

    #[test]
    fn dated_events_look_back() {
        check(&[
            (
                "an event in a present clause is the nearest",
                "2024-01-25",
                "Police are investigating the Oct. 23 shooting.",
                "2023-10-23",
            ),
            (
                "an event with no tense is the nearest",
                "2024-10-27",
                "Analysts expect a cut at its Nov. 14 meeting.",
                "2024-11-14",
            ),
            (
                "an event in a modal clause",
                "2024-01-10",
                "The Jan. 24 vote could be delayed.",
                "2024-01-24",
            ),
            (
                "the day of an event",
                "2024-01-20",
                "Police are investigating the Oct. 23 shooting.",
                "2023-10-23",
            ),
            (
                "a month of an event",
                "2024-01-20",
                "Police are investigating the October slaying.",
                "2023-10",
            ),
            (
                "plural events",
                "2024-01-20",
                "after the Aug. 7 bombings of two embassies",
                "2023-08-07",
            ),
            (
                "possessive weekday",
                "2024-03-04",
                "Friday's launch went well.",
                "2024-03-01",
            ),
            (
                "possessive weekday ahead",
                "2024-03-04",
                "Friday's launch will be the first.",
                "2024-03-08",
            ),
            (
                "object of a future verb",
                "2024-10-20",
                "Voters will cast ballots in the Nov. 5 elections.",
                "2024-11-05",
            ),
        ]);
    }
}
