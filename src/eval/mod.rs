//! Scoring against gold annotations, as `orbitext eval` does, with the matching and figures of
//! the team's reference scorers so that both give the same numbers on the same articles.
//! [`entities`] scores the mentions of an article against inline gold markup (`score.py`);
//! [`events`] scores agreement events against JSON Lines gold (`score_events.py`). Key
//! normalisation and the JSON writing of figures are shared by both. Pure: no I/O.
//!
//! The entity evaluation's items are also reachable here, as `orbitext::eval::Evaluation`.

pub mod entities;
pub mod events;

pub use entities::{parse_gold, Counts, Evaluation, Gold, GoldMention, MarkupError, Scores, Slip};

use serde::{Serialize, Serializer};
use unicode_normalization::UnicodeNormalization;

/// A key reduced to what tells keys apart: its compatibility decomposition (NFKD) without the
/// characters that are not ASCII (so that accents drop), lowercase, and only letters, digits
/// and `/` (date ranges).
pub fn norm_key(key: &str) -> String {
    key.nfkd()
        .filter(char::is_ascii)
        .map(|c| c.to_ascii_lowercase())
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '/')
        .collect()
}

/// Whether `found` is the normalised gold key `gold` with each `xxxx` in it (from the left,
/// not overlapping) taken by four digits.
pub(crate) fn any_year(gold: &str, found: &str) -> bool {
    if !gold.contains("xxxx") {
        return false;
    }
    let mut rest = found;
    for (i, piece) in gold.split("xxxx").enumerate() {
        if i > 0 {
            match rest.get(..4) {
                Some(year) if year.bytes().all(|b| b.is_ascii_digit()) => rest = &rest[4..],
                _ => return false,
            }
        }
        match rest.strip_prefix(piece) {
            Some(after) => rest = after,
            None => return false,
        }
    }
    rest.is_empty()
}

/// A figure as the reference scorer's JSON writes it (Python's `repr`): the shortest digits
/// that read back as the same number, as serde_json writes them, but for a number under 1e-4,
/// which Python writes with an exponent of at least two digits (`5e-05`).
pub(crate) fn python_float<S: Serializer>(v: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    let shortest = format!("{v:e}");
    let (mantissa, exponent) = shortest.split_once('e').expect("`{:e}` has an exponent");
    let exponent: i32 = exponent.parse().expect("`{:e}` has a numeric exponent");
    if *v == 0.0 || exponent >= -4 || !v.is_finite() {
        return serializer.serialize_f64(*v);
    }
    let sign = if exponent < 0 { '-' } else { '+' };
    let python = format!("{mantissa}e{sign}{:02}", exponent.abs());
    serde_json::value::RawValue::from_string(python)
        .map_err(serde::ser::Error::custom)?
        .serialize(serializer)
}

pub(crate) fn python_float_or_null<S: Serializer>(
    v: &Option<f64>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => python_float(v, serializer),
        None => serializer.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_normalise_as_the_reference_scorer_does() {
        for (key, expected) in [
            ("US", "us"),
            ("Türkiye", "turkiye"),
            ("2021-05-21", "20210521"),
            ("2021-05/2021-06", "202105/202106"),
            ("ﬁ Ｘ", "fix"),
            ("Roscosmos (State Corp.)", "roscosmosstatecorp"),
        ] {
            assert_eq!(norm_key(key), expected, "{key}");
        }
    }

    #[test]
    fn a_gold_year_of_xxxx_matches_any_year() {
        for (gold, found, expected) in [
            ("xxxx0521", "20210521", true),
            ("xxxx0521", "2021052", false),
            ("xxxx0521", "202a0521", false),
            ("xxxx05/xxxx06", "202105/202206", true),
            ("xxxxx", "1999x", true),
            ("xxxxx", "x1999", false),
            ("20210521", "20210521", false),
        ] {
            assert_eq!(any_year(gold, found), expected, "{gold} vs {found}");
        }
    }

    #[test]
    fn figures_are_written_as_python_writes_them() {
        for (v, python) in [
            (1.0, "1.0"),
            (0.0, "0.0"),
            (2.0 / 3.0, "0.6666666666666666"),
            (0.0001, "0.0001"),
            (0.00012, "0.00012"),
            (0.00005, "5e-05"),
            (1.25e-7, "1.25e-07"),
        ] {
            let mut out = Vec::new();
            python_float(&v, &mut serde_json::Serializer::new(&mut out)).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), python, "{v}");
        }
    }
}
