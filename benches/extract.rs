//! Micro-benchmarks of the extraction stages on the bundled fixture articles: the dictionary
//! word starts every matcher shares, the dictionary trie, each rule set, and the whole
//! extractor. `cargo bench` runs them; the end-to-end
//! comparison with grep is `scripts/bench.sh`.

use std::fs;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use orbitext::gazetteer::{self, Gazetteer};
use orbitext::rules::agreements::AgreementRules;
use orbitext::rules::bodies::BodyRules;
use orbitext::rules::dates::DateRules;
use orbitext::tokenize::word_starts;
use orbitext::Extractor;

/// All fixture articles joined into one text of about 30 KB.
fn corpus() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/articles");
    let mut paths: Vec<_> = fs::read_dir(dir)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| fs::read_to_string(p).expect("fixture"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn stages(c: &mut Criterion) {
    let text = corpus();
    let mut group = c.benchmark_group("stages");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("word starts", |b| b.iter(|| word_starts(black_box(&text))));
    let starts = word_starts(&text);
    let entries = gazetteer::load(true, &[]).expect("embedded dictionaries");
    let gazetteer = Gazetteer::new(entries);
    group.bench_function("gazetteer", |b| {
        b.iter(|| gazetteer.find(black_box(&text), &starts))
    });
    let dates = DateRules::new();
    group.bench_function("dates", |b| {
        b.iter(|| dates.find(black_box(&text), &starts))
    });
    let agreements = AgreementRules::new();
    group.bench_function("agreements", |b| {
        b.iter(|| agreements.find(black_box(&text), &starts))
    });
    let bodies = BodyRules::new();
    group.bench_function("bodies", |b| {
        b.iter(|| bodies.find(black_box(&text), &starts))
    });
    let extractor = Extractor::from_dictionaries(true, &[]).expect("extractor");
    group.bench_function("extract", |b| {
        b.iter(|| extractor.extract(black_box(&text)))
    });
    group.finish();
}

fn startup(c: &mut Criterion) {
    let entries = gazetteer::load(true, &[]).expect("embedded dictionaries");
    c.bench_function("startup/trie from embedded dictionaries", |b| {
        b.iter(|| Gazetteer::new(black_box(entries.clone())))
    });
    c.bench_function("startup/whole extractor", |b| {
        b.iter(|| Extractor::from_dictionaries(true, &[]).expect("extractor"))
    });
}

criterion_group!(benches, stages, startup);
criterion_main!(benches);
