use super::*;
use crate::store::body::BodyRef;
use crate::store::{Label, Span};
use proptest::prelude::*;

fn label_value(para: u32, note: &str) -> Vec<u8> {
    let mut l = Label::new("报告.txt", para, "0123456789abcdef");
    l.section = Some("目标任务".into());
    l.note = Some(note.into());
    l.spans = vec![Span {
        start: 0,
        end: 2,
        label: "数值「98.5%」".into(),
    }];
    value::encode_v2(&BodyRef::new(&l))
}

fn owned(entries: Vec<(u32, &[u8])>) -> Vec<(u32, Vec<u8>)> {
    entries.into_iter().map(|(p, v)| (p, v.to_vec())).collect()
}

#[test]
fn base_is_the_first_paragraph_of_the_range() {
    assert_eq!(base(0), 0);
    assert_eq!(base(SIZE - 1), 0);
    assert_eq!(base(SIZE), SIZE);
    assert_eq!(base(4 * SIZE + 2), 4 * SIZE);
    assert_eq!(base(u32::MAX), u32::MAX - (SIZE - 1));
}

#[test]
fn round_trip_with_awkward_labels() {
    let notes = ["括号{[\"]}", "反斜杠\\\"}", "换行\n、𠀀😀ｶﾞ", "", "}}}{{"];
    let values: Vec<(u32, Vec<u8>)> = notes
        .iter()
        .enumerate()
        .map(|(i, n)| (128 + 3 * i as u32, label_value(128 + 3 * i as u32, n)))
        .collect();
    let bytes = encode(values.iter().map(|(p, v)| (*p, v.as_slice())));
    assert!(bytes.starts_with(b"{\"v\":3,\"paras\":[128,131,"));
    assert!(is_pack(&bytes).unwrap());
    assert_eq!(owned(split(&bytes, base(128)).unwrap()), values);
    // The scan found them, not the serde_json way round.
    assert!(scan(&bytes).is_some());
    // What serde_json reads agrees.
    let raw: Raw = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(raw.paras, [128, 131, 134, 137, 140]);
}

#[test]
fn an_empty_pack() {
    let bytes = encode(std::iter::empty());
    assert_eq!(&bytes[..], br#"{"v":3,"paras":[],"labels":[]}"#);
    assert_eq!(split(&bytes, 0).unwrap(), vec![]);
}

#[test]
fn other_json_for_the_same_pack_reads_the_same() {
    let a = label_value(1, "甲");
    let b = label_value(5, "乙");
    let spaced = format!(
        "{{ \"labels\" : [ {} , {} ], \"paras\": [1, 5], \"v\": 3 }}",
        String::from_utf8_lossy(&a),
        String::from_utf8_lossy(&b)
    );
    assert!(is_pack(spaced.as_bytes()).unwrap());
    assert_eq!(
        owned(split(spaced.as_bytes(), 0).unwrap()),
        vec![(1, a), (5, b)]
    );
}

#[test]
fn bad_packs_are_errors() {
    let a = String::from_utf8(label_value(1, "甲")).unwrap();
    let bad = |text: &str| match split(text.as_bytes(), 0) {
        Err(DecodeError::Bad(why)) => why,
        other => panic!("{text}: {other:?}"),
    };
    assert!(bad(&format!(r#"{{"v":3,"paras":[1,2],"labels":[{a}]}}"#))
        .contains("2 paragraphs with 1 labels"));
    let past = format!(r#"{{"v":3,"paras":[{SIZE}],"labels":[{a}]}}"#);
    assert!(bad(&past).contains(&format!("not in this pack's range 0…{}", SIZE - 1)));
    assert!(
        bad(&format!(r#"{{"v":3,"paras":[2,1],"labels":[{a},{a}]}}"#)).contains("out of order")
    );
    assert!(
        bad(&format!(r#"{{"v":3,"paras":[1,1],"labels":[{a},{a}]}}"#)).contains("out of order")
    );
    assert!(bad(&format!(r#"{{"v":3,"paras":[1],"labels":[{a}]"#)).contains("not JSON"));
    assert!(bad(r#"{"v":3,"paras":[1],"labels":[{"v":2,"note":"}]}"#).contains("not JSON"));
    assert!(bad(r#"{"v":3,"paras":[-1],"labels":[{}]}"#).contains("not a valid record"));
    assert_eq!(
        split(br#"{"v":4,"paras":[],"labels":[]}"#, 0),
        Err(DecodeError::Version("4".into()))
    );
    assert!(!is_pack(&label_value(1, "甲")).unwrap());
    assert!(is_pack(b"not json").is_err());
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "a", "目标", "\"", "\\", "\n", "\t", "\u{1b}", "𠀀", "😀", "ｶﾞ", "，", "{", "}", "]",
            "[", ",",
        ]),
        0..6,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    /// Every pack this build writes splits back into exactly its labels'
    /// values, and serde_json reads the same pack the same way.
    #[test]
    fn splits_what_it_encodes(
        notes in prop::collection::btree_map(0..SIZE, text(), 0..20),
        block in 0u32..1000,
    ) {
        let base = block * SIZE;
        let values: Vec<(u32, Vec<u8>)> = notes
            .iter()
            .map(|(p, n)| (base + p, label_value(base + p, n)))
            .collect();
        let bytes = encode(values.iter().map(|(p, v)| (*p, v.as_slice())));
        prop_assert_eq!(owned(split(&bytes, base).unwrap()), values.clone());
        let raw: Raw = serde_json::from_slice(&bytes).unwrap();
        let by_serde: Vec<(u32, Vec<u8>)> = raw
            .paras
            .into_iter()
            .zip(raw.labels.iter().map(|l| l.get().as_bytes().to_vec()))
            .collect();
        prop_assert_eq!(by_serde, values);
    }
}
