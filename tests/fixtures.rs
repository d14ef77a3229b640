//! Scores the extractor on the bundled fixture articles against their gold annotations
//! (`fixtures/gold/`, inline `[[type:key|surface]]` markup as in ENTITIES.md) with the
//! library's evaluation, the one `orbitext eval` runs. Fails below 0.95 relaxed micro F1 (a
//! gold mention is found when a mention of the same type overlaps it), and shows the score
//! table with every miss and false alarm.

use std::fs;
use std::path::Path;

use orbitext::eval::{parse_gold, Evaluation};
use orbitext::Extractor;

#[test]
fn fixtures_score_at_least_0_95_micro_f1() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let extractor = Extractor::from_dictionaries(true, &[]).expect("embedded dictionaries load");
    let mut names: Vec<_> = fs::read_dir(root.join("gold"))
        .expect("fixtures/gold")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 12, "at least 12 fixture articles");
    let mut evaluation = Evaluation::new(&[]);
    for name in names {
        let marked = fs::read_to_string(root.join("gold").join(&name)).expect("gold file");
        let article = fs::read_to_string(root.join("articles").join(&name)).expect("article");
        let gold = parse_gold(&marked).unwrap_or_else(|errors| {
            let errors: Vec<String> = errors.iter().map(|e| format!("{name}:{e}")).collect();
            panic!("malformed gold markup:\n{}", errors.join("\n"))
        });
        assert_eq!(
            gold.text, article,
            "{name}: gold without markup differs from the article"
        );
        evaluation.add(&name, &gold, &extractor.extract(&article));
    }
    let mut report = String::new();
    for (name, s) in evaluation.rows() {
        report.push_str(&format!(
            "{name:<10} gold {:>4} pred {:>4} relaxed P/R/F1 {:.3}/{:.3}/{:.3}\n",
            s.gold, s.pred, s.relaxed_p, s.relaxed_r, s.relaxed_f1
        ));
    }
    let slips = [
        ("missed", &evaluation.misses),
        ("spurious", &evaluation.spurious),
    ];
    for (what, slips) in slips {
        for s in slips {
            let line = format!(
                "{}:{}: {what} {} `{}` ({})\n",
                s.doc, s.line, s.kind, s.text, s.key
            );
            report.push_str(&line);
        }
    }
    let f1 = evaluation.micro().scores().relaxed_f1;
    assert!(
        f1 >= 0.95,
        "relaxed micro F1 {f1:.3} is below 0.95\n{report}"
    );
}
