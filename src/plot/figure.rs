//! Rendering a figure to a file: the backend the extension asks for, the
//! embedded font, and the translation of the renderer's errors.
//!
//! A figure is drawn into memory first (an RGB buffer encoded by `png`, or
//! an SVG string) and written in one `fs::write`, so a failure never leaves
//! a half-drawn file.

use super::text::Glyphs;
use super::PlotError;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

/// DejaVu Sans 2.37 (Bitstream Vera license, `assets/fonts/LICENSE-DejaVu`).
pub(super) static DEJAVU_SANS: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// The family name every text style here uses; the embedded font is
/// registered under it.
pub(super) const FAMILY: &str = "sans-serif";

/// One kind of figure, drawable on any plotters backend.
pub(super) trait Figure {
    /// Width and height in pixels (SVG: user units).
    fn size(&self) -> (u32, u32);
    /// Draws the whole figure on `root`.
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), DrawError>;
}

/// A drawing failure, as the renderer described it.
#[derive(Debug)]
pub(super) struct DrawError(pub(super) String);

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for DrawError {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        Self(e.to_string())
    }
}

/// The image formats, by file extension.
enum Format {
    Png,
    Svg,
}

impl Format {
    fn of(path: &Path) -> Result<Self, PlotError> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("png") => Ok(Self::Png),
            Some("svg") => Ok(Self::Svg),
            _ => Err(PlotError::Format {
                path: path.to_owned(),
            }),
        }
    }
}

/// Registers the embedded font once per process.
fn register_font() -> Result<(), DrawError> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| {
        plotters::style::register_font(FAMILY, FontStyle::Normal, DEJAVU_SANS).is_ok()
    });
    if ok {
        Ok(())
    } else {
        Err(DrawError(
            "the embedded DejaVu Sans font did not load".into(),
        ))
    }
}

/// Draws `figure` and writes it to `path` as PNG or SVG, by extension.
pub(super) fn save(path: &Path, figure: &impl Figure) -> Result<(), PlotError> {
    let format = Format::of(path)?;
    let bytes = render(format, figure).map_err(|DrawError(reason)| PlotError::Render {
        path: path.to_owned(),
        reason,
    })?;
    std::fs::write(path, bytes).map_err(|source| PlotError::Io {
        path: path.to_owned(),
        source,
    })
}

fn render(format: Format, figure: &impl Figure) -> Result<Vec<u8>, DrawError> {
    register_font()?;
    let (w, h) = figure.size();
    match format {
        Format::Svg => {
            let mut svg = String::new();
            {
                let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
                root.fill(&WHITE)?;
                figure.draw(&root)?;
                root.present()?;
            }
            Ok(svg.into_bytes())
        }
        Format::Png => {
            let mut rgb = vec![0u8; w as usize * h as usize * 3];
            {
                let root = Glyphs(BitMapBackend::with_buffer(&mut rgb, (w, h))).into_drawing_area();
                root.fill(&WHITE)?;
                figure.draw(&root)?;
                root.present()?;
            }
            encode_png(&rgb, w, h).map_err(|e| DrawError(format!("PNG encoding: {e}")))
        }
    }
}

fn encode_png(rgb: &[u8], w: u32, h: u32) -> Result<Vec<u8>, png::EncodingError> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(rgb)?;
    writer.finish()?;
    Ok(out)
}
