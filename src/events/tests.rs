//! Events found in sentences of our own, read with the embedded dictionaries.

use super::*;
use crate::extract::Extractor;

fn events(text: &str) -> Vec<Event> {
    let extractor = Extractor::from_dictionaries(true, &[]).unwrap();
    let mentions = extractor.extract(text);
    find(text, &mentions)
}

#[test]
fn parties_status_signatories_and_date() {
    // (name, text, kind, status, parties, signatories, date)
    type Row<'a> = (
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a [&'a str],
        &'a [&'a str],
        &'a str,
    );
    let rows: &[Row] = &[
        (
            "X and Y signed",
            "NASA and ESA signed a memorandum of understanding on May 3, 2021.",
            "mou",
            "signed",
            &["NASA", "ESA"],
            &[],
            "2021-05-03",
        ),
        (
            "between X and Y, planned",
            "An agreement between Japan and India will be signed in December 2024.",
            "agreement",
            "planned",
            &["JP", "IN"],
            &[],
            "2024-12",
        ),
        (
            "withdrew",
            "France withdrew from the treaty in 2019.",
            "treaty",
            "ended",
            &["FR"],
            &[],
            "2019",
        ),
        (
            "a place is no party",
            "NASA signed a contract at a meeting held in Paris, France.",
            "contract",
            "signed",
            &["NASA"],
            &[],
            "",
        ),
    ];
    for (name, text, kind, status, parties, signatories, date) in rows {
        let found = events(text);
        assert_eq!(found.len(), 1, "{name}: {found:?}");
        let e = &found[0];
        assert_eq!(e.kind, *kind, "{name}");
        assert_eq!(e.status.as_str(), *status, "{name}");
        assert_eq!(e.parties, *parties, "{name}");
        assert_eq!(e.signatories, *signatories, "{name}");
        assert_eq!(e.date, *date, "{name}");
    }
}

#[test]
fn later_mentions_merge_into_the_first() {
    let text = "Chile and Norway signed a memorandum of understanding.\n\nThe MoU was signed on \
                June 2, 2022. The MoU covers lunar science.";
    let found = events(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].date, "2022-06-02");
    assert_eq!(found[0].start, text.find("memorandum").unwrap());
}

#[test]
fn no_parties_no_event_and_plurals_untold_apart() {
    assert!(events("Agreements like this matter to everyone.").is_empty());
    assert!(events("India has signed agreements with 27 nations.").is_empty());
}

#[test]
fn signers_in_the_next_sentence_sign_the_instrument() {
    let text = "NASA and JAXA have signed an implementing arrangement.\n\nNASA Administrator Bill \
                Nelson and JAXA President Hiroshi Yamakawa signed the document by video link.\n";
    let found = events(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].signatories, ["Bill Nelson", "Hiroshi Yamakawa"]);
}

#[test]
fn a_plan_never_undoes_a_signing() {
    let text = "Chile and Norway signed a cooperation agreement. The agreement will be renewed \
                in 2030.";
    let found = events(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].status, Status::Signed);
}

#[test]
fn the_line_after_a_headline_gives_no_date() {
    let text = "Chile signs space agreement with Norway\nPosted 12 March 2020\n\nChile and Norway \
                signed the agreement in Oslo.";
    let found = events(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].date, "");
}

#[test]
fn respectively_gives_one_event_per_counterpart() {
    let text = "NASA signed a cooperation agreement with ESA and JAXA, respectively.";
    let found = events(text);
    let parties: Vec<&[String]> = found.iter().map(|e| &e.parties[..]).collect();
    assert_eq!(
        parties,
        [&["NASA", "ESA"][..], &["NASA", "JAXA"][..]],
        "{found:?}"
    );
    // A counterpart's other name in brackets is the same counterpart, whatever key the
    // dictionary gives each name.
    let text = "NASA signed a cooperation agreement with the Norwegian Space Center (NSC) and \
                JAXA, respectively.";
    let found = events(text);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].parties.iter().any(|p| p == "NSC"), "{found:?}");
}

/// An event's kind, status, parties, signatories and date.
type Summary = (String, &'static str, Vec<String>, Vec<String>, String);

/// The kind, status, parties, signatories and date of each event of `text`.
fn summary(text: &str) -> Vec<Summary> {
    events(text)
        .into_iter()
        .map(|e| (e.kind, e.status.as_str(), e.parties, e.signatories, e.date))
        .collect()
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn roles_of_sides_and_signers() {
    // (name, text, parties, signatories) of the one event of `text`
    type Row<'a> = (&'a str, &'a str, &'a [&'a str], &'a [&'a str]);
    let rows: &[Row] = &[
        (
            "a side of the body other sides belong to",
            "Envoys of Chile and member states of the European Space Agency signed a joint \
             statement.",
            &["CL"],
            &[],
        ),
        (
            "a country that qualifies an agency",
            "The Germany Federal Ministry for Economic Affairs and Energy and NASA signed an \
             agreement.",
            &["BMWi", "NASA"],
            &[],
        ),
        (
            "a country in a signer's title",
            "The agreement between NASA and JAXA was signed by Bill Nelson, a former envoy to \
             Chile, and JAXA President Hiroshi Yamakawa.",
            &["NASA", "JAXA"],
            &["Bill Nelson", "Hiroshi Yamakawa"],
        ),
        (
            "the subject of a second signing verb",
            "Bill Nelson signed the agreement for NASA, whilst Hiroshi Yamakawa, head of \
             JAXA, signed for Japan.",
            &["NASA", "JAXA", "JP"],
            &["Bill Nelson", "Hiroshi Yamakawa"],
        ),
        (
            "a board of a side is that side",
            "DLR and NASA signed an agreement. It was signed by Gerd Gruppe, Member of the DLR \
             Executive Board, and Bill Nelson.",
            &["DLR", "NASA"],
            &["Gerd Gruppe", "Bill Nelson"],
        ),
    ];
    for (name, text, parties, signatories) in rows {
        let found = events(text);
        assert_eq!(found.len(), 1, "{name}: {found:?}");
        assert_eq!(found[0].parties, *parties, "{name}");
        assert_eq!(found[0].signatories, *signatories, "{name}");
    }
}

#[test]
fn a_side_tied_to_another_instrument_is_not_this_ones() {
    let text = "Norway would have the Technology Safeguards Agreement (TSA) with the United \
                States, and would join the Outer Space Treaty.";
    let found = summary(text);
    let sides: Vec<(&str, &[String])> = found.iter().map(|e| (&*e.0, &e.2[..])).collect();
    assert_eq!(
        sides,
        [
            ("agreement", &strings(&["NO", "US"])[..]),
            ("treaty", &strings(&["NO"])[..])
        ]
    );
}

#[test]
fn group_words_name_the_sides_named_before() {
    let text = "Chile and Norway today signed a new framework agreement.\n\nIn 2009, the two \
                countries signed a first framework agreement, which came to an end in 2015.";
    assert_eq!(
        summary(text),
        [
            (
                "agreement".to_string(),
                "signed",
                strings(&["CL", "NO"]),
                vec![],
                String::new()
            ),
            (
                "agreement".to_string(),
                "ended",
                strings(&["CL", "NO"]),
                vec![],
                "2015".to_string()
            ),
        ]
    );
    // `both agencies` takes the nearest sentence before that names two of them, not the
    // latest event's many.
    let text = "NASA signed a cooperation agreement with ESA, JAXA and CNES, respectively.\n\n\
                NASA Administrator Bill Nelson and JAXA President Hiroshi Yamakawa met.\n\nBoth \
                agencies signed a cooperative agreement on disaster monitoring in 2009.";
    let found = summary(text);
    let last = found.last().unwrap();
    assert_eq!(last.2, ["NASA", "JAXA"], "{found:?}");
    assert_eq!(last.4, "2009", "{found:?}");
    assert_eq!(found.len(), 4, "{found:?}");
}

#[test]
fn a_title_takes_the_sides_of_its_lede() {
    let text = "JOINT STATEMENT\nON LUNAR SCIENCE\n\nToday, representatives of Chile, Norway and \
                Peru met in Lima. They adopted the joint statement.";
    let found = events(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].start, 0);
    assert_eq!(found[0].parties, ["CL", "NO", "PE"]);
}

#[test]
fn signers_of_a_document_go_to_the_instrument_before() {
    // The framework agreement reports a signing of its own: the signers before it are not its.
    let text = "The document was signed by NASA Administrator Bill Nelson and JAXA President \
                Hiroshi Yamakawa.\n\nIt falls under the framework agreement signed by NASA and \
                JAXA in June 2016.";
    let found = events(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].signatories.is_empty(), "{found:?}");
}

#[test]
fn a_date_of_something_else_does_not_part_a_later_mention() {
    let text = "Chile and Norway signed an agreement on May 3, 2021. The two plan a dialogue in \
                March 2023 to build on the agreement, officials added.";
    let found = events(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].date, "2021-05-03");
}

#[test]
fn an_instrument_introduced_anew_on_another_date_is_another() {
    let text = "Chile and Norway signed a new cooperation agreement on Monday.\n\nIn 2009, both \
                countries signed an agreement on satellite data.";
    let found = summary(text);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[1].4, "2009");
    // The same signing told again is the same instrument.
    let text = "Chile signed an agreement with Norway on May 3, 2021.\n\nNorway signed an \
                agreement with Chile on May 3, 2021 to share data.";
    assert_eq!(events(text).len(), 1);
}

#[test]
fn the_date_of_the_action() {
    // (name, text, date of its one event)
    let rows: &[(&str, &str, &str)] = &[
        (
            "a date before the verb dates the action",
            "Chile and Norway on 12 May 2021 signed an agreement.",
            "2021-05-12",
        ),
        (
            "the next sentence tells of the signing",
            "Chile and Norway signed an agreement on data. The text was signed in July 2021.",
            "2021-07",
        ),
        (
            "the next sentence tells of something else",
            "Chile and Norway signed an agreement on data. In 2021, the two discussed ways to \
             share it.",
            "",
        ),
        (
            "a dateline dates that day's signing",
            "OSLO, May 31 (Wire) Chile and Norway have signed an agreement on data.",
            "XXXX-05-31",
        ),
        (
            "a dateline is not the date of a signing on another day",
            "OSLO, May 31 (Wire) Chile and Norway have signed an agreement on data.\n\nThe \
             agreement was signed on Tuesday in Oslo.",
            "",
        ),
        (
            "a date alone on a line of the head",
            "JOINT STATEMENT\nOslo\nDecember 6, 1993\n\nToday, Chile and Norway adopted the \
             statement.",
            "1993-12-06",
        ),
    ];
    for (name, text, date) in rows {
        let found = events(text);
        assert_eq!(found.len(), 1, "{name}: {found:?}");
        assert_eq!(found[0].date, *date, "{name}");
    }
}

#[test]
fn datelines() {
    // (line, whether its date is a dateline)
    let rows: &[(&str, bool)] = &[
        ("MOSCOW, March 9, 2020 — Russia said.", true),
        ("Oslo, May 31, 2020 (Wire) Norway said.", true),
        ("OSLO (Wire - 9 March 2020) Norway said.", true),
        ("Published 9 March 2020 | 10:00", false),
        ("On 9 March 2020, Norway said so.", false),
    ];
    let extractor = Extractor::from_dictionaries(true, &[]).unwrap();
    for (line, want) in rows {
        let text = format!("{line}\n\nNorway and Chile signed a pact.");
        let mentions = extractor.extract(&text);
        let got = dateline(&text, &mentions, 0).is_some();
        assert_eq!(got, *want, "{line}");
    }
}

#[test]
fn sources_bases_and_commenters_are_no_sides() {
    // (name, text, parties of its one event)
    let rows: &[(&str, &str, &[&str])] = &[
        (
            "a cited source",
            "Chile and Norway have concluded a new agreement on data, the European Space \
             Agency (ESA) said.",
            &["CL", "NO"],
        ),
        (
            "where a firm is based",
            "A U.K.-based start-up has won a contract from the European Space Agency (ESA).",
            &["ESA"],
        ),
        (
            "the body of an official who only comments",
            "Bill Nelson, NASA Administrator, said Chile and Norway signed the agreement.",
            &["CL", "NO"],
        ),
    ];
    for (name, text, parties) in rows {
        let found = events(text);
        assert_eq!(found.len(), 1, "{name}: {found:?}");
        assert_eq!(found[0].parties, *parties, "{name}");
    }
}

#[test]
fn a_date_after_another_instrument_dates_that_one() {
    let text = "The arrangement builds on an earlier memorandum of understanding between Chile \
                and Norway, and on their signature of the Artemis Accords in October 2020.";
    let found = summary(text);
    let dates: Vec<(&str, &str)> = found.iter().map(|e| (&*e.0, &*e.4)).collect();
    assert!(dates.contains(&("mou", "")), "{found:?}");
    assert!(dates.contains(&("accords", "2020-10")), "{found:?}");
    // A date before both dates the two.
    let text = "On 19 March 2024, an agreement and an arrangement between Chile and Norway were \
                signed.";
    let found = summary(text);
    assert!(found.iter().all(|e| e.4 == "2024-03-19"), "{found:?}");
}

#[test]
fn a_treaty_only_cited_is_no_event() {
    assert!(events("Sessions cover the Registration Convention and reports to Chile.").is_empty());
    assert_eq!(events("Chile joined the Registration Convention.").len(), 1);
}

#[test]
fn an_instrument_told_apart_is_referred_back_to() {
    // `the signing of a first framework agreement in 2009` is the first one, which ended.
    let text = "Chile and Norway today signed a new framework agreement.\n\nIn 2009, the two \
                countries signed a first framework agreement, which came to an end in 2015.\n\n\
                Since the signing of a first framework agreement in 2009, Chile and Norway have \
                shared data.";
    let found = summary(text);
    let brief: Vec<(&str, &str)> = found.iter().map(|e| (e.1, &*e.4)).collect();
    assert_eq!(brief, [("signed", ""), ("ended", "2015")], "{found:?}");
    // A new instrument told apart from the old one is another.
    let text = "Chile and Norway signed a new agreement on data.\n\nThe old agreement between \
                Chile and Norway expired.";
    let found = summary(text);
    let brief: Vec<&str> = found.iter().map(|e| e.1).collect();
    assert_eq!(brief, ["signed", "ended"], "{found:?}");
}
