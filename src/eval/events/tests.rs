use super::*;

/// Gold and found events of three articles that touch every rule of the reference scorer:
/// `|`-joined lists, a blank party, an `XXXX` year, a pair on overlapping spans alone, a kind
/// that differs, an article without gold events, and a tie between two gold events.
const CASES: [(&str, &str, &str); 3] = [
    (
        "a",
        r#"{"kind": "mou", "status": "signed", "parties": ["NASA", "ESA"], "signatories": ["Ann Quill"], "date": "2021-05-03", "start": 10, "end": 13}

{"kind": "agreement", "status": "planned", "parties": "US|JP", "signatories": "", "date": "XXXX-06", "start": 40, "end": 49}
{"kind": "agreement", "status": "signed", "parties": ["US"], "signatories": [], "date": "", "start": 100, "end": 109}
{"kind": "contract", "status": "signed", "parties": ["ESA"], "date": null, "start": 200, "end": 208}
"#,
        r#"{"doc": "x/a.txt", "kind": "mou", "status": "signed", "parties": ["NASA", " "], "signatories": ["Ann Quill", "Bo Reyes"], "date": "2021-05-03", "start": 10, "end": 13}
{"doc": "x/a.txt", "kind": "agreement", "status": "planned", "parties": ["US", "JP"], "signatories": [], "date": "2024-06", "start": 300, "end": 309}
{"doc": "x/a.txt", "kind": "agreement", "status": "signed", "parties": ["FR"], "signatories": [], "date": "2020", "start": 105, "end": 112}
{"doc": "x/a.txt", "kind": "deal", "status": "signed", "parties": ["ESA"], "start": 200, "end": 208}
"#,
    ),
    (
        "b",
        "",
        r#"{"doc": "b.txt", "kind": "treaty", "status": "ended", "parties": "Türkiye|UN", "signatories": "Ann Quill", "date": "2001-02-03", "start": 5, "end": 11}"#,
    ),
    (
        "c",
        r#"{"kind": "mou", "status": "signed", "parties": ["IN"], "start": 0, "end": 3}
{"kind": "mou", "status": "signed", "parties": ["IN"], "start": 50, "end": 53}
"#,
        r#"{"doc": "c.txt", "kind": "mou", "status": "signed", "parties": ["in"], "date": "2019", "start": 60, "end": 63}"#,
    ),
];

/// What `score_events.py --json` writes for [`CASES`] (the gold files `a.jsonl`, `b.jsonl`,
/// `c.jsonl` and the found events as one JSON Lines file).
const REFERENCE: &str = include_str!("reference.json");

fn evaluate() -> EventEvaluation {
    let mut evaluation = EventEvaluation::default();
    for (doc, gold, found) in CASES {
        let gold = parse_gold_events(gold).expect("well-formed gold");
        let found = parse_gold_events(found).expect("well-formed events");
        evaluation.add(
            &format!("{doc}.jsonl"),
            &format!("{doc}.txt"),
            &gold,
            &found,
        );
    }
    evaluation
}

#[test]
fn figures_are_the_reference_scorers_to_the_byte() {
    let report = evaluate().report();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b" ");
    let mut out = Vec::new();
    report
        .serialize(&mut serde_json::Serializer::with_formatter(
            &mut out, formatter,
        ))
        .unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), REFERENCE.trim_end());
}

#[test]
fn slips_come_in_the_reference_scorers_order() {
    let slips: Vec<String> = evaluate().slips.iter().map(Slip::to_string).collect();
    assert_eq!(
        slips,
        [
            "a.jsonl:1: mou parties: gold [ESA, NASA] found [NASA]",
            "a.jsonl:1: mou signatories: gold [Ann Quill] found [Ann Quill, Bo Reyes]",
            "a.jsonl:4: agreement parties: gold [US] found [FR]",
            "a.jsonl:4: agreement date: gold [] found [2020]",
            "a.jsonl:5: missed contract [ESA]",
            "a.txt:4: spurious deal [ESA]",
            "b.txt:1: spurious treaty [Türkiye, UN]",
            "c.jsonl:1: mou date: gold [] found [2019]",
            "c.jsonl:2: missed mou [IN]",
        ]
    );
}

#[test]
fn an_event_found_scores_as_its_record_reads() {
    use crate::events::Status;
    let event = Event {
        kind: "mou".into(),
        status: Status::Planned,
        start: 4,
        end: 7,
        line: 2,
        text: "MoU".into(),
        parties: vec!["NASA".into(), "JAXA".into()],
        party_names: vec!["NASA".into(), "JAXA".into()],
        signatories: vec!["Ann Quill".into()],
        date: "2030".into(),
        name: String::new(),
        context: None,
    };
    let record = serde_json::json!({
        "doc": "a.txt", "kind": "mou", "status": "planned", "start": 4, "end": 7, "line": 2,
        "text": "MoU", "parties": ["NASA", "JAXA"], "signatories": ["Ann Quill"],
        "date": "2030", "name": ""
    });
    assert_eq!(
        Scored::of_event(&event),
        Scored::from_record(&record, 2).unwrap()
    );
}

#[test]
fn malformed_gold_lines_are_named_with_what_is_wrong() {
    let ok = r#""kind": "mou", "status": "signed", "parties": ["US"], "start": 0, "end": 3"#;
    let kinds = KINDS.join(", ");
    for (name, line, expected) in [
        (
            "not JSON",
            r#"{"kind": "mou""#.to_string(),
            vec!["not valid JSON at column 14: EOF while parsing an object".to_string()],
        ),
        (
            "not an object",
            "[1, 2]".into(),
            vec!["an event is a JSON object, not an array".into()],
        ),
        (
            "unknown kind",
            format!("{{{}}}", ok.replace(r#""mou""#, r#""MoU""#)),
            vec![format!(r#"kind "MoU" is unknown (it is one of {kinds})"#)],
        ),
        (
            "no status",
            format!("{{{}}}", ok.replace(r#""status": "signed", "#, "")),
            vec!["no `status`".into()],
        ),
        (
            "no parties",
            format!("{{{}}}", ok.replace(r#"["US"]"#, "[]")),
            vec!["no parties: an event names at least one side".into()],
        ),
        (
            "parties not keys",
            format!("{{{}}}", ok.replace(r#"["US"]"#, r#"["US", 3]"#)),
            vec!["parties are keys: strings, not a number".into()],
        ),
        (
            "bad offsets",
            format!("{{{}}}", ok.replace(r#""start": 0"#, r#""start": -2"#)),
            vec!["start (-2) is not a byte offset (a whole number from 0)".into()],
        ),
        (
            "empty span",
            format!("{{{}}}", ok.replace(r#""end": 3"#, r#""end": 0"#)),
            vec!["the anchor span 0..0 is empty: start comes before end".into()],
        ),
        (
            "blank parties and a bad kind",
            r#"{"kind": "pact", "status": "signed", "parties": [" "], "start": 0, "end": 3}"#
                .into(),
            vec![
                format!(r#"kind "pact" is unknown (it is one of {kinds})"#),
                "no parties: an event names at least one side".into(),
            ],
        ),
        (
            "several",
            r#"{"kind": "pact", "parties": "US", "date": 2021, "start": 1, "end": 2}"#.into(),
            vec![
                format!(r#"kind "pact" is unknown (it is one of {kinds})"#),
                "no `status`".into(),
                "date 2021 is not a string".into(),
            ],
        ),
    ] {
        let text = format!("{{{ok}}}\n\n{line}\n");
        let errors = parse_gold_events(&text).expect_err(name);
        let got: Vec<(usize, String)> = errors.into_iter().map(|e| (e.line, e.message)).collect();
        let want: Vec<(usize, String)> = expected.into_iter().map(|m| (3, m)).collect();
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn anchors_must_lie_in_the_article() {
    let gold = parse_gold_events(
        "{\"kind\": \"mou\", \"status\": \"signed\", \"parties\": [\"FR\"], \"start\": 0, \"end\": 2}\n\
         {\"kind\": \"mou\", \"status\": \"signed\", \"parties\": [\"FR\"], \"start\": 1, \"end\": 3}\n\
         {\"kind\": \"mou\", \"status\": \"signed\", \"parties\": [\"FR\"], \"start\": 3, \"end\": 9}\n",
    )
    .unwrap();
    let errors: Vec<String> = check_anchors(&gold, "a.txt", "Zé is")
        .iter()
        .map(LineError::to_string)
        .collect();
    assert_eq!(
        errors,
        [
            "1: the anchor span 0..2 cuts a character of a.txt",
            "3: the anchor span 3..9 is not text of a.txt, which has 6 bytes",
        ]
    );
}

#[test]
fn nothing_to_count_scores_zero() {
    for (tally, expected) in [
        ((0, 0, 0), (0.0, 0.0, 0.0)),
        ((0, 2, 0), (0.0, 0.0, 0.0)),
        ((1, 1, 2), (0.5, 1.0 / 3.0, 0.4)),
    ] {
        let figures = Tally {
            tp: tally.0,
            fp: tally.1,
            fn_: tally.2,
        }
        .figures();
        assert_eq!(
            (figures.p, figures.r),
            (expected.0, expected.1),
            "{tally:?}"
        );
        assert!((figures.f1 - expected.2).abs() < 1e-15, "{tally:?}");
    }
}
