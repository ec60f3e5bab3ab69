use super::*;

#[test]
fn names_and_hashes_read_as_strings() {
    let n = Name::new("sub/报告.txt");
    assert_eq!(n, "sub/报告.txt");
    assert_eq!(n.clone(), n);
    assert!(Name::new("a") < Name::new("b"));
    let h = Hash::new("0123456789abcdef");
    assert_eq!(h, "0123456789abcdef");
    assert_eq!(h.len(), 16);
    for t in ["", "　　全年𠀀，增长5%。", "a"] {
        assert_eq!(Hash::of(t), super::super::identity::content_hash(t));
    }
    // Not a content hash: its own hash, never a stray match.
    let odd = Hash::new("短");
    assert_eq!(odd.len(), 16);
    assert_ne!(odd, "短");
    assert_eq!(serde_json::to_string(&h).unwrap(), "\"0123456789abcdef\"");
}

#[test]
fn compact_parts_are_small() {
    assert_eq!(std::mem::size_of::<Text>(), 16);
    assert_eq!(std::mem::size_of::<Name>(), 8);
    assert_eq!(std::mem::size_of::<Hash>(), 16);
    // A paragraph: these, its index and two flags; a label slot a pointer.
    assert_eq!(std::mem::size_of::<super::super::Paragraph>(), 56);
    assert_eq!(std::mem::size_of::<crate::attach::Slot>(), 8);
}
