"""The error family: every problem in a story is located, explained and, where it helps, hinted."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a story file."""

    file: str
    """The file, as the user would type it (relative to the current folder when possible)."""
    line: int
    """1-based line number; 0 when the problem concerns the file as a whole."""
    column: int
    """1-based column; 0 when the problem concerns a whole line or file."""
    path: str
    """The field, e.g. `events[4].views.police`; empty for the whole file."""
    message: str
    """What is wrong, in plain words."""
    hint: str = ""
    """How to fix it, or what would be accepted."""
    warning: bool = False
    """True for advice that does not stop the story from loading."""

    @property
    def location(self) -> str:
        """`file:line:column`, dropping the parts that are unknown."""
        parts = [self.file]
        if self.line:
            parts.append(str(self.line))
            if self.column:
                parts.append(str(self.column))
        return ":".join(parts)

    def format(self) -> str:
        """Compiler-style: `file:line:col: error: path: message`, then the hint on its own line."""
        kind = "warning" if self.warning else "error"
        field = f"{self.path}: " if self.path else ""
        text = f"{self.location}: {kind}: {field}{self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class StoryError(Exception):
    """A story could not be loaded; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        order = {name: index for index, name in enumerate(dict.fromkeys(p.file for p in problems))}
        problems = sorted(problems, key=lambda p: (order[p.file], p.line, p.column))
        self.problems: tuple[Problem, ...] = tuple(p for p in problems if not p.warning)
        """The errors, file by file in the order the files were read, each top to bottom."""
        self.warnings: tuple[Problem, ...] = tuple(p for p in problems if p.warning)
        """Advice found along the way."""
        count = len(self.problems)
        first = self.problems[0].format() if self.problems else "no details"
        more = f" (and {count - 1} more)" if count > 1 else ""
        super().__init__(f"{first}{more}")

    def format(self) -> str:
        """Every error, then every warning, one block each."""
        return "\n".join(p.format() for p in (*self.problems, *self.warnings))


class LaunchError(Exception):
    """A start option does not fit the story (unknown chapter, bad time...): one clear line."""
