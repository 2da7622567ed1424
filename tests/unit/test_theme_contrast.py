"""Every theme's highlight layers are readable: WCAG AA contrast (4.5:1 for normal text).

Layer colours are text colours: the article draws them on the pane surface under a 14% tint of
the same colour (newsreader.tcss), the actors panel on the surface, the legend on the panel
background. Each layer must reach 4.5:1 against each of those and against the theme background,
in the repository's theme files and in the copies bundled with the package.
"""

from __future__ import annotations

import filecmp
import tomllib
from pathlib import Path

import pytest
from textual.color import Color

from newsreader.model.vocabulary import LAYERS

ROOT = Path(__file__).resolve().parents[2]
THEME_FILES = sorted((ROOT / "themes").glob("*.toml")) + sorted((ROOT / "tui" / "newsreader" / "themes").glob("*.toml"))
AA_TEXT = 4.5
#: The tint the article puts behind highlighted words (``background: $layer-x 14%``).
TINT = 0.14


def relative_luminance(colour: Color) -> float:
    """WCAG 2.x relative luminance (https://www.w3.org/TR/WCAG21/#dfn-relative-luminance)."""

    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b)


def contrast(a: Color, b: Color) -> float:
    """WCAG contrast ratio, 1 to 21."""
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula_matches_known_values():
    assert contrast(Color.parse("#000000"), Color.parse("#FFFFFF")) == pytest.approx(21.0)
    assert contrast(Color.parse("#777777"), Color.parse("#FFFFFF")) == pytest.approx(4.48, abs=0.01)
    assert contrast(Color.parse("#767676"), Color.parse("#FFFFFF")) == pytest.approx(4.54, abs=0.01)


def test_every_theme_file_is_checked_and_bundled_copies_match():
    names = {path.name for path in THEME_FILES}
    assert {"dark.toml", "light.toml", "high-contrast.toml", "colour-blind.toml"} <= names
    for path in (ROOT / "themes").glob("*.toml"):
        bundled = ROOT / "tui" / "newsreader" / "themes" / path.name
        assert bundled.exists() and filecmp.cmp(path, bundled, shallow=False), path.name


@pytest.mark.parametrize("path", THEME_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_layer_colours_pass_wcag_aa_on_the_theme_backgrounds(path):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    variables = data.get("variables", {})
    background = Color.parse(data["background"])
    surface = Color.parse(data.get("surface", data["background"]))
    panel = Color.parse(data.get("panel", data.get("surface", data["background"])))
    failures = []
    for layer in LAYERS:
        colour = Color.parse(variables[f"layer-{layer}"])
        grounds = {
            "background": background,
            "surface": surface,
            "panel": panel,
            "tinted surface": surface.blend(colour, TINT),
        }
        for where, ground in grounds.items():
            ratio = contrast(colour, ground)
            if ratio < AA_TEXT:
                failures.append(f"{layer} {colour.hex} on {where} {ground.hex}: {ratio:.2f}")
    assert failures == [], failures
