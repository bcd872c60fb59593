use super::*;
use std::collections::BTreeSet;

#[test]
fn no_two_types_or_kinds_look_alike() {
    let looks: BTreeSet<_> = RELATIONS.iter().map(|(_, s)| *s).collect();
    assert_eq!(looks.len(), RELATIONS.len());
    assert!(!looks.contains(&COOCCURRENCE));
    let fills: BTreeSet<_> = KINDS
        .iter()
        .map(|k| k.fill)
        .chain([OTHER_KIND.fill])
        .collect();
    assert_eq!(fills.len(), KINDS.len() + 1);
    let shipped: BTreeSet<_> = looks.iter().map(|s| s.arrowhead).collect();
    for head in EXTRA_ARROWHEADS {
        assert!(!shipped.contains(head), "{head}");
    }
}

#[test]
fn every_type_keeps_its_style_whatever_else_is_drawn() {
    assert_eq!(relation("meets"), RELATIONS[5].1);
    assert_eq!(relation("funds"), relation("funds"));
    assert!(EXTRA_ARROWHEADS.contains(&relation("funds").arrowhead));
    assert_eq!(kind("person").shape, "ellipse");
    assert_eq!(kind("ship"), OTHER_KIND);
    assert_eq!(community(0), COMMUNITIES[0]);
    assert_eq!(community(99), OTHER_COMMUNITY);
}
