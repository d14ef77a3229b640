//! `orbitext dicts list` and `orbitext dicts check`, run as a user runs them.

use std::fs;
use std::process::{Command, Output};

const HEADER: &str = "type\tid\tname\taliases\tcountry\torg\trole\n";

fn orbitext(args: &[&str], dir: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orbitext"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run orbitext")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 stdout")
}

#[test]
fn list_writes_embedded_and_user_entries() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("mine.tsv"),
        format!("{HEADER}agency\tZSA\tZembla Space Agency\tZSA|Zembla SA\t\t\t\n"),
    )
    .unwrap();
    let out = orbitext(
        &["dicts", "list", "--format", "jsonl", "--dict", "mine.tsv"],
        dir.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    let us = rows
        .iter()
        .find(|r| r["type"] == "country" && r["id"] == "US")
        .expect("US listed");
    assert!(us["aliases"]
        .as_str()
        .unwrap()
        .split('|')
        .any(|a| a == "U.S."));
    let mine = rows.last().expect("user entry listed last");
    assert_eq!(mine["id"], "ZSA");
    assert_eq!(mine["aliases"], "ZSA|Zembla SA");

    let only_agencies = orbitext(
        &[
            "dicts",
            "list",
            "--type",
            "agency",
            "--no-builtin",
            "--dict",
            "mine.tsv",
        ],
        dir.path(),
    );
    assert_eq!(
        stdout(&only_agencies),
        "type,id,name,aliases,country,org,role\nagency,ZSA,Zembla Space Agency,ZSA|Zembla SA,,,\n"
    );
}

#[test]
fn check_reports_every_problem_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("bad.tsv"),
        format!(
            "{HEADER}agency\tZSA\tZembla Space Agency\tZSA||Z\t\t\t\nagency\tQSA\tQuux\n\
             agency\tQSA\tQuux Space Agency\t\t\t\t\nagency\tQSA\tQuux Again\t\t\t\t\n"
        ),
    )
    .unwrap();
    let out = orbitext(&["dicts", "check", "bad.tsv"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stdout(&out),
        "bad.tsv:2: empty alias in `aliases`\n\
         bad.tsv:3: 3 fields, the header has 7 (fields are separated by tabs)\n\
         bad.tsv:5: duplicate agency id `QSA` (first at bad.tsv:4)\n"
    );
    // An alias shared within one type is an intended ambiguity; across types it is a clash,
    // also with the embedded dictionaries.
    fs::write(
        dir.path().join("clash.tsv"),
        format!("{HEADER}official\tNASA Person\tNASA Person\tNASA\tUS\tNASA\tAdministrator\n"),
    )
    .unwrap();
    let out = orbitext(&["dicts", "check", "clash.tsv"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stdout(&out).starts_with("clash.tsv:2: alias `NASA` is already claimed by the agency entry `NASA` at (built-in) agencies.tsv:"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn check_passes_good_files_and_the_embedded_ones() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("good.tsv"),
        format!("{HEADER}agency\tZSA\tZembla Space Agency\tZSA\t\t\t\n"),
    )
    .unwrap();
    let out = orbitext(&["dicts", "check", "good.tsv"], dir.path());
    assert!(out.status.success());
    assert_eq!(stdout(&out), "good.tsv: 1 entries, no problems\n");

    let root = env!("CARGO_MANIFEST_DIR");
    // The gazetteer's files; `given_names.txt` is a plain list the officials rules read.
    let embedded: Vec<String> = fs::read_dir(format!("{root}/dictionaries"))
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .filter(|p| p.ends_with(".tsv"))
        .collect();
    let mut args = vec!["dicts", "check", "--no-builtin"];
    args.extend(embedded.iter().map(String::as_str));
    let out = orbitext(&args, dir.path());
    assert!(out.status.success(), "{}", stdout(&out));
}
