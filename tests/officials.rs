//! Officials as a reader finds them: by title before the name, by an office in apposition,
//! by surname later on; with the role and org the text gives. And the people who are not
//! officials: company executives, scientists, astronauts, bylines, titles with no name.

use orbitext::{Extractor, Kind};

/// (text, officials as `surface | id | role | org`)
type Row = (&'static str, &'static [&'static str]);

fn officials(extractor: &Extractor, text: &str) -> Vec<String> {
    extractor
        .extract(text)
        .iter()
        .filter(|m| m.kind == Kind::Official)
        .map(|m| {
            format!(
                "{} | {} | {} | {}",
                &text[m.start..m.end],
                m.id,
                m.role,
                m.org
            )
        })
        .collect()
}

fn check(rows: &[Row]) {
    let extractor = Extractor::from_dictionaries(true, &[]).expect("embedded dictionaries");
    for (text, want) in rows {
        assert_eq!(officials(&extractor, text), *want, "{text}");
    }
}

#[test]
fn title_before_the_name() {
    check(&[
        (
            "NASA Administrator Bill Nelson spoke.",
            &["Bill Nelson | Bill Nelson | Administrator | NASA"],
        ),
        (
            "Research Minister Karin Olsen spoke.",
            &["Karin Olsen | Karin Olsen | Research Minister | "],
        ),
        (
            "It was Lt. Gov. Dana Price who spoke.",
            &["Dana Price | Dana Price | Lt. Gov. | "],
        ),
        (
            "It was Brigadier General Ana Ruiz who spoke.",
            &["Ana Ruiz | Ana Ruiz | Brigadier General | "],
        ),
        (
            "It was Ambassador Hiro Tanaka who spoke.",
            &["Hiro Tanaka | Hiro Tanaka | Ambassador | "],
        ),
        (
            "It was Sheikh Rashid Al Nuaimi who spoke.",
            &["Rashid Al Nuaimi | Rashid Al Nuaimi | Sheikh | "],
        ),
        (
            "Commerce Secretary Wilbur Ross signed.",
            &["Wilbur Ross | Wilbur Ross | Commerce Secretary | US"],
        ),
        (
            "Luxembourg’s Deputy Prime Minister Etienne Schneider signed.",
            &["Etienne Schneider | Etienne Schneider | Deputy Prime Minister | LU"],
        ),
        (
            // A no-break space before the title's qualifier (a fuzzer found this panic).
            "Said the\u{a0}Commerce Secretary Wilbur Ross.",
            &["Wilbur Ross | Wilbur Ross | Commerce Secretary | US"],
        ),
        (
            "The talks were led by Science and Technology Secretary Ana Cruz.",
            &["Ana Cruz | Ana Cruz | Science and Technology Secretary | "],
        ),
    ]);
}

#[test]
fn office_in_apposition() {
    check(&[
        (
            "Josef Aschbacher, ESA Director General, said so.",
            &["Josef Aschbacher | Josef Aschbacher | Director General | ESA"],
        ),
        (
            "Tomasz Nowak, the head of the Polish Space Agency, said so.",
            &["Tomasz Nowak | Tomasz Nowak | head | POLSA"],
        ),
        (
            "Marc Serres, CEO of the Luxembourg Space Agency, signed.",
            &["Marc Serres | Marc Serres | CEO | LSA"],
        ),
        (
            "Wilbur Ross (US’ Commerce Secretary) signed.",
            &["Wilbur Ross | Wilbur Ross | Commerce Secretary | US"],
        ),
        (
            "Dana Okafor, Minister of Communications, signed.",
            &["Dana Okafor | Dana Okafor | Minister of Communications | "],
        ),
    ]);
}

#[test]
fn later_mentions_by_surname() {
    check(&[
        (
            "Commerce Secretary Wilbur Ross signed. Ross said it was good.",
            &[
                "Wilbur Ross | Wilbur Ross | Commerce Secretary | US",
                "Ross | Wilbur Ross | Commerce Secretary | US",
            ],
        ),
        (
            "NASA chief Jim Bridenstine agreed. Bridenstine said so.",
            &[
                "Jim Bridenstine | James Bridenstine | chief | NASA",
                "Bridenstine | James Bridenstine | NASA Administrator | NASA",
            ],
        ),
        (
            "Modi welcomed the launch.",
            &["Modi | Narendra Modi | Prime Minister | IN"],
        ),
        (
            "President Mara Lindqvist spoke, and President Lindqvist left.",
            &[
                "Mara Lindqvist | Mara Lindqvist | President | ",
                "Lindqvist | Mara Lindqvist | President | ",
            ],
        ),
        (
            // Two officials, named again in the other order: each takes its own role.
            "Commerce Secretary Wilbur Ross met President Mara Lindqvist. Lindqvist and Ross spoke.",
            &[
                "Wilbur Ross | Wilbur Ross | Commerce Secretary | US",
                "Mara Lindqvist | Mara Lindqvist | President | ",
                "Lindqvist | Mara Lindqvist | President | ",
                "Ross | Wilbur Ross | Commerce Secretary | US",
            ],
        ),
    ]);
}

#[test]
fn surnames_without_diacritics_and_shared_surnames() {
    check(&[
        (
            // News often drops the accents of a name it gave in full.
            "President Ana Núñez spoke. Later Nunez said so, and Núñez agreed.",
            &[
                "Ana Núñez | Ana Núñez | President | ",
                "Nunez | Ana Núñez | President | ",
                "Núñez | Ana Núñez | President | ",
            ],
        ),
        (
            // Which Lindqvist left, the article does not say.
            "President Mara Lindqvist met Foreign Minister Erik Lindqvist. Lindqvist left.",
            &[
                "Mara Lindqvist | Mara Lindqvist | President | ",
                "Erik Lindqvist | Erik Lindqvist | Foreign Minister | ",
            ],
        ),
    ]);
}

#[test]
fn names_with_hyphens_particles_and_initials() {
    check(&[
        (
            "Former ESA Director General Jean-Jacques Dordain spoke.",
            &["Jean-Jacques Dordain | Jean-Jacques Dordain | Director General | ESA"],
        ),
        (
            "ISRO Chairman S. Somanath spoke.",
            &["S. Somanath | Sreedhara Somanath | Chairman | ISRO"],
        ),
        (
            "UNOOSA Director Simonetta Di Pippo spoke.",
            &["Simonetta Di Pippo | Simonetta Di Pippo | Director | UNOOSA"],
        ),
        (
            "Minister Kim Min-jun spoke.",
            &["Kim Min-jun | Kim Min-jun | Minister | "],
        ),
        (
            "PhilSA Director General Joel Joseph Marciano Jr. spoke.",
            &["Joel Joseph Marciano Jr. | Joel Joseph Marciano Jr. | Director General | PhilSA"],
        ),
    ]);
}

#[test]
fn people_who_are_not_officials() {
    check(&[
        ("The firm's chief executive, Daniel Rhee, said so.", &[]),
        ("SpaceX President Gwynne Shotwell said so.", &[]),
        ("Rocket Lab CEO Peter Beck said so.", &[]),
        ("Dr. Helen May, a planetary scientist, said so.", &[]),
        ("The astronaut Akihiko Hoshide said so.", &[]),
        ("By Tom Hardy, Reporter\n\nThe launch went well.", &[]),
        ("The Minister said the launch went well.", &[]),
        ("Lan Jianxue, an associate research fellow, said so.", &[]),
    ]);
}
