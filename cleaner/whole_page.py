"""Whole-page text: keep the article, drop the menus, footers and teaser lists around it.

Text dumped from a whole web page (a WET record, ``get_text()``, "select all, copy") holds
the article among hundreds of short lines of navigation. Without the markup, what tells the
article is the shape of its text: long segments of running prose, dense in the stop words
of their language, ending like sentences, next to each other. The filter works on segments
(a paragraph a dump has broken into fragments at its links is one segment, and so is a row
of a table it printed one cell per line), classifies each
alone (jusText's idea: length and stop-word density, here with terminal punctuation and
without the DOM), settles short and uncertain segments by their neighbours, and keeps the
best-scoring run of article segments. Pages that are not articles (a service page's
sections, a forum thread's posts, a product's description, a listing's items) hold their
content in many runs between headings, buttons and labels: the article run is widened over
them while what they add outweighs the short lines between (see ``widen_span``).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cleaner.document import Document
from cleaner.modes import Mode
from cleaner.shape import continues, ends_sentence, match_key, unpunctuated_script, word_count
from cleaner.stopwords import StopWords, load_stopwords, stopword_list, tokens

if TYPE_CHECKING:
    from cleaner.filters.base import Context

GOOD, NEAR, SHORT, BAD, TABLE = "good", "near", "short", "bad", "table"
OUTSIDE, REMOVED, MENU = "outside", "removed", "menu"
# What joins a headline and the site's name in a page title: "Headline | Site", "Site - Headline".
# Bounded runs of spaces: repaired lines have single spaces, and an unbounded run would make
# searching a long line of spaces quadratic.
_TITLE_SEPARATOR = re.compile(r"\s{1,4}[|–—-]\s{1,4}|\s{0,4}[|–—]\s{0,4}|\s{1,4}::\s{1,4}")


@dataclass(frozen=True, slots=True)
class WholePageOptions:
    """The options of a ``whole_page`` filter; their values, and what each means, are in
    ``[filters.page]`` of ``rules/default.toml``."""

    stopwords: tuple[str, ...]
    engage_min_lines: int
    engage_max_prose_share: float
    engage_menu_lines: int
    menu_item_words: int
    min_language_share: float
    short_max_words: int
    good_min_words: int
    bad_cost_words: int
    end_categories: tuple[str, ...]
    end_min_words: int
    closing_categories: tuple[str, ...]
    fragmented_share: float
    dangling_max_rank: int
    attribution_category: str
    headline_min_words: int
    headline_outscored: int
    extend_max_short: int
    inside_categories: tuple[str, ...]
    list_max_words: int
    table_max_words: int
    density_low: Mapping[str, float]
    density_high: Mapping[str, float]
    end_repeats: int
    span_short_cost: int
    span_bad_share: float
    span_removed_cost: int
    span_min_share: float
    span_list_share: float
    span_item_min_words: int
    span_item_max_words: int
    span_end_categories: tuple[str, ...]
    span_menu_lines: int
    span_menu_words: int


# Where a sentence ends inside a segment, and how many words make a sentence worth matching.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s{1,4}")
_SENTENCE_MIN_WORDS = 4

# A table printed one cell per line has at least this many rows of at most this many cells.
_TABLE_MIN_ROWS = 3
_TABLE_MAX_CELLS = 12

# A line wholly in brackets or parentheses, without brackets inside: "[WATCH]", "(2)".
_BRACKETED = re.compile(r"^\s{0,4}(?:\[[^\[\]]{1,40}\]|\([^()]{1,40}\))\s{0,4}$")


@dataclass(slots=True)
class Segment:
    """Adjacent lines of one paragraph, with the measures the classifier reads."""

    lines: list[int]
    words: int
    density: float
    sentence: bool
    label: str = BAD
    # Comparison keys of the segment's sentences (to find copies of the article).
    sentences: frozenset[str] = frozenset()
    # For a row of a table printed one cell per line, the table's number (from 1).
    table: int = 0
    # Removed by a rule of residue that sits inside articles (a caption): not an edge.
    inside: bool = False


class WholePage:
    """Marks what is not the article in the visible text of a whole page, with the options
    of a ``whole_page`` filter (``cleaner.filters.whole_page``), which names its removals
    by ``rule``.

    Engages in mode "page", and in mode "auto" when the text looks like a whole page: at
    least ``engage_min_lines`` lines, of which at most ``engage_max_prose_share`` are prose.
    """

    def __init__(
        self, options: WholePageOptions, context: Context, rule: Callable[[str], str]
    ) -> None:
        self.options = options
        self.context = context
        self.rule = rule
        # Found now, so that a wrong name is an error at start, not on the first page.
        key = f"filters.{rule('')}.stopwords"
        self._stopword_lists = tuple(
            stopword_list(name, context.files, key) for name in options.stopwords
        )

    @functools.cached_property
    def stopwords(self) -> StopWords:
        """The stop-word lists, read when a page comes: article text never needs them, and
        reading them took a tenth of a start."""
        return load_stopwords(self._stopword_lists)

    def apply(self, doc: Document) -> None:
        if doc.mode in (Mode.ARTICLE, Mode.EXTRACTED):
            return
        live = doc.live()
        if doc.mode is Mode.AUTO and not self.looks_like_page(doc, live):
            return
        words_of = {i: tokens(doc.lines[i]) for i in live}
        language, share = self.stopwords.best_language(w for ws in words_of.values() for w in ws)
        if share < self.options.min_language_share:
            language = None
        lines = [i for i, line in enumerate(doc.lines) if line]
        segments = self.segments(doc, lines, words_of, language)
        # The script only matters to segments of an unknown language.
        punctuated = language is not None or not unpunctuated_script(doc.lines, live)
        self.classify(segments, language, punctuated=punctuated)
        repeats = Counter(doc.key(i) for i in lines)
        start, end = self._take_headline(doc, segments, repeats)
        first, last, _ = best_run(segments[start:end], self.options.bad_cost_words)
        if first > last:
            start = 0
            first, last, _ = best_run(segments[:end], self.options.bad_cost_words)
        first, last = extend_run(segments[start:end], first, last, self.options.extend_max_short)
        first, last = first + start, last + start
        run = segments[first : last + 1]
        if not any(segment.label == GOOD for segment in run):
            # A short article (a few sentences above a table) has no paragraph long enough
            # to be good by itself: its near-good sentences are the best there is.
            for segment in run:
                if segment.label == NEAR and segment.sentence:
                    segment.label = GOOD
        costs = SpanCosts(
            self.options.span_short_cost,
            self.options.span_bad_share,
            self.options.span_removed_cost,
            self.options.span_min_share,
            self.options.span_list_share,
            self.options.span_item_min_words,
            self.options.span_item_max_words,
        )
        listing = lists_items(segments, first, last, costs.list_share)
        wide_first, wide_last = widen_span(
            segments,
            first,
            last,
            start,
            self._span_end(doc, segments, last + 1, end, repeats),
            costs,
            listing,
        )
        for k, segment in enumerate(segments):
            if not first <= k <= last:
                segment.label = OUTSIDE
        settle(segments)
        for segment in segments[wide_first : wide_last + 1]:
            if segment.label != REMOVED:
                segment.label = GOOD
        for side in (segments[wide_first:first], segments[last + 1 : wide_last + 1]):
            mark_menus(side, self.options.span_menu_lines, self.options.span_menu_words)
            if listing and doc.mode is Mode.WHOLE_PAGE:
                # A page of items: its short and repeated lines ("Berlin, full time") are the
                # items', which trim and duplicates would take for residue.
                doc.keep(i for segment in side if segment.label == GOOD for i in segment.lines)
        self._keep_attribution(doc, segments, last)
        items = keep_lists(doc, segments, self.options.list_max_words)
        if doc.mode is Mode.WHOLE_PAGE:
            # Asked for a page, keep the pieces of a paragraph broken at its links and the
            # items of a list from the line filters that follow (trim would take a list at
            # the end for a tail of short lines). Not in mode "auto": the clean text no
            # longer shows which lines were adjacent, so a second pass could not do the same.
            doc.keep(items)
            for segment in segments:
                if segment.label == GOOD and len(segment.lines) > 1:
                    doc.keep(segment.lines)
        for segment in segments:
            if segment.label not in (GOOD, REMOVED):
                for i in segment.lines:
                    doc.remove(i, self.rule(segment.label))

    def _take_headline(
        self, doc: Document, segments: list[Segment], repeats: Counter[str]
    ) -> tuple[int, int]:
        """Where the article may start and where it ends (``_article_end``): after the
        segment that repeats the page's title (the first line of a whole page's text,
        "Headline | Site"), which goes to the metadata, or at the first segment. A repeat
        below a better run of prose than any after it is no headline: the title's longest
        part was the site's name ("Nightmare - THE WEEKLY 52/2018"), printed again under
        the article. A headline inside a longer segment starts the article with it."""
        k, line = self._headline(doc, segments)
        if line is None:
            return 0, self._article_end(doc, segments, 0, repeats)
        bad_cost = self.options.bad_cost_words
        end = self._article_end(doc, segments, k + 1, repeats)
        before = best_run(segments[:k], bad_cost)[2]
        after = best_run(segments[k + 1 : end], bad_cost)[2]
        if before > self.options.headline_outscored * after:
            return 0, self._article_end(doc, segments, 0, repeats)
        if doc.metadata.title is None:
            doc.metadata.title = doc.lines[line]
        if len(segments[k].lines) > 1:
            return k, self._article_end(doc, segments, k, repeats)
        doc.remove(line, self.rule("headline"))
        return k + 1, end

    def _headline(self, doc: Document, segments: list[Segment]) -> tuple[int, int | None]:
        """The first segment with a line that repeats the longest part of the page's title,
        and that line; (-1, None) when none does."""
        lines = [i for i, line in enumerate(doc.lines) if line]
        if not lines:
            return -1, None
        parts = _TITLE_SEPARATOR.split(doc.lines[lines[0]])
        headline = max(parts, key=word_count)
        if word_count(headline) < self.options.headline_min_words:
            return -1, None
        key = match_key(headline)
        for k, segment in enumerate(segments):
            for i in segment.lines:
                if i != lines[0] and doc.key(i) == key:
                    return k, i
        return -1, None

    def _article_end(
        self, doc: Document, segments: list[Segment], start: int, repeats: Counter[str]
    ) -> int:
        """Position of the first line of an ``end_categories`` vocabulary ("Comments",
        "Leave a reply") that follows at least ``end_min_words`` words of good segments from
        ``start`` (the headline's end: a form's small print above it is not the article),
        or of a ``closing_categories`` one (the copyright line closing the page) after any:
        what comes after it (readers' comments, the site's footer) is not the article. A
        comments line the page prints ``end_repeats`` times or more ("Add a comment" under
        every post of a thread) ends nothing: the posts are the page's content."""
        vocabulary = self.context.vocabulary
        ending = [vocabulary.category(c) for c in self.options.end_categories]
        closing = [vocabulary.category(c) for c in self.options.closing_categories]
        needed = self.options.end_min_words
        seen = 0
        for k, segment in enumerate(segments[start:], start):
            if segment.label == GOOD:
                seen += segment.words
            elif seen and len(segment.lines) == 1:
                i = segment.lines[0]
                line, key = doc.lines[i], doc.key(i)
                if any(c.matches(line, key) for c in closing) or (
                    seen >= needed
                    and repeats[key] < self.options.end_repeats
                    and any(c.matches(line, key) for c in ending)
                ):
                    return k
        return len(segments)

    def _span_end(
        self, doc: Document, segments: list[Segment], start: int, end: int, repeats: Counter[str]
    ) -> int:
        """Where the widened span must stop: at ``end``, or before, at the first line from
        ``start`` that an earlier filter removed as one of ``span_end_categories`` (the share
        bar or comment counter under an article), unless the page prints it ``end_repeats``
        times or more (a "Share" link under every post of a thread)."""
        categories = frozenset(self.options.span_end_categories)
        for k in range(start, end):
            i = segments[k].lines[0]
            rule = doc.rule_of(i)
            if (
                rule is not None
                and rule.rpartition(".")[2] in categories
                and repeats[doc.key(i)] < self.options.end_repeats
            ):
                return k
        return end

    def _keep_attribution(self, doc: Document, segments: list[Segment], last: int) -> None:
        """A closing attribution ("(dpa)", "Additional reporting by ...") just after the
        article belongs to it, though it is short."""
        if last < 0:
            return
        attribution = self.context.vocabulary.category(self.options.attribution_category)
        for segment in segments[last + 1 : last + 3]:
            i = segment.lines[0]
            if len(segment.lines) == 1 and attribution.matches(doc.lines[i], doc.key(i)):
                segment.label = GOOD

    def looks_like_page(self, doc: Document, live: list[int]) -> bool:
        """Many lines, few of them sentences, and a menu: a whole page rather than an
        article. An extractor's output of a list-heavy article (a product sheet, a recipe,
        a timeline) has many short lines too, but not a run of ``engage_menu_lines`` lines
        of at most ``menu_item_words`` words each."""
        if len(live) < self.options.engage_min_lines:
            return False
        prose = len(self.context.anchors(doc))
        share: float = self.options.engage_max_prose_share
        return prose <= share * len(live) and self._has_menu(doc, live)

    def _has_menu(self, doc: Document, live: list[int]) -> bool:
        """A run of ``engage_menu_lines`` adjacent lines of a few words, none a sentence."""
        needed, item_words = self.options.engage_menu_lines, self.options.menu_item_words
        run = 0
        for i in live:
            if doc.words(i) <= item_words and not ends_sentence(doc.lines[i]):
                run += 1
                if run >= needed:
                    return True
            else:
                run = 0
        return False

    def segments(
        self,
        doc: Document,
        lines: list[int],
        words_of: dict[int, list[str]],
        language: str | None,
    ) -> list[Segment]:
        """Group adjacent lines that continue one sentence into segments.

        A block of adjacent lines where many breaks fall inside a sentence (a dump that
        puts every link on a line of its own) is a paragraph broken at its links: it is
        joined at every break that does not end a sentence. Elsewhere only the breaks that
        show a continuation (a lower-case start, a dangling stop word) are joined. A line an
        earlier filter removed is a segment of its own, labelled removed: it weighs against
        the article around it but does not count as a neighbour. Each row of a table printed
        one cell per line (see ``table_rows``) is a segment, labelled table.
        """
        rows = table_rows(doc, lines, self.options.table_max_words)
        in_row = {i for _, row in rows for i in row}
        blocks: list[list[int]] = []
        for i in lines:
            if i in in_row:
                continue
            if (
                blocks
                and blocks[-1][-1] == i - 1
                and not doc.is_removed(i)
                and not doc.is_removed(i - 1)
            ):
                blocks[-1].append(i)
            else:
                blocks.append([i])
        groups: list[list[int]] = []
        fragmented_share = self.options.fragmented_share
        for block in blocks:
            cues = [self._continues(doc, a, b, language) for a, b in itertools.pairwise(block)]
            fragmented = len(cues) >= 2 and sum(cues) >= fragmented_share * len(cues)
            groups.append([block[0]])
            for (a, b), cue in zip(itertools.pairwise(block), cues, strict=True):
                if cue or (fragmented and not ends_sentence(doc.lines[a])):
                    groups[-1].append(b)
                else:
                    groups.append([b])
        table_of = {row[0]: table for table, row in rows}
        groups = sorted(groups + [row for _, row in rows])
        inside = frozenset(self.options.inside_categories)
        out = []
        for group in groups:
            if (rule := doc.rule_of(group[0])) is not None:
                inside_rule = rule.rpartition(".")[2] in inside
                out.append(
                    Segment(group, doc.words(group[0]), 0.0, False, REMOVED, inside=inside_rule)
                )
                continue
            words = [w for i in group for w in words_of[i]]
            density = self.stopwords.density(words, language) if language else 0.0
            count = sum(doc.words(i) for i in group)
            out.append(
                Segment(
                    lines=group,
                    words=count,
                    density=density,
                    sentence=_ends_sentence(doc.lines[group[-1]]),
                    sentences=_sentence_keys(" ".join(doc.lines[i] for i in group)),
                    table=table_of.get(group[0], 0),
                )
            )
        return out

    def _continues(self, doc: Document, prev: int, line: int, language: str | None) -> bool:
        """True when line ``line`` carries on the sentence of line ``prev`` (a link, an
        emphasis or a footnote mark split it), visibly or after a dangling function word (one
        of the ``dangling_max_rank`` most frequent stop words: "the", "of", "after"). A line
        that is all in brackets ("[Video]", "(2)", "[1]") is a label or a note on the line
        before it, which a dump put on a line of its own."""
        before = doc.lines[prev].rstrip()
        if continues(before, doc.lines[line]) or _BRACKETED.match(doc.lines[line]):
            return True
        if not before or ends_sentence(before):
            return False
        if language is None:
            return False
        last = tokens(before[-30:])
        return (
            bool(last)
            and before[-1].isalpha()
            and self.stopwords.is_function_word(last[-1], language, self.options.dangling_max_rank)
        )

    def classify(
        self, segments: list[Segment], language: str | None, *, punctuated: bool = True
    ) -> None:
        """Label each segment by itself: good, near (good-ish), short or bad. In a text
        whose script has no sentence punctuation (``punctuated`` false), a segment of an
        unknown language is judged by its length alone."""
        short = self.options.short_max_words
        long_ = self.options.good_min_words
        low = _per_language(self.options.density_low, language)
        high = _per_language(self.options.density_high, language)
        for segment in segments:
            if segment.label == REMOVED:
                continue
            if segment.table:
                segment.label = TABLE
            elif segment.words <= short:
                segment.label = SHORT
            elif language is None:
                if segment.sentence or not punctuated:
                    segment.label = GOOD if segment.words >= long_ else NEAR
                else:
                    segment.label = BAD
            elif segment.density >= high and segment.words >= long_ and segment.sentence:
                segment.label = GOOD
            elif segment.density >= low or segment.sentence:
                segment.label = NEAR
            else:
                segment.label = BAD


# A copyright credit closing a paragraph, after its last sentence: "(c)AFP/Name", "© Name".
_CREDIT_TAIL = re.compile(r"(?<=[.!?。！？])\s?(?:\([cC]\)|©)[^.!?。！？]{1,40}$")


def table_rows(doc: Document, lines: list[int], max_words: int) -> list[tuple[int, list[int]]]:
    """The rows of the tables a dump printed one cell per line (``get_text("\\n")`` puts
    a line break between every two text nodes, and the markup between cells and rows adds
    blank lines): at least ``_TABLE_MIN_ROWS`` rows of the same number of cells (lines of
    at most ``max_words`` words), one count of blank lines between the cells of a row and
    a larger one between rows, as the markup around a row holds the markup around its
    cells. Returns each row with the number of its table (from 1). A dump without blank
    lines between cells shows no table."""
    gaps = [b - a - 1 for a, b in itertools.pairwise(lines)]
    rows: list[tuple[int, list[int]]] = []
    tables, p = 0, 0
    while p < len(lines):
        best_cells, best_rows = 0, 0
        for cells in range(2, _TABLE_MAX_CELLS + 1):
            count = _grid_rows(doc, lines, gaps, p, cells, max_words)
            if count >= _TABLE_MIN_ROWS and count * cells > best_rows * best_cells:
                best_cells, best_rows = cells, count
        if not best_rows:
            p += 1
            continue
        tables += 1
        for r in range(best_rows):
            start = p + r * best_cells
            rows.append((tables, lines[start : start + best_cells]))
        p += best_rows * best_cells
    return rows


def _grid_rows(
    doc: Document, lines: list[int], gaps: list[int], p: int, cells: int, max_words: int
) -> int:
    """How many rows of ``cells`` cells the lines from position ``p`` make (see
    ``table_rows``)."""
    inner = gaps[p] if p < len(gaps) else 0
    if inner < 1:
        return 0
    outer = -1
    count = 0
    start = p
    while start + cells <= len(lines):
        row = lines[start : start + cells]
        if any(doc.is_removed(i) or doc.words(i) > max_words for i in row):
            break
        if any(gaps[q] != inner for q in range(start, start + cells - 1)):
            break
        if count:
            between = gaps[start - 1]
            if outer < 0:
                outer = between
            if between != outer or outer <= inner:
                break
        count += 1
        start += cells
    return count


def _ends_sentence(line: str) -> bool:
    """Ends like prose, and not cut short with an ellipsis as teasers' blurbs are. A short
    copyright credit after the last sentence ("...と指摘している。(c)AFP/Name") does not
    hide its end; a credit in parentheses ("... of Titan. (NASA)") is a caption's."""
    line = _CREDIT_TAIL.sub("", line)
    end = line.rstrip(" \"'”’»)]")
    return ends_sentence(line) and not end.endswith(("...", "…", "[…]", "[...]"))


def _sentence_keys(text: str) -> frozenset[str]:
    """Keys of the sentences of ``text`` that have a few words: two copies of an article
    match sentence by sentence even where a dump grouped their lines differently."""
    keys = (match_key(part) for part in _SENTENCE_BREAK.split(text))
    return frozenset(key for key in keys if key.count(" ") >= _SENTENCE_MIN_WORDS - 1)


def _per_language(table: Mapping[str, float], language: str | None) -> float:
    return float(table.get(language or "", table["default"]))


def settle(segments: list[Segment]) -> None:
    """The context pass: near-good segments join the article next to good ones, a table
    stays between good ones, short ones take the class of their neighbours (a subheading
    between paragraphs stays, a menu item among menu items goes)."""
    _resolve(
        segments, NEAR, skip={SHORT, NEAR, REMOVED, TABLE}, keep_if=lambda a, b, _: GOOD in (a, b)
    )
    _resolve(segments, TABLE, skip={SHORT, TABLE, REMOVED}, keep_if=lambda a, b, _: a == b == GOOD)
    _resolve(
        segments,
        SHORT,
        skip={SHORT, REMOVED},
        keep_if=lambda a, b, sentence: a == b == GOOD or (sentence and GOOD in (a, b)),
    )


def _resolve(
    segments: list[Segment],
    label: str,
    *,
    skip: set[str],
    keep_if: Callable[[str, str, bool], bool],
) -> None:
    n = len(segments)
    before = [BAD] * n
    last = BAD
    for k, segment in enumerate(segments):
        before[k] = last
        if segment.label not in skip:
            last = segment.label
    after = [BAD] * n
    last = BAD
    for k in range(n - 1, -1, -1):
        after[k] = last
        if segments[k].label not in skip:
            last = segments[k].label
    for k, segment in enumerate(segments):
        if segment.label == label:
            segment.label = GOOD if keep_if(before[k], after[k], segment.sentence) else BAD


def keep_lists(doc: Document, segments: list[Segment], max_words: int) -> list[int]:
    """A kept line that ends with a colon introduces the list printed under it (tour dates,
    a recipe's ingredients), right under it or after one blank line (a paragraph and the
    list block that follows it): its items, segments of at most ``max_words`` words, belong
    to the article however short they are. The items are adjacent lines, or paragraphs one
    blank line apart (a list printed as paragraphs, as the clean text prints it); the list
    ends where that spacing changes. A table printed one cell per line that follows the
    line is its list, however many blank lines its markup left before it. Returns the lines
    of the items."""
    items: list[int] = []
    k = 0
    while k < len(segments):
        segment = segments[k]
        k += 1
        if segment.label != GOOD or not doc.lines[segment.lines[-1]].rstrip().endswith(":"):
            continue
        table = segments[k].table if k < len(segments) else 0
        while table and k < len(segments) and segments[k].table == table:
            segments[k].label = GOOD
            items.extend(segments[k].lines)
            k += 1
        if table:
            continue
        end, spacing, count = segment.lines[-1], 0, 0
        while k < len(segments):
            item = segments[k]
            step = item.lines[0] - end
            if step > 2 or (count > 1 and step != spacing):
                break
            if item.label == REMOVED or item.words > max_words:
                break
            item.label = GOOD
            items.extend(item.lines)
            end, count = item.lines[-1], count + 1
            if count == 2:
                spacing = step
            k += 1
    return items


def extend_run(segments: list[Segment], first: int, last: int, max_gap: int) -> tuple[int, int]:
    """Widen the run over prose at its edges: a sentence next to it, possibly behind up to
    ``max_gap`` short lines (a subheading, a "Related links" box) or lines removed as
    residue found inside articles (a caption between the standfirst and the story),
    belongs to the article though it did not pay for itself in ``best_run``. Any other line
    an earlier filter removed (a share bar) ends the article."""
    if first > last:
        return first, last

    def reach(start: int, step: int) -> int:
        edge, k = start, start + step
        while 0 <= k < len(segments):
            if _prose(segments[k]):
                edge = k
                k += step
                continue
            gap = k
            while 0 <= gap < len(segments) and abs(gap - k) < max_gap:
                if segments[gap].label != SHORT and not segments[gap].inside:
                    break
                gap += step
            if not (0 <= gap < len(segments) and gap != k and _prose(segments[gap])):
                break
            k = gap
        return edge

    return reach(first, -1), reach(last, 1)


def _prose(segment: Segment) -> bool:
    """A sentence: a good or near-good segment, or a short one of a few words, that ends
    like one."""
    return segment.sentence and (
        segment.label in (GOOD, NEAR) or (segment.label == SHORT and segment.words >= 3)
    )


def best_run(segments: list[Segment], bad_cost: int) -> tuple[int, int, int]:
    """First and last position of the run of segments with the most article words, and its
    score (0 and an empty span when no run scores): good
    segments count their words (half when no good or near segment is next to them: a teaser's
    blurb between headlines), near-good ones too when they end like a sentence (half when
    not), a table's rows nothing (the run takes a table between its paragraphs, not one at
    its edge), the others cost their words and at least ``bad_cost``. A segment whose sentences
    are all in the run already adds nothing: a page that prints its article twice (a copy
    in a template, a print version) holds one article, not a run over both copies."""
    best, best_span = 0, (0, -1)
    total, start = 0, 0
    seen: set[str] = set()
    prose = {GOOD, NEAR}
    last = len(segments) - 1
    for k, segment in enumerate(segments):
        if segment.label == GOOD:
            alone = (k == 0 or segments[k - 1].label not in prose) and (
                k == last or segments[k + 1].label not in prose
            )
            gain = segment.words // 2 if alone else segment.words
        elif segment.label == NEAR:
            gain = segment.words if segment.sentence else segment.words // 2
        elif segment.label == TABLE:
            gain = 0
        else:
            gain = -max(segment.words, bad_cost)
        if segment.sentences and segment.sentences <= seen:
            gain = min(gain, 0)
        total += gain
        if total <= 0:
            total, start = 0, k + 1
            seen.clear()
            continue
        if total > best:
            best, best_span = total, (start, k)
        seen |= segment.sentences
    return best_span[0], best_span[1], best


@dataclass(frozen=True, slots=True)
class SpanCosts:
    """What the segments around the article run weigh when the span widens over them."""

    short: float  # a short segment (a heading, a button, a label) costs this many words
    bad_share: float  # a bad segment costs this share of its words
    removed: float  # a line an earlier filter removed costs its words, at least this many
    min_share: float  # a widening must add at least this share of the run's words
    # A run of under list_share of the page's words is no article: the page lists items,
    # and a line of item_min_words to item_max_words words (an item's name, a headline)
    # adds its words beyond the first item_min_words.
    list_share: float
    item_min_words: int
    item_max_words: int


def lists_items(segments: list[Segment], first: int, last: int, share: float) -> bool:
    """Whether the page lists items rather than holding an article: its article run
    ``first``..``last`` has good or near-good words under ``share`` of the page's words."""
    core = sum(s.words for s in segments[first : last + 1] if s.label in (GOOD, NEAR))
    return core < share * sum(s.words for s in segments)


def widen_span(
    segments: list[Segment],
    first: int,
    last: int,
    start: int,
    end: int,
    costs: SpanCosts,
    items: bool,
) -> tuple[int, int]:
    """Widen the article run ``first``..``last`` within ``start``..``end``: on each side
    as far as the segments reached add the most words, good and
    near-good ones counting their words, a table's rows half theirs, and the others their
    cost (``SpanCosts``), if that gain is at least ``min_share`` of the run's words. An
    article's run stands alone among menus and teasers; a service page's sections, a
    thread's posts and a listing's items are many runs with a few short lines between,
    which the widening takes in. On a page of ``items`` (``lists_items``), lines of a few
    words are the items, which add to the span rather than cost."""
    if first > last:
        return first, last
    core = sum(s.words for s in segments[first : last + 1] if s.label in (GOOD, NEAR))
    floor = max(1.0, costs.min_share * core)

    def reach(positions: range, edge: int) -> int:
        best, total = floor, 0.0
        for k in positions:
            total += _span_gain(segments[k], costs, items)
            if total >= best:
                best, edge = total, k
        return edge

    return reach(range(first - 1, start - 1, -1), first), reach(range(last + 1, end), last)


def _span_gain(segment: Segment, costs: SpanCosts, items: bool) -> float:
    """What a segment adds to a widened span (see ``widen_span``)."""
    if (
        items
        and segment.label in (BAD, SHORT)
        and len(segment.lines) == 1
        and costs.item_min_words <= segment.words <= costs.item_max_words
    ):
        return segment.words - costs.item_min_words
    if segment.label in (GOOD, NEAR):
        return segment.words
    if segment.label == SHORT:
        return -costs.short
    if segment.label == TABLE:
        return segment.words / 2
    if segment.label == REMOVED:
        return -max(segment.words, costs.removed)
    return -segment.words * costs.bad_share


def mark_menus(segments: list[Segment], min_lines: int, max_words: int) -> None:
    """Label menu the runs of at least ``min_lines`` adjacent segments of at most
    ``max_words`` words that do not end like sentences (a size picker, a tag list, a row of
    links) that a widened span took in; lines an earlier filter removed keep their rule."""
    run: list[Segment] = []
    for segment in [*segments, None]:
        if segment is not None and segment.words <= max_words and not segment.sentence:
            run.append(segment)
            continue
        if len(run) >= min_lines:
            for item in run:
                if item.label != REMOVED:
                    item.label = MENU
        run = []
