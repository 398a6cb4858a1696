//! The actors' colours: the Okabe–Ito palette, which people with any common colour vision
//! deficiency can tell apart. Colour is never the only signal; names are always drawn too.

use serde::{Deserialize, Serialize};

use crate::actor::code_enum;

code_enum!(
    /// An actor's colour for its sticky notes and its node on the map; the code names a
    /// translation (`colour-<code>`) so participants can be told their colour.
    Colour {
        Orange => "orange",
        SkyBlue => "sky_blue",
        BluishGreen => "bluish_green",
        Yellow => "yellow",
        Blue => "blue",
        Vermillion => "vermillion",
        ReddishPurple => "reddish_purple",
    }
);

/// How a party is painted: its fill, the text on the fill, and a line colour for its arrows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Paint {
    pub fill: &'static str,
    pub text: &'static str,
    pub line: &'static str,
}

/// The clients and residents stand apart from every actor: white, outlined, in the centre.
pub const CLIENTS_PAINT: Paint = Paint { fill: "#FFFFFF", text: "#000000", line: "#595959" };

/// Outline of every node, dark enough against white and against each fill.
pub const OUTLINE: &str = "#1A1A1A";

impl Colour {
    /// Fills are Okabe–Ito; lines are the same hues darkened where needed to reach a 3:1
    /// contrast against the white page, and text is black or white, whichever reads better.
    pub fn paint(self) -> Paint {
        let (fill, text, line) = match self {
            Colour::Orange => ("#E69F00", "#000000", "#B37C00"),
            Colour::SkyBlue => ("#56B4E9", "#000000", "#438EB8"),
            Colour::BluishGreen => ("#009E73", "#000000", "#00996F"),
            Colour::Yellow => ("#F0E442", "#000000", "#8F8827"),
            Colour::Blue => ("#0072B2", "#FFFFFF", "#0072B2"),
            Colour::Vermillion => ("#D55E00", "#000000", "#D55E00"),
            Colour::ReddishPurple => ("#CC79A7", "#000000", "#B96E97"),
        };
        Paint { fill, text, line }
    }

    /// The colour for a newly invited actor: the one fewest others have, earliest in the
    /// palette on a tie, so colours repeat only beyond seven actors and then evenly.
    pub fn least_used(used: impl IntoIterator<Item = Colour>) -> Colour {
        let mut counts = vec![0usize; Colour::ALL.len()];
        for colour in used {
            counts[colour.index()] += 1;
        }
        let fewest = counts.iter().copied().min().unwrap_or(0);
        let index = counts.iter().position(|c| *c == fewest).unwrap_or(0);
        Colour::ALL[index]
    }

    fn index(self) -> usize {
        Colour::ALL.iter().position(|c| *c == self).unwrap_or(0)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if c <= 0.039_28 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (a, b) = (luminance(a), luminance(b));
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    #[test]
    fn lines_stand_out_from_the_page_and_text_from_its_fill() {
        for paint in Colour::ALL.iter().map(|c| c.paint()).chain([CLIENTS_PAINT]) {
            assert!(contrast(paint.line, "#FFFFFF") >= 3.0, "{paint:?}");
            assert!(contrast(paint.text, paint.fill) >= 4.5, "{paint:?}");
        }
    }

    #[test]
    fn colours_repeat_only_when_all_are_taken() {
        let mut used = Vec::new();
        for _ in 0..7 {
            used.push(Colour::least_used(used.clone()));
        }
        assert_eq!(used, Colour::ALL);
        assert_eq!(Colour::least_used(used.clone()), Colour::Orange);
        assert_eq!(
            Colour::least_used([Colour::Orange, Colour::Orange, Colour::SkyBlue]),
            Colour::BluishGreen
        );
    }
}
