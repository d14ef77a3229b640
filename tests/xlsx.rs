//! `--format xlsx`, end to end: the real binary writes a workbook, `calamine` reads it back, and
//! every cell must be the value JSON Lines gives for it, with its type: text as text (nothing
//! read as a date or a number), numbers as numbers. The workbook's own XML, read with `zip`,
//! shows what calamine does not: the bold, frozen header with its filter, and column widths.

// The shared helpers serve several test files; this one uses only a few of them.
#[allow(dead_code)]
mod util;

use std::io::{Cursor, Read};

use calamine::{open_workbook, open_workbook_from_rs, Data, Range, Reader, Xlsx};
use util::{keys, Dir};

/// An invented dictionary entry whose id reads as a number in scientific notation and whose
/// name has a typographic apostrophe and an accented capital.
const DICT: &str = "type\tid\tname\taliases\nagency\t1E5\tAgence d’Études Spatiales\tAdES\n";

/// Agencies, a full date and one without a year, whose values spreadsheets turn into dates.
const ARTICLE: &str = "The AdES and NASA’s team met on May 21, 2021, and again on Sept. 30.\n";

/// A folder with the dictionary and the article, named with an `é`.
fn setup() -> Dir {
    let dir = Dir::new();
    dir.create("my.tsv", DICT);
    dir.create("café.txt", ARTICLE);
    dir
}

/// The names of a workbook's sheets and its one sheet's cells.
fn read_sheet<R: Read + std::io::Seek>(mut workbook: Xlsx<R>) -> (Vec<String>, Range<Data>) {
    let names = workbook.sheet_names();
    assert_eq!(names.len(), 1, "one sheet per command: {names:?}");
    let range = workbook
        .worksheet_range(&names[0])
        .expect("the sheet reads");
    (names, range)
}

fn read_file(dir: &Dir, name: &str) -> (Vec<String>, Range<Data>) {
    let workbook: Xlsx<_> = open_workbook(dir.path().join(name)).expect("a workbook");
    read_sheet(workbook)
}

/// A JSON Lines value as the cell it must be: an empty string is an empty cell.
fn cell(value: &serde_json::Value) -> Data {
    match value {
        serde_json::Value::String(s) if s.is_empty() => Data::Empty,
        serde_json::Value::String(s) => Data::String(s.clone()),
        serde_json::Value::Number(n) => Data::Float(n.as_f64().expect("a number")),
        other => panic!("no cell for {other}"),
    }
}

/// Assert that `range` is a header of the JSON Lines keys, then one row per line, each cell
/// the line's value in key order with the type JSON gives it.
#[track_caller]
fn assert_sheet_is(what: &str, range: &Range<Data>, jsonl: &str) {
    let mut rows = range.rows();
    let header = rows
        .next()
        .unwrap_or_else(|| panic!("{what}: an empty sheet"));
    let lines: Vec<&str> = jsonl.lines().collect();
    assert!(!lines.is_empty(), "{what}: no JSON Lines to compare with");
    let names = keys(lines[0]);
    let want: Vec<Data> = names.iter().map(|k| Data::String(k.clone())).collect();
    assert_eq!(header, &want[..], "{what}: header");
    for (i, line) in lines.iter().enumerate() {
        let object: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(line).expect("a JSON object");
        let want: Vec<Data> = names.iter().map(|k| cell(&object[k])).collect();
        let got = rows
            .next()
            .unwrap_or_else(|| panic!("{what}: row {} missing", i + 2));
        assert_eq!(got, &want[..], "{what}: row {} ({line})", i + 2);
    }
    assert!(rows.next().is_none(), "{what}: more rows than JSON Lines");
}

fn jsonl(dir: &Dir, args: &[&str]) -> String {
    let args: Vec<&str> = args.iter().copied().chain(["--format", "jsonl"]).collect();
    dir.run(&args).success().stdout
}

#[test]
fn extract_cells_are_the_records_with_text_as_text_and_numbers_as_numbers() {
    let dir = setup();
    let args = ["extract", "--dict", "my.tsv", "--context", "10", "café.txt"];
    let xlsx = as_workbook(&args, "m.xlsx");
    let run = dir.run(&xlsx).success();
    assert_eq!(run.stdout, "", "with -o nothing goes to stdout");
    let (names, range) = read_file(&dir, "m.xlsx");
    assert_eq!(names, ["mentions"]);
    assert_sheet_is("extract", &range, &jsonl(&dir, &args));

    // The values spreadsheets guess at, spelled out: each is the text it was.
    let row = |text: &str| -> Vec<Data> {
        let row = range.rows().find(|r| r[5] == Data::String(text.into()));
        row.unwrap_or_else(|| panic!("no row for {text}")).to_vec()
    };
    let text = |s: &str| Data::String(s.into());
    let ades = row("AdES");
    assert_eq!(ades[0], text("café.txt"));
    assert_eq!(
        ades[2..5],
        [Data::Float(4.0), Data::Float(8.0), Data::Float(1.0)]
    );
    assert_eq!(ades[6], text("1E5"));
    assert_eq!(ades[7], text("Agence d’Études Spatiales"));
    assert_eq!(ades[11], text("The AdES and NASA’"));
    assert_eq!(row("May 21, 2021")[6], text("2021-05-21"));
    assert_eq!(row("Sept. 30")[8], text("2021-09-30"));
}

#[test]
fn summary_and_dictionary_sheets_are_their_tables() {
    let dir = setup();
    let args = ["summary", "--dict", "my.tsv", "café.txt"];
    let xlsx = as_workbook(&args, "s.xlsx");
    dir.run(&xlsx).success();
    let (names, range) = read_file(&dir, "s.xlsx");
    assert_eq!(names, ["entities"]);
    assert_sheet_is("summary", &range, &jsonl(&dir, &args));
    let ades = range.rows().find(|r| r[1] == Data::String("1E5".into()));
    let ades = ades.expect("a row for the invented agency");
    assert_eq!(ades[3..], [Data::Float(1.0), Data::Float(1.0)]);

    let args = ["dicts", "list", "--dict", "my.tsv"];
    let xlsx = as_workbook(&args, "d.xlsx");
    dir.run(&xlsx).success();
    let (names, range) = read_file(&dir, "d.xlsx");
    assert_eq!(names, ["entries"]);
    assert_sheet_is("dicts list", &range, &jsonl(&dir, &args));
}

/// `args` with the workbook written to `file`.
fn as_workbook<'a>(args: &[&'a str], file: &'a str) -> Vec<&'a str> {
    let mut all = args.to_vec();
    all.extend(["--format", "xlsx", "-o", file]);
    all
}

/// The text of one part of the workbook's zip container.
fn part(dir: &Dir, workbook: &str, name: &str) -> String {
    let file = std::fs::File::open(dir.path().join(workbook)).expect("the workbook");
    let mut zip = zip::ZipArchive::new(file).expect("a zip container");
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .read_to_string(&mut text)
        .expect("UTF-8 XML");
    text
}

/// The values of attribute `name` on every `<element …>` of `xml`, in order.
fn attributes(xml: &str, element: &str, name: &str) -> Vec<String> {
    let tag = regex::Regex::new(&format!(r"<{element}[ >/][^>]*")).unwrap();
    let attribute = regex::Regex::new(&format!(r#"\b{name}="([^"]*)""#)).unwrap();
    tag.find_iter(xml)
        .map(|t| {
            let value = attribute.captures(t.as_str()).map(|c| c[1].to_string());
            value.unwrap_or_default()
        })
        .collect()
}

#[test]
fn header_is_bold_frozen_and_filtered_and_columns_fit_their_values() {
    let dir = setup();
    let args = [
        "extract",
        "--dict",
        "my.tsv",
        "--context",
        "200",
        "café.txt",
    ];
    let xlsx = as_workbook(&args, "m.xlsx");
    dir.run(&xlsx).success();
    let sheet = part(&dir, "m.xlsx", "xl/worksheets/sheet1.xml");

    // Frozen below the first row, and a filter over the header and the four records.
    let pane = regex::Regex::new(r"<pane [^>]*>").unwrap();
    let pane = pane.find(&sheet).expect("a pane").as_str();
    assert!(
        pane.contains(r#"ySplit="1""#) && pane.contains(r#"state="frozen""#),
        "{pane}"
    );
    assert_eq!(attributes(&sheet, "autoFilter", "ref"), ["A1:L5"]);

    // Every header cell, and no other, has the style whose font is bold.
    let cells = attributes(&sheet, "c", "r");
    let styles = attributes(&sheet, "c", "s");
    let header_styles: Vec<&String> = (cells.iter().zip(&styles))
        .filter(|(r, _)| r.trim_start_matches(char::is_alphabetic) == "1")
        .map(|(_, s)| s)
        .collect();
    assert_eq!(header_styles.len(), 12, "{cells:?}");
    let style = header_styles[0];
    assert!(header_styles.iter().all(|s| *s == style && !s.is_empty()));
    assert_eq!(
        styles.iter().filter(|s| *s == style).count(),
        12,
        "only the header"
    );
    let styles_xml = part(&dir, "m.xlsx", "xl/styles.xml");
    let xfs = &styles_xml[styles_xml.find("<cellXfs").expect("cell styles")..];
    let font = &attributes(xfs, "xf", "fontId")[style.parse::<usize>().unwrap()];
    let fonts = regex::Regex::new(r"(?s)<font>.*?</font>").unwrap();
    let font = fonts
        .find_iter(&styles_xml)
        .nth(font.parse().unwrap())
        .expect("the header's font");
    assert!(font.as_str().contains("<b/>"), "{}", font.as_str());

    // A width per column: the longest value or the header and its filter button, within
    // bounds; the 400-character context is cut to the widest column.
    let widths: Vec<f64> = attributes(&sheet, "col", "width")
        .iter()
        .map(|w| w.parse().unwrap())
        .collect();
    assert_eq!(widths.len(), 12, "{sheet}");
    let at = |col: usize| widths[col].floor() as usize;
    assert_eq!(at(0), "café.txt".chars().count() + 1, "doc");
    assert_eq!(at(2), "start".len() + 2 + 1, "start");
    let nasa = "National Aeronautics and Space Administration";
    assert_eq!(at(7), nasa.len() + 1, "name, the longest");
    assert_eq!(at(11), 61, "context");
}

#[test]
fn no_header_leaves_out_the_header_its_pane_and_filter() {
    let dir = setup();
    let args = ["extract", "--dict", "my.tsv", "café.txt", "--no-header"];
    let xlsx = as_workbook(&args, "m.xlsx");
    dir.run(&xlsx).success();
    let (_, range) = read_file(&dir, "m.xlsx");
    assert_eq!(range.height(), 4, "the four records");
    assert_eq!(range.rows().next().unwrap()[5], Data::String("AdES".into()));
    let sheet = part(&dir, "m.xlsx", "xl/worksheets/sheet1.xml");
    assert!(
        !sheet.contains("<pane") && !sheet.contains("<autoFilter"),
        "{sheet}"
    );
}

#[test]
fn a_workbook_goes_to_stdout_when_it_is_not_a_terminal() {
    let dir = setup();
    let args = [
        "extract",
        "--dict",
        "my.tsv",
        "café.txt",
        "--format",
        "xlsx",
    ];
    let output = dir.command(args).output().expect("orbitext runs");
    assert_eq!(output.status.code(), Some(0), "{:?}", output.stderr);
    let piped: Xlsx<_> = open_workbook_from_rs(Cursor::new(output.stdout)).expect("a workbook");
    let (_, piped) = read_sheet(piped);
    let with_o: Vec<&str> = args.iter().copied().chain(["-o", "m.xlsx"]).collect();
    dir.run(&with_o).success();
    assert_eq!(piped, read_file(&dir, "m.xlsx").1);
}

#[test]
fn bom_is_refused_for_a_workbook() {
    let dir = setup();
    let run = dir.run(&[
        "extract",
        "café.txt",
        "--format",
        "xlsx",
        "--bom",
        "-o",
        "m.xlsx",
    ]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains("--bom is only for CSV and TSV"),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("m.xlsx").exists());
}
