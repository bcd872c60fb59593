//! Rules in their checked form: kinds as bits, patterns parsed, gap words lowercased, cues
//! folded. [`super::RulesBuilder`] makes them, [`super::Relations`] runs them.

use super::rules::{DEFAULT_MAX_GAP, GapSpec};
use super::tokens::normalise_quotes;

/// A relation type.
#[derive(Debug, Clone)]
pub(super) struct TypeDef {
    pub(super) name: String,
    pub(super) symmetric: bool,
    pub(super) contained: bool,
    pub(super) subject: u8,
    pub(super) object: u8,
}

/// A rule; `ty` indexes the types.
#[derive(Debug, Clone)]
pub(super) struct RuleDef {
    pub(super) name: String,
    pub(super) ty: u16,
    pub(super) pattern: Pattern,
    pub(super) gaps: [Gap; 2],
    pub(super) cues: Vec<Cue>,
    pub(super) subject: Option<u8>,
    pub(super) object: Option<u8>,
    pub(super) not_in_list: bool,
    pub(super) coordinate: bool,
}

/// A cue phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Cue {
    /// Folded words, matched with the automaton.
    Words(String),
    /// Punctuation matched between two neighbouring mentions.
    Gap(String),
}

/// A cue that starts with neither a letter nor a digit is looked for between mentions.
pub(super) fn is_gap_cue(cue: &str) -> bool {
    cue.trim()
        .chars()
        .next()
        .is_some_and(|c| !c.is_alphanumeric())
}

/// Entity kinds as bits, so that a rule's allowed kinds are one mask.
pub(super) const PERSON: u8 = 1;
pub(super) const STATE: u8 = 2;
pub(super) const GROUP: u8 = 4;
pub(super) const PLACE: u8 = 8;
pub(super) const SEAT: u8 = 16;

/// The bit of a kind as written in a rules file.
pub(super) fn kind_bit(kind: &str) -> Option<u8> {
    Some(match kind {
        "person" => PERSON,
        "state" => STATE,
        "group" => GROUP,
        "place" => PLACE,
        "seat" => SEAT,
        _ => return None,
    })
}

/// An element of a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Element {
    Subject,
    Object,
    Cue,
}

/// A parsed pattern: three elements, the cue's index, and which of the two gaps are a hyphen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Pattern {
    pub(super) elements: [Element; 3],
    pub(super) cue: usize,
    pub(super) glued: [bool; 2],
}

impl Pattern {
    pub(super) fn parse(text: &str) -> std::result::Result<Pattern, String> {
        let spaced = text.replace('-', " - ");
        let mut elements = Vec::new();
        let mut glued = Vec::new();
        let mut pending_glue = false;
        for token in spaced.split_whitespace() {
            let element = match token {
                "S" => Element::Subject,
                "O" => Element::Object,
                "cue" => Element::Cue,
                "-" if !elements.is_empty() && !pending_glue => {
                    pending_glue = true;
                    continue;
                }
                _ => {
                    return Err(format!(
                        "bad pattern `{text}`: write S, O and cue once each, separated by spaces or a hyphen (`S cue O`, `S-cue O`)"
                    ));
                }
            };
            if !elements.is_empty() {
                glued.push(pending_glue);
            }
            pending_glue = false;
            elements.push(element);
        }
        let count = |e: Element| elements.iter().filter(|&&x| x == e).count();
        if pending_glue
            || elements.len() != 3
            || count(Element::Subject) != 1
            || count(Element::Object) != 1
            || count(Element::Cue) != 1
        {
            return Err(format!(
                "bad pattern `{text}`: write S, O and cue once each, separated by spaces or a hyphen (`S cue O`, `S-cue O`)"
            ));
        }
        let cue = elements
            .iter()
            .position(|&e| e == Element::Cue)
            .expect("counted");
        // A hyphen joins the cue to an argument; two arguments cannot be glued together.
        for (i, &g) in glued.iter().enumerate() {
            if g && elements[i] != Element::Cue && elements[i + 1] != Element::Cue {
                return Err(format!(
                    "bad pattern `{text}`: a hyphen must join an argument to the cue"
                ));
            }
        }
        Ok(Pattern {
            elements: [elements[0], elements[1], elements[2]],
            cue,
            glued: [glued[0], glued[1]],
        })
    }

    /// The place of an element in the pattern.
    pub(super) fn index_of(&self, e: Element) -> usize {
        self.elements
            .iter()
            .position(|&x| x == e)
            .expect("a pattern has every element")
    }
}

/// A compiled gap constraint; every word is lowercase, apostrophes straight.
#[derive(Debug, Clone)]
pub(super) struct Gap {
    pub(super) max: usize,
    pub(super) only: Vec<String>,
    pub(super) needs: Vec<String>,
    pub(super) not: Vec<String>,
    pub(super) plain: bool,
}

impl Default for Gap {
    fn default() -> Gap {
        Gap {
            max: DEFAULT_MAX_GAP as usize,
            only: Vec::new(),
            needs: Vec::new(),
            not: Vec::new(),
            plain: false,
        }
    }
}

impl Gap {
    pub(super) fn from_spec(spec: &GapSpec) -> Gap {
        let words = |list: &[String]| {
            list.iter()
                .map(|w| normalise_quotes(&w.trim().to_lowercase()).into_owned())
                .collect()
        };
        Gap {
            max: spec.max.unwrap_or(DEFAULT_MAX_GAP) as usize,
            only: words(&spec.only),
            needs: words(&spec.needs),
            not: words(&spec.not),
            plain: spec.plain,
        }
    }

    /// Whether the gap spec names `token`, which then is no barrier.
    pub(super) fn allows(&self, token: &str) -> bool {
        self.only.iter().any(|w| w == token) || self.needs.iter().any(|w| w == token)
    }
}
