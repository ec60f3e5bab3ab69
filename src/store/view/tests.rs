use super::*;
use crate::store::body::BodyRef;
use crate::store::{keys, Label};

/// The label stored under its own `key`, viewed as the store views it.
fn view<'a>(key: &'a [u8], bytes: &'a [u8]) -> Result<LabelView<'a>, ViewError> {
    let (doc, para) = keys::split_label_key(key).expect("a label key");
    view_placed(doc, para, bytes)
}

fn label() -> Label {
    let mut l = Label::new("报告/二〇二四.txt", 7, "0123456789abcdef");
    l.section = Some("目标".into());
    l.indicators = vec!["gdp".into(), "quote\"d".into()];
    l.note = Some("备注：𠀀".into());
    l.done = true;
    l.duration_ms = Some(1234);
    l
}

#[test]
fn both_versions_view_as_the_label() {
    let l = label();
    let key = keys::label_key(&l.doc, l.para);
    for bytes in [value::encode(&l), value::encode_v2(&BodyRef::new(&l))] {
        let v = view(&key, &bytes).ok().expect("views");
        assert_eq!(v, LabelView::of_label(&l));
        // No escape: borrowed from the bytes.
        assert!(matches!(v.section, Some(Cow::Borrowed(_))));
        assert!(matches!(v.indicators[1], Cow::Owned(_)));
    }
}

#[test]
fn defaults_and_bad_values() {
    let key = keys::label_key("a.txt", 0);
    let v = view(&key, br#"{"v":2,"updated_at":"2026-11-22T10:00:00Z"}"#)
        .ok()
        .unwrap();
    assert_eq!((v.section, v.indicators.len(), v.done), (None, 0, false));
    assert!(matches!(
        view(&key, br#"{"v":2}"#),
        Err(ViewError::Value(_))
    ));
    assert!(matches!(
        view(&key, br#"{"v":9,"updated_at":""}"#),
        Err(ViewError::Value(DecodeError::Version(_)))
    ));
    let elsewhere = value::encode(&Label::new("b.txt", 0, ""));
    assert!(matches!(
        view(&key, &elsewhere),
        Err(ViewError::Elsewhere(d, 0)) if d == "b.txt"
    ));
}

#[test]
fn the_source_of_a_suggestion_is_viewed_by_the_scan_and_by_serde() {
    for source in ["pattern", "model", "control"] {
        let mut l = label();
        l.indicators = vec!["gdp".into()];
        l.suggested = Some(Box::new(crate::store::Suggested {
            section: Some("目标".into()),
            indicators: vec!["gdp".into()],
            source: source.into(),
            model_labels: 3,
        }));
        let key = keys::label_key(&l.doc, l.para);
        let v2 = value::encode_v2(&BodyRef::new(&l));
        assert!(
            super::canonical::scan(&v2).is_some(),
            "the scan reads it: {}",
            String::from_utf8_lossy(&v2)
        );
        for bytes in [value::encode(&l), v2] {
            let v = view(&key, &bytes).ok().expect("views");
            assert_eq!(v.suggested.as_deref(), Some(source));
            assert_eq!(v, LabelView::of_label(&l));
        }
    }
    let l = label();
    let key = keys::label_key(&l.doc, l.para);
    let bytes = value::encode_v2(&BodyRef::new(&l));
    let v = view(&key, &bytes).ok().unwrap();
    assert_eq!(v.suggested, None);
}
