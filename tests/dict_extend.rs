//! `--dict` extends the embedded dictionaries: a row with the type and id of an embedded entry
//! adds its aliases to it and replaces the fields it gives, and `dicts check` says which
//! entry it extends. Messages name the embedded files as `(built-in) agencies.tsv:LINE`.

#[allow(dead_code)]
mod util;

use util::Dir;

const HEADER: &str = "type\tid\tname\taliases\tcountry\torg\trole\n";

/// The `dicts list` row of the agency `id`, as CSV.
fn agency_row(dir: &Dir, args: &[&str], id: &str) -> String {
    let mut all = vec!["dicts", "list", "--type", "agency"];
    all.extend(args);
    let out = dir.run(&all).success();
    let prefix = format!("agency,{id},");
    let rows: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with(&prefix))
        .collect();
    assert_eq!(rows.len(), 1, "{}", out.stdout);
    rows[0].to_string()
}

#[test]
fn an_alias_added_to_an_embedded_id_is_matched_under_that_id() {
    let dir = Dir::new();
    dir.create(
        "mine.tsv",
        format!("{HEADER}agency\tCNES\t\tthe French agency\t\t\t\n"),
    );
    dir.create(
        "a.txt",
        "Officials at the French agency said the launch would slip.\n",
    );

    let before = agency_row(&dir, &[], "CNES");
    let after = agency_row(&dir, &["--dict", "mine.tsv"], "CNES");
    // The same entry, its name and fields kept, with one alias more at the end.
    assert_eq!(after, before.replacen(",FR,", "|the French agency,FR,", 1));

    let out = dir
        .run(&[
            "extract", "--format", "jsonl", "--dict", "mine.tsv", "a.txt",
        ])
        .success();
    let recs = out.records();
    assert_eq!(recs.len(), 1, "{}", out.stdout);
    assert_eq!(
        (recs[0].text.as_str(), recs[0].id.as_str()),
        ("the French agency", "CNES")
    );
    assert_eq!(recs[0].name, "Centre national d'études spatiales");

    // Without the extension the phrase is nothing.
    let plain = dir.run(&["extract", "a.txt"]).success();
    assert_eq!(plain.stdout.lines().count(), 1, "{}", plain.stdout);
}

#[test]
fn fields_given_replace_and_empty_fields_keep_the_embedded_values() {
    let dir = Dir::new();
    let before = agency_row(&dir, &[], "CNES");
    let fields: Vec<&str> = before.split(',').collect();
    let old_name = fields[2];
    dir.create(
        "rename.tsv",
        format!("{HEADER}agency\tCNES\tFrench Space Agency\tFSA\t\t\t\n"),
    );
    let after = agency_row(&dir, &["--dict", "rename.tsv"], "CNES");
    let got: Vec<&str> = after.split(',').collect();
    assert_eq!(got[2], "French Space Agency");
    let aliases: Vec<&str> = got[3].split('|').collect();
    // The embedded name stays a form that is matched, and the new alias is added.
    assert!(aliases.contains(&old_name), "{after}");
    assert!(aliases.contains(&"FSA"), "{after}");
    // The country was left empty: the embedded one stays.
    assert_eq!(got[4], "FR", "{after}");

    dir.create("b.txt", "The FSA and the French Space Agency agreed.\n");
    let out = dir
        .run(&[
            "extract",
            "--format",
            "jsonl",
            "--dict",
            "rename.tsv",
            "b.txt",
        ])
        .success();
    let found: Vec<(String, String, String)> = out
        .records()
        .into_iter()
        .filter(|r| r.kind == "agency")
        .map(|r| (r.text, r.id, r.name))
        .collect();
    let name = "French Space Agency".to_string();
    assert_eq!(
        found,
        [
            ("FSA".into(), "CNES".into(), name.clone()),
            ("French Space Agency".into(), "CNES".into(), name),
        ]
    );
}

#[test]
fn check_says_which_embedded_entry_a_row_extends() {
    let dir = Dir::new();
    dir.create(
        "mine.tsv",
        format!(
            "{HEADER}agency\tCNES\t\tthe French agency\t\t\t\n\
             agency\tZSA\tZembla Space Agency\tZSA\t\t\t\n\
             country\tFR\t\tla Republique\t\t\t\n"
        ),
    );
    let out = dir.run(&["dicts", "check", "mine.tsv"]).success();
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", out.stdout);
    assert!(
        lines[0]
            .starts_with("mine.tsv:2: extends the agency entry `CNES` at (built-in) agencies.tsv:"),
        "{}",
        out.stdout
    );
    // Rows that keep their entries' names do not clash over the empty name.
    assert!(
        lines[1]
            .starts_with("mine.tsv:4: extends the country entry `FR` at (built-in) countries.tsv:"),
        "{}",
        out.stdout
    );
    assert_eq!(
        lines[2],
        "mine.tsv: 3 entries (2 extending built-in ones), no problems"
    );
}

#[test]
fn a_new_entry_still_needs_a_name_and_two_extensions_of_one_entry_clash() {
    let dir = Dir::new();
    dir.create("noname.tsv", format!("{HEADER}agency\tZSA\t\tZSA\t\t\t\n"));
    let out = dir.run(&["dicts", "check", "noname.tsv"]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stdout.starts_with("noname.tsv:2: empty `name`"),
        "{}",
        out.stdout
    );

    dir.create(
        "twice.tsv",
        format!("{HEADER}agency\tCNES\t\tFSA\t\t\t\nagency\tCNES\t\tFSB\t\t\t\n"),
    );
    let out = dir.run(&["dicts", "check", "twice.tsv"]);
    assert_eq!(out.code, Some(2));
    assert_eq!(
        out.stdout,
        "twice.tsv:3: duplicate agency id `CNES` (first at twice.tsv:2)\n"
    );
}

#[test]
fn problems_name_embedded_files_without_a_repository_path() {
    let dir = Dir::new();
    dir.create(
        "clash.tsv",
        format!("{HEADER}country\tXX\tNowhere\tNASA\t\t\t\n"),
    );
    let out = dir.run(&["extract", "--dict", "clash.tsv", "-"]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains(
            "clash.tsv:2: alias `NASA` is already claimed by the agency entry `NASA` at (built-in) agencies.tsv:"
        ),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("dictionaries/"), "{}", out.stderr);
}

#[test]
fn an_agreement_row_extends_the_instrument_of_its_name() {
    let dir = Dir::new();
    dir.create(
        "mine.tsv",
        format!("{HEADER}agreement\ttreaty\tOuter Space Treaty\tthe Space Constitution\t\t\t\n"),
    );
    let out = dir.run(&["dicts", "check", "mine.tsv"]).success();
    assert!(
        out.stdout.starts_with(
            "mine.tsv:2: extends the agreement entry `treaty` at (built-in) instruments.tsv:"
        ),
        "{}",
        out.stdout
    );
    dir.create("c.txt", "Delegates praised the Space Constitution again.\n");
    let out = dir
        .run(&[
            "extract", "--format", "jsonl", "--dict", "mine.tsv", "c.txt",
        ])
        .success();
    let recs = out.records();
    assert_eq!(recs.len(), 1, "{}", out.stdout);
    assert_eq!(
        (
            recs[0].text.as_str(),
            recs[0].id.as_str(),
            recs[0].name.as_str()
        ),
        ("the Space Constitution", "treaty", "Outer Space Treaty")
    );
}
