"""A one-line input that applies every keystroke in the order it was typed.

Textual's `Input` inserts a printable key in its own message queue, but an editing key such as
`backspace` travels up through its parents' queues to the app, which then runs the input's
binding. When a parent (a dialog updating its results) is busy, a backspace waits there while the
letters typed after it are already inserted: `Leo Hirsch`, ten backspaces and `Paauw` typed
quickly read `LePaa`. This input runs its own bindings itself, in its own queue, as it receives
each key, so the order typed is the order applied whatever the screen around it is doing.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from ihostage_tui.safetext import printable


class TextField(Input):
    """An `Input` whose editing keys are applied in order with the letters typed around them."""

    def __init__(self, placeholder: str, *, id: str | None = None) -> None:
        super().__init__(placeholder=placeholder, id=id)
        self.cursor_blink = False

    def replace(self, text: str, start: int, end: int) -> None:
        """Put text in (every key typed and every paste comes here), control characters shown
        as symbols (`␛`), as the story's own text is: none reaches the terminal to be obeyed."""
        super().replace(printable(text), start, end)

    async def on_key(self, event: events.Key) -> None:
        """Run this input's own binding for the key now, rather than after a trip to the app."""
        if event.is_printable:
            return
        active = self.screen.active_bindings
        for key in event.aliases:
            bound = active.get(key)
            if bound is None or bound.node is not self or bound.binding.priority:
                continue
            # An action that does not apply here (scrolling a one-line input) is skipped, and
            # the key goes on to the screen's bindings as usual.
            if bound.enabled and await self.app.run_action(bound.binding.action, self):
                event.stop()
                event.prevent_default()
            return
