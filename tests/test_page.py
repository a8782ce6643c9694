"""Whole-page text: the composed pages in fixtures/pages, the modes, the page filter's rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, InputError, RulesError
from cleaner.document import Document
from cleaner.filters.whole_page import WholePageFilter
from cleaner.rule_files import RuleFiles, rules_dir
from cleaner.shape import ends_sentence
from cleaner.stopwords import load_stopwords, stopword_list, tokens
from cleaner.whole_page import (
    BAD,
    GOOD,
    MENU,
    NEAR,
    SHORT,
    Segment,
    SpanCosts,
    WholePage,
    lists_items,
    mark_menus,
    settle,
    table_rows,
    widen_span,
)
from tests.conftest import FIXTURES, write_rules
from tests.test_cli import run
from tests.test_properties import DOCUMENTS

PAGES = sorted(p for p in (FIXTURES / "pages").iterdir() if p.is_dir())
ARTICLES = sorted(p for p in (FIXTURES / "articles").iterdir() if p.is_dir())


# A page of items is told by how little of the page its article run holds; its clean text,
# without the page's menus, is no longer such a page, so a second pass keeps the run alone.
ITEM_PAGES = {"13_en_listing_jobs"}


def _page(page: Path, mode: str = "page") -> tuple[str, str]:
    """The page's text and its expected output in ``mode``: ``expected-auto.txt`` where mode
    "auto" gives other output (a listing's items, which only mode "page" keeps from the line
    filters), else ``expected.txt``."""
    name = "expected-auto.txt" if (page / "expected-auto.txt").is_file() and mode == "auto" else ""
    expected = (page / (name or "expected.txt")).read_text("utf-8").removesuffix("\n")
    return (page / "input.txt").read_text("utf-8"), expected


def test_pages_in_several_languages() -> None:
    languages = {p.name.split("_")[1] for p in PAGES}
    assert len(PAGES) >= 4 and {"en", "de", "fr", "es"} <= languages


@pytest.mark.parametrize("mode", ["auto", "page"])
@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_page_gives_its_article(page: Path, mode: str, default_cleaner: Cleaner) -> None:
    text, expected = _page(page, mode)
    doc = default_cleaner.clean(text, mode=mode)
    assert doc.text == expected
    assert any(r.rule.startswith("page.") for r in doc.removed)


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_article_mode_leaves_the_page_to_the_article_filters(
    page: Path, default_cleaner: Cleaner
) -> None:
    text, _ = _page(page)
    doc = default_cleaner.clean(text, mode="article")
    assert not any(r.rule.startswith("page.") for r in doc.removed)


@pytest.mark.parametrize(
    "page", [p for p in PAGES if p.name not in ITEM_PAGES], ids=lambda p: p.name
)
def test_page_output_is_a_fixed_point(page: Path, default_cleaner: Cleaner) -> None:
    _, expected = _page(page)
    assert default_cleaner.clean(expected, mode="page").text == expected


@pytest.mark.parametrize("article", ARTICLES, ids=[a.name for a in ARTICLES])
def test_auto_mode_does_not_engage_on_articles(article: Path, default_cleaner: Cleaner) -> None:
    doc = default_cleaner.clean((article / "input.txt").read_text("utf-8"))
    assert not any(r.rule.startswith("page.") for r in doc.removed)


def test_an_unknown_mode_is_an_input_error(default_cleaner: Cleaner) -> None:
    with pytest.raises(InputError, match="mode"):
        default_cleaner.clean("text", mode="html")


def test_cli_mode_option() -> None:
    text, expected = _page(PAGES[0])
    result = run("--mode", "page", stdin=text)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode("utf-8") == expected + "\n"
    assert run("--mode", "both", stdin=text).returncode == 2


def test_extracted_mode_keeps_an_extractors_lists_and_repeats(default_cleaner: Cleaner) -> None:
    # trafilatura's output of a concert story: the tour dates under it are the article's, as
    # is the chorus a lyrics page prints twice. As a scraper's copy the trim and duplicate
    # filters would take them; as an extractor's choice they stay, and residue still goes.
    story = [
        "The band will tour North America next summer with its former singer, the label said"
        " on Monday, and tickets go on sale on Friday morning.",
        "Chorus: we sail at night",
        "The singer left the band in the eighties and rejoined it for a single show last year,"
        " which sold out within minutes of its announcement.",
        "Chorus: we sail at night",
    ]
    dates = ["June 19 - Charlotte, NC", "June 20 - Raleigh, NC", "June 22 - Atlanta, GA"]
    text = "\n".join([*story, "Advertisement", *dates])
    extracted = default_cleaner.clean(text, mode="extracted")
    assert extracted.text.split("\n\n") == [*story, *dates]
    assert [r.rule for r in extracted.removed] == ["residue.ad_label"]
    article = default_cleaner.clean(text, mode="article")
    assert not set(dates) & set(article.text.split("\n\n"))
    assert "Chorus: we sail at night" not in article.text
    result = run("--mode", "extracted", stdin=text)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode("utf-8") == extracted.text + "\n"


def test_per_language_thresholds_are_tables_of_numbers(tmp_path: Path) -> None:
    good = write_rules(tmp_path, "[filters.page]\ndensity_low = { default = 0.3, de = 0.25 }\n")
    assert Cleaner.from_rules(good).filters
    bad = write_rules(tmp_path, '[filters.page]\ndensity_low = { default = "high" }\n', "bad.toml")
    with pytest.raises(RulesError, match="density_low: must be a table of numbers"):
        Cleaner.from_rules(bad)


def test_an_unshipped_stop_word_list_is_a_rules_error(tmp_path: Path) -> None:
    path = write_rules(tmp_path, '[filters.page]\nstopwords = ["en", "xx"]\n')
    with pytest.raises(RulesError, match="stop-word list 'xx'"):
        Cleaner.from_rules(path)


def test_stop_word_lists_name_their_source() -> None:
    lists = sorted((rules_dir() / "stopwords").glob("*.txt"))
    assert len(lists) >= 12
    for path in lists:
        head = path.read_text("utf-8").split("\n", 3)[:3]
        assert any(re.match(r"# Source: \S", line) for line in head), path.name


def test_a_paragraph_broken_at_its_links_survives_the_line_filters(
    default_cleaner: Cleaner,
) -> None:
    menu = "\n\n".join(["Home", "News", "Sport", "Weather", "Opinion", "Contact"])
    broken = [
        "The plan was first reported by the",
        "Harbour Herald",
        "and confirmed by",
        "Harbour Herald",
        "staff on Tuesday, when the board published its figures for the next three years.",
    ]
    body = (
        "The harbour board approved the new ferry timetable on Monday after a long debate.\n\n"
        + "\n".join(broken)
        + "\n\nBoats will leave every half hour in summer, and the last one at eleven at night."
    )
    doc = default_cleaner.clean(f"{menu}\n\n{body}\n\n{menu}", mode="page")
    assert doc.text.split("\n\n") == [
        "The harbour board approved the new ferry timetable on Monday after a long debate.",
        *broken,
        "Boats will leave every half hour in summer, and the last one at eleven at night.",
    ]


def test_the_headline_that_repeats_the_page_title_opens_the_article(
    default_cleaner: Cleaner,
) -> None:
    paragraphs = [
        "The harbour board approved the new ferry timetable on Monday after a long debate.",
        "Boats will leave every half hour in summer, and the last one at eleven at night.",
    ]
    teaser = "Our readers say the old timetable was the worst thing about living on the island."
    text = "\n\n".join(
        [
            "New ferry timetable approved | Harbour Herald",
            "Home",
            "News",
            teaser,
            "New ferry timetable approved",
            *paragraphs,
            "Contact",
        ]
    )
    doc = default_cleaner.clean(text, mode="page")
    assert doc.text.split("\n\n") == paragraphs
    assert doc.metadata.title == "New ferry timetable approved"
    assert ("New ferry timetable approved", "page.headline") in [
        (r.text, r.rule) for r in doc.removed
    ]


# Four paragraphs of a story, each prose enough to count by itself.
FERRY_STORY = [
    "The harbour board approved the new ferry timetable on Monday after a debate that"
    " lasted for most of the afternoon and well into the evening.",
    "Boats will leave every half hour in summer, and the last one will leave the pier at"
    " eleven at night, the board said in a statement after the vote.",
    "The old timetable had been in place for twenty years, and many residents of the"
    " island had asked for more boats in the evening and at weekends.",
    "The new timetable starts in May, and the fares will stay as they are for this year"
    " and the next, according to the chair of the board.",
]


def test_a_title_part_repeated_under_the_article_is_the_site_not_the_headline(
    default_cleaner: Cleaner,
) -> None:
    # "Nightmare - THE WEEKLY 52/2018": the longest part of the title is the magazine's
    # issue, printed again below the story, above a promo. The story comes before it.
    paragraphs = FERRY_STORY
    promo = "Read the new issue on every device before it is printed, from Friday evening on."
    text = "\n\n".join(
        [
            "Ferry - HARBOUR HERALD 52/2018",
            "Home",
            "News",
            *paragraphs,
            "HARBOUR HERALD 52/2018",
            "All rights reserved",
            "Read the issue",
            promo,
            "Subscribe",
        ]
    )
    doc = default_cleaner.clean(text, mode="page")
    assert doc.text.split("\n\n") == paragraphs
    assert doc.metadata.title is None


def test_comments_end_the_article_only_after_prose_below_the_headline(
    default_cleaner: Cleaner,
) -> None:
    # A newsletter form's small print above the headline is no article: the comment
    # counter right under the headline does not end the page's article before it starts.
    small_print = (
        "The administrator of your personal data will be Harbour Herald Ltd, 5 Quay Street,"
        " Port Town. Detailed information on the processing of personal data can be found in"
        " the privacy policy. In addition, you may unsubscribe from the newsletter at any"
        " time, and your data will then be deleted from our list within thirty days."
    )
    paragraphs = FERRY_STORY[:3]
    text = "\n\n".join(
        [
            "New ferry timetable approved | Harbour Herald",
            "Home",
            small_print,
            "Subscribe",
            "New ferry timetable approved",
            "0 Comments",
            *paragraphs,
            "Leave a comment",
            "Great news for the island, finally some boats after the theatre closes at night.",
        ]
    )
    doc = default_cleaner.clean(text, mode="page")
    assert doc.text.split("\n\n") == paragraphs


def test_a_removed_caption_does_not_cut_the_standfirst_off_the_story(
    default_cleaner: Cleaner,
) -> None:
    standfirst = "Ferries will run every half hour this summer."
    paragraphs = FERRY_STORY[:3]
    text = "\n\n".join(
        [
            "New ferry timetable approved | Harbour Herald",
            "Home",
            "News",
            "New ferry timetable approved",
            standfirst,
            "The ferry at the pier. Photo: Jane Doe/Harbour Herald",
            *paragraphs,
            "Share this article",
            "Contact",
        ]
    )
    doc = default_cleaner.clean(text, mode="page")
    assert doc.text.split("\n\n") == [standfirst, *paragraphs]


def test_the_copyright_line_closing_the_page_ends_the_article(default_cleaner: Cleaner) -> None:
    paragraphs = FERRY_STORY[:2]
    legal = (
        "Harbour Herald, the Harbour Herald logo and Ferry Finder are trademarks of Harbour"
        " Media Ltd, registered in the United Kingdom and other countries, and are used here"
        " with the permission of their owners, who reserve all other rights."
    )
    text = "\n\n".join(
        [
            "Ferry timetable | Harbour Herald",
            "Home",
            "News",
            *paragraphs,
            "© 2024 Harbour Media Ltd",
            legal,
            "Contact",
            "Privacy",
        ]
    )
    doc = default_cleaner.clean(text, mode="page")
    assert doc.text.split("\n\n") == paragraphs


def test_auto_mode_takes_a_list_heavy_article_without_a_menu_for_an_article(
    default_cleaner: Cleaner,
) -> None:
    # An extractor's output of a product sheet: many short lines and few sentences, as on
    # a whole page, but no run of menu items (lines of one to three words).
    items = [f"- Grease for bearing number {n} of the series" for n in range(1, 31)]
    text = "\n".join(
        [
            "The new grease repairs worn bearings while the machine keeps running, the maker says.",
            *items,
            "Remove the old grease before you fill the bearing to half of its volume with it.",
        ]
    )
    assert default_cleaner.clean(text).text.split("\n\n") == text.split("\n")
    menu = ["Home", "Products", "Contact"]
    page = default_cleaner.clean("\n".join([*menu, text]))
    assert any(r.rule.startswith("page.") for r in page.removed)


def _segments(labels: str) -> list[Segment]:
    """Segments from a string of labels: G good, N near, S short, s short sentence, B bad."""
    names = {"G": GOOD, "N": NEAR, "S": SHORT, "s": SHORT, "B": BAD}
    return [
        Segment(lines=[k], words=20, density=0.4, sentence=c in "GNs", label=names[c])
        for k, c in enumerate(labels)
    ]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("GSG", "GGG"),  # a subheading between paragraphs stays
        ("BSB", "BBB"),  # a menu item among menu items goes
        ("GSSSB", "GBBBB"),  # short lines after the article go
        ("GsB", "GGB"),  # a short sentence next to the article stays
        ("BsB", "BBB"),
        ("GNB", "GGB"),  # near-good next to good joins the article
        ("BNB", "BBB"),
        ("GSNSG", "GGGGG"),
        ("NSN", "BBB"),  # without a good segment, nothing is the article
    ],
)
def test_context_pass(before: str, after: str) -> None:
    segments = _segments(before)
    settle(segments)
    assert "".join("G" if s.label == GOOD else "B" for s in segments) == after


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(DOCUMENTS, st.text()))
def test_page_mode_output_is_an_ordered_selection_of_repaired_lines(text: str) -> None:
    doc = Cleaner.default().clean(text, language="en", mode="page")
    kept = doc.text.split("\n\n") if doc.text else []
    repaired = iter(doc.lines)
    assert all(any(line == candidate for candidate in repaired) for line in kept)


def _whole_page(cleaner: Cleaner) -> WholePage:
    return next(f for f in cleaner.filters if isinstance(f, WholePageFilter)).whole_page


def test_only_a_dangling_function_word_continues_a_line(default_cleaner: Cleaner) -> None:
    # "world", "business" and "features" are on the English stop-word list (frequent words
    # of Wikipedia) but are not function words: a menu of them is not a broken sentence.
    menu = ["World", "Business", "International", "Features", "Travel", "Style", "Sport"]
    broken = ["The plan was first reported in the", "Harbour Herald", "on Tuesday."]
    doc = Document([*menu, "", *broken])
    page = _whole_page(default_cleaner)
    lines = [i for i, line in enumerate(doc.lines) if line]
    words = {i: tokens(doc.lines[i]) for i in lines}
    groups = [s.lines for s in page.segments(doc, lines, words, "en")]
    assert groups == [[i] for i in range(len(menu))] + [[8, 9, 10]]


def test_function_words_are_the_head_of_a_frequency_ordered_list() -> None:
    files = RuleFiles()
    stopwords = load_stopwords(
        tuple(stopword_list(code, files, "stopwords") for code in ("en", "de"))
    )
    assert stopwords.is_function_word("the", "en", 50)
    assert stopwords.is_function_word("und", "de", 50)
    assert stopwords.is_stop_word("world", "en")
    assert not stopwords.is_function_word("world", "en", 50)


def test_a_list_under_a_colon_line_stays_after_a_blank_line(default_cleaner: Cleaner) -> None:
    menu = "\n\n".join(["Home", "News", "Sport", "Weather", "Opinion", "Contact"])
    paragraphs = [
        "The harbour board approved the new ferry timetable on Monday after a long debate.",
        "Boats will leave every half hour in summer, and the board listed the new stops:",
    ]
    items = ["North pier and the old market", "Lighthouse point", "The island school"]
    text = "\n\n".join([menu, *paragraphs, "\n".join(items), menu])
    doc = default_cleaner.clean(text, mode="page")
    assert doc.text.split("\n\n") == [*paragraphs, *items]


def test_a_second_copy_of_the_article_is_not_part_of_it(default_cleaner: Cleaner) -> None:
    # The page prints its article twice (a template's copy), the first time with a link on
    # lines of its own, the second time with two paragraphs on one line: the copies differ
    # line by line and segment by segment, but not sentence by sentence.
    menu = ["Home", "News", "Sport", "Weather"]
    paragraphs = [
        "The harbour board approved the new ferry timetable on Monday after a long debate.",
        "Boats will leave every half hour in summer, and the last one at eleven at night.",
        "The first boats of the new timetable leave the north pier on the first of June.",
    ]
    broken = [
        "The harbour board approved the new",
        "ferry timetable",
        "on Monday after a long debate.",
    ]
    copy = [paragraphs[0], " ".join(paragraphs[1:])]
    text = "\n\n".join([*menu, "\n".join(broken), *paragraphs[1:], "Share", "Print", *copy, *menu])
    doc = default_cleaner.clean(text, mode="page")
    assert doc.text.split("\n\n") == [*broken, *paragraphs[1:]]


def test_a_short_article_above_a_table_is_kept(default_cleaner: Cleaner) -> None:
    # No sentence is long enough to be good by itself; the run of near-good ones is the
    # article, and the table under its colon line stays with it.
    menu = "\n\n".join(["Home", "Results", "Calendar", "Drivers", "Teams", "Contact"])
    sentences = [
        "This page always shows the championship standings after the latest race.",
        "The final standings of the season after all twelve races were these:",
    ]
    table = ["Pos. Driver Points Wins", "1 Anna Berg 412 5", "2 Tom Lund 398 3", "3 Ivo Kral 377 2"]
    text = "\n\n".join([menu, *sentences, "\n".join(table), menu])
    doc = default_cleaner.clean(text, mode="page")
    assert doc.text.split("\n\n") == [*sentences, *table]


def test_a_line_in_brackets_belongs_to_the_line_before_it(default_cleaner: Cleaner) -> None:
    # BeautifulSoup's get_text("\n") puts a headline's label on a line of its own.
    lines = ["Health officials name eight deadly diseases", "[WARNING]", "", "Travel", "(2)"]
    doc = Document(lines)
    page = _whole_page(default_cleaner)
    present = [i for i, line in enumerate(lines) if line]
    words = {i: tokens(lines[i]) for i in present}
    assert [s.lines for s in page.segments(doc, present, words, "en")] == [[0, 1], [3, 4]]


def _cells(rows: list[list[str]], cell_gap: int, row_gap: int) -> str:
    """A table as BeautifulSoup's get_text("\\n") prints it: a cell per line, blank lines
    from the markup between cells and (more of them) between rows."""
    return ("\n" * (row_gap + 1)).join(("\n" * (cell_gap + 1)).join(row) for row in rows)


def test_a_table_printed_one_cell_per_line_is_found_by_its_spacing() -> None:
    rows = [["Pos", "Driver", "Points"], ["1", "Anna Berg", "412"], ["2", "Tom Lund", "398"]]
    lines = ["Home", "", "", "", "", "", "", "", *_cells(rows, 2, 6).split("\n")]
    present = [i for i, line in enumerate(lines) if line]
    found = [[lines[i] for i in row] for _, row in table_rows(Document(lines), present, 25)]
    assert found == rows
    # Rows no further apart than cells, or cells without blank lines between them: a list.
    for cell_gap, row_gap in [(2, 2), (0, 1), (2, 1)]:
        lines = _cells(rows, cell_gap, row_gap).split("\n")
        present = [i for i, line in enumerate(lines) if line]
        assert not table_rows(Document(lines), present, 25)


def test_a_table_between_paragraphs_is_part_of_the_article(default_cleaner: Cleaner) -> None:
    # Every cell alone is a short line that would cost the article as much as a menu item;
    # the table between two paragraphs of the article belongs to it.
    menu = "\n\n\n".join(["Home", "Results", "Calendar", "Drivers", "Teams", "Contact"])
    before = (
        "The championship went to the last race of the season, and the three drivers at the "
        "top of the standings were separated by fewer than twenty points before the start."
    )
    after = (
        "Anna Berg won the title by fourteen points after a careful race in the rain, in "
        "which she finished third behind both of her rivals for the championship."
    )
    rows = [["Pos", "Driver", "Points"], ["1", "Anna Berg", "412"], ["2", "Tom Lund", "398"]]
    text = "\n\n\n\n".join([menu, before, _cells(rows, 2, 6), after, menu])
    doc = default_cleaner.clean(text, mode="page")
    assert doc.text.split("\n\n") == [before, *(cell for row in rows for cell in row), after]


def test_prose_without_sentence_marks_is_judged_by_its_length(default_cleaner: Cleaner) -> None:
    # Thai ends a sentence with a space, not a mark: no line of a Thai page ends like a
    # sentence, and its paragraphs were all taken for residue.
    menu = "\n\n".join(["หน้าแรก", "ข่าว", "การเมือง", "เศรษฐกิจ", "กีฬา", "ติดต่อเรา"])
    article = [
        "สภาเทศบาลนครเชียงใหม่ อนุมัติแผน สร้างทางจักรยาน ในเขตเมืองเก่า เมื่อวันอังคาร "
        "ที่ผ่านมา โดยจะเริ่ม ก่อสร้าง ในเดือนมีนาคม ปีหน้า และคาดว่า จะแล้วเสร็จ ภายใน "
        "สองปี ตามที่ นายกเทศมนตรี ได้แถลง ต่อ ผู้สื่อข่าว",
        "นายกเทศมนตรี กล่าวว่า โครงการนี้ จะช่วย ลดปัญหา การจราจร และมลพิษ ทางอากาศ "
        "ในเมือง ซึ่ง เป็นปัญหา ที่ ชาวเชียงใหม่ ประสบ มานาน โดยเฉพาะ ในช่วง ฤดูแล้ง "
        "ของ ทุกปี",
        "ทางจักรยาน ทั้งหมด จะมี ความยาว ประมาณ สิบสอง กิโลเมตร และ เชื่อมต่อ กับ "
        "ตลาด โรงเรียน และ สถานีรถโดยสาร ประจำทาง สาม แห่ง ใน ตัวเมือง",
    ]
    footer = "\n\n".join(["เกี่ยวกับเรา", "นโยบายความเป็นส่วนตัว", "© 2024 ข่าวเชียงใหม่"])
    text = "\n\n".join([menu, *article, footer, menu])
    doc = default_cleaner.clean(text, mode="page")
    assert doc.text.split("\n\n") == article


@pytest.mark.parametrize(
    "line",
    [
        "यह योजना अगले साल मार्च में शुरू होगी।",  # Devanagari danda
        "ဒီစီမံကိန်းကို လာမည့်နှစ် မတ်လတွင် စတင်မည်။",  # Burmese full stop
        "هل ستبدأ الخطة في مارس المقبل؟",  # Arabic question mark
        "Ծրագիրը կսկսվի հաջորդ տարվա մարտին։",  # Armenian full stop
    ],
)
def test_sentence_marks_of_other_scripts_end_a_sentence(line: str) -> None:
    assert ends_sentence(line)


def test_a_copyright_credit_after_the_last_sentence_keeps_its_paragraph(
    default_cleaner: Cleaner,
) -> None:
    # Japanese has no stop-word list here, so a paragraph must end like a sentence to count.
    menu = "\n\n".join(["ホーム", "国際", "経済", "スポーツ", "天気", "お問い合わせ"])
    article = [
        "市議会は月曜日、港の再開発計画を承認した。最初の桟橋の工事は来年の春に始まる予定で、"
        "市は費用の大部分を自らの予算でまかなうという。",
        "市長は記者会見で、この計画によって三十年ぶりに旧港にフェリーが戻ってくると述べ、"
        "観光客の増加にも期待を示した。",
        "ある専門家は、市がフェリー航路を運営する事業者をまだ見つけなければならないと"
        "指摘している。(c)AFP/Jane Doe",
    ]
    text = "\n\n".join([menu, *article, "国際ニュース一覧へ", menu])
    doc = default_cleaner.clean(text, mode="page")
    assert doc.text.split("\n\n") == article


COSTS = SpanCosts(
    short=2,
    bad_share=0.5,
    removed=3,
    min_share=0.1,
    list_share=0.1,
    item_min_words=3,
    item_max_words=25,
)


def _shaped(spec: str) -> list[Segment]:
    """Segments from "G200 S2 B12": a label letter (G good, N near, S short, B bad) and words."""
    names = {"G": GOOD, "N": NEAR, "S": SHORT, "B": BAD}
    return [
        Segment(
            lines=[k],
            words=int(item[1:]),
            density=0.4,
            sentence=item[0] in "GN",
            label=names[item[0]],
        )
        for k, item in enumerate(spec.split())
    ]


@pytest.mark.parametrize(
    ("spec", "run", "widened"),
    [
        # A service page: sections under short headings widen the run of the first one.
        ("S2 S1 G40 S3 S2 G30 S2 N12 S2 S1", (2, 2), (2, 7)),
        # A news article: a teaser blurb behind a heading adds less than a tenth of it.
        ("S2 G200 S3 G15 S2", (1, 1), (1, 1)),
        # A long bad segment (a block of links) costs half its words.
        ("G40 B60 G25", (0, 0), (0, 0)),
        ("G40 B20 G25", (0, 0), (0, 2)),
        # To the left as well: an intro above a heading.
        ("S1 G30 S4 G50", (3, 3), (1, 3)),
    ],
)
def test_the_run_widens_over_sections_worth_their_headings(
    spec: str, run: tuple[int, int], widened: tuple[int, int]
) -> None:
    segments = _shaped(spec)
    assert widen_span(segments, *run, 0, len(segments), COSTS, items=False) == widened


def test_a_page_of_items_takes_its_item_lines_in() -> None:
    # A listing: a one-sentence intro, facets, then items of a few words each.
    segments = _shaped("S2 S1 N14 S1 S1 S1 S1 S6 S4 S7 S3 S6 S4 S7 S3 S1 S1")
    assert lists_items(segments, 2, 2, share=0.1) is False
    assert widen_span(segments, 2, 2, 0, len(segments), COSTS, items=False) == (2, 2)
    many = _shaped("S2 S1 N14 S1 S1 S1 S1 " + "S6 S4 S7 S3 " * 6 + "S1 S1")
    assert lists_items(many, 2, 2, share=0.1) is True
    assert widen_span(many, 2, 2, 0, len(many), COSTS, items=True) == (2, 30)


def test_runs_of_tiny_lines_in_a_widened_span_are_menus() -> None:
    segments = _shaped("S1 S2 S1 S1 S5 S1 S1 S2 B12")
    mark_menus(segments, min_lines=4, max_words=2)
    assert [s.label == MENU for s in segments] == [True] * 4 + [False] * 5


def test_a_comments_line_under_every_post_ends_nothing(default_cleaner: Cleaner) -> None:
    posts = [
        "The pump stopped twice this week and I cannot find anything blocking the intake,"
        " although I cleaned the whole filter housing on Sunday.",
        "Check the impeller first: a small stone in the housing will stop it without any"
        " sign from the outside, and it takes two minutes to open.",
        "That was it, a piece of gravel behind the impeller. It runs quietly again and the"
        " flow is back to what it was when the pump was new.",
    ]
    menu = ["Forums", "Members", "Search", "Log in", "Register", "Help"]
    thread = [*menu, "Pump keeps stopping", ""]
    for post in posts:
        thread += [post, "Add a comment", ""]
    thread += ["Similar threads", "Pump too loud", "Filter smells", "Rules", "Privacy"]
    doc = default_cleaner.clean("\n".join(thread), mode="page")
    assert doc.text.split("\n\n") == posts
