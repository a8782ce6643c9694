"""A page in, article text and page metadata out, ready for the text chain.

Steps: decide whether the input is a page, decode it (BOM, declared charset, detection),
parse it, read its metadata, drop the residue its markup names, and extract the main
content with the chosen backend. When the default extractor keeps only the opening of an
article (its text is much shorter than the page's own articleBody, or than what
readability-lxml finds), the longer extraction is used; when it finds nothing, the page's
visible text goes to the text chain instead. A product page whose text lacks the description
its structured data declares gets it above the text; a category page whose grid of items won
the vote keeps the prose around the grid.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import html

from cleaner.document import Metadata
from cleaner.errors import CleanerError
from cleaner.html import DEFAULT_BACKEND
from cleaner.html.audit import PageRemoval, page_removals
from cleaner.html.backends import (
    Extractor,
    get_backend,
    recall_backends,
    trafilatura_precision,
)
from cleaner.html.charset import decode_page
from cleaner.html.choice import (
    MAIN_BLOCK,
    Candidate,
    ExtractionRules,
    block_texts,
    block_words,
    extraction_rules,
    held_share,
    list_items,
    main_blocks,
    most_agreed,
)
from cleaner.html.detect import wants_page
from cleaner.html.markup import (
    drop_residue,
    markup_rules,
    parse_page,
    residue_lines,
)
from cleaner.html.metadata import (
    DECLARED_SOURCES,
    PageMetadata,
    date_lines,
    guess_date,
    is_home_page,
    lists_dated_items,
    opening_date,
    published_date,
    read_metadata,
    undate_declared,
    undate_page,
)
from cleaner.html.page_type import (
    PageTypeRules,
    classify,
    declared_description,
    declares_dated_article,
    page_type_rules,
)
from cleaner.html.structure import page_blocks
from cleaner.html.threads import PRELOADED, preloaded_posts
from cleaner.html.visible import PageLine, flat_visible_text, visible_text
from cleaner.markdown import Block
from cleaner.modes import VISIBLE_TEXT
from cleaner.repair import RepairOptions, repair
from cleaner.rule_files import PageData
from cleaner.shape import compared_words, ends_sentence, word_count
from cleaner.vocabulary import Vocabulary

# The default extraction counts as truncated below this share of a longer candidate's words.
_TRUNCATED_SHARE = 0.6
# ... and only when that candidate has at least this many words more.
_TRUNCATED_MIN_GAIN = 80
# The candidate must also hold this share of the default extraction's words (its opening),
# unless the default has fewer words than a short article (a notice, not a beginning).
_CONTAINED_SHARE = 0.5
_NOTICE_WORDS = 50
# An extraction of fewer words found nothing (a copyright line, a label): the page's visible
# text, when it has at least twice as many words, goes to the text chain instead.
_NOTHING_WORDS = 10
# A main block holding half its words in lines of this many words or more is a text of
# paragraphs (an article a category's address names), not a grid of items.
_PARAGRAPH_WORDS = 30
# Language detection outweighs <html lang> only when this sure, on at least this many words.
_SURE_PROBABILITY = 0.9
_SURE_WORDS = 25
# The page's declared fields that are text to read, repaired as its text is.
_DECLARED_TEXT = (
    "title",
    "headline",
    "bare_headline",
    "heading",
    "author",
    "site_name",
    "description",
)


@dataclass(slots=True)
class Page:
    """The extracted text of a page, how it was decoded and extracted, and its metadata."""

    text: str
    encoding: str | None
    extractor: str
    metadata: PageMetadata
    # What was done to read the page, added to the document's repairs.
    repairs: list[str] = field(default_factory=list)
    # Every line of the page's visible text, those in residue markup tagged with its rule:
    # what ``removed`` accounts for (see ``cleaner.html.audit``).
    lines: list[PageLine] = field(default_factory=list)
    # The lines of its headings, lists, tables, quotes and code (``cleaner.html.structure``).
    blocks: list[tuple[str, Block]] = field(default_factory=list)

    def removals(self, body: list[str]) -> list[PageRemoval]:
        """The page's lines that ``body`` (the document's lines) does not hold, each with the
        rule that removed it: markup rules, else the extractor's choice."""
        return page_removals(self.lines, body, f"extractor.{self.extractor}")

    def repair_metadata(self, options: RepairOptions) -> None:
        """Repair the text fields the page declares as its text is repaired (mojibake in a
        ``<title>``, an entity escaped twice in a byline), the fixers joining ``repairs``."""
        found = self.metadata
        for name in _DECLARED_TEXT:
            value = getattr(found, name)
            if value:
                fixed, applied = repair(value, options)
                setattr(found, name, fixed)
                self.repairs.extend(fixer for fixer in applied if fixer not in self.repairs)

    def start_metadata(self, metadata: Metadata) -> None:
        """What the text chain needs to know before it runs: the encoding, the extractor,
        the title (so that the title filter removes it instead of guessing one) and the page
        type (some filters act by page type)."""
        metadata.encoding = self.encoding
        metadata.extractor = self.extractor
        metadata.title = self.metadata.headline or self.metadata.title
        metadata.page_type = self.metadata.page_type
        metadata.page_type_source = self.metadata.page_type_source

    def finish_metadata(self, metadata: Metadata) -> None:
        """Put what the page declares into ``metadata`` after the text chain: the page's
        fields win over what the chain read from the text, ``<html lang>`` replaces the
        detected language when they disagree and detection is not sure, the title loses the
        site's name its heading prints, a category page is titled by its heading
        (``heading_titles`` in ``rules/html.toml``), and how the page was read joins the
        repairs."""
        found = self.metadata
        metadata.repairs.extend(name for name in self.repairs if name not in metadata.repairs)
        if found.author:
            metadata.author = found.author
        if found.heading and found.titled_by_heading:
            metadata.title = found.heading
        elif found.bare_headline and metadata.title == found.headline:
            metadata.title = found.bare_headline
        if found.date:
            metadata.date, metadata.date_source = found.date, found.date_source
        elif found.dateless:  # the page's reading of its lines is final: none from its text
            metadata.date = found.guessed_date
            metadata.date_source = "url" if found.guessed_date else None
        elif metadata.date is None and found.guessed_date:
            metadata.date, metadata.date_source = found.guessed_date, "url"
        metadata.site_name = found.site_name
        metadata.description = found.description
        metadata.canonical_url = found.canonical_url
        metadata.categories = list(found.categories)
        given = metadata.language is not None and metadata.language_probability is None
        if found.language and not given:  # a language the caller gave is never replaced
            declared = found.language.split("-")[0]
            detected = (metadata.language or "").split("-")[0]
            if declared != detected and not self._detection_is_sure(metadata):
                metadata.language, metadata.language_probability = declared, None

    @staticmethod
    def _detection_is_sure(metadata: Metadata) -> bool:
        """Detection on a short body is a guess whatever its probability ("OK" reads as
        Portuguese with probability 1.0)."""
        probability = metadata.language_probability
        return (
            probability is not None
            and probability >= _SURE_PROBABILITY
            and metadata.word_count >= _SURE_WORDS
        )


def read_page(
    data: object,
    *,
    input: str = "auto",
    backend: str | None = None,
    url: str | None = None,
    page_type: str | None = None,
    vocabulary: Vocabulary | None = None,
    rules: PageData | None = None,
) -> Page | None:
    """The page in ``data``, or ``None`` when ``data`` is text to clean as it is.

    ``input`` is "auto" (detect), "text" (never a page) or "html" (always a page); ``url``,
    the page's address if known, helps guess the date of a page that declares none and its
    type; ``page_type``, when given, is the page's type instead of the one its evidence
    gives (``page_type_source`` "given"); ``vocabulary`` (byline and date labels) lets the
    page's header be read for metadata; ``rules`` is the rule data of HTML input (a
    ``RuleSet``'s ``page``), the shipped one when not given.
    """
    if not wants_page(data, input):
        return None
    encoding: str | None = None
    if isinstance(data, (bytes, bytearray, memoryview)):
        text, encoding = decode_page(bytes(data))
    elif isinstance(data, str):
        text = data
    else:  # pragma: no cover - wants_page takes no other type
        return None
    get_backend(backend)  # an unknown or missing backend is an error before any work
    root, whole = parse_page(text)
    if root is None:  # no element at all: nothing visible either
        return Page("", encoding, VISIBLE_TEXT, PageMetadata())
    type_rules = page_type_rules(rules)
    metadata = _typed_metadata(root, url, page_type, vocabulary, type_rules)
    extraction = extraction_rules(rules)
    metadata.titled_by_heading = metadata.page_type in extraction.heading_titles
    if not whole:  # the tree lacks the deepest text: all the page's text, read as a stream
        return Page(flat_visible_text(text), encoding, VISIBLE_TEXT, metadata, ["deep_markup"])
    # The type the page declares; the default guess says nothing about its markup.
    declared = metadata.page_type if metadata.page_type_source != "default" else None
    content = extraction.content_kinds.get(declared or "", frozenset()) | frozenset(
        kind for kind, types in extraction.typed_kinds.items() if declared not in types
    )
    # A type with stripped kinds keeps its other residue markup.
    stripped = extraction.stripped_kinds.get(declared or "")
    markup = markup_rules(rules)
    # A forum thread drawn from data the page ships (read before residue markup goes); the
    # default backend's only: another backend extracts alone.
    default = (backend or DEFAULT_BACKEND) == DEFAULT_BACKEND
    posts = preloaded_posts(root, markup, content) if default and PRELOADED in text else None
    residue, lines = residue_lines(root, markup, content, stripped)
    if _outweighs(residue, lines, extraction.discussion_kinds, together=False):
        residue, lines = residue_lines(
            root, markup, content | extraction.discussion_kinds, stripped
        )
    elif _outweighs(residue, lines, extraction.teaser_kinds, together=True):
        residue, lines = residue_lines(root, markup, content | extraction.teaser_kinds, stripped)
    drop_residue(residue)
    blocks = page_blocks(root)
    _date_from_lines(metadata, lines, url, vocabulary, type_rules)
    body, name = _extract(root, backend, declared, extraction, metadata)
    if posts is not None and word_count(posts[0]) > word_count(body):
        # The thread's posts the markup does not hold; the residue in them is recorded too.
        body, name = posts[0], PRELOADED
        lines = [*lines, *posts[1]]
    if name == MAIN_BLOCK and declared in extraction.prose_types:
        body = _with_prose(body, lines, extraction.prose_min_words)
    if declared in extraction.described_types:
        described = declared_description(metadata.json_ld, declared, type_rules)
        if described is not None and _lacks(body, described, extraction):
            body = f"{described}\n{body}"
    if word_count(body) < _NOTHING_WORDS:
        visible = visible_text(root)
        if word_count(visible) >= 2 * word_count(body):
            return Page(visible, encoding, VISIBLE_TEXT, metadata, lines=lines, blocks=blocks)
    return Page(body, encoding, name, metadata, lines=lines, blocks=blocks)


def _with_prose(block: str, lines: list[PageLine], min_words: int) -> str:
    """The main block's text with the page's prose outside it (lines of ``min_words`` words
    or more that end like sentences, in no residue markup) above and below it, in page
    order: a category's introduction above its grid, its buying guide below."""
    kept = block.splitlines()
    texts = [line.text for line in lines]
    if not kept or kept[0] not in texts or kept[-1] not in texts:
        return block
    words = [word_count(line) for line in kept]
    if 2 * sum(n for n in words if n >= _PARAGRAPH_WORDS) >= sum(words):
        return block  # a block of paragraphs is the page's text, not a grid beside it
    start = texts.index(kept[0])
    end = len(texts) - 1 - texts[::-1].index(kept[-1])
    if end < start:
        return block

    def prose(found: list[PageLine]) -> list[str]:
        return [
            line.text
            for line in found
            if line.rule is None and word_count(line.text) >= min_words and ends_sentence(line.text)
        ]

    return "\n".join([*prose(lines[:start]), *kept, *prose(lines[end + 1 :])])


def _typed_metadata(
    root: html.HtmlElement,
    url: str | None,
    page_type: str | None,
    vocabulary: Vocabulary | None,
    type_rules: PageTypeRules,
) -> PageMetadata:
    """What the page's markup says of it, with its type (``page_type`` when given) and no
    date its markup only declares when its type carries none, unless its JSON-LD declares
    it for an article (a post that reviews a product)."""
    metadata = read_metadata(root, vocabulary)
    if page_type is not None:
        metadata.page_type, metadata.page_type_source = page_type, "given"
    else:
        metadata.page_type, metadata.page_type_source = classify(
            root, url, metadata.json_ld, type_rules
        )
    if metadata.page_type in type_rules.undated and not (
        metadata.date_source == "json-ld" and declares_dated_article(metadata.json_ld, type_rules)
    ):
        undate_declared(metadata)
    return metadata


def _date_from_lines(
    metadata: PageMetadata,
    lines: list[PageLine],
    url: str | None,
    vocabulary: Vocabulary | None,
    type_rules: PageTypeRules,
) -> None:
    """Date a page its markup did not date: by a visible line labelled as the publication
    date (not on a page whose such lines date what it sells, a book's shop page), else, on
    a page of a type dated by its lines (``line_dated``), by the date line that opens its
    prose (its lines then all read, the text chain dates it no more), else a guess from its
    address (``guessed_date``). A site's home page, and a page whose date lines list many
    days newest first (a news index), carry no date of their own unless their markup
    declares one for them (or, for an index, its address names a day)."""
    if is_home_page(url):
        undate_page(metadata)
        return
    if (
        vocabulary is not None
        and not metadata.dateless
        and metadata.date_source not in DECLARED_SOURCES
    ):
        _date_from_page_lines(
            metadata, [line.text for line in lines if line.rule is None], vocabulary, type_rules
        )
    if metadata.date is None:
        metadata.guessed_date = guess_date(url, vocabulary)


def _date_from_page_lines(
    metadata: PageMetadata, texts: list[str], vocabulary: Vocabulary, type_rules: PageTypeRules
) -> None:
    """The steps of ``_date_from_lines`` that read the page's visible lines (``texts``)."""
    dated = date_lines(texts, vocabulary)
    if lists_dated_items(day for _, day in dated):
        undate_page(metadata)
        return
    if metadata.date is None and metadata.page_type not in type_rules.sold_dates:
        shown = published_date(texts, vocabulary)
        metadata.date, metadata.date_source = shown, "published line" if shown else None
    if metadata.date is None and metadata.page_type in type_rules.line_dated:
        opening = opening_date(texts, dated)
        metadata.date, metadata.date_source = opening, "opening line" if opening else None
        # Its lines were all read: a date the text chain finds in the extracted text (a
        # footer's stamp, an update's label) is none of its own.
        metadata.dateless = opening is None


def _outweighs(
    residue: dict[html.HtmlElement, str],
    lines: list[PageLine],
    kinds: frozenset[str],
    *,
    together: bool,
) -> bool:
    """Whether one residue element of ``kinds`` (or, ``together``, all of them, each line
    counted once: a carousel's cloned slides are one) holds more words than all the page's
    text outside its residue: the page is a discussion (a thread whose forum software
    declares an article, its opening post marked as a comment), or a page of teasers (a news
    site's topic page, its items in "related" boxes), and those elements are its content."""
    if together:
        rules = {f"markup.{kind}" for kind in kinds}
        largest = sum(len(text.split()) for text in {ln.text for ln in lines if ln.rule in rules})
    else:
        sizes = (len(e.text_content().split()) for e, kind in residue.items() if kind in kinds)
        largest = max(sizes, default=0)
    outside = 0
    for line in lines:  # counted until it reaches the largest comment
        if largest <= outside:
            return False
        if not line.rule:
            outside += len(line.text.split())
    return largest > outside


def _extract(
    root: html.HtmlElement,
    backend: str | None,
    declared: str | None,
    rules: ExtractionRules,
    metadata: PageMetadata,
) -> tuple[str, str]:
    """The page's main content, and the name of the extractor that chose it.

    Another backend than the default extracts alone. The default favours precision on the
    page types that ask for it (news and blogs), and takes trafilatura's plain extraction
    when that, after the recall fallback, holds a small part of the page's main block; elsewhere
    its extraction and the main blocks vote (``cleaner.html.choice``), unless the page type
    keeps the extractor's choice.
    """
    name = backend or DEFAULT_BACKEND
    if name != DEFAULT_BACKEND:
        return _run(get_backend(name), root), name
    if declared in rules.favor_precision:
        precise = _precise(root, name, rules, metadata)
        if precise is not None:
            return precise
        declared = None  # a listing that declares an article: extracted as other pages are
    body = _run(get_backend(name), root)
    if declared not in rules.keep_extraction:
        blocks = block_texts(main_blocks(root, rules.main_block_shares))
        candidates = [Candidate(name, body), *(Candidate(MAIN_BLOCK, b) for b in blocks)]
        chosen = most_agreed(candidates)
        if chosen.name != name and _recovers(chosen.text, body, rules):
            return chosen.text, chosen.name
    return _recall_fallback(root, body, metadata)


def _precise(
    root: html.HtmlElement, name: str, rules: ExtractionRules, metadata: PageMetadata
) -> tuple[str, str] | None:
    """A declared article's text, favouring precision, with the fuller extractions that
    replace it when it looks truncated; ``None`` when the page is a listing (``_lists``)."""
    body, extractor = _recall_fallback(root, _run(trafilatura_precision(), root), metadata)
    words = word_count(body)
    main = main_blocks(root, rules.main_block_shares)[-1]
    block = block_words(main)
    if words < rules.listing_max_share * block and _lists(body, main, rules):
        return None
    if words < rules.recall_block_share * block:
        fuller = _run(get_backend(name), root)
        if word_count(fuller) > words:
            return fuller, name
    elif extractor != DEFAULT_BACKEND:
        # The precise extraction looked truncated; the longer one may be too (a
        # readability summary of the story's first section): the plain extraction
        # replaces it when much longer.
        fuller = _run(get_backend(name), root)
        if words < _TRUNCATED_SHARE * word_count(fuller):
            return fuller, name
    elif rules.fuller_min_words <= words < rules.fuller_block_share * block:
        # The precise extraction holds a part of the main block (favor_precision drops
        # a guide's sections between its product boxes): the plain one is the rest of
        # the article when it holds many more words, but not when it holds several
        # times as many (the teasers around a news story).
        fuller = _run(get_backend(name), root)
        gain = word_count(fuller) / words
        low, high = rules.fuller_gain
        if low <= gain <= high and _adds_prose(body, fuller, rules.fuller_prose_words):
            return fuller, name
    return body, extractor


def _adds_prose(body: str, fuller: str, prose_words: int) -> bool:
    """Whether most of the lines ``fuller`` adds to ``body`` hold ``prose_words`` or more
    (sections of the article, not a paywall's prompts, buttons and links)."""
    had = set(body.splitlines())
    added = [word_count(line) >= prose_words for line in fuller.splitlines() if line not in had]
    return 2 * sum(added) > len(added)


def _lists(body: str, block: html.HtmlElement, rules: ExtractionRules) -> bool:
    """Whether the precise extraction is a few entries of a listing: its lines spread over
    several of the main block's sibling entries (each with a link and a heading), which
    together hold more than it does; or a listing's short introduction, in none of the
    entries, which hold many times as much."""
    items = list_items(block, rules.listing_min_items)
    if not items:
        return False
    lines = _bare_lines(body)
    spread = sum(1 for item in items if any(line in item for line in lines))
    held = sum(word_count(item) for item in items)
    words = word_count(body)
    if spread == 0 and words < rules.listing_intro_words:
        return words < rules.listing_max_share * held  # an introduction, the items below it
    return spread >= rules.listing_min_spread and held > words


def _recovers(block: str, body: str, rules: ExtractionRules) -> bool:
    """Whether a main block that won the vote recovers what the extraction lost: a block
    much smaller than the extraction recovers nothing, and one that holds little of an
    extraction of a few paragraphs is another part of the page (a footer's list of towns, a
    product grid beside the category's text), not a fuller reading of the same content."""
    words = word_count(body)
    if word_count(block) < rules.min_block_share * words:
        return False
    return words < rules.holds_min_words or held_share(body, block) >= rules.min_block_holds


def _lacks(body: str, description: str, rules: ExtractionRules) -> bool:
    """Whether ``body`` lacks most of the words of a long enough ``description``."""
    if len(compared_words(description)) < rules.description_min_words:
        return False
    return 1 - held_share(description, body) > rules.description_missing_share


def _run(extract: Extractor, root: html.HtmlElement) -> str:
    """An extractor's text; an extractor failing on odd markup found nothing."""
    try:
        return extract(root)
    except CleanerError:
        raise
    except Exception:
        return ""


def _recall_fallback(root: html.HtmlElement, body: str, metadata: PageMetadata) -> tuple[str, str]:
    """A longer extraction when the default one looks truncated (shorter than the page's
    JSON-LD articleBody, or than the words of its paragraphs): readability-lxml's when
    installed, else trafilatura's favouring recall, when it is much longer and holds the
    default's text."""
    words = word_count(body)
    reference = metadata.article_body
    if reference is not None and word_count(reference) < words + _TRUNCATED_MIN_GAIN:
        return body, DEFAULT_BACKEND  # the page's own body says the extraction is complete
    if reference is None and not _may_be_truncated(root, words):
        return body, DEFAULT_BACKEND
    for fallback, extract in recall_backends():
        try:
            longer = extract(root)
        except Exception:  # a second extractor failing on odd markup: try the next one
            continue
        gain = word_count(longer) - words
        if (
            gain >= _TRUNCATED_MIN_GAIN
            and words < _TRUNCATED_SHARE * (words + gain)
            and (words < _NOTICE_WORDS or _holds(longer, body, words))
        ):
            return longer, fallback
    return body, DEFAULT_BACKEND


def _holds(longer: str, body: str, words: int) -> bool:
    """Whether ``longer`` holds most of ``body`` (of ``words`` words), line by line: a fuller
    extraction of the same text, not another part of the page (a list of teasers beside a
    short article). List markers and spacing may differ between extractors."""
    target = " ".join(longer.split())
    found = sum(word_count(line) for line in _bare_lines(body) if line in target)
    return found >= _CONTAINED_SHARE * words


def _bare_lines(text: str) -> list[str]:
    """The lines of an extraction as another extraction may print them: spaces collapsed, a
    list item's marker dropped, empty lines left out."""
    lines = (" ".join(line.split()).removeprefix("- ") for line in text.splitlines())
    return [line for line in lines if line]


def _may_be_truncated(root: html.HtmlElement, words: int) -> bool:
    """Cheap test before running a second extractor: the page's paragraphs hold many more
    words than the extraction."""
    paragraphs = sum(word_count(p.text_content()) for p in root.iter("p"))
    return paragraphs >= words + _TRUNCATED_MIN_GAIN and words < _TRUNCATED_SHARE * paragraphs
