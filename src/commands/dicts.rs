//! `orbitext dicts list` and `orbitext dicts check`: the dictionary entries as a table, and
//! dictionary files checked with every problem named by file and line.

use crate::cli::{CheckArgs, ListArgs};
use crate::gazetteer;
use crate::output::{Destination, Writer};

const ENTRY_FIELDS: [&str; 7] = ["type", "id", "name", "aliases", "country", "org", "role"];

/// One dictionary entry as `dicts list` writes it.
#[derive(serde::Serialize)]
struct EntryRow<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    id: &'a str,
    name: &'a str,
    aliases: String,
    country: &'a str,
    org: &'a str,
    role: &'a str,
}

pub fn list(args: &ListArgs) -> anyhow::Result<bool> {
    let out = Destination::open(args.file.path.as_deref(), args.format)?;
    let d = &args.dictionaries;
    let entries = gazetteer::load(!d.no_builtin, &d.dicts)?;
    let mut writer = Writer::new(args.format, Some(&ENTRY_FIELDS), false, out)?.named("entries")?;
    let rows = entries
        .iter()
        .filter(|e| args.kind.as_deref().is_none_or(|k| e.etype.as_str() == k))
        .map(|e| EntryRow {
            kind: e.etype.as_str(),
            id: &e.id,
            name: &e.name,
            aliases: e.aliases.join("|"),
            country: &e.country,
            org: &e.org,
            role: &e.role,
        });
    for row in rows {
        writer.write(&row)?;
    }
    writer.finish()?.commit()?;
    Ok(true)
}

pub fn check(args: &CheckArgs) -> anyhow::Result<bool> {
    match gazetteer::load(!args.no_builtin, &args.files) {
        Ok(entries) => {
            for file in &args.files {
                let name = file.display().to_string();
                let n = entries.iter().filter(|e| e.file == name).count();
                println!("{name}: {n} entries, no problems");
            }
            Ok(true)
        }
        Err(gazetteer::Problems(problems)) => {
            for p in &problems {
                println!("{p}");
            }
            eprintln!("orbitext: {} problem(s) found", problems.len());
            Ok(false)
        }
    }
}
