use super::*;

#[test]
fn texts_of_one_arena_read_back_exactly() {
    let parts = [
        "　　全年𠀀，增长5%。",
        "",
        "一、总体情况",
        "ｶﾞ\t\u{1b}😀（",
        "a",
    ];
    let texts = arena(&parts);
    assert_eq!(texts.len(), parts.len());
    for (t, p) in texts.iter().zip(parts) {
        assert_eq!(t.load().as_str(), p);
        assert_eq!(*t, p);
        assert_eq!(t.load().chars().count(), p.chars().count());
    }
    // One allocation for all of them.
    assert!(Arc::ptr_eq(&texts[0].arena, &texts[4].arena));
    assert_eq!(
        Text::new("继续推进「十四五」"),
        "继续推进「十四五」".to_owned()
    );
    assert_eq!(format!("{:?}", texts[2]), "\"一、总体情况\"");
    assert_eq!(
        serde_json::to_string(&texts[0]).unwrap(),
        "\"　　全年𠀀，增长5%。\""
    );
}

#[test]
fn packed_texts_read_back_exactly_and_pack_once_a_document() {
    let parts = [
        "　　全年𠀀，增长5%。".repeat(50),
        String::new(),
        "一、总体情况".to_owned(),
        "ｶﾞ\t\u{1b}😀（「十四五」）".repeat(20),
    ];
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    let mut texts = arena(&parts);
    let mut other = arena(&["第二个文件。"]);
    Text::pack_all(texts.iter_mut().chain(other.iter_mut()));
    assert!(texts.iter().all(Text::is_packed) && other[0].is_packed());
    for (t, p) in texts.iter().zip(&parts) {
        assert_eq!(t.load().as_str(), *p);
        assert_eq!(t, p);
    }
    assert_eq!(other[0], "第二个文件。");
    // One packed arena a document, not one a text.
    assert!(Arc::ptr_eq(&texts[0].arena, &texts[3].arena));
    assert!(!Arc::ptr_eq(&texts[0].arena, &other[0].arena));
    let Arena::Packed(packed) = &*texts[0].arena else {
        panic!("packed");
    };
    let plain: usize = parts.iter().map(|p| p.len()).sum();
    assert!(
        packed.packed_len() * 3 < plain,
        "{} of {plain}",
        packed.packed_len()
    );
    // Loaded twice while held: one unpacked arena.
    let (a, b) = (texts[0].load(), texts[2].load());
    assert!(Arc::ptr_eq(&a.whole, &b.whole));
    // Packing again changes nothing.
    Text::pack_all(texts.iter_mut());
    assert_eq!(texts[2], "一、总体情况");
}
