//! Entity counts on `seeds/`, verified by reading the text, not copied from the program.
//!
//! How each number was established: for every surface form of the entity, `grep -o -w FORM
//! seeds/*.txt | sort | uniq -c` gave the hits per file; each hit was then read in context to
//! check that it refers to the entity (and that no hit sits inside a longer name of another
//! entity). The expected mentions are the sum of the checked hits, the documents the number of
//! files with at least one.
//!
//! | entity | forms found in the text | per file (000, 001, 002, 003, 004) |
//! |---|---|---|
//! | khalifa_haftar | "Haftar" ×39 (7 of them in "Khalifa Haftar"), "Haftorah" ×5 (002's machine translation) | 14, 0, 13, 5, 12 |
//! | vladimir_putin | "Putin" ×15 ("Vladimir Putin" counted once) | 2, 11, 1, 1, 0 |
//! | turkey | "Turkey" ×21, "Turkish" ×9; never lower-case "turkey" | 12, 18, 0, 0, 0 |
//! | tobruk | "Tobruk" ×8 | 0, 0, 3, 1, 4 |
//! | recep_tayyip_erdogan | "Erdogan" ×8 | 4, 4, 0, 0, 0 |
//! | ankara | "Ankara" ×7 | 2, 5, 0, 0, 0 |
//! | nikki_haley | "Nikki Haley" ×3, then "Haley" alone ×4 (a partial name, valid because the file names her in full) | 7, 0, 0, 0, 0 |
//! | sergei_lavrov | "Lavrov" ×6 | 2, 4, 0, 0, 0 |
//! | wagner_group | "Wagner" ×5 (once as "Wagner Group"), all the private military company | 0, 0, 0, 4, 1 |
//! | benghazi | "Benghazi" ×4 | 2, 0, 2, 0, 0 |
//! | kremlin | "Kremlin" ×3 | 1, 2, 0, 0, 0 |
//! | tartus | "Tartus" ×2 | 0, 0, 0, 1, 1 |

use crate::fixtures::gazegraph;

const EXPECTED: &[(&str, u64, u64)] = &[
    ("khalifa_haftar", 44, 4),
    ("vladimir_putin", 15, 4),
    ("turkey", 30, 2),
    ("tobruk", 8, 3),
    ("recep_tayyip_erdogan", 8, 2),
    ("ankara", 7, 2),
    ("nikki_haley", 7, 1),
    ("sergei_lavrov", 6, 2),
    ("wagner_group", 5, 2),
    ("benghazi", 4, 2),
    ("kremlin", 3, 2),
    ("tartus", 2, 2),
];

#[test]
fn seed_counts_match_the_hand_count() {
    let output = gazegraph()
        .args(["counts", "seeds", "--format", "json", "--quiet"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let table: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(table["documents"], 5);
    let rows = table["entities"].as_array().unwrap();
    let mut wrong = Vec::new();
    for &(id, mentions, documents) in EXPECTED {
        let row = rows.iter().find(|r| r["id"] == id);
        let got = row.map(|r| {
            (
                r["mentions"].as_u64().unwrap(),
                r["documents"].as_u64().unwrap(),
            )
        });
        if got != Some((mentions, documents)) {
            wrong.push(format!(
                "{id}: expected ({mentions}, {documents}), got {got:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
