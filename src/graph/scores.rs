//! Association scores of a pair of entities from the windows they share.

use rustc_hash::FxHashMap as HashMap;

use super::{COOCCURRENCE, GraphDocument, Weight};

/// Recomputes every co-occurrence edge's association scores and weight from the counts.
pub(crate) fn rescore(document: &mut GraphDocument) {
    let n = document.corpus.windows as f64;
    let weight: Weight = document.options.weight.parse().unwrap_or_default();
    let marginals: HashMap<&str, u64> = document
        .nodes
        .iter()
        .map(|n| (n.id.as_str(), n.windows))
        .collect();
    for edge in &mut document.edges {
        if edge.kind == COOCCURRENCE {
            let a = marginals.get(edge.source.as_str()).copied().unwrap_or(0) as f64;
            let b = marginals.get(edge.target.as_str()).copied().unwrap_or(0) as f64;
            let scores = Scores::new(edge.count as f64, a, b, n);
            edge.pmi = scores.pmi;
            edge.npmi = scores.npmi;
            edge.llr = scores.llr;
            edge.jaccard = scores.jaccard;
        }
        edge.weight = weight.of(edge);
    }
}

/// Association scores of a pair from a 2×2 contingency table of windows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
    /// log2(P(ab) / (P(a)P(b))).
    pub pmi: f64,
    /// PMI / -log2 P(ab), in [-1, 1].
    pub npmi: f64,
    /// Dunning's G² = 2 Σ O ln(O/E).
    pub llr: f64,
    /// ab / (a + b - ab).
    pub jaccard: f64,
}

impl Scores {
    /// Scores for `ab` windows with both, `a` and `b` with each, `n` in all.
    pub fn new(ab: f64, a: f64, b: f64, n: f64) -> Scores {
        if ab <= 0.0 || a <= 0.0 || b <= 0.0 || n <= 0.0 {
            return Scores {
                pmi: 0.0,
                npmi: 0.0,
                llr: 0.0,
                jaccard: 0.0,
            };
        }
        let pmi = (ab * n / (a * b)).log2();
        let p_ab = ab / n;
        let npmi = if p_ab >= 1.0 { 1.0 } else { pmi / -p_ab.log2() };
        let observed = [ab, a - ab, b - ab, n - a - b + ab];
        let expected = [
            a * b / n,
            a * (n - b) / n,
            (n - a) * b / n,
            (n - a) * (n - b) / n,
        ];
        let llr = 2.0
            * observed
                .iter()
                .zip(expected)
                .filter(|(o, e)| **o > 0.0 && *e > 0.0)
                .map(|(o, e)| o * (o / e).ln())
                .sum::<f64>();
        Scores {
            pmi: round(pmi),
            npmi: round(npmi),
            llr: round(llr.max(0.0)),
            jaccard: round(ab / (a + b - ab)),
        }
    }
}

/// Rounds to 9 significant decimals so text exports are stable across platforms' last bits.
pub(crate) fn round(x: f64) -> f64 {
    (x * 1e9).round() / 1e9
}

#[cfg(test)]
mod tests;
