//! `orbitext summary` run as a user runs it: agreements as one row per kind and one per named
//! instrument, no row without an id, and the same bytes whatever the order of the input.

#[allow(dead_code)]
mod util;

use util::Dir;

/// Three articles of our own: a generic treaty, named instruments and their abbreviation,
/// weekdays with no date to count from, and an MoU written two ways.
fn articles(dir: &Dir) {
    dir.create("a.txt", "The treaty was signed on Tuesday.\n");
    dir.create(
        "b.txt",
        "The Outer Space Treaty and the Artemis Accords were discussed on Tuesday.\n",
    );
    dir.create(
        "c.txt",
        "On Friday the MoU, a memorandum of understanding, was set beside the OST.\n",
    );
}

#[test]
fn agreements_are_rows_by_kind_and_by_named_instrument() {
    let dir = Dir::new();
    articles(&dir);
    let out = dir.run(&["summary", "a.txt", "b.txt", "c.txt"]).success();
    assert_eq!(
        out.stdout,
        "type,id,name,mentions,documents\n\
         agreement,mou,memorandum of understanding,2,1\n\
         agreement,treaty,Outer Space Treaty,2,2\n\
         date,tuesday,Tuesday,2,2\n\
         agreement,accords,Artemis Accords,1,1\n\
         agreement,treaty,treaty,1,1\n\
         date,friday,Friday,1,1\n"
    );
}

#[test]
fn no_row_has_an_empty_id() {
    let dir = Dir::new();
    articles(&dir);
    let out = dir
        .run(&["summary", "--format", "jsonl", "a.txt", "b.txt", "c.txt"])
        .success();
    assert!(out.stdout.lines().count() > 3, "{}", out.stdout);
    for line in out.stdout.lines() {
        let row: serde_json::Value = serde_json::from_str(line).unwrap();
        let id = row["id"].as_str().unwrap();
        assert!(
            !id.is_empty() && !row["name"].as_str().unwrap().is_empty(),
            "{line}"
        );
    }
}

#[test]
fn the_table_is_the_same_whatever_the_order_of_the_input() {
    let dir = Dir::new();
    articles(&dir);
    // The Outer Space Treaty and a generic treaty in one more document, the first of the
    // backward run: each row and its name are the same either way.
    dir.create(
        "d.txt",
        "TUESDAY. The OST, the treaty and the Outer Space Treaty.\n",
    );
    for format in ["csv", "jsonl"] {
        let forward = dir
            .run(&[
                "summary", "--format", format, "a.txt", "b.txt", "c.txt", "d.txt",
            ])
            .success();
        let backward = dir
            .run(&[
                "summary", "--format", format, "d.txt", "c.txt", "b.txt", "a.txt",
            ])
            .success();
        assert!(forward.stdout.lines().count() > 4, "{}", forward.stdout);
        util::assert_text_eq(format, &forward.stdout, &backward.stdout);
    }
}
