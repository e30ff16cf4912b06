"""The one dialog base: every dialog of the reader is a `Dialog` that says only what differs.

A dialog is a centred box with a title in its border, shown over the reader; `escape` closes it
(returning None), an input in it never blinks, and the reader holds its story clock while any
dialog is open (`ReaderScreen.advance_clock` runs the clock only while the reader is on top).
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen

from ihostage_tui.widgets.text_field import TextField

ResultT = TypeVar("ResultT")


class Dialog(ModalScreen[ResultT]):
    """A centred, titled box over the reader; escape closes it with no result.

    Subclasses set `BOX_TITLE`, compose their body in `compose_body`, and size or colour the box
    through `#dialog` in their own DEFAULT_CSS.
    """

    BOX_TITLE: ClassVar[str] = ""
    """The title written into the box's top border."""
    BOX_SUBTITLE: ClassVar[str] = ""
    """A line for the box's bottom border (how to close it, a count...), or ""."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="close-dialog",
                tooltip="Close this dialog without doing anything"),
    ]

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
        & > #dialog {
            width: 64; max-width: 100%; height: auto; max-height: 100%;
            border: round $primary; background: $surface; padding: 0 1;
        }
    }
    """

    def compose(self) -> ComposeResult:
        """The box, titled, holding the subclass's body."""
        with Vertical(id="dialog") as box:
            box.border_title = self.BOX_TITLE
            box.border_subtitle = self.BOX_SUBTITLE
            yield from self.compose_body()

    def compose_body(self) -> ComposeResult:
        """What the box holds (subclasses say)."""
        yield from ()

    @staticmethod
    def text_input(placeholder: str, input_id: str) -> TextField:
        """A one-line input that applies keys in the order typed, its cursor not blinking."""
        return TextField(placeholder, id=input_id)

    def action_close(self) -> None:
        """Close the dialog with no result."""
        self.dismiss(None)
