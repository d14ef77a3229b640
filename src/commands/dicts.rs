//! `orbitext dicts list` and `orbitext dicts check`: the dictionary entries as a table, and
//! dictionary files checked with every problem named by file and line.

use std::io::Write;

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
        .filter(|e| args.types.is_empty() || args.types.iter().any(|t| t == e.etype.as_str()))
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

/// Check the files: each extension of an embedded entry and each file's count of entries, or
/// every problem, on stdout.
pub fn check(args: &CheckArgs) -> anyhow::Result<bool> {
    let mut out = Destination::stdout();
    let ok = match gazetteer::load_extending(!args.no_builtin, &args.files) {
        Ok((entries, extensions)) => {
            for file in &args.files {
                let name = file.display().to_string();
                let extending: Vec<_> = extensions.iter().filter(|x| x.file == name).collect();
                for extension in &extending {
                    writeln!(out, "{extension}")?;
                }
                let added = entries.iter().filter(|e| e.file == name).count();
                let n = added + extending.len();
                match extending.len() {
                    0 => writeln!(out, "{name}: {n} entries, no problems")?,
                    k => writeln!(
                        out,
                        "{name}: {n} entries ({k} extending built-in ones), no problems"
                    )?,
                }
            }
            true
        }
        Err(gazetteer::Problems(problems)) => {
            for p in &problems {
                writeln!(out, "{p}")?;
            }
            // After the problems, which a reader of both streams sees first.
            out.flush()?;
            eprintln!("orbitext: {} problem(s) found", problems.len());
            false
        }
    };
    out.commit()?;
    Ok(ok)
}
