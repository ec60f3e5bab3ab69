//! The schema shipped in `labels/schema.toml`.

use super::*;

#[test]
fn default_schema_is_valid_and_fits_the_reports() {
    let schema = Schema::default_schema();
    assert!(schema.sections.len() >= 8, "{}", schema.sections.len());
    assert!(
        (10..=20).contains(&schema.indicators.len()),
        "{}",
        schema.indicators.len()
    );
    for name in [
        "heading",
        "overview",
        "achievement",
        "indicator_report",
        "problem",
        "plan",
        "boilerplate",
        "other",
    ] {
        assert!(schema.section(name).is_some(), "missing section {name}");
    }
    // The names the contract's examples use.
    assert!(schema.indicator("vaccination_rate").is_some());
    assert!(schema.indicator("health_records").is_some());
    for label in schema.sections.iter().chain(&schema.indicators) {
        assert!(is_bindable(label.key), "{}", label.name);
        // Pressable on a US keyboard: printable ASCII.
        assert!(label.key.is_ascii_graphic(), "{}", label.name);
        let zh = label.zh.chars().count();
        assert!((2..=6).contains(&zh), "zh of {} is {zh} chars", label.name);
        assert!(
            label.description.is_some(),
            "{} has no description",
            label.name
        );
    }
    for section in &schema.sections {
        assert!(section.key.is_ascii_lowercase(), "{}", section.name);
        assert!(section.color.is_some(), "{}", section.name);
    }
    // Indicators on the digit row, then Shift+digit.
    let keys: String = schema.indicators.iter().map(|l| l.key).collect();
    assert!("1234567890!@#$%^&*()".starts_with(&keys), "{keys}");
    assert_eq!(
        Schema::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(FILE)).unwrap(),
        schema
    );
}

#[test]
fn default_schema_key_layout() {
    let schema = Schema::default_schema();
    let layout: Vec<(char, &str)> = schema
        .sections
        .iter()
        .chain(&schema.indicators)
        .map(|l| (l.key, l.name.as_str()))
        .collect();
    assert_eq!(
        layout[..8],
        [
            ('h', "heading"),
            ('o', "overview"),
            ('a', "achievement"),
            ('i', "indicator_report"),
            ('p', "problem"),
            ('f', "plan"),
            ('b', "boilerplate"),
            ('x', "other"),
        ]
    );
    assert_eq!(schema.binding('8'), Some((Kind::Indicator, 7)));
    assert_eq!(schema.indicators[7].name, "funds");
}
