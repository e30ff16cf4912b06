"""The reader's widgets, one module per widget."""

from rich.style import Style


def foreground(style: Style) -> Style:
    """A component's style without its background, to lay over a line's own background."""
    return Style(color=style.color, bold=style.bold, italic=style.italic, dim=style.dim,
                 underline=style.underline, reverse=style.reverse)
