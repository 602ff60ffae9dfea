"""Quote marks: pairing them in a text (pure string work, never raises)."""
from __future__ import annotations

from dataclasses import dataclass, field

from .cues import DOUBLE_OPEN, TWO_APOSTROPHES, load_cues


@dataclass
class Quote:
    """A quotation: its pieces (with the marks), in text order, and what was odd about it."""

    pieces: list[tuple[int, int]]
    flags: list[str] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


def _opens_single(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "(“\"—–-[") and after.isalnum()


def _closes_single(text: str, i: int) -> bool:
    after = text[i + 1] if i + 1 < len(text) else " "
    return not after.isalnum()


def _opens_straight(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    return before.isspace() or before in "([{—–-:"


def find_quotes(text: str, marks: dict[str, tuple[str, ...]] | None = None) -> list[Quote]:
    """Pair quote marks paragraph by paragraph; never raises.

    A double quote left open at the end of a paragraph continues when the next paragraph opens
    with a quote mark (news style: only the last paragraph closes); otherwise it ends with its
    paragraph and is flagged ``unclosed-quote``. Single curly quotes count only when they open
    at a word start and close before a non-letter (so apostrophes are not quotes); single quotes
    inside a double quote are nested and not separate quotations. Two apostrophes (``''…''``,
    typewriter and archive copy) are a double quote mark.
    """
    marks = marks or load_cues().marks
    quotes: list[Quote] = []
    carried: Quote | None = None
    offset = 0

    def close(start: int, end: int) -> None:
        """A quote mark closes: the piece ends a quote carried over paragraphs, or is one."""
        nonlocal carried
        if carried is not None:
            carried.pieces.append((start, end))
            quotes.append(carried)
            carried = None
        else:
            quotes.append(Quote([(start, end)]))

    for paragraph in text.split("\n\n"):
        start_of_para = offset
        offset += len(paragraph) + 2
        if carried is not None:
            stripped = paragraph.lstrip()
            lead = len(paragraph) - len(stripped)
            if stripped.startswith(TWO_APOSTROPHES):
                open_at, closers = start_of_para + lead, (TWO_APOSTROPHES,)
                i = lead + 2
            elif stripped and stripped[0] in DOUBLE_OPEN:
                open_at, closers = start_of_para + lead, marks.get(stripped[0], ("”", "\""))
                i = lead + 1
            else:
                carried.flags.append("unclosed-quote")
                quotes.append(carried)
                carried = None
                i, open_at, closers = 0, None, ()
        else:
            i, open_at, closers = 0, None, ()
        single_at: int | None = None
        while i < len(paragraph):
            ch = paragraph[i]
            if ch == "'" and paragraph.startswith(TWO_APOSTROPHES, i):  # ''…'' (typewriter copy)
                if open_at is None and _opens_straight(paragraph, i) and not paragraph[i + 2:i + 3].isspace():
                    open_at, closers, single_at = start_of_para + i, (TWO_APOSTROPHES,), None
                elif open_at is not None and closers == (TWO_APOSTROPHES,):
                    close(open_at, start_of_para + i + 2)
                    open_at = None
                i += 2
                continue
            if open_at is None:
                if ch in marks and ch != "‘" and (ch != "\"" or _opens_straight(paragraph, i)):
                    open_at, closers = start_of_para + i, marks[ch]
                    single_at = None  # single marks inside a double quote are nested, not quotes
                elif ch == "‘" and _opens_single(paragraph, i):
                    single_at = start_of_para + i
                elif ch == "’" and single_at is not None and _closes_single(paragraph, i):
                    quotes.append(Quote([(single_at, start_of_para + i + 1)], ["single-quotes"]))
                    single_at = None
            elif ch in closers:
                close(open_at, start_of_para + i + 1)
                open_at = None
            i += 1
        if open_at is not None:
            piece = (open_at, start_of_para + len(paragraph))
            if carried is None:
                carried = Quote([piece])
            else:
                carried.pieces.append(piece)
    if carried is not None:
        carried.flags.append("unclosed-quote")
        quotes.append(carried)
    quotes.sort(key=lambda q: q.start)
    return quotes
