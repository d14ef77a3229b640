//! The embedded dictionaries keep their invariants: they parse and pass `check` (no duplicate
//! ids, no alias claimed by two types), every code is well formed, every official's `org`
//! names a known body or country, and the coverage the product promises is there.

use std::collections::HashSet;

use orbitext::Kind;
use orbitext::{load_dictionaries, Entry, EntryType};

fn embedded() -> Vec<Entry> {
    load_dictionaries(true, &[]).unwrap_or_else(|problems| panic!("{problems}"))
}

fn of(entries: &[Entry], kind: Kind) -> Vec<&Entry> {
    entries
        .iter()
        .filter(|e| e.etype == EntryType::Entity(kind))
        .collect()
}

#[test]
fn codes_are_well_formed() {
    let entries = embedded();
    let countries: HashSet<&str> = of(&entries, Kind::Country)
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    for e in &entries {
        let where_ = format!("{}:{}", e.file, e.line);
        if e.etype == EntryType::Entity(Kind::Country) {
            assert!(
                e.id.len() == 2 && e.id.chars().all(|c| c.is_ascii_uppercase()),
                "{where_}: country id `{}` is not ISO alpha-2",
                e.id
            );
        }
        assert!(
            e.country.is_empty() || countries.contains(e.country.as_str()),
            "{where_}: unknown country code `{}`",
            e.country
        );
    }
}

#[test]
fn officials_serve_known_bodies() {
    let entries = embedded();
    let known: HashSet<&str> = entries
        .iter()
        .filter(|e| {
            matches!(
                e.etype,
                EntryType::Entity(Kind::Agency) | EntryType::Entity(Kind::Country)
            )
        })
        .map(|e| e.id.as_str())
        .collect();
    for e in of(&entries, Kind::Official) {
        assert!(
            known.contains(e.org.as_str()),
            "{}:{}: org `{}` of {} is neither an agency id nor a country code",
            e.file,
            e.line,
            e.org,
            e.id
        );
        assert!(
            !e.role.is_empty(),
            "{}:{}: {} has no role",
            e.file,
            e.line,
            e.id
        );
    }
}

#[test]
fn titles_say_how_they_mark_an_office() {
    for e in embedded().iter().filter(|e| e.etype == EntryType::Title) {
        assert!(
            e.role == "government" || e.role == "head",
            "{}:{}: title role `{}` is neither government nor head",
            e.file,
            e.line,
            e.role
        );
    }
}

#[test]
fn coverage_is_as_promised() {
    let entries = embedded();
    let countries = of(&entries, Kind::Country);
    assert!(countries.len() >= 197, "{} countries", countries.len());
    assert!(of(&entries, Kind::Agency).len() >= 150);
    assert!(of(&entries, Kind::Official).len() >= 150);
    let country_of = |form: &str| {
        countries
            .iter()
            .find(|e| e.forms().any(|f| f == form))
            .map(|e| e.id.as_str())
    };
    let rows = [
        ("U.S.", "US"),
        ("US", "US"),
        ("USA", "US"),
        ("United States of America", "US"),
        ("America", "US"),
        ("UK", "GB"),
        ("U.K.", "GB"),
        ("Britain", "GB"),
        ("Grand Duchy of Luxembourg", "LU"),
        ("Netherlands", "NL"),
        ("Viet Nam", "VN"),
        ("Türkiye", "TR"),
        ("Czechia", "CZ"),
        ("Republic of Korea", "KR"),
        ("Kingdom of Saudi Arabia", "SA"),
        ("Lao People's Democratic Republic", "LA"),
        ("Cote d'Ivoire", "CI"),
        ("Soviet Union", "SU"),
        ("USSR", "SU"),
        ("Czechoslovakia", "CS"),
        ("Yugoslavia", "YU"),
    ];
    for (form, code) in rows {
        assert_eq!(country_of(form), Some(code), "{form}");
    }
}
