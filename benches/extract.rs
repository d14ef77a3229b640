//! Micro-benchmarks of extraction through the library's API: the whole extractor on the bundled
//! fixture articles, on hostile text at 10 KB and 1 MB (shapes that make a rule's cost grow
//! faster than the text if a candidate is unbounded or a lookup scans: the 1 MB figure must
//! stay about 100 times the 10 KB one), and start-up. `cargo bench` runs them; the end-to-end comparison with grep is `scripts/bench.sh`.

use std::fs;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
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

/// `unit` repeated to `size` bytes, cut on a character boundary.
fn repeated(unit: &str, size: usize) -> String {
    let mut text = unit.repeat(size / unit.len() + 1);
    let mut end = size;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text
}

/// Shapes that stress one rule each: bodies read forward, titles read back, yearless dates
/// anchored on others, dense dictionary hits, names after titles, appositions, surnames and
/// abbreviations spread over the text.
const HOSTILE: &[(&str, &str)] = &[
    ("ministry of", "Ministry of "),
    ("deputy", "Deputy "),
    ("titles and ministries", "Deputy Ministry of the "),
    ("yearless dates", "on Sept. 30, and on Oct. 2, "),
    ("dense acronyms", "NASA,"),
    ("titled names", "Minister Anna Kovacs said. "),
    ("appositions", "Anna Kovacs, Minister of Space, "),
    ("abbreviations", "the Zembla Space Board (ZSB) and ZSB "),
];

fn extraction(c: &mut Criterion) {
    let extractor = Extractor::from_dictionaries(true, &[]).expect("extractor");
    let text = corpus();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("fixtures", |b| {
        b.iter(|| extractor.extract(black_box(&text)))
    });
    group.finish();

    let mut group = c.benchmark_group("hostile");
    group.sample_size(10);
    for (name, unit) in HOSTILE {
        for size in [10_000, 1_000_000] {
            let text = repeated(unit, size);
            group.throughput(Throughput::Bytes(size as u64));
            group.bench_with_input(BenchmarkId::new(*name, size), &text, |b, text| {
                b.iter(|| extractor.extract(black_box(text)))
            });
        }
    }
    group.finish();
}

fn startup(c: &mut Criterion) {
    let entries = orbitext::load_dictionaries(true, &[]).expect("embedded dictionaries");
    c.bench_function("startup/extractor from embedded entries", |b| {
        b.iter(|| Extractor::new(black_box(entries.clone())))
    });
    c.bench_function("startup/whole extractor", |b| {
        b.iter(|| Extractor::from_dictionaries(true, &[]).expect("extractor"))
    });
}

criterion_group!(benches, extraction, startup);
criterion_main!(benches);
