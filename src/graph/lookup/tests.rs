use super::*;

fn entities() -> Vec<Named<'static>> {
    vec![
        Named {
            id: "khalifa_haftar",
            names: vec!["Khalifa Haftar", "Haftar", "Field Marshal Haftar"],
        },
        Named {
            id: "saddam_haftar",
            names: vec!["Saddam Haftar"],
        },
        Named {
            id: "recep_tayyip_erdogan",
            names: vec!["Recep Tayyip Erdoğan", "Erdoğan"],
        },
        Named {
            id: "wagner_group",
            names: vec!["Wagner Group", "Wagner"],
        },
    ]
}

#[test]
fn ids_names_and_aliases_find_the_entity() {
    let all = entities();
    for query in [
        "khalifa_haftar",
        "Khalifa Haftar",
        "haftar",
        "KHALIFA HAFTAR",
    ] {
        assert_eq!(resolve(query, &all).unwrap(), "khalifa_haftar", "{query}");
    }
    assert_eq!(resolve("erdogan", &all).unwrap(), "recep_tayyip_erdogan");
    assert_eq!(resolve("Wagner", &all).unwrap(), "wagner_group");
}

#[test]
fn misses_suggest_the_closest_ids_and_ambiguity_lists_them() {
    let all = entities();
    let err = resolve("khalifa hafter", &all).unwrap_err().to_string();
    assert!(err.contains("did you mean khalifa_haftar"), "{err}");
    let err = resolve("qwxyz", &all).unwrap_err().to_string();
    assert!(!err.contains("did you mean"), "{err}");
    let mut twice = entities();
    twice[1].names.push("Haftar");
    let err = resolve("haftar", &twice).unwrap_err().to_string();
    assert!(err.contains("khalifa_haftar, saddam_haftar"), "{err}");
    assert!(resolve("", &all).is_err());
}
