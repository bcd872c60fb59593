//! The timeline chart: mentions per period of one or more entities, drawn with `plotters`
//! as SVG, and rasterised to PNG with `resvg` (no Graphviz needed).

use plotters::prelude::*;

use crate::error::{Error, Result};
use crate::timeline::Timeline;

/// Chart size in pixels (SVG user units).
const SIZE: (u32, u32) = (960, 480);

/// Line colours: the palette's community colours, which are colour-blind safe.
fn colour(i: usize) -> RGBColor {
    let hex = super::palette::COMMUNITIES[i % super::palette::COMMUNITIES.len()];
    let byte = |k: usize| u8::from_str_radix(&hex[k..k + 2], 16).unwrap_or(0);
    RGBColor(byte(1), byte(3), byte(5))
}

/// The chart of `timelines` (which share their periods, as [`crate::timeline::timelines`]
/// makes them) as SVG text; `unit` names the period in the caption.
pub fn timeline_svg(timelines: &[Timeline], unit: &str) -> Result<String> {
    let labels: Vec<&str> = timelines
        .first()
        .map(|t| t.periods.iter().map(|p| p.period.as_str()).collect())
        .unwrap_or_default();
    let max = timelines
        .iter()
        .flat_map(|t| &t.periods)
        .map(|p| p.mentions)
        .max()
        .unwrap_or(0)
        .max(1);
    let mut svg = String::new();
    draw(&mut svg, timelines, &labels, max, unit).map_err(|e| Error::Chart(e.to_string()))?;
    Ok(svg)
}

fn draw(
    svg: &mut String,
    timelines: &[Timeline],
    labels: &[&str],
    max: u64,
    unit: &str,
) -> std::result::Result<(), Box<dyn std::error::Error>> {
    let root = SVGBackend::with_string(svg, SIZE).into_drawing_area();
    root.fill(&WHITE)?;
    let last = labels.len().saturating_sub(1).max(1);
    let mut chart = ChartBuilder::on(&root)
        .caption(format!("Mentions per {unit}"), ("sans-serif", 22))
        .margin_left(16)
        .margin_right(48)
        .margin_top(12)
        .x_label_area_size(56)
        .y_label_area_size(56)
        .build_cartesian_2d(0..last, 0..max + max / 10 + 1)?;
    let label = |i: &usize| labels.get(*i).copied().unwrap_or_default().to_owned();
    chart
        .configure_mesh()
        .x_labels(labels.len().min(12))
        .x_label_formatter(&label)
        .x_label_style(("sans-serif", 13))
        .y_label_style(("sans-serif", 13))
        .y_desc("mentions")
        .axis_desc_style(("sans-serif", 15))
        .draw()?;
    for (i, timeline) in timelines.iter().enumerate() {
        let colour = colour(i);
        let points = timeline
            .periods
            .iter()
            .enumerate()
            .map(|(x, p)| (x, p.mentions));
        chart
            .draw_series(LineSeries::new(points, colour.stroke_width(3)))?
            .label(format!("{} ({})", timeline.name, timeline.mentions))
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 24, y)], colour.stroke_width(3)));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .label_font(("sans-serif", 14))
        .border_style(BLACK)
        .background_style(WHITE.mix(0.85))
        .draw()?;
    root.present()?;
    Ok(())
}

/// `svg` rasterised to PNG, with the system's fonts (`sans-serif` is the first of DejaVu Sans
/// and Liberation Sans installed).
pub fn svg_to_png(svg: &str) -> Result<Vec<u8>> {
    use resvg::{tiny_skia, usvg};
    let mut options = usvg::Options::default();
    let fonts = options.fontdb_mut();
    fonts.load_system_fonts();
    let installed = |family: &str| {
        fonts
            .faces()
            .any(|face| face.families.iter().any(|(name, _)| name == family))
    };
    if let Some(family) = ["DejaVu Sans", "Liberation Sans"]
        .into_iter()
        .find(|f| installed(f))
    {
        fonts.set_sans_serif_family(family);
    }
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| Error::Chart(e.to_string()))?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| Error::Chart("the chart has no size".into()))?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| Error::Chart(e.to_string()))
}
