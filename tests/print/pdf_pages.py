"""Facts about a printed PDF for tests/cli_weekly_print.rs, as JSON on stdout.

Usage: python3 pdf_pages.py FILE.pdf

For each page: its size in points, its text (pdfminer's layout analysis), and
the smallest character as drawn on the page (pdfminer's `LTChar.size`: the
font size times the scale the text is drawn at, so an SVG shrunk to fit the
page reports its shrunken size) and where it is.
"""

import json
import sys

from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTTextContainer


def characters(item):
    if isinstance(item, LTChar):
        yield item
    elif hasattr(item, "__iter__"):
        for child in item:
            yield from characters(child)


def drawn_size(char):
    """The font size as drawn: pdfminer's size is the height of the box,
    which for text turned a quarter (an axis title) is its advance; take the
    box's extent across the baseline instead."""
    (a, b, _c, _d, _e, _f) = char.matrix
    return char.width if abs(b) > abs(a) else char.size


def main(path):
    pages = []
    for page in extract_pages(path):
        text = "".join(
            element.get_text() for element in page if isinstance(element, LTTextContainer)
        )
        smallest = None
        for char in characters(page):
            if not char.get_text().strip():
                continue
            if smallest is None or drawn_size(char) < drawn_size(smallest):
                smallest = char
        entry = {
            "width": page.width,
            "height": page.height,
            "text": text,
            "smallest": None if smallest is None else round(drawn_size(smallest), 2),
            "smallest_at": None
            if smallest is None
            else [round(v, 1) for v in smallest.bbox],
        }
        pages.append(entry)
    json.dump({"pages": pages}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
