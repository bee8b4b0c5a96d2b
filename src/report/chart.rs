//! A horizontal bar chart as an SVG string, for the print view: one labelled bar per item with
//! its percentage printed beside it (so nothing depends on colour), `role="img"` with an
//! `aria-label`, a `<title>` and a `<desc>`, and colours that meet WCAG AA contrast.

use std::fmt::Write as _;

use super::{char_width, decimal, percent_text, push_xml_escaped, text_width};

/// One bar: a label (e.g. a unit's short name) and a fraction, `0.0` to `1.0`, with an
/// optional second segment after it (e.g. 已完成, then 推进中).
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    /// Clamped to `0.0..=1.0`; a non-finite value counts as `0.0`.
    pub value: f64,
    /// The second segment, drawn after the first in a lighter colour; clamped so that both
    /// together stay within `1.0`.
    pub partial: f64,
}

fn clamp01(value: f64) -> f64 {
    if value.is_finite() {
        value.clamp(0.0, 1.0)
    } else {
        0.0
    }
}

impl Bar {
    pub fn new(label: impl Into<String>, value: f64) -> Self {
        Bar {
            label: label.into(),
            value,
            partial: 0.0,
        }
    }

    /// A bar of two segments: `value` (e.g. done), then `partial` (e.g. in progress).
    pub fn two(label: impl Into<String>, value: f64, partial: f64) -> Self {
        Bar {
            label: label.into(),
            value,
            partial,
        }
    }

    fn fraction(&self) -> f64 {
        clamp01(self.value)
    }

    fn partial_fraction(&self) -> f64 {
        clamp01(self.partial).min(1.0 - self.fraction())
    }
}

/// The chart's width in CSS pixels (its `viewBox` scales it).
pub const WIDTH: f64 = 640.0;
const PAD: f64 = 8.0;
const ROW: f64 = 28.0;
const BAR_HEIGHT: f64 = 18.0;
const FONT_SIZE: f64 = 14.0;
/// Pixels per [`char_width`] column at [`FONT_SIZE`] (a CJK character is two columns).
const PX_PER_COLUMN: f64 = 7.5;
/// Labels wider than this many columns are cut with an ellipsis (full text in a tooltip).
const LABEL_COLUMNS_MAX: usize = 32;
const GAP: f64 = 8.0;
/// Room right of the longest bar for its value ("100%").
const VALUE_WIDTH: f64 = 56.0;

const BACKGROUND: &str = "#ffffff";
const TEXT: &str = "#1a1a1a";
const TRACK: &str = "#e6e6e6";
const BAR: &str = "#1f5f99";
/// The second segment: another hue, still 3:1 against the track and the background.
const PARTIAL: &str = "#2e7d6b";

/// The chart as an SVG element. `title` names it (`<title>` and `aria-label`); `desc` describes
/// it (`<desc>`; when empty, the labels and values are listed there instead). The SVG is
/// [`WIDTH`] pixels wide with one row per bar, in the order given.
pub fn bar_chart(title: &str, desc: &str, bars: &[Bar]) -> String {
    let label_columns = bars
        .iter()
        .map(|b| text_width(&b.label))
        .max()
        .unwrap_or(0)
        .min(LABEL_COLUMNS_MAX);
    let label_right = PAD + label_columns as f64 * PX_PER_COLUMN;
    let x0 = label_right + GAP;
    let value_width = bars
        .iter()
        .map(|b| text_width(&value_text(b)) as f64 * PX_PER_COLUMN + GAP)
        .fold(VALUE_WIDTH, f64::max);
    let full = WIDTH - x0 - value_width - PAD;
    let height = 2.0 * PAD + bars.len() as f64 * ROW;

    let mut svg =
        String::from("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"");
    push_xml_escaped(&mut svg, title);
    let _ = write!(
        svg,
        "\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
         font-family=\"system-ui, sans-serif\" font-size=\"{}\"><title>",
        px(FONT_SIZE),
        w = px(WIDTH),
        h = px(height)
    );
    push_xml_escaped(&mut svg, title);
    svg.push_str("</title><desc>");
    if desc.is_empty() {
        let listed: Vec<String> = bars
            .iter()
            .map(|b| format!("{} {}", b.label, value_text(b)))
            .collect();
        push_xml_escaped(&mut svg, &listed.join(", "));
    } else {
        push_xml_escaped(&mut svg, desc);
    }
    let _ = write!(
        svg,
        "</desc><rect width=\"100%\" height=\"100%\" fill=\"{BACKGROUND}\"/>"
    );

    for (i, bar) in bars.iter().enumerate() {
        let y = PAD + i as f64 * ROW + (ROW - BAR_HEIGHT) / 2.0;
        let middle = PAD + i as f64 * ROW + ROW / 2.0;
        let width = bar.fraction() * full;
        let partial = bar.partial_fraction() * full;
        let value = value_text(bar);
        let (label, cut) = fit_label(&bar.label);
        svg.push_str("<g class=\"row\">");
        if cut {
            svg.push_str("<title>");
            push_xml_escaped(&mut svg, &format!("{} {value}", bar.label));
            svg.push_str("</title>");
        }
        let _ = write!(
            svg,
            "<text class=\"label\" x=\"{}\" y=\"{}\" dy=\"0.35em\" text-anchor=\"end\" fill=\"{TEXT}\">",
            px(label_right),
            px(middle)
        );
        push_xml_escaped(&mut svg, &label);
        let _ = write!(
            svg,
            "</text><rect class=\"track\" x=\"{x}\" y=\"{y}\" width=\"{full}\" height=\"{h}\" fill=\"{TRACK}\"/>\
             <rect class=\"bar\" x=\"{x}\" y=\"{y}\" width=\"{width}\" height=\"{h}\" fill=\"{BAR}\"/>",
            x = px(x0),
            y = px(y),
            full = px(full),
            width = px(width),
            h = px(BAR_HEIGHT),
        );
        if bar.partial_fraction() > 0.0 {
            let _ = write!(
                svg,
                "<rect class=\"bar-partial\" x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" fill=\"{PARTIAL}\"/>",
                x = px(x0 + width),
                y = px(y),
                w = px(partial),
                h = px(BAR_HEIGHT),
            );
        }
        let _ = write!(
            svg,
            "<text class=\"value\" x=\"{vx}\" y=\"{middle}\" dy=\"0.35em\" fill=\"{TEXT}\">{value}</text></g>",
            vx = px(x0 + width + partial + GAP / 2.0),
            middle = px(middle),
        );
    }
    svg.push_str("</svg>");
    svg
}

fn percent(bar: &Bar) -> String {
    percent_text(bar.fraction()).unwrap_or_default()
}

/// The value beside a bar: `50%`, or `50% + 20%` with a second segment.
fn value_text(bar: &Bar) -> String {
    if bar.partial_fraction() > 0.0 {
        format!(
            "{} + {}",
            percent(bar),
            percent_text(bar.partial_fraction()).unwrap_or_default()
        )
    } else {
        percent(bar)
    }
}

/// The label as shown: cut to [`LABEL_COLUMNS_MAX`] columns with an ellipsis when longer, and
/// whether it was cut.
fn fit_label(label: &str) -> (String, bool) {
    if text_width(label) <= LABEL_COLUMNS_MAX {
        return (label.to_owned(), false);
    }
    let mut shown = String::new();
    let mut columns = 0;
    for c in label.chars() {
        columns += char_width(c);
        if columns > LABEL_COLUMNS_MAX - 1 {
            break;
        }
        shown.push(c);
    }
    shown.push('…');
    (shown, true)
}

/// A length with at most one decimal, without a trailing `.0`.
fn px(v: f64) -> String {
    decimal(v, 1).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The value of `name="…"` in an element's opening tag.
    fn attr<'a>(tag: &'a str, name: &str) -> &'a str {
        let start = tag.find(&format!(" {name}=\"")).expect(name) + name.len() + 3;
        &tag[start..start + tag[start..].find('"').unwrap()]
    }

    /// The opening tags of every element with the class.
    fn tags<'a>(svg: &'a str, class: &str) -> Vec<&'a str> {
        let needle = format!(" class=\"{class}\"");
        svg.match_indices(&needle)
            .map(|(at, _)| {
                let start = svg[..at].rfind('<').unwrap();
                &svg[start..at + svg[at..].find('>').unwrap() + 1]
            })
            .collect()
    }

    /// The text content of every `<text>` with the class.
    fn texts(svg: &str, class: &str) -> Vec<String> {
        let needle = format!("<text class=\"{class}\"");
        svg.match_indices(&needle)
            .map(|(at, _)| {
                let open_end = at + svg[at..].find('>').unwrap() + 1;
                let close = open_end + svg[open_end..].find("</text>").unwrap();
                svg[open_end..close].to_owned()
            })
            .collect()
    }

    fn number(tag: &str, name: &str) -> f64 {
        attr(tag, name).parse().unwrap()
    }

    fn units() -> Vec<Bar> {
        vec![
            Bar::new("区食安办", 0.5),
            Bar::new("区市场监管局", 1.0 / 3.0),
            Bar::new("福田街道", 1.0),
            Bar::new("沙头街道", 0.0),
        ]
    }

    #[test]
    fn is_an_accessible_image_with_title_and_description() {
        let svg = bar_chart("各单位完成率", "按责任单位统计的任务完成比例", &units());
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\""));
        assert!(svg.ends_with("</svg>"));
        assert_eq!(attr(&svg, "aria-label"), "各单位完成率");
        assert!(
            svg.contains("><title>各单位完成率</title><desc>按责任单位统计的任务完成比例</desc>")
        );
        let generated = bar_chart("各单位完成率", "", &units());
        assert!(
            generated.contains(
                "<desc>区食安办 50%, 区市场监管局 33.3%, 福田街道 100%, 沙头街道 0%</desc>"
            )
        );
    }

    #[test]
    fn one_labelled_bar_with_its_value_per_item_in_order() {
        let svg = bar_chart("完成率", "", &units());
        assert_eq!(tags(&svg, "bar").len(), 4);
        assert_eq!(tags(&svg, "track").len(), 4);
        assert_eq!(
            texts(&svg, "label"),
            ["区食安办", "区市场监管局", "福田街道", "沙头街道"]
        );
        assert_eq!(texts(&svg, "value"), ["50%", "33.3%", "100%", "0%"]);
        let ys: Vec<f64> = tags(&svg, "bar").iter().map(|t| number(t, "y")).collect();
        assert!(ys.windows(2).all(|w| w[0] < w[1]), "rows go down: {ys:?}");
        let height = number(&svg, "height");
        let last = tags(&svg, "bar")
            .last()
            .map(|t| number(t, "y") + number(t, "height"))
            .unwrap();
        assert!(last <= height, "the last bar fits: {last} <= {height}");
    }

    #[test]
    fn widths_are_proportional_and_the_edges_are_exact() {
        let svg = bar_chart("完成率", "", &units());
        let full = number(tags(&svg, "track")[0], "width");
        let widths: Vec<f64> = tags(&svg, "bar")
            .iter()
            .map(|t| number(t, "width"))
            .collect();
        assert_eq!(widths[2], full, "100 % fills the track");
        assert_eq!(widths[3], 0.0, "0 % has no length");
        assert!((widths[0] - full / 2.0).abs() <= 0.05, "{widths:?}");
        assert!((widths[1] - full / 3.0).abs() <= 0.05, "{widths:?}");
        // Every bar and its value stay inside the chart.
        for (bar, value) in tags(&svg, "bar").iter().zip(tags(&svg, "value")) {
            let end = number(bar, "x") + number(bar, "width");
            assert!(number(value, "x") > end);
            assert!(number(value, "x") + 48.0 <= WIDTH, "room for \"100.0%\"");
        }
    }

    #[test]
    fn out_of_range_values_are_clamped() {
        let svg = bar_chart(
            "t",
            "",
            &[
                Bar::new("over", 1.7),
                Bar::new("under", -0.2),
                Bar::new("nan", f64::NAN),
            ],
        );
        let full = number(tags(&svg, "track")[0], "width");
        let widths: Vec<f64> = tags(&svg, "bar")
            .iter()
            .map(|t| number(t, "width"))
            .collect();
        assert_eq!(widths, [full, 0.0, 0.0]);
        assert_eq!(texts(&svg, "value"), ["100%", "0%", "0%"]);
    }

    #[test]
    fn labels_and_titles_are_escaped() {
        let svg = bar_chart(
            "A \"quoted\" <title> & more",
            "",
            &[Bar::new("<script>alert('x')</script> & 科", 0.25)],
        );
        assert!(!svg.contains("<script>"));
        assert!(!svg.contains("<title> "));
        assert_eq!(
            attr(&svg, "aria-label"),
            "A &quot;quoted&quot; &lt;title&gt; &amp; more"
        );
        assert_eq!(
            texts(&svg, "label"),
            ["&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; 科"]
        );
        // Every `<` opens a tag of this chart's own vocabulary.
        for (at, _) in svg.match_indices('<') {
            let name: String = svg[at + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphabetic() || *c == '/')
                .collect();
            let name = name.trim_start_matches('/');
            assert!(
                ["svg", "title", "desc", "rect", "g", "text"].contains(&name),
                "unexpected tag {name}"
            );
        }
    }

    #[test]
    fn long_labels_are_cut_with_the_full_text_in_a_tooltip() {
        let long = "深圳市福田区食品安全委员会办公室及其各成员单位联合工作组";
        let svg = bar_chart("t", "", &[Bar::new(long, 0.4), Bar::new("短", 0.1)]);
        let shown = &texts(&svg, "label")[0];
        assert!(shown.ends_with('…'));
        assert!(text_width(shown) <= LABEL_COLUMNS_MAX, "{shown}");
        assert!(long.starts_with(shown.trim_end_matches('…')));
        assert!(svg.contains(&format!("<g class=\"row\"><title>{long} 40%</title>")));
        assert_eq!(
            svg.matches("<title>").count(),
            2,
            "only the cut label has a tooltip"
        );
        // The label column is as wide as the cut label allows, and bars start after it.
        let x0 = number(tags(&svg, "bar")[0], "x");
        assert_eq!(x0, PAD + LABEL_COLUMNS_MAX as f64 * PX_PER_COLUMN + GAP);
    }

    #[test]
    fn empty_input_is_a_valid_empty_chart() {
        let svg = bar_chart("完成率", "暂无数据", &[]);
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("<title>完成率</title><desc>暂无数据</desc>"));
        assert!(tags(&svg, "bar").is_empty());
        assert_eq!(number(&svg, "height"), 2.0 * PAD);
        assert_eq!(bar_chart("t", "", &[]), bar_chart("t", "", &[]));
    }

    #[test]
    fn output_is_deterministic() {
        assert_eq!(
            bar_chart("完成率", "", &units()),
            bar_chart("完成率", "", &units())
        );
    }

    /// WCAG 2 relative luminance of `#rrggbb`.
    fn luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (a, b) = (luminance(a), luminance(b));
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    #[test]
    fn colours_meet_wcag_aa() {
        assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 0.01);
        // Text is AA for normal text on the background and on the track it may overlap.
        assert!(contrast(TEXT, BACKGROUND) >= 4.5);
        assert!(contrast(TEXT, TRACK) >= 4.5);
        // Bars are graphical objects: 3:1 against what surrounds them.
        assert!(contrast(BAR, BACKGROUND) >= 3.0);
        assert!(contrast(BAR, TRACK) >= 3.0);
        assert!(contrast(PARTIAL, BACKGROUND) >= 3.0);
        assert!(contrast(PARTIAL, TRACK) >= 3.0);
        let svg = bar_chart("t", "", &units());
        assert!(tags(&svg, "value").iter().all(|t| attr(t, "fill") == TEXT));
        assert!(tags(&svg, "label").iter().all(|t| attr(t, "fill") == TEXT));
        assert!(tags(&svg, "bar").iter().all(|t| attr(t, "fill") == BAR));
    }

    #[test]
    fn a_second_segment_follows_the_first_and_both_are_counted() {
        let bars = [
            Bar::two("区教育局", 0.2, 0.5),
            Bar::two("福田海关", 0.0, 0.0),
            Bar::two("区民政局", 0.8, 0.5),
        ];
        let svg = bar_chart("完成与推进", "", &bars);
        let done = tags(&svg, "bar");
        let partial = tags(&svg, "bar-partial");
        assert_eq!(partial.len(), 2, "no empty second segment");
        let full = number(tags(&svg, "track")[0], "width");
        assert!(
            (number(partial[0], "x") - number(done[0], "x") - number(done[0], "width")).abs()
                < 0.11
        );
        assert!((number(partial[0], "width") - full / 2.0).abs() <= 0.11);
        // Together never longer than the track.
        assert!((number(done[2], "width") + number(partial[1], "width") - full).abs() <= 0.11);
        assert_eq!(texts(&svg, "value"), ["20% + 50%", "0%", "80% + 20%"]);
        let values = tags(&svg, "value");
        for (bar, value) in partial.iter().zip([values[0], values[2]]) {
            assert!(number(value, "x") > number(bar, "x") + number(bar, "width"));
        }
        assert!(svg.contains("<desc>区教育局 20% + 50%, 福田海关 0%, 区民政局 80% + 20%</desc>"));
    }

    #[test]
    fn lengths_have_at_most_one_decimal() {
        assert_eq!(px(0.0), "0");
        assert_eq!(px(12.0), "12");
        assert_eq!(px(12.34), "12.3");
        assert_eq!(px(12.96), "13");
        assert_eq!(px(181.333_333), "181.3");
    }
}
