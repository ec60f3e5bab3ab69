//! Valid schemas: fields, key bindings, order, colours.

use super::*;

#[test]
fn parses_fields() {
    let schema = parse(BASE).unwrap();
    assert_eq!(
        schema.sections,
        vec![LabelDef {
            name: "achievement".into(),
            zh: "工作成效".into(),
            key: 'a',
            color: Some(Color::Green),
            description: Some("主要做法与成效".into()),
            keywords: Vec::new(),
            not_keywords: Vec::new(),
        }]
    );
    assert_eq!(schema.indicators[0].color, None);
    assert_eq!(schema.indicators[0].description, None);
    assert_eq!(schema.section("achievement").unwrap().key, 'a');
    assert_eq!(schema.indicator("funds").unwrap().zh, "资金投入");
    assert!(schema.section("funds").is_none());
    assert!(schema.indicator("achievement").is_none());
}

#[test]
fn keywords_are_trimmed_sorted_and_unique() {
    let text = format!(
        "{BASE}\n[[indicator]]\nname = \"beds\"\nzh = \"床位\"\nkey = \"9\"\n\
         keywords = [\" 床位 \", \"病床\", \"床位\", \"  \"]\n"
    );
    let schema = parse(&text).unwrap();
    assert_eq!(schema.indicator("beds").unwrap().keywords, ["床位", "病床"]);
    assert!(schema.indicator("funds").unwrap().keywords.is_empty());
}

#[test]
fn binding_finds_the_label() {
    let text = format!(
        "{BASE}\n[[section]]\nname = \"plan\"\nzh = \"下一步打算\"\nkey = \"A\"\n\
         [[indicator]]\nname = \"cjk\"\nzh = \"中文键\"\nkey = \"中\"\n"
    );
    let schema = parse(&text).unwrap();
    assert_eq!(schema.binding('a'), Some((Kind::Section, 0)));
    assert_eq!(
        schema.binding('A'),
        Some((Kind::Section, 1)),
        "keys are case-sensitive"
    );
    assert_eq!(schema.binding('1'), Some((Kind::Indicator, 0)));
    assert_eq!(schema.binding('中'), Some((Kind::Indicator, 1)));
    assert_eq!(schema.binding('z'), None);
    assert_eq!(schema.binding('q'), None);
    assert_eq!(schema.labels(Kind::Indicator)[1].name, "cjk");
}

#[test]
fn tables_in_any_order_keep_file_order_per_kind() {
    let text = "version = 1\n\
        [[indicator]]\nname = \"i1\"\nzh = \"甲\"\nkey = \"1\"\n\
        [[section]]\nname = \"s1\"\nzh = \"乙\"\nkey = \"r\"\n\
        [[indicator]]\nname = \"i2\"\nzh = \"丙\"\nkey = \"2\"\n\
        [[section]]\nname = \"s2\"\nzh = \"丁\"\nkey = \"t\"\n";
    let schema = parse(text).unwrap();
    let names = |l: &[LabelDef]| l.iter().map(|l| l.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&schema.sections), ["s1", "s2"]);
    assert_eq!(names(&schema.indicators), ["i1", "i2"]);
}

#[test]
fn colours() {
    for (text, want) in [
        ("green", Color::Green),
        ("LightRed", Color::LightRed),
        ("light-blue", Color::LightBlue),
        ("darkgray", Color::DarkGray),
        ("dark gray", Color::DarkGray),
        ("grey", Color::Gray),
        ("white", Color::White),
        ("#ff8000", Color::Rgb(0xff, 0x80, 0x00)),
        ("#00AAff", Color::Rgb(0x00, 0xaa, 0xff)),
        ("208", Color::Indexed(208)),
    ] {
        assert_eq!(parse_color(text), Some(want), "{text}");
        let toml = format!("version = 1\n[[section]]\nname = \"plan\"\nzh = \"打算\"\nkey = \"p\"\ncolor = \"{text}\"\n");
        assert_eq!(
            parse(&toml).unwrap().sections[0].color,
            Some(want),
            "{text}"
        );
    }
    for bad in ["", "greeen", "#ff80", "#gg0000", "256", "rgb(1,2,3)"] {
        assert_eq!(parse_color(bad), None, "{bad}");
        let toml = format!("version = 1\n[[section]]\nname = \"plan\"\nzh = \"打算\"\nkey = \"p\"\ncolor = \"{bad}\"\n");
        assert!(
            err(&toml).starts_with(&format!(
                "labels/schema.toml:6: color {bad:?} of section \"plan\" is not a colour"
            )),
            "{bad}"
        );
    }
}
