//! The cooperation network in Graphviz's DOT language: each party a node labelled with its
//! name, each event an edge between each pair of its parties labelled with its kind and date.
//! Nodes and edges keep the order they are first met, so the graph is the same on every run.

use std::io::{self, Write};

use super::Event;

/// The network gathered so far.
#[derive(Debug, Default)]
pub struct Graph {
    /// Party keys and names, in order of first mention.
    nodes: Vec<(String, String)>,
    /// (from, to, label) by node key.
    edges: Vec<(String, String, String)>,
}

impl Graph {
    pub fn add(&mut self, events: &[Event]) {
        for e in events {
            for (key, name) in e.parties.iter().zip(&e.party_names) {
                if !self.nodes.iter().any(|(k, _)| k == key) {
                    self.nodes.push((key.clone(), name.clone()));
                }
            }
            let label = if e.date.is_empty() {
                e.kind.clone()
            } else {
                format!("{} {}", e.kind, e.date)
            };
            for (i, a) in e.parties.iter().enumerate() {
                for b in &e.parties[i + 1..] {
                    self.edges.push((a.clone(), b.clone(), label.clone()));
                }
            }
        }
    }

    pub fn write(&self, out: &mut impl Write) -> io::Result<()> {
        writeln!(out, "graph agreements {{")?;
        writeln!(out, "  node [shape=box, style=rounded];")?;
        for (key, name) in &self.nodes {
            writeln!(out, "  {} [label={}];", quote(key), quote(name))?;
        }
        for (a, b, label) in &self.edges {
            writeln!(
                out,
                "  {} -- {} [label={}];",
                quote(a),
                quote(b),
                quote(label)
            )?;
        }
        writeln!(out, "}}")
    }
}

/// A DOT quoted string: quotes and backslashes escaped, line breaks as `\n`.
fn quote(s: &str) -> String {
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' => q.push_str("\\n"),
            _ => q.push(c),
        }
    }
    q.push('"');
    q
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::Status;

    #[test]
    fn one_edge_per_pair_per_event() {
        let event = |parties: &[&str], date: &str| Event {
            kind: "mou".into(),
            status: Status::Signed,
            start: 0,
            end: 3,
            line: 1,
            text: "MoU".into(),
            parties: parties.iter().map(|p| p.to_string()).collect(),
            party_names: parties.iter().map(|p| format!("The \"{p}\"")).collect(),
            signatories: Vec::new(),
            date: date.into(),
            name: String::new(),
            context: None,
        };
        let mut g = Graph::default();
        g.add(&[event(&["A", "B", "C"], "2020"), event(&["A", "B"], "")]);
        let mut out = Vec::new();
        g.write(&mut out).unwrap();
        let want = r#"graph agreements {
  node [shape=box, style=rounded];
  "A" [label="The \"A\""];
  "B" [label="The \"B\""];
  "C" [label="The \"C\""];
  "A" -- "B" [label="mou 2020"];
  "A" -- "C" [label="mou 2020"];
  "B" -- "C" [label="mou 2020"];
  "A" -- "B" [label="mou"];
}
"#;
        assert_eq!(String::from_utf8(out).unwrap(), want);
    }
}
