//! The status line and the heading path at 80 columns: the pace and the
//! filter mark stay, a message does not push the position off, the rate
//! leaves pauses out, the heading path keeps its innermost heading.

mod common;

use biaozhu::annotate::{update, Action, Model};
use common::screen;

fn tick(m: &mut Model, ms: u64) {
    update(
        m,
        Action::Tick {
            ms,
            wall: "2026-11-23T10:00:00Z".into(),
        },
    );
}

fn status(m: &mut Model, width: u16) -> String {
    screen(m, width, 24).lines().last().unwrap().to_owned()
}

/// Paragraphs accepted in the first minute, one flagged, the view on
/// flagged paragraphs.
fn busy() -> Model {
    let mut m = common::model();
    tick(&mut m, 30_000);
    update(&mut m, Action::Accept);
    tick(&mut m, 60_000);
    update(&mut m, Action::ToggleFlag);
    update(&mut m, Action::SetSection(0));
    update(&mut m, Action::Accept);
    update(&mut m, Action::Prev);
    update(&mut m, Action::CycleFilter);
    update(&mut m, Action::CycleFilter);
    m.message = None;
    m
}

#[test]
fn status_at_80_columns_keeps_rate_eta_and_the_filter() {
    let mut m = busy();
    let s = status(&mut m, 80);
    assert!(s.contains("/min ETA "), "{s}");
    assert!(s.contains("[flagged]"), "{s}");
    assert!(s.contains(" 2/7 "), "{s}");
    // At 60 columns too.
    let s = status(&mut m, 60);
    assert!(s.contains("/min ETA ") && s.contains("[flagged]"), "{s}");
}

#[test]
fn a_message_does_not_push_the_position_off() {
    let mut m = busy();
    m.message =
        Some("“家庭医生签约服务覆盖率达到45.2%以上的地区和单位”: search wrapped".to_owned());
    let s = status(&mut m, 80);
    assert!(s.starts_with(" “家庭医生签约"), "{s}");
    assert!(s.contains(" 2/7 "), "{s}");
    assert!(s.contains("[flagged]"), "{s}");
    assert!(s.ends_with("saved") || s.ends_with("saving"), "{s}");
}

#[test]
fn rate_leaves_out_idle_time() {
    let mut m = busy();
    // Two accepted in a minute of work; then an hour away and back.
    tick(&mut m, 3_660_000);
    update(&mut m, Action::Next);
    let (rate, _) = biaozhu::annotate::view::status::pace(&m, 7).unwrap();
    // A minute of work and two minutes of the pause counted (the idle
    // cap); on the wall clock it would be 61 minutes.
    let accepted = m.accepted_this_session as f64;
    assert!(accepted >= 1.0);
    assert!((rate - accepted / 3.0).abs() < 1e-9, "{rate}");
    let s = status(&mut m, 100);
    assert!(s.contains(&format!("{rate:.1}/min")), "{s}");
}

#[test]
fn heading_path_is_cut_on_the_left() {
    let mut m = common::model();
    // A long outer heading before the current paragraph's section.
    std::sync::Arc::make_mut(&mut m.paragraphs)[1].text =
        format!("一、{}工作成效", "全面推进健康中国建设".repeat(6)).into();
    common::to_odd(&mut m);
    let s = screen(&mut m, 80, 24);
    let path = s.lines().next().unwrap();
    assert!(path.starts_with('…'), "{path}");
    assert!(path.ends_with("> （一）疾病预防控制"), "{path}");
    assert!(biaozhu::text::str_width(path) <= 80, "{path}");
}
