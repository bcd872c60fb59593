use super::*;

#[test]
fn every_list_is_read_and_compared_as_written() {
    let lists = read(WORDS);
    for list in List::ALL {
        assert!(!lists[list as usize].is_empty(), "{}", list.section());
    }
    assert!(List::Honorifics.contains("messrs"));
    assert!(List::SentenceOpeners.contains("The"));
    assert!(!List::SentenceOpeners.contains("the"));
    assert!(List::BeforeOmission.contains("the"));
    assert!(List::Particles.contains("von") && !List::Particles.contains("Von"));
    assert!(List::DirectionsAndDates.contains("sept"));
    assert!(List::Titles.contains("ayatollah"));
}
