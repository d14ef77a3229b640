//! `--date-order` and `--reference-date` through the binary: they change the values the
//! date rules give, and a malformed reference date is a usage error.

use std::process::{Command, Output, Stdio};

fn run(args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_orbitext"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run orbitext");
    // A usage error exits before reading stdin, so the write may meet a closed pipe.
    let _ = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes());
    child.wait_with_output().expect("wait")
}

/// The (text, value) of every date record.
fn dates(args: &[&str], input: &str) -> Vec<(String, String)> {
    let mut all = vec!["extract", "--format", "jsonl"];
    all.extend_from_slice(args);
    let out = run(&all, input);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("JSON line"))
        .filter(|r| r["type"] == "date")
        .map(|r| {
            (
                r["text"].as_str().unwrap().into(),
                r["value"].as_str().unwrap().into(),
            )
        })
        .collect()
}

fn pairs(rows: &[(&str, &str)]) -> Vec<(String, String)> {
    rows.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn date_order_reads_ambiguous_numeric_dates() {
    let text = "The launch moved to 03/04/2021.\n";
    // (flags, expected value)
    let rows: [(&[&str], &str); 3] = [
        (&[], "2021-03-04"),
        (&["--date-order", "mdy"], "2021-03-04"),
        (&["--date-order", "dmy"], "2021-04-03"),
    ];
    for (flags, value) in rows {
        assert_eq!(
            dates(flags, text),
            pairs(&[("03/04/2021", value)]),
            "{flags:?}"
        );
    }
}

#[test]
fn reference_date_anchors_articles_without_a_date_of_their_own() {
    let text = "The agency said on Tuesday that the test on Sept. 30 went well.\n";
    assert_eq!(
        dates(&[], text),
        pairs(&[("Tuesday", ""), ("Sept. 30", "XXXX-09-30")])
    );
    assert_eq!(
        dates(&["--reference-date", "2021-10-08"], text),
        pairs(&[("Tuesday", "2021-10-05"), ("Sept. 30", "2021-09-30")])
    );
    // An article's own date stamp wins over the reference date; the test that `went` well on
    // Sept. 30 is in the past of a June stamp, so in the year before.
    let stamped = format!(" date 2019-06-14\n{text}");
    assert_eq!(
        dates(&["--reference-date", "2021-10-08"], &stamped),
        pairs(&[
            ("2019-06-14", "2019-06-14"),
            ("Tuesday", "2019-06-11"),
            ("Sept. 30", "2018-09-30")
        ])
    );
}

#[test]
fn malformed_reference_date_is_a_usage_error() {
    for bad in ["2021-13-01", "21-10-08", "yesterday"] {
        let out = run(&["extract", "--reference-date", bad], "NASA\n");
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(out.stdout.is_empty(), "{bad}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("is not a date of the form YYYY-MM-DD"),
            "{bad}"
        );
    }
}
