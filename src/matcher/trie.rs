//! A fixed set of byte strings held as a trie in a double array, for the anchored searches of
//! the word matchers: which patterns are prefixes of the text at a place. A search there is a
//! walk down the trie, and in a double array each step is two loads and a comparison. An
//! Aho-Corasick automaton answers the same question, but its steps cost about twice as much,
//! and building its failure links, which an anchored search never follows, took most of the
//! start-up.

use std::borrow::Cow;

/// The patterns, as a double array: the child of the node in slot `s` by a byte of class `c`
/// is in slot `(slots[s].base & INDEX) + c`, if that slot's `check` is `s`. Below a node
/// where only one pattern is left, the rest of that pattern is a tail, compared as a whole:
/// most names part from the others after a few bytes, and a step per byte of `European Space
/// Agency` is a load that waits for the one before.
pub struct Trie {
    /// Byte → class, from 1 up; 0 for a byte no pattern holds (it leads nowhere). With case
    /// folding both cases of an ASCII letter share a class.
    classes: [u32; 256],
    slots: Vec<Slot>,
    /// By slot, the pattern that ends at the node there, or [`NONE`]: read only where the
    /// node's base has [`ENDS`] set. Kept out of the slots, which a walk reads at every step,
    /// so that more of them share a cache line: each step's load waits for the one before,
    /// and a walk's loads missed the first-level cache often.
    patterns: Vec<u32>,
    /// The tails, one after the other: each its length and pattern as two little-endian
    /// `u32`s, then its bytes (in lower case when case does not matter). A node whose `base`
    /// has [`TAIL`] set has no children, only the tail at `base & INDEX`. Kept in one place
    /// with their bytes, a walk that ends in a tail waits for one load from here, not two.
    tails: Vec<u8>,
    case_insensitive: bool,
}

/// Bytes before a tail's own: its length and its pattern.
const TAIL_HEAD: usize = 8;

/// Marks a `base` that names a tail.
const TAIL: u32 = 1 << 31;
/// Marks a `base` whose node ends a pattern.
const ENDS: u32 = 1 << 30;
/// The part of a `base` that is a slot or a tail.
const INDEX: u32 = ENDS - 1;

#[derive(Clone, Copy, Debug)]
struct Slot {
    /// The first child's slot less its class, or a tail's index, with the flags [`TAIL`] and
    /// [`ENDS`].
    base: u32,
    /// The parent's slot; [`NONE`] for a free slot and the root.
    check: u32,
}

const NONE: u32 = u32::MAX;
const FREE: Slot = Slot {
    base: 0,
    check: NONE,
};
/// The root's slot.
const ROOT: u32 = 0;

impl Trie {
    /// The trie of `patterns`, matched in either ASCII case when asked. Patterns that spell
    /// the same bytes (in either case, when case does not matter) match as the first of them;
    /// an empty pattern never matches.
    pub fn new<P: AsRef<[u8]>>(patterns: &[P], case_insensitive: bool) -> Trie {
        // Borrowed unless a capital must be lowered, which spares an allocation and a copy for
        // nearly every key.
        let mut keys: Vec<(Cow<[u8]>, u32)> = patterns
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.as_ref().is_empty())
            .map(|(i, p)| {
                let index = u32::try_from(i).expect("fewer than 2^32 patterns");
                let p = p.as_ref();
                let key = if case_insensitive && p.iter().any(u8::is_ascii_uppercase) {
                    Cow::Owned(p.to_ascii_lowercase())
                } else {
                    Cow::Borrowed(p)
                };
                (key, index)
            })
            .collect();
        // Sorted, each spelling's first pattern comes first and the others go; keys sharing a
        // prefix are then neighbours, so a node's keys are one run.
        keys.sort_unstable();
        keys.dedup_by(|later, first| later.0 == first.0);

        let mut present = [false; 256];
        for (key, _) in &keys {
            for &b in key.iter() {
                present[usize::from(b)] = true;
            }
        }
        let mut classes = [0; 256];
        let mut next = 1;
        for b in 0..=255u8 {
            if present[usize::from(b)] {
                classes[usize::from(b)] = next;
                next += 1;
            }
        }
        if case_insensitive {
            for b in b'A'..=b'Z' {
                classes[usize::from(b)] = classes[usize::from(b.to_ascii_lowercase())];
            }
        }

        let mut tails = Vec::new();
        let mut layout = Layout::default();
        layout.take(ROOT);
        // (node, its keys, their shared prefix length): every key of the run starts with the
        // node's `depth` bytes.
        let mut pending = vec![(ROOT, 0..keys.len(), 0)];
        let mut labels = Vec::new();
        let mut runs = Vec::new();
        while let Some((node, mut run, depth)) = pending.pop() {
            if run.start == run.end {
                continue;
            }
            if keys[run.start].0.len() == depth {
                layout.patterns[node as usize] = keys[run.start].1;
                layout.slots[node as usize].base |= ENDS;
                run.start += 1;
            }
            if let [(key, pattern)] = &keys[run.clone()] {
                let at = u32::try_from(tails.len())
                    .ok()
                    .filter(|&at| at <= INDEX)
                    .expect("tails under 1 GiB");
                let len = u32::try_from(key.len() - depth).expect("patterns under 4 GiB");
                tails.extend_from_slice(&len.to_le_bytes());
                tails.extend_from_slice(&pattern.to_le_bytes());
                tails.extend_from_slice(&key[depth..]);
                layout.slots[node as usize].base |= TAIL | at;
                continue;
            }
            labels.clear();
            runs.clear();
            let mut i = run.start;
            while i < run.end {
                let byte = keys[i].0[depth];
                let len = keys[i..run.end].partition_point(|k| k.0[depth] == byte);
                labels.push(classes[usize::from(byte)]);
                runs.push(i..i + len);
                i += len;
            }
            if labels.is_empty() {
                continue;
            }
            let base = layout.base_for(&labels);
            layout.slots[node as usize].base |= base;
            for (&label, run) in labels.iter().zip(runs.drain(..)) {
                let child = base + label;
                layout.take(child);
                layout.slots[child as usize].check = node;
                pending.push((child, run, depth + 1));
            }
        }
        let Layout {
            mut slots,
            mut patterns,
            ..
        } = layout;
        let used = slots.iter().rposition(|s| s.check != NONE).unwrap_or(0);
        slots.truncate(used + 1);
        slots.shrink_to_fit();
        patterns.truncate(used + 1);
        patterns.shrink_to_fit();
        Trie {
            classes,
            slots,
            patterns,
            tails,
            case_insensitive,
        }
    }

    /// The patterns that are prefixes of `bytes`, shortest first, as (pattern index, length).
    #[inline]
    pub fn prefixes<'a>(&'a self, bytes: &'a [u8]) -> Prefixes<'a> {
        Prefixes {
            trie: self,
            bytes,
            len: 0,
            node: ROOT,
            base: self.slots[ROOT as usize].base,
        }
    }
}

/// The iterator of [`Trie::prefixes`].
pub struct Prefixes<'a> {
    trie: &'a Trie,
    bytes: &'a [u8],
    /// How many bytes the walk has taken; all of them once it has ended.
    len: usize,
    node: u32,
    /// The node's base, carried along so that a step reads only the child's slot.
    base: u32,
}

impl Iterator for Prefixes<'_> {
    type Item = (usize, usize);

    #[inline]
    fn next(&mut self) -> Option<(usize, usize)> {
        let (slots, classes) = (&self.trie.slots, &self.trie.classes);
        let (mut node, mut base, mut len) = (self.node, self.base, self.len);
        while let Some(&byte) = self.bytes.get(len) {
            if base & TAIL != 0 {
                break;
            }
            // A byte of class 0 lands on the node's own base, which is never its child.
            let at = (base & INDEX).wrapping_add(classes[usize::from(byte)]);
            let Some(child) = slots.get(at as usize).filter(|c| c.check == node) else {
                break;
            };
            (node, base, len) = (at, child.base, len + 1);
            if base & ENDS != 0 {
                (self.node, self.base, self.len) = (node, base, len);
                return Some((self.trie.patterns[at as usize] as usize, len));
            }
        }
        self.len = self.bytes.len();
        // The walk ends in a tail, at a byte no child takes, or at the end of the text.
        if base & TAIL == 0 {
            return None;
        }
        let at = (base & INDEX) as usize;
        let head = &self.trie.tails[at..at + TAIL_HEAD];
        let word = |i: usize| u32::from_le_bytes(head[i..i + 4].try_into().expect("4 bytes"));
        let (tail_len, pattern) = (word(0) as usize, word(4));
        let want = &self.trie.tails[at + TAIL_HEAD..at + TAIL_HEAD + tail_len];
        let have = self.bytes.get(len..len + want.len())?;
        let same = if self.trie.case_insensitive {
            have.eq_ignore_ascii_case(want)
        } else {
            have == want
        };
        same.then_some((pattern as usize, len + want.len()))
    }
}

/// The double array while it is laid out, with a bitmap of the slots taken so that free
/// ones are found a word at a time.
#[derive(Default)]
struct Layout {
    slots: Vec<Slot>,
    patterns: Vec<u32>,
    taken: Vec<u64>,
    /// No slot below this one is free.
    first_free: usize,
}

impl Layout {
    fn is_free(&self, slot: usize) -> bool {
        self.taken
            .get(slot / 64)
            .is_none_or(|w| w & (1 << (slot % 64)) == 0)
    }

    fn take(&mut self, slot: u32) {
        let slot = slot as usize;
        if slot >= self.slots.len() {
            self.slots.resize(slot + 1, FREE);
            self.patterns.resize(slot + 1, NONE);
            self.taken.resize(slot / 64 + 1, 0);
        }
        self.taken[slot / 64] |= 1 << (slot % 64);
        while !self.is_free(self.first_free) {
            self.first_free += 1;
        }
    }

    /// The first free slot at or after `from`.
    fn next_free(&self, from: usize) -> usize {
        let mut word = from / 64;
        let mut free = match self.taken.get(word) {
            Some(w) => !w & (u64::MAX << (from % 64)),
            None => return from,
        };
        while free == 0 {
            word += 1;
            match self.taken.get(word) {
                Some(w) => free = !w,
                None => return word * 64,
            }
        }
        word * 64 + free.trailing_zeros() as usize
    }

    /// The lowest base that puts every one of `labels` (ascending) in a free slot. Slots past
    /// the end are free, so the search ends.
    fn base_for(&self, labels: &[u32]) -> u32 {
        let first = labels[0] as usize;
        let mut slot = self.next_free(self.first_free.max(first));
        loop {
            let base = slot - first;
            if labels[1..].iter().all(|&l| self.is_free(base + l as usize)) {
                return u32::try_from(base)
                    .ok()
                    .filter(|&b| b <= INDEX)
                    .expect("fewer than 2^30 trie slots");
            }
            slot = self.next_free(slot + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What `prefixes` must give, found by comparing every pattern with every prefix.
    fn naive(patterns: &[String], text: &str, case_insensitive: bool) -> Vec<(usize, usize)> {
        let same = |a: &[u8], b: &[u8]| {
            if case_insensitive {
                a.eq_ignore_ascii_case(b)
            } else {
                a == b
            }
        };
        (1..=text.len())
            .filter_map(|len| {
                patterns
                    .iter()
                    .position(|p| same(p.as_bytes(), &text.as_bytes()[..len]))
                    .map(|i| (i, len))
            })
            .collect()
    }

    #[test]
    fn prefixes_shortest_first_first_pattern_of_a_spelling() {
        let patterns = ["US", "U", "United States", "us", "", "United"];
        let trie = Trie::new(&patterns, false);
        let got: Vec<_> = trie.prefixes(b"United States of America").collect();
        assert_eq!(got, [(1, 1), (5, 6), (2, 13)]);
        assert_eq!(trie.prefixes(b"us").collect::<Vec<_>>(), [(3, 2)]);
        let folded = Trie::new(&patterns, true);
        assert_eq!(folded.prefixes(b"uS").collect::<Vec<_>>(), [(1, 1), (0, 2)]);
        // ` states` is the tail of the one pattern below `united`, compared in any case.
        let shouted = folded.prefixes(b"UNITED STATES").collect::<Vec<_>>();
        assert_eq!(shouted, [(1, 1), (5, 6), (2, 13)]);
        assert_eq!(
            trie.prefixes(b"United STATES").collect::<Vec<_>>(),
            [(1, 1), (5, 6)]
        );
        assert_eq!(Trie::new(&[""; 0], false).prefixes(b"x").count(), 0);
    }

    proptest! {
        #[test]
        fn prefixes_are_the_patterns_that_start_the_text(
            patterns in prop::collection::vec("[abAB é\u{0}]{0,6}", 0..40),
            text in "[abcAB é\u{0}]{0,10}",
            case_insensitive: bool,
        ) {
            let trie = Trie::new(&patterns, case_insensitive);
            let got: Vec<_> = trie.prefixes(text.as_bytes()).collect();
            prop_assert_eq!(got, naive(&patterns, &text, case_insensitive));
        }
    }
}
