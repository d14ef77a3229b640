//! Scores the extractor on the bundled fixture articles against their gold annotations
//! (`fixtures/gold/`, inline `[[type:key|surface]]` markup as in ENTITIES.md), with the
//! shared scorer's relaxed match: a gold mention is found when a prediction of the same type
//! overlaps it. Fails below 0.95 micro F1, and shows every miss and false alarm.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use orbitext::{Extractor, Kind};

/// A gold mention: type, byte span in the plain article, key, surface.
#[derive(Debug)]
struct Gold {
    kind: String,
    start: usize,
    end: usize,
    key: String,
    surface: String,
}

/// The plain article and its mentions, from a gold file.
fn parse_gold(marked: &str) -> (String, Vec<Gold>) {
    let mut plain = String::new();
    let mut mentions = Vec::new();
    let mut rest = marked;
    while let Some(open) = rest.find("[[") {
        plain.push_str(&rest[..open]);
        let inner = &rest[open + 2..];
        let close = inner.find("]]").expect("unclosed [[ in gold");
        let (label, surface) = inner[..close].split_once('|').expect("no | in gold mark");
        let (kind, key) = label.split_once(':').unwrap_or((label, ""));
        let start = plain.len();
        plain.push_str(surface);
        mentions.push(Gold {
            kind: kind.to_string(),
            start,
            end: plain.len(),
            key: key.to_string(),
            surface: surface.to_string(),
        });
        rest = &inner[close + 2..];
    }
    plain.push_str(rest);
    (plain, mentions)
}

#[test]
fn fixtures_score_at_least_0_95_micro_f1() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let extractor = Extractor::from_dictionaries(true, &[]).expect("embedded dictionaries load");
    let mut counts: BTreeMap<&str, [usize; 3]> = BTreeMap::new(); // type -> [gold, pred, hit]
    let mut errors = Vec::new();
    let mut names: Vec<_> = fs::read_dir(root.join("gold"))
        .expect("fixtures/gold")
        .map(|e| e.expect("entry").file_name())
        .collect();
    names.sort();
    assert!(names.len() >= 12, "at least 12 fixture articles");
    for name in names {
        let name = name.to_string_lossy().to_string();
        let marked = fs::read_to_string(root.join("gold").join(&name)).expect("gold file");
        let article = fs::read_to_string(root.join("articles").join(&name)).expect("article");
        let (plain, gold) = parse_gold(&marked);
        assert_eq!(
            plain, article,
            "{name}: gold without markup differs from the article"
        );
        let predicted = extractor.extract(&article);
        let mut used = vec![false; predicted.len()];
        for kind in Kind::ALL {
            let c = counts.entry(kind.as_str()).or_default();
            c[0] += gold.iter().filter(|g| g.kind == kind.as_str()).count();
            c[1] += predicted.iter().filter(|m| m.kind == kind).count();
        }
        for g in &gold {
            let exact = predicted.iter().enumerate().position(|(i, m)| {
                !used[i] && m.kind.as_str() == g.kind && (m.start, m.end) == (g.start, g.end)
            });
            let overlap = || {
                predicted.iter().enumerate().position(|(i, m)| {
                    !used[i] && m.kind.as_str() == g.kind && m.start < g.end && g.start < m.end
                })
            };
            match exact.or_else(overlap) {
                Some(i) => {
                    used[i] = true;
                    counts.get_mut(g.kind.as_str()).expect("known type")[2] += 1;
                }
                None => errors.push(format!(
                    "{name}: missed {} `{}` ({})",
                    g.kind, g.surface, g.key
                )),
            }
        }
        for m in predicted
            .iter()
            .zip(&used)
            .filter(|(_, u)| !**u)
            .map(|(m, _)| m)
        {
            errors.push(format!(
                "{name}: spurious {} `{}` ({})",
                m.kind,
                &article[m.start..m.end],
                m.id
            ));
        }
    }
    let (mut gold, mut pred, mut hit) = (0, 0, 0);
    let mut table = String::new();
    for (kind, [g, p, h]) in &counts {
        table.push_str(&format!("{kind:<10} gold {g:>4} pred {p:>4} hit {h:>4}\n"));
        gold += g;
        pred += p;
        hit += h;
    }
    let precision = hit as f64 / pred.max(1) as f64;
    let recall = hit as f64 / gold.max(1) as f64;
    let f1 = 2.0 * precision * recall / (precision + recall).max(f64::EPSILON);
    assert!(
        f1 >= 0.95,
        "relaxed micro F1 {f1:.3} is below 0.95\n{table}{}",
        errors.join("\n")
    );
}
