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
}
