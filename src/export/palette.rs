//! The one palette of every picture: a fixed colour, shape and arrowhead per entity kind,
//! relation type and community, whatever else the graph holds, so that `meets` is the same
//! orange in every picture and no two types share a look.
//!
//! Kinds and relations use the Okabe–Ito palette (Okabe & Ito, 2008), communities Paul
//! Tol's "light" scheme (a fill for black text): both stay distinct with every common form
//! of colour blindness. Seven colours cannot tell twelve relation types apart alone, so types
//! that share a colour differ in arrowhead, and every relation arrow is labelled anyway.

/// How an entity kind is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindStyle {
    /// The kind (`person`, `state`, `group`, `place`).
    pub kind: &'static str,
    /// Graphviz node shape.
    pub shape: &'static str,
    /// Fill colour.
    pub fill: &'static str,
}

/// The kinds, in legend order.
pub const KINDS: [KindStyle; 4] = [
    KindStyle {
        kind: "person",
        shape: "ellipse",
        fill: "#56B4E9",
    },
    KindStyle {
        kind: "state",
        shape: "box",
        fill: "#E69F00",
    },
    KindStyle {
        kind: "group",
        shape: "hexagon",
        fill: "#009E73",
    },
    KindStyle {
        kind: "place",
        shape: "house",
        fill: "#F0E442",
    },
];

/// Shape and fill of a kind the palette does not know.
pub const OTHER_KIND: KindStyle = KindStyle {
    kind: "other",
    shape: "octagon",
    fill: "#DDDDDD",
};

/// The style of `kind`.
pub fn kind(kind: &str) -> KindStyle {
    KINDS
        .iter()
        .copied()
        .find(|k| k.kind == kind)
        .unwrap_or(OTHER_KIND)
}

/// How an edge type is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct EdgeStyle {
    /// Line and label colour.
    pub colour: &'static str,
    /// Graphviz arrowhead (`none` for co-occurrence).
    pub arrowhead: &'static str,
}

/// Co-occurrence: grey, no direction.
pub const COOCCURRENCE: EdgeStyle = EdgeStyle {
    colour: "#999999",
    arrowhead: "none",
};

/// The shipped relation types, grouped by colour: cooperation green, conflict vermillion and
/// purple, contact orange, hierarchy blue and black, location sky blue.
pub const RELATIONS: [(&str, EdgeStyle); 12] = [
    ("supports", style("#009E73", "normal")),
    ("supplies", style("#009E73", "vee")),
    ("fights", style("#D55E00", "normal")),
    ("accuses", style("#CC79A7", "normal")),
    ("denies", style("#CC79A7", "tee")),
    ("meets", style("#E69F00", "dot")),
    ("visits", style("#E69F00", "vee")),
    ("leads", style("#0072B2", "normal")),
    ("member_of", style("#0072B2", "diamond")),
    ("controls", style("#000000", "normal")),
    ("based_in", style("#56B4E9", "box")),
    ("located_in", style("#56B4E9", "vee")),
];

/// Colours for relation types of user rules, which get one picked by their name.
const EXTRA_COLOURS: [&str; 7] = [
    "#0072B2", "#D55E00", "#CC79A7", "#009E73", "#E69F00", "#56B4E9", "#000000",
];

/// Arrowheads for relation types of user rules, none of them used by a shipped type in
/// [`RELATIONS`], so a user type never looks like a shipped one.
const EXTRA_ARROWHEADS: [&str; 4] = ["inv", "crow", "icurve", "odot"];

const fn style(colour: &'static str, arrowhead: &'static str) -> EdgeStyle {
    EdgeStyle { colour, arrowhead }
}

/// The style of a relation type: fixed for the shipped ones, and for any other chosen by a
/// hash of its name (FNV-1a), so that it too is the same in every picture.
pub fn relation(kind: &str) -> EdgeStyle {
    if let Some((_, s)) = RELATIONS.iter().find(|(k, _)| *k == kind) {
        return *s;
    }
    let hash = kind.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    let colours = EXTRA_COLOURS.len() as u64;
    let heads = EXTRA_ARROWHEADS.len() as u64;
    let i = hash % (colours * heads);
    style(
        EXTRA_COLOURS[(i % colours) as usize],
        EXTRA_ARROWHEADS[(i / colours) as usize],
    )
}

/// Fills of communities 0, 1, ... (Tol's "light"); later communities share [`OTHER_COMMUNITY`].
pub const COMMUNITIES: [&str; 8] = [
    "#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF", "#44BB99", "#BBCC33", "#AAAA00",
];

/// The fill of every community past the last colour of [`COMMUNITIES`].
pub const OTHER_COMMUNITY: &str = "#DDDDDD";

/// The fill of community `community` (0 is the largest).
pub fn community(community: u32) -> &'static str {
    COMMUNITIES
        .get(community as usize)
        .copied()
        .unwrap_or(OTHER_COMMUNITY)
}

#[cfg(test)]
mod tests;
