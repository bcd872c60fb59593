//! The binding search: for one rule at one cue, the mentions that are its subject and object,
//! the gap checks, negation and coordinated arguments.

use super::checked::{Element, Gap, PLACE, RuleDef, TypeDef};
use super::extract::{Sentence, is_modifier, relation};
use super::model::{Relation, Relations};
use super::tokens::{Token, gap_tokens, listed, normalise_quotes, tokenize, window_after};
use crate::gazetteer::Form;
use crate::mentions::Mention;

/// Bytes after a nationality adjective in which to look for the agent noun it may modify.
const AGENT_WINDOW: usize = 40;

/// Bytes before a mention in which to look for a locative preposition.
const LOCATIVE_WINDOW: usize = 32;

/// No gap of any pattern is longer than this many bytes (12 words of ordinary length and the
/// mentions passed over in it).
const MAX_GAP_BYTES: usize = 240;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Left,
    Right,
}

/// What [`Relations::search`] looks for: the nearest usable mention from `boundary` in
/// `direction`.
struct Search {
    direction: Direction,
    /// Where the gap starts: an edge of the cue or of the argument bound before.
    boundary: usize,
    /// The argument bound before, whose bracketed repeat is passed over.
    previous: Option<usize>,
    /// The argument is glued to the cue by a hyphen.
    glued: bool,
    /// The kinds the argument may be.
    kinds: u8,
    /// The cue's span: mentions inside it belong to the cue.
    cue: (usize, usize),
}

/// One rule tried at one cue of a sentence.
struct Attempt<'a, 't> {
    relations: &'a Relations,
    s: &'a Sentence<'t>,
    rule: &'a RuleDef,
    ty: &'a TypeDef,
    rule_index: u32,
    /// The cue's byte span.
    cue: (usize, usize),
}

impl Relations {
    /// Tries `rule` at the cue `cs..ce`; true when it bound at least one relation.
    pub(super) fn bind(
        &self,
        s: &Sentence,
        rule_index: u32,
        cs: usize,
        ce: usize,
        out: &mut Vec<Relation>,
    ) -> bool {
        let rule = &self.rules[rule_index as usize];
        let p = rule.pattern;
        // A cue hyphenated to the word before it ends a compound (`Kremlin-backed`): only
        // rules that glue an argument there may read it.
        if ends_compound(&s.text[..cs]) && !(p.cue > 0 && p.glued[p.cue - 1]) {
            return false;
        }
        let attempt = Attempt {
            relations: self,
            s,
            rule,
            ty: &self.types[rule.ty as usize],
            rule_index,
            cue: (cs, ce),
        };
        let Some((bound, negation_tokens)) = attempt.arguments() else {
            return false;
        };
        let (si, oi) = (p.index_of(Element::Subject), p.index_of(Element::Object));
        let (Some(subject), Some(object)) = (bound[si], bound[oi]) else {
            return false;
        };
        if !attempt.plausible(&bound, si) {
            return false;
        }
        let negated = attempt.negated(negation_tokens);
        let subjects = attempt.coordinated(subject, Element::Subject);
        let objects = attempt.coordinated(object, Element::Object);
        attempt.emit(&subjects, &objects, negated, out)
    }

    /// The nearest usable mention for `q`, and the gap's tokens.
    ///
    /// Mentions passed over (a bracketed repeat of the previous argument, hyphenated
    /// modifiers, nationality adjectives that belong to a name) count as one word each.
    fn search<'t>(&self, s: &Sentence<'t>, q: &Search) -> Option<(usize, Vec<Token<'t>>)> {
        let (mut index, mut skipped) = nearest(s, q)?;
        if !q.glued {
            index = match q.direction {
                Direction::Left => self.possessor(s, q, index, &mut skipped),
                Direction::Right => self.head(s, q, index, &mut skipped),
            };
        }
        let m = s.mentions[index];
        if !self.fits(&m, q.kinds) {
            return None;
        }
        let (from, to) = match q.direction {
            Direction::Left => (m.end, q.boundary),
            Direction::Right => (q.boundary, m.start),
        };
        Some((index, gap_tokens(s.text, from, to, &skipped)))
    }

    /// `al Qaeda's Syrian wing`: the possessor before a nationality adjective, not the
    /// adjective, when it fits.
    fn possessor(
        &self,
        s: &Sentence,
        q: &Search,
        index: usize,
        skipped: &mut Vec<(usize, usize)>,
    ) -> usize {
        let m = s.mentions[index];
        if m.form == Form::Demonym
            && index > 0
            && normalise_quotes(s.text[s.mentions[index - 1].end..m.start].trim()) == "'s"
            && self.fits(&s.mentions[index - 1], q.kinds)
        {
            skipped.push((m.start, m.end));
            return index - 1;
        }
        index
    }

    /// The name after the mention found to the right, when the mention only modifies it: a
    /// nationality adjective (`meeting with Russian Foreign Minister Sergei Lavrov`), then a
    /// possessor followed by its head in apposition (`received Haftar's rival, Fayez Serraj`;
    /// `visits by Russia's deputy defense minister Yunus-Bek Yevkurov`).
    fn head(
        &self,
        s: &Sentence,
        q: &Search,
        mut index: usize,
        skipped: &mut Vec<(usize, usize)>,
    ) -> usize {
        let text = s.text;
        let m = s.mentions[index];
        if m.form == Form::Demonym
            && let Some(next) = s.mentions.get(index + 1)
            && next.form != Form::Demonym
            && next.entity != m.entity
            && self.fits(next, q.kinds)
            && !is_modifier(text, next)
            && is_premodifier(&text[m.end..next.start])
        {
            skipped.push((m.start, next.start));
            index += 1;
        }
        let m = s.mentions[index];
        if let Some(next) = s.mentions.get(index + 1) {
            let tokens = tokenize(&text[m.end..next.start]);
            let words = tokens.iter().filter(|t| t.word).count();
            let possessive = tokens.first().is_some_and(|t| t.text == "'s")
                && (1..=3).contains(&words)
                && tokens[1..].iter().all(|t| {
                    (t.word && !self.words.prepositions.contains(&*t.text)) || t.text == ","
                });
            if possessive
                && next.entity != m.entity
                && self.fits(next, q.kinds)
                && !is_modifier(text, next)
            {
                skipped.push((m.start, next.start));
                index += 1;
            }
        }
        index
    }

    /// Whether the word after a nationality adjective lets it stand for its state: an agent
    /// noun, or punctuation, or the end of the sentence.
    fn agent_follows(&self, text: &str, m: &Mention) -> bool {
        match tokenize(window_after(text, m.end, AGENT_WINDOW)).first() {
            None => true,
            Some(t) if !t.word => true,
            Some(t) => self.words.agents.contains(&*t.text),
        }
    }

    /// Whether the word before a mention (past `the`, `a`, `an`) is a locative preposition.
    fn after_locative(&self, s: &Sentence, m: &Mention) -> bool {
        let from = s
            .start
            .min(m.start)
            .max(m.start.saturating_sub(LOCATIVE_WINDOW));
        let tokens = tokenize(&s.text[s.text.ceil_char_boundary(from)..m.start]);
        let word = tokens
            .iter()
            .rev()
            .find(|t| !matches!(&*t.text, "the" | "a" | "an"));
        word.is_some_and(|t| t.word && self.words.locatives.contains(&*t.text))
    }

    /// Whether a gap's tokens meet its constraints and cross no barrier.
    pub(super) fn gap_ok(&self, gap: &Gap, tokens: &[Token]) -> bool {
        let words = tokens.iter().filter(|t| t.word).count();
        if words > gap.max {
            return false;
        }
        if !gap.only.is_empty()
            && tokens
                .iter()
                .any(|t| t.word && !t.text.is_empty() && !listed(&gap.only, &t.text))
        {
            return false;
        }
        if !gap.needs.is_empty() && !tokens.iter().any(|t| listed(&gap.needs, &t.text)) {
            return false;
        }
        if tokens.iter().any(|t| listed(&gap.not, &t.text)) {
            return false;
        }
        if gap.plain && tokens.iter().any(|t| !t.word && t.text != "'s") {
            return false;
        }
        let words = &self.words;
        tokens.iter().enumerate().all(|(i, t)| {
            // `Russia said it backs Haftar`: a reporting verb that a resumptive pronoun
            // follows is no barrier.
            let resumed = || {
                t.word
                    && words.reporting.contains(&*t.text)
                    && tokens
                        .get(i + 1)
                        .is_some_and(|n| words.resumptive.contains(&*n.text))
            };
            !words.barriers.contains(&*t.text) || gap.allows(&t.text) || resumed()
        })
    }
}

impl<'t> Attempt<'_, 't> {
    /// The kinds allowed for an element of the pattern.
    fn kinds(&self, e: Element) -> u8 {
        match e {
            Element::Subject => self.rule.subject.unwrap_or(self.ty.subject),
            Element::Object => self.rule.object.unwrap_or(self.ty.object),
            Element::Cue => 0,
        }
    }

    /// Whether the element at `i` is glued to the cue by a hyphen.
    fn glued_to_cue(&self, i: usize) -> bool {
        let p = self.rule.pattern;
        (i < p.cue && p.glued[i]) || (i > p.cue && p.glued[i - 1])
    }

    /// The mentions bound to the elements before and after the cue, and the tokens of the
    /// gaps before the cue (where negation is looked for); `None` when an element is missing
    /// or a gap does not fit.
    fn arguments(&self) -> Option<([Option<usize>; 3], Vec<Token<'t>>)> {
        let (p, s) = (self.rule.pattern, self.s);
        let mut bound: [Option<usize>; 3] = [None; 3];
        let mut negation_tokens: Vec<Token> = Vec::new();
        // Elements before the cue, nearest first.
        let mut q = Search {
            direction: Direction::Left,
            boundary: self.cue.0,
            previous: None,
            glued: false,
            kinds: 0,
            cue: self.cue,
        };
        for j in (0..p.cue).rev() {
            (q.glued, q.kinds) = (p.glued[j], self.kinds(p.elements[j]));
            let (m, tokens) = self.relations.search(s, &q)?;
            if !q.glued && !self.relations.gap_ok(&self.rule.gaps[j], &tokens) {
                return None;
            }
            // `North Korea's oil, has backed`: a possessor ends its phrase at the comma.
            if tokens.first().is_some_and(|t| t.text == "'s")
                && tokens.iter().any(|t| t.text == ",")
            {
                return None;
            }
            negation_tokens.extend(tokens);
            bound[j] = Some(m);
            (q.boundary, q.previous) = (s.mentions[m].start, Some(m));
        }
        (q.direction, q.boundary, q.previous) = (Direction::Right, self.cue.1, None);
        for (j, slot) in bound.iter_mut().enumerate().skip(p.cue + 1) {
            (q.glued, q.kinds) = (p.glued[j - 1], self.kinds(p.elements[j]));
            let (m, tokens) = self.relations.search(s, &q)?;
            if !q.glued && !self.relations.gap_ok(&self.rule.gaps[j - 1], &tokens) {
                return None;
            }
            *slot = Some(m);
            (q.boundary, q.previous) = (s.mentions[m].end, Some(m));
        }
        Some((bound, negation_tokens))
    }

    /// Whether the bound mentions can be actors as bound: nationality adjectives stand for
    /// their state only before agent nouns, and an actor's subject is in no place phrase.
    fn plausible(&self, bound: &[Option<usize>; 3], si: usize) -> bool {
        let (p, s, relations) = (self.rule.pattern, self.s, self.relations);
        // A nationality adjective after the cue stands for its state only before an agent
        // noun (`Russian officials`), not before any noun (`Libyan oil firm`).
        for (i, m) in bound.iter().enumerate().skip(p.cue + 1) {
            let m = &s.mentions[m.expect("bound")];
            if m.form == Form::Demonym
                && !self.glued_to_cue(i)
                && !relations.agent_follows(s.text, m)
            {
                return false;
            }
        }
        if si > p.cue || self.glued_to_cue(si) {
            return true;
        }
        // A nationality adjective as subject before its cue, followed by a noun, must be
        // followed by an agent noun too: `Russian officials arrived`, not `a Nigerien
        // national living in Gabon`.
        let m = &s.mentions[bound[si].expect("bound")];
        let cs = self.cue.0;
        let next = bound[si + 1..]
            .iter()
            .flatten()
            .map(|&i| s.mentions[i].start)
            .next()
            .unwrap_or(cs);
        let between = tokenize(&s.text[m.end..next.min(cs)]);
        let followed_by_word = between.first().is_some_and(|t| t.word);
        if m.form == Form::Demonym && followed_by_word && !relations.agent_follows(s.text, m) {
            return false;
        }
        // An actor's subject before its cue is not inside a place phrase.
        self.kinds(Element::Subject) & PLACE != 0 || !relations.after_locative(s, m)
    }

    /// Whether the statement is negated: a negation cue in a gap before the cue, or among the
    /// last words before a cue that starts its pattern.
    fn negated(&self, mut tokens: Vec<Token<'t>>) -> bool {
        let relations = self.relations;
        if self.rule.pattern.cue == 0 {
            let before = tokenize(&self.s.text[self.s.start..self.cue.0]);
            let words: Vec<Token> = before.into_iter().filter(|t| t.word).collect();
            let from = words.len().saturating_sub(relations.negation_window);
            tokens.extend(words.into_iter().skip(from));
        }
        let words: Vec<&str> = tokens.iter().filter(|t| t.word).map(|t| &*t.text).collect();
        relations
            .negation
            .iter()
            .any(|phrase| match phrase.as_slice() {
                [] => false,
                // `n't` and the like: a suffix of a word (`didn't`, `won't`).
                [one] if one.contains('\'') => words.iter().any(|w| w.ends_with(one.as_str())),
                phrase => words.windows(phrase.len()).any(|w| w == phrase),
            })
    }

    /// The argument bound to `element` and those coordinated with it, when subject and object
    /// lie on both sides of the cue and the list is joined by `and` or `or` somewhere
    /// (`Mosul, Iraq` is no list).
    fn coordinated(&self, index: usize, element: Element) -> Vec<usize> {
        let (p, s, words) = (self.rule.pattern, self.s, &self.relations.words);
        let position = p.index_of(element);
        let opposite =
            (p.index_of(Element::Subject) < p.cue) != (p.index_of(Element::Object) < p.cue);
        if !opposite || !self.rule.coordinate || self.glued_to_cue(position) {
            return vec![index];
        }
        let left = position < p.cue;
        let kinds = self.kinds(element);
        let mut all = vec![index];
        let mut conjunction = false;
        let mut current = index;
        loop {
            let next = if left {
                current.checked_sub(1)
            } else {
                Some(current + 1).filter(|&n| n < s.mentions.len())
            };
            let Some(next) = next else { break };
            let (a, b) = if left {
                (&s.mentions[next], &s.mentions[current])
            } else {
                (&s.mentions[current], &s.mentions[next])
            };
            let tokens = tokenize(&s.text[a.end.min(b.start)..b.start]);
            let joins = !tokens.is_empty()
                && tokens.iter().all(|t| words.coordination.contains(&*t.text))
                && tokens
                    .iter()
                    .any(|t| matches!(&*t.text, "," | "and" | "or"));
            let candidate = &s.mentions[next];
            if !joins || !self.relations.fits(candidate, kinds) || is_modifier(s.text, candidate) {
                break;
            }
            conjunction |= tokens.iter().any(|t| t.text == "and" || t.text == "or");
            all.push(next);
            current = next;
        }
        if !conjunction {
            all.truncate(1);
        }
        all
    }

    /// Appends a relation for every subject and object pair that the type allows; true when
    /// there was one.
    fn emit(
        &self,
        subjects: &[usize],
        objects: &[usize],
        negated: bool,
        out: &mut Vec<Relation>,
    ) -> bool {
        let (s, ty) = (self.s, self.ty);
        let mut any = false;
        for &a in subjects {
            for &b in objects {
                let (mut sm, mut om) = (s.mentions[a], s.mentions[b]);
                if sm.entity == om.entity || (ty.contained && !self.relations.contains(&sm, &om)) {
                    continue;
                }
                if ty.symmetric && om.entity < sm.entity {
                    std::mem::swap(&mut sm, &mut om);
                }
                out.push(relation(
                    s,
                    self.rule,
                    self.rule_index,
                    self.cue,
                    (sm, om),
                    negated,
                ));
                any = true;
            }
        }
        any
    }
}

/// The nearest mention in `q`'s direction that is no modifier, repeat or adjective passed
/// over, with the spans passed over; `None` when the gap grows too long or a glued argument
/// is not hyphenated to the cue.
fn nearest(s: &Sentence, q: &Search) -> Option<(usize, Vec<(usize, usize)>)> {
    let text = s.text;
    let boundary = q.boundary;
    let gap_text = |m: &Mention| match q.direction {
        Direction::Left => &text[m.end..boundary],
        Direction::Right => &text[boundary..m.start],
    };
    let n = s.mentions.len();
    let first_right = s.mentions.partition_point(|m| m.start < boundary);
    let candidates = (0..n).map(|k| match q.direction {
        Direction::Left => n - 1 - k,
        Direction::Right => k,
    });
    // Byte spans passed over, each one word of the gap.
    let mut skipped: Vec<(usize, usize)> = Vec::new();
    for i in candidates {
        let m = &s.mentions[i];
        let side = match q.direction {
            Direction::Left => m.end <= boundary,
            Direction::Right => i >= first_right,
        };
        if !side {
            continue;
        }
        // No pattern reaches this far: a cheap bound before any tokenizing.
        if gap_text(m).len() > MAX_GAP_BYTES {
            return None;
        }
        if q.cue.0 <= m.start && m.end <= q.cue.1 {
            continue;
        }
        if q.glued {
            return matches!(gap_text(m), "-" | "\u{2010}" | "\u{2011}" | "\u{2013}")
                .then_some((i, skipped));
        }
        // A repeat of the argument just bound, in brackets: `UNHCR (UNHCR)`.
        let repeat = q.previous.is_some_and(|p| s.mentions[p].entity == m.entity)
            && tokenize(gap_text(m)).iter().all(|t| !t.word);
        // A nationality adjective before the argument just bound is part of its name:
        // `Russia is one of Syrian President Assad's allies`.
        let premodifier = q.direction == Direction::Left
            && q.previous.is_some()
            && m.form == Form::Demonym
            && is_premodifier(gap_text(m));
        if repeat || premodifier {
            skipped.push((m.start, m.end));
        } else if is_modifier(text, m) {
            skipped.push((m.start, compound_end(text, m)));
        } else {
            return Some((i, skipped));
        }
    }
    None
}

/// Whether text ending here ends with a word and a hyphen: a cue after it is the end of a
/// compound (`Kremlin-backed`).
fn ends_compound(before: &str) -> bool {
    before.ends_with(['-', '\u{2010}', '\u{2011}'])
        && before
            .trim_end_matches(['-', '\u{2010}', '\u{2011}'])
            .ends_with(|c: char| c.is_alphanumeric() || c == '.')
}

/// Whether a gap is short and plain enough that a nationality adjective before it modifies
/// what follows: at most two words, no punctuation, no conjunction.
fn is_premodifier(gap: &str) -> bool {
    let tokens = tokenize(gap);
    tokens.len() <= 2
        && tokens
            .iter()
            .all(|t| t.word && t.text != "and" && t.text != "or")
}

/// Where the hyphenated word that a modifier mention starts ends: `Aleppo-based`.
fn compound_end(text: &str, m: &Mention) -> usize {
    let rest = &text[m.end..];
    let mut chars = rest.char_indices();
    chars.next(); // the hyphen
    for (i, c) in chars {
        if !(c.is_alphanumeric() || c == '-') {
            return m.end + i;
        }
    }
    text.len()
}
