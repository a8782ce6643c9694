"""HTML input: composed pages with exact text and metadata, detection, charsets, markup
pre-cleaning, page metadata, backends, and broken input that must not raise."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner
from cleaner import Cleaner, CleanerError, InputError
from cleaner.document import Document, Metadata
from cleaner.html import backends, looks_like_html, page, read_page, visible
from cleaner.html.charset import declared_charset, decode_page
from cleaner.html.markup import markup_rules, parse_page, strip_residue
from cleaner.html.metadata import iso_date, read_metadata
from cleaner.html.threads import preloaded_posts
from tests.conftest import FIXTURES

PAGES = sorted(p for p in (FIXTURES / "html").iterdir() if p.is_dir())
PARAGRAPH = "The council approved the harbour plan on Monday after a debate of two long years."


def _page(body: str, head: str = "<title>Harbour plan wins council backing</title>") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize("fixture", PAGES, ids=[p.name for p in PAGES])
def test_fixture_page_text_and_metadata(fixture: Path, default_cleaner: Cleaner) -> None:
    doc = default_cleaner.clean((fixture / "input.html").read_bytes())
    assert doc.text == (fixture / "expected.txt").read_text("utf-8").removesuffix("\n")
    expected = json.loads((fixture / "expected.json").read_text("utf-8"))
    assert {key: doc.metadata.as_dict()[key] for key in expected} == expected


@pytest.mark.parametrize("backend", ["fast", "readability"])
@pytest.mark.parametrize("fixture", PAGES, ids=[p.name for p in PAGES])
def test_every_backend_gives_the_fixture_text(fixture: Path, backend: str) -> None:
    pytest.importorskip({"fast": "resiliparse", "readability": "readability"}[backend])
    doc = cleaner.clean((fixture / "input.html").read_bytes(), backend=backend)
    expected = json.loads((fixture / "expected.json").read_text("utf-8"))["extractor"]
    if expected == "main-block":
        pytest.skip("only the default backend's extraction is put to the main blocks' vote")
    assert doc.metadata.extractor == ("visible-text" if expected == "visible-text" else backend)
    assert doc.text == (fixture / "expected.txt").read_text("utf-8").removesuffix("\n")


def test_page_given_as_str_gives_the_same_text(default_cleaner: Cleaner) -> None:
    fixture = FIXTURES / "html" / "01_en_harbour_article"
    as_bytes = default_cleaner.clean((fixture / "input.html").read_bytes())
    as_str = default_cleaner.clean((fixture / "input.html").read_text("utf-8"))
    assert as_str.text == as_bytes.text
    assert as_str.metadata.encoding is None


# -- detection ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Use <b>bold</b> sparingly, and <i>italics</i> for titles of books.",
        "The template prints <div> and </div> around each item.\n\nThat is all it does.",
        "a < b and c > d in every case we tried.",
        "",
    ],
)
def test_text_with_a_few_tags_is_not_a_page(text: str) -> None:
    assert not looks_like_html(text)
    doc = cleaner.clean(text)
    assert doc.metadata.extractor is None


@pytest.mark.parametrize(
    "text",
    [
        _page(f"<p>{PARAGRAPH}</p>"),
        "  <!-- saved page -->\n<html><body><p>x</p></body></html>",
        '<?xml version="1.0" encoding="utf-8"?>\n<html><body><p>x</p></body></html>',
        "".join(f"<div><p>{PARAGRAPH}</p><a href='#'>more</a></div>" for _ in range(6)),
        # served without the outer tags
        f'<meta charset="utf-8">\n<title>Harbour</title>\n<p>{PARAGRAPH}</p>',
        f"<body>\n<p>{PARAGRAPH}</p>\n</body>",
    ],
)
def test_pages_are_detected(text: str) -> None:
    assert looks_like_html(text)


def test_a_page_of_scripts_gives_no_code_as_text() -> None:
    """A redirect page is a page, though it has fewer tags than prose that quotes a few: its
    scripts are no article."""
    redirect = (
        "<script>window.redirected = 1</script>\n"
        '<script>var go = function (to) {\n  window.location.replace(to);\n};\ngo("x");</script>\n'
        '<noscript><META http-equiv="refresh" content="0;URL=\'http://example.com\'"></noscript>'
    )
    doc = cleaner.clean(redirect)
    assert doc.metadata.extractor is not None
    assert doc.text == ""
    assert doc.metadata.title is None


def test_input_forces_text_or_html() -> None:
    html = _page(f"<p>{PARAGRAPH}</p>")
    as_text = cleaner.clean(html, input="text")
    assert as_text.metadata.extractor is None and "<p>" in "\n".join(as_text.lines)
    fragment = f"<p>{PARAGRAPH}</p>"
    assert cleaner.clean(fragment).metadata.extractor is None
    forced = cleaner.clean(fragment, input="html")
    assert forced.metadata.extractor is not None
    assert forced.text == PARAGRAPH


def test_bad_input_and_backend_names_raise_cleaner_errors() -> None:
    with pytest.raises(InputError, match="input must be one of"):
        cleaner.clean("text", input="pdf")
    with pytest.raises(CleanerError, match="unknown backend 'gpt'"):
        cleaner.clean(_page("<p>x</p>"), backend="gpt")


def test_missing_optional_backend_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "resiliparse", None)
    monkeypatch.setitem(sys.modules, "resiliparse.extract.html2text", None)
    backends.get_backend.cache_clear()
    try:
        with pytest.raises(CleanerError, match=r"pip install 'webcleaner\[fast\]'"):
            cleaner.clean(_page("<p>x</p>"), backend="fast")
    finally:
        backends.get_backend.cache_clear()


# -- charsets -------------------------------------------------------------------------------
def test_declared_charsets_are_read() -> None:
    assert declared_charset(b'<meta charset="Shift_JIS">') == "shift_jis"
    assert (
        declared_charset(
            b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
        )
        == "cp1252"
    )
    assert declared_charset(b'<?xml version="1.0" encoding="koi8-r"?><html>') == "koi8-r"
    assert declared_charset(b'<meta charset="no-such-codec">') is None
    # WHATWG labels that Python's codec registry lacks.
    assert declared_charset(b'<meta charset="x-sjis">') == "cp932"
    assert declared_charset(b'<meta charset="windows-874">') == "cp874"
    assert declared_charset(b'<meta charset="iso88592">') == "iso8859-2"
    assert declared_charset(b"<p>charset=utf-8 is text here</p>") is None


def test_page_in_a_declared_legacy_charset_decodes() -> None:
    text = _page(
        "<p>東京の港で新しいフェリーが運航を始めました。</p>", '<meta charset="shift_jis">'
    )
    assert decode_page(text.encode("shift_jis")) == (text, "shift_jis")


def test_declared_charset_is_read_as_browsers_read_it() -> None:
    # "①" is one of Windows' additions to Shift_JIS, which pages declaring Shift_JIS use.
    text = _page(
        "<p>①東京の港で新しいフェリーが運航を始めました。</p>", '<meta charset="shift_jis">'
    )
    assert decode_page(text.encode("cp932")) == (text, "cp932")
    # "š" is 0x9A in Windows-1250, a control code in the ISO-8859-2 the page declares.
    text = _page(
        "<p>Příští týden začne oprava mostu, řekl starosta.</p>", '<meta charset="iso-8859-2">'
    )
    assert decode_page(text.encode("cp1250")) == (text, "cp1250")


def test_wrong_declaration_falls_back_to_detection() -> None:
    text = _page("<p>Das Freibad öffnet früher, sagt Jürgen Weiß.</p>", '<meta charset="utf-8">')
    decoded, encoding = decode_page(text.encode("cp1252"))
    assert decoded == text and encoding == "cp1252"


@pytest.mark.parametrize("label", ["base64", "rot13", "undefined", "zlib"])
def test_declared_codec_that_is_not_a_text_encoding_falls_back_to_detection(label: str) -> None:
    text = _page("<p>Das Freibad öffnet früher, sagt Jürgen Weiß.</p>", f'<meta charset="{label}">')
    assert decode_page(text.encode("cp1252")) == (text, "cp1252")


def test_bom_wins_over_declaration() -> None:
    text = _page("<p>Café crème</p>", '<meta charset="iso-8859-1">')
    assert decode_page(b"\xef\xbb\xbf" + text.encode("utf-8"))[0] == text


# -- markup pre-cleaning --------------------------------------------------------------------
def test_residue_containers_are_dropped_and_others_kept() -> None:
    root, _ = parse_page(
        _page(
            f"<div class='story'><p>{PARAGRAPH}</p>"
            "<div class='newsletterBox'>Sign up now</div>"
            "<ul id='share-tools'><li>Share</li></ul>"
            "<div class='adSlot'>Buy</div>"
            "<figure><img src='a.jpg'><figcaption>A caption</figcaption></figure>"
            "<div class='non-ad-column'><p>Kept column text.</p></div>"
            "<div class='related_articles'><a>Other story</a></div></div>"
        )
    )
    assert root is not None
    dropped = strip_residue(root)
    text = root.text_content()
    assert dropped == {"newsletter": 1, "share": 1, "ad": 1, "figcaption": 1, "related": 1}
    assert PARAGRAPH in text and "Kept column text." in text
    for gone in ("Sign up now", "Share", "Buy", "A caption", "Other story"):
        assert gone not in text


def test_label_and_link_lines_are_dropped_in_any_language() -> None:
    root, _ = parse_page(
        _page(
            f"<p>{PARAGRAPH}</p>"
            "<p><strong>Related:</strong> <a href='/x'>Ferry fares to rise in spring</a></p>"
            "<p>Lesen Sie auch: <a href='/y'>Neue Fähre für den Hafen</a></p>"
            "<div><span>相关阅读：</span><a href='/z'>港口新渡轮明年春季开通</a></div>"
            "<p>The report is online: <a href='/r'>read it here</a>, the mayor said on Monday"
            " evening after the vote in the council.</p>"
        )
    )
    assert root is not None
    assert strip_residue(root) == {"labelled_link": 3}
    text = root.text_content()
    assert "Ferry fares" not in text and "Neue Fähre" not in text and "渡轮" not in text
    assert "read it here" in text and PARAGRAPH in text


def test_a_residue_word_on_the_whole_article_does_not_drop_it() -> None:
    root, _ = parse_page(_page(f"<div class='post comments-open'><p>{PARAGRAPH * 3}</p></div>"))
    assert root is not None
    assert strip_residue(root) == {}
    assert PARAGRAPH in root.text_content()


def test_paragraphs_written_with_line_breaks_are_prose() -> None:
    # One <p> broken by <br><br> holds paragraphs: a section that holds them is kept even
    # when its class names ads, while a box of one paragraph of small print still goes.
    long_paragraph = f"{PARAGRAPH} {PARAGRAPH}"  # 30 words: prose
    story = f"<p>{long_paragraph}<br><br><b>Second:</b> {long_paragraph}<br><br></p>"
    small_print = f"<p>{long_paragraph}<br>Unsubscribe at any time.</p>"
    root, _ = parse_page(
        _page(
            f"<div>{'<p>Filler text of the page.</p>' * 20}"
            f"<section class='Report__Section Report__Section--Ads'>{story}</section>"
            f"<div class='newsletter-box'>{small_print}</div></div>"
        )
    )
    assert root is not None
    assert strip_residue(root) == {"newsletter": 1}
    text = root.text_content()
    assert "Second:" in text and "Unsubscribe" not in text


def test_code_is_content_whatever_its_highlighter_names_its_spans() -> None:
    code = (
        "<pre><code class='language-bash'><span class='hljs-comment'># undo the last commit"
        "</span>\ngit reset --soft HEAD~1</code></pre>"
        "<p>Inline <code><span class='token comment'>// share state</span></code> too.</p>"
    )
    root, _ = parse_page(_page(f"<p>{PARAGRAPH}</p>{code}<div class='comments'>Reply</div>"))
    assert root is not None
    assert strip_residue(root) == {"comment": 1}
    text = root.text_content()
    assert "# undo the last commit" in text and "// share state" in text and "Reply" not in text


def test_a_kind_holding_most_of_the_page_is_its_content_misnamed() -> None:
    # Product tiles whose class names a subscription: together they are the page, so their
    # kind is kept on this page, while the share bar inside one and an ad box still go.
    tiles = "".join(
        f"<div class='card-wrapper subscription-card'><h3>Roast {n}</h3><p>{PARAGRAPH}</p>"
        + ("<div class='share-bar'>Share</div>" if n == 0 else "")
        + "</div>"
        for n in range(8)
    )
    root, _ = parse_page(
        _page(f"<h1>Coffee</h1><div class=grid>{tiles}</div><div class=ad-slot>Buy now</div>")
    )
    assert root is not None
    assert strip_residue(root) == {"share": 1, "ad": 1}
    text = root.text_content()
    assert "Roast 7" in text and "Share" not in text and "Buy now" not in text


def test_dialogs_go_with_their_prose_and_roles_name_tags() -> None:
    # A modal holds a site's policies as paragraphs: prose, yet never the page's; an ARIA
    # role says what the tag would.
    policy = f"<p>{PARAGRAPH} {PARAGRAPH}</p>" * 2
    root, _ = parse_page(
        _page(
            f"<main><h1>Harbour plan</h1><p>{PARAGRAPH * 6}</p></main>"
            f"<div class='policy-modal'>{policy}</div>"
            "<div role='alertdialog'>Accept cookies?</div>"
            "<div role='navigation'><a href='/'>Home</a></div>"
            "<div role='contentinfo'>© Harbour Times</div>"
        )
    )
    assert root is not None
    assert strip_residue(root) == {"dialog": 2, "nav": 1, "footer": 1}
    assert root.body.text_content() == f"Harbour plan{PARAGRAPH * 6}"


def test_a_name_that_flags_a_feature_names_no_residue() -> None:
    # "modal-enabled" on the story's wrapper says its pictures open in a modal: the wrapper,
    # a third of the page, is not a dialog (whose prose would go with it).
    story = f"<p>{PARAGRAPH} {PARAGRAPH}</p>" * 2
    sidebar = "<div>" + "<p>Filler text of the page, a line of the sidebar.</p>" * 12 + "</div>"
    for flagged in ("box article modal-enabled", "penci-enable-lightbox", "has-popup"):
        root, _ = parse_page(_page(f"<div class='{flagged}'>{story}</div>{sidebar}"))
        assert root is not None
        assert strip_residue(root) == {}


def test_a_generated_name_names_no_residue_and_a_signature_goes() -> None:
    # A block editor's hashed id ("block-...-ad66-..."), a wiki heading's text made into an
    # anchor ("..._(PGP_signature)"): their words name nothing. A post's signature goes.
    story = f"<p>{PARAGRAPH}</p>"
    names = (
        "block-20a388fd-95b9-4641-ad66-f086977fc075",
        "Invalid_or_corrupted_package_(PGP_signature)_after_the_update_of_the_mirror_list",
    )
    for name in names:
        root, _ = parse_page(_page(f"{story}<p id='{name}'>Short line of the story.</p>{story}"))
        assert root is not None
        assert strip_residue(root) == {}
    signature = "<div class='signature'>My boat: a 1974 Folkboat</div>"
    root, _ = parse_page(_page(f"{story}<div class='postbody'>{story}{signature}</div>"))
    assert root is not None
    assert strip_residue(root) == {"signature": 1}
    assert "Folkboat" not in root.text_content()


def test_a_thread_shipped_as_data_is_read_from_it(default_cleaner: Cleaner) -> None:
    # A Discourse page's markup holds the opening post; the thread is in its data-preloaded
    # JSON. Every post is kept, a post's link preview (an <aside>) goes with its markup rule,
    # and the page's lines the posts replace carry the extractor.
    fixture = FIXTURES / "threads" / "discourse_kiln_shelf"
    url = (fixture / "url.txt").read_text("utf-8").strip()
    doc = default_cleaner.clean((fixture / "input.html").read_bytes(), url=url)
    assert doc.metadata.extractor == "data-preloaded"
    assert doc.text == (fixture / "expected.txt").read_text("utf-8").removesuffix("\n")
    removed = json.loads((fixture / "removed.json").read_text("utf-8"))
    assert [[r.rule, r.text] for r in doc.removed] == removed
    # Another backend extracts the markup alone.
    fast = cleaner.clean((fixture / "input.html").read_bytes(), url=url, backend="readability")
    assert "Shelves usually crack" not in fast.text


@pytest.mark.parametrize(
    "data",
    ["", "{not json", '{"topic_1": "[1, 2]"}', '{"topic_1": "{\\"post_stream\\": 3}"}'],
)
def test_data_that_holds_no_thread_gives_no_posts(data: str) -> None:
    root, _ = parse_page(_page(f"<div id='data-preloaded' data-preloaded='{data}'></div>"))
    assert root is not None
    assert preloaded_posts(root, markup_rules()) is None


def _landmark_page(main: str, menu_items: int) -> str:
    menu = "".join(f"<li><a href='/c/{i}'>Category number {i}</a></li>" for i in range(menu_items))
    return _page(f"{main}<nav><ul>{menu}</ul></nav>")


def test_a_landmark_larger_than_the_content_goes_when_the_content_is_marked() -> None:
    # A menu of many categories holds most of the page's text, yet the page marks its content
    # elsewhere (<main>, <article> or <h1>): the menu is no wrapper of it.
    for main in (f"<main><p>{PARAGRAPH}</p></main>", f"<h1>Plan</h1><div><p>{PARAGRAPH}</p></div>"):
        root, _ = parse_page(_landmark_page(main, 20))
        assert root is not None
        assert strip_residue(root) == {"nav": 1}
        assert "Category" not in root.text_content()


def test_a_landmark_that_holds_the_content_or_nearly_all_the_page_stays() -> None:
    # No mark of the content outside the menu, the mark inside it (unclosed markup), or the
    # menu nearly all of the page: the menu stays.
    pages = [
        _landmark_page(f"<div><p>{PARAGRAPH}</p></div>", 20),
        _page(f"<nav><a href='/'>Home</a> {'<a>Category</a> ' * 40}<h1>Plan</h1></nav>"),
        _landmark_page("<main><p>Plan.</p></main>", 40),
    ]
    for markup in pages:
        root, _ = parse_page(markup)
        assert root is not None
        assert strip_residue(root) == {}


# -- page metadata --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2019-11-18T10:42:07Z", "2019-11-18T10:42:07+00:00"),
        ("2019-11-18T10:42:00-05:00", "2019-11-18T10:42-05:00"),
        ("2019-11-18 10:42", "2019-11-18T10:42"),
        ("2019-11-18", "2019-11-18"),
        # ISO 8601 basic format; a bare number is no date
        ("20180619T055000+0900", "2018-06-19T05:50+09:00"),
        ("20180619T0550Z", "2018-06-19T05:50+00:00"),
        ("20180619", None),
        ("20181319T055000", None),
        ("2019-13-45", None),
        # CMS placeholders: year 1 and the Unix epoch are no publication dates
        ("0001-01-01T00:00:00+00:00", None),
        ("1970-01-01T00:00:00Z", None),
        ("1970-01-01", None),
        ("1971-05-02", "1971-05-02"),
        ("Monday", None),
        ("", None),
    ],
)
def test_machine_dates_become_iso_8601(raw: str, iso: str | None) -> None:
    assert iso_date(raw) == iso


def test_json_ld_in_a_graph_and_malformed_scripts() -> None:
    head = (
        '<script type="application/ld+json">{not json</script>'
        '<script type="application/ld+json">{"@graph": [{"@type": "WebSite", "name": "Site"},'
        '{"@type": ["BlogPosting"], "headline": "Ferry  plan", "author": "Ann Lee",'
        '"datePublished": "2020-01-02", "keywords": ["ferries", "harbour"],'
        '"articleBody": "Body text."}]}</script>'
        '<meta property="og:title" content="Other title"><html lang="en">'
    )
    root, _ = parse_page(_page("<h1>Ferry plan</h1><p>x</p>", head))
    assert root is not None
    found = read_metadata(root)
    assert (found.title, found.headline, found.author) == ("Ferry plan", "Ferry plan", "Ann Lee")
    assert (found.date, found.date_source) == ("2020-01-02", "json-ld")
    assert found.categories == ["ferries", "harbour"]
    assert found.article_body == "Body text."


ARTICLE = "".join(f"<p>{PARAGRAPH} Paragraph {n} of the report.</p>" for n in range(4))


@pytest.mark.parametrize(
    ("head", "body", "url", "dated"),
    [
        # no date in the markup: the day in the article's address ...
        (
            "",
            ARTICLE,
            "https://example.org/news/2024/03/12/harbour-plan",
            ("2024-03-12", "url"),
        ),
        # ... or a <time> element under the headline, with its machine date
        (
            "",
            f'<h1>Harbour plan wins council backing</h1><time datetime="2024-03-12T09:30">'
            f"Tuesday</time>{ARTICLE}",
            None,
            ("2024-03-12T09:30", "page header"),
        ),
        # a <time> element away from any headline is no publication date
        ("", f'<time datetime="2024-03-12T09:30">Tuesday</time>{ARTICLE}', None, (None, None)),
        # a date the page declares wins over both
        (
            '<meta property="article:published_time" content="2020-01-02T08:00">',
            f'<time datetime="2024-03-12T09:30">Tuesday</time>{ARTICLE}',
            "https://example.org/news/2024/03/12/harbour-plan",
            ("2020-01-02T08:00", "meta"),
        ),
        # so does a date line opening the article's text
        (
            "",
            f"<p>Updated: 13 Sep 2023, 3:51 PM</p>{ARTICLE}",
            "https://example.org/news/2024/03/12/harbour-plan",
            ("2023-09-13T15:51", "opening line"),
        ),
        # ... and the day named in the address
        (
            "",
            ARTICLE,
            "https://example.org/blog/2023/october/03/harbour-plan",
            ("2023-10-03", "url"),
        ),
        # and a line of the page labelled as the publication date
        (
            "",
            f"<p>Published: 13 Sep 2023, 3:51 PM</p>{ARTICLE}",
            "https://example.org/news/2024/03/12/harbour-plan",
            ("2023-09-13T15:51", "published line"),
        ),
        # nothing anywhere: no date is made up
        ("", ARTICLE, "https://example.org/news/harbour-plan", (None, None)),
    ],
)
def test_page_date_guessed_only_when_nothing_declares_one(
    head: str, body: str, url: str | None, dated: tuple[str | None, str | None]
) -> None:
    doc = cleaner.clean(
        _page(body, "<title>Harbour plan wins council backing</title>" + head), url=url
    )
    assert (doc.metadata.date, doc.metadata.date_source) == dated


@pytest.mark.parametrize(
    ("head", "title"),
    [
        (
            "<title>Harbour ferry line wins backing | Courier</title>",
            "Harbour ferry line wins backing",
        ),
        ("<title>Notices | Valdeolmos Town Hall</title>", "Notices | Valdeolmos Town Hall"),
        (
            '<title>Courier - Ferry fares</title><meta property="og:site_name" content="Courier">',
            "Ferry fares",
        ),
    ],
)
def test_title_element_loses_its_site_name(head: str, title: str) -> None:
    root, _ = parse_page(_page("<p>x</p>", head))
    assert root is not None
    assert read_metadata(root).title == title


@pytest.mark.parametrize(
    ("head", "body", "headline"),
    [
        # the <h1> is the leading part of a <title> whose suffix the length rule keeps
        (
            "<title>港口渡轮计划获批 - 海港日报网 - 两岸新闻</title>",
            "<h1>港口渡轮计划获批</h1>",
            "港口渡轮计划获批",
        ),
        # ... or most of a declared title before a suffix no separator marks
        (
            '<meta property="og:title" content="港口渡轮计划获批　（图片）：海港日报">',
            "<h1>港口渡轮计划获批</h1>",
            "港口渡轮计划获批",
        ),
        # a logo <h1> that runs the headline and the site's name together is not printed as
        # the headline: the declared title is
        (
            '<meta name="twitter:title" content="Harbour ferry line wins backing">'
            "<title>Harbour ferry line wins backing » Local » Coast Courier</title>",
            "<h1><span>Harbour ferry line wins backing</span><a>Coast Courier</a></h1>",
            None,
        ),
        # a declared title cut short (JSON-LD headlines often are) and the <h1> in full
        (
            '<meta property="og:title" content="Harbour ferry line wins backing after">',
            "<h1>Harbour ferry line wins backing after two years of debate</h1>",
            "Harbour ferry line wins backing after two years of debate",
        ),
    ],
)
def test_headline_is_the_h1_printed_for_the_title(
    head: str, body: str, headline: str | None
) -> None:
    root, _ = parse_page(_page(f"{body}<p>x</p>", head))
    assert root is not None
    assert read_metadata(root).headline == headline


def test_known_title_is_removed_not_guessed(default_cleaner: Cleaner) -> None:
    title_filter = next(f for f in default_cleaner.filters if f.kind == "title")
    lines = ["Section label here", "", "Ferry plan", "", PARAGRAPH, "", "Ferry plan"]
    doc = Document(lines, Metadata(title="Ferry plan"))
    title_filter.apply(doc)
    assert [(r.line, r.rule) for r in doc.removed] == [(3, "title"), (7, "title.repeat")]
    assert doc.metadata.title == "Ferry plan"


# -- fallbacks and broken input -------------------------------------------------------------
def test_visible_text_when_the_extractor_finds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(page, "get_backend", lambda name: lambda root: "")
    monkeypatch.setattr(page, "trafilatura_precision", lambda: lambda root: "")
    # A declared article: the extractor's choice stands, without the main blocks' vote.
    html = _page(
        "<nav><a>Home</a></nav><div>Harbour plan wins council backing</div>"
        f"<div><span>{PARAGRAPH}</span><br>Tags</div><script>var x = 1;</script>",
        '<title>Harbour plan</title><meta property="og:type" content="article">',
    )
    found = read_page(html)
    assert found is not None and found.extractor == "visible-text"
    assert found.text == f"Harbour plan wins council backing\n{PARAGRAPH}\nTags"
    doc = Cleaner.default().clean(html)
    assert doc.text == PARAGRAPH  # the text chain (title, trim) cleans the visible text


def test_main_block_outvotes_an_extraction_that_lost_the_content(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    items = "".join(f"<li><a href=/{n}>Guide {n}</a> {PARAGRAPH}</li>" for n in range(6))
    html = _page(f"<nav><a>Home</a> <a>Shop</a></nav><ul class=guides>{items}</ul><p>Imprint</p>")
    monkeypatch.setattr(page, "get_backend", lambda name: lambda root: "Guide 0")
    found = read_page(html)
    assert found is not None and found.extractor == "main-block"
    assert found.text.splitlines() == [f"Guide {n} {PARAGRAPH}" for n in range(6)]
    assert found.metadata.page_type == "article" and found.metadata.page_type_source == "default"


def test_a_main_block_holding_little_of_the_extraction_does_not_replace_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The largest block of the page is a footer's list of towns served; the extraction, a
    # service's description, is not in it: the block is another part of the page.
    towns = "".join(f"<li><a href=/t{n}>Town{n} Rentals</a></li>" for n in range(150))
    service = "\n".join(f"{PARAGRAPH} Offer {n} of the harbour shop." for n in range(6))
    html = _page(f"<div><p>{PARAGRAPH}</p></div><footer><ul class=towns>{towns}</ul></footer>")
    monkeypatch.setattr(page, "get_backend", lambda name: lambda root: service)
    found = read_page(html.replace("footer>", "div>"))
    assert found is not None and found.extractor == "trafilatura"
    assert found.text == service


def test_a_category_grid_keeps_the_prose_around_it(monkeypatch: pytest.MonkeyPatch) -> None:
    # The grid of items wins the vote; the category's introduction above it and its buying
    # guide below stay, in page order, while its short labels and a residue box's prose go.
    # A block of paragraphs (an article whose address names a collection) is not a grid.
    intro = "Every kettle here is pressed from one sheet of steel and tested at the harbour works."
    guide = "Choose a larger kettle for a family and a smaller one that fills a single mug faster."
    boxed = "Sign up to hear first about new kettles and the harbour works' seasonal sales."
    items = "".join(
        f"<li><a href=/k{n}>Harbour steel kettle {n}, 1.5 litres</a> <span>${n}0</span></li>"
        for n in range(20)
    )
    html = _page(
        f"<h1>Kettles</h1><p>{intro}</p><p>Sort by price</p><ul class=grid>{items}</ul>"
        f"<p>{guide}</p><div class=newsletter><p>{boxed}</p></div>",
        '<meta property="og:type" content="product.group">',
    )
    monkeypatch.setattr(page, "get_backend", lambda name: lambda root: "Kettles")
    found = read_page(html)
    assert found is not None and found.metadata.page_type == "collection"
    assert found.extractor == "main-block"
    grid = [f"Harbour steel kettle {n}, 1.5 litres ${n}0" for n in range(20)]
    assert found.text.splitlines() == [intro, *grid, guide]
    story = "".join(f"<p>{PARAGRAPH} {PARAGRAPH} Part {n}.</p>" for n in range(6))
    group = '<meta property="og:type" content="product.group">'
    article = _page(f"<p>{intro}</p><div>{story}</div>", group)
    found = read_page(article)
    assert found is not None and found.extractor == "main-block"
    assert intro not in found.text


@pytest.mark.parametrize(("parts", "copies"), [(0, 1), (12, 1), (8, 2)])
def test_a_page_of_related_boxes_keeps_them_as_its_items(parts: int, copies: int) -> None:
    # A news site's topic page declares an article and holds its items in "related" boxes:
    # together they outweigh the rest of its text, so they are its content. Beside a story
    # that outweighs them, the same boxes are residue; so are they beside a shorter text when
    # they only outweigh it printed twice (a carousel's cloned slides count once). The site's
    # footer makes the boxes less than half of the page's text (more would make them its
    # content by their share).
    footer = "".join(f"<li><a href=/t{n}>Harbour town {n} news</a></li>" for n in range(60))
    teasers = [f"{PARAGRAPH} Item {n} of the topic." for n in range(6)]
    boxes = "".join(
        f"<div class=related-story><h3><a href=/s{n}>Story {n}</a></h3><p>{line}</p></div>"
        for n, line in enumerate(teasers)
    )
    paragraphs = "".join(f"<p>{PARAGRAPH} Part {n} of the story.</p>" for n in range(parts))
    head = '<title>Harbour topic</title><meta property="og:type" content="article">'
    body = f"<h1>Harbour</h1>{paragraphs}<section>{boxes * copies}</section>"
    html = _page(f"{body}<footer><ul>{footer}</ul></footer>", head)
    doc = Cleaner.default().clean(html)
    kept = [line for line in teasers if line in doc.text]
    removed = {r.rule for r in doc.removed if r.text in teasers}
    if parts:
        assert (kept, removed) == ([], {"markup.related"})
    else:  # the extractor may still leave some out, but no markup rule drops them
        assert kept and "markup.related" not in removed


def test_a_thread_declared_an_article_keeps_its_posts_marked_as_comments() -> None:
    # Forum software declares every thread an article and marks its posts, the opening one
    # too, as "discussion" items: one post outweighs the page's text outside its residue
    # (menus), so the posts are the content. Below a story, a shorter comment still goes.
    opening = " ".join(f"{PARAGRAPH} Point {n} of the question." for n in range(6))
    posts = (
        f"<li class='message discussionAuthor'><p>{opening}</p></li>"
        "<li class='message comment'><p>The ferry timetable changed twice last spring, so "
        "check the harbour office before you travel. The office opens at eight on weekdays "
        "and answers questions about the new harbour plan, the fares and the berths.</p></li>"
    )
    menu = "<aside>" + "".join(f"<a href=/b{n}>Board {n}</a> " for n in range(40)) + "</aside>"
    head = '<title>Harbour plan</title><meta property="og:type" content="article">'
    thread = read_page(_page(f"<h1>Harbour plan</h1><ol>{posts}</ol>{menu * 4}", head))
    assert thread is not None and thread.metadata.page_type == "article"
    assert "Point 5 of the question." in thread.text and "ferry timetable" in thread.text
    story = "".join(f"<p>{PARAGRAPH} Part {n} of the story.</p>" for n in range(8))
    comment = f"<div class='comment'><p>{PARAGRAPH} A reader wrote this below.</p></div>"
    article = read_page(_page(f"<article>{story}</article>{comment}{menu * 4}", head))
    assert article is not None
    assert "Part 7 of the story." in article.text and "A reader" not in article.text


@pytest.mark.parametrize("teasers", [0, 1])
def test_a_precise_extraction_holding_part_of_the_main_block_gives_way_to_the_plain_one(
    monkeypatch: pytest.MonkeyPatch, teasers: int
) -> None:
    # A guide: prose, then sections in a list that trafilatura's favor_precision drops. The
    # plain extraction holding 1.3-2 times the words is the rest of the guide; one holding
    # three times as many holds teasers around the story instead, and is not taken.
    prose = [f"{PARAGRAPH} Step {n} of the guide." for n in range(8)]
    sections = [f"{PARAGRAPH} Section {n} of the guide." for n in range(8)]
    extra = [f"{PARAGRAPH} Teaser {n} elsewhere." for n in range(8)] * teasers
    paragraphs = "".join(f"<p>{line}</p>" for line in prose)
    items = "".join(f"<li>{line}</li>" for line in sections)
    head = '<title>Harbour guide</title><meta property="og:type" content="article">'
    html = _page(f"<article>{paragraphs}<ul>{items}</ul></article>", head)
    monkeypatch.setattr(page, "trafilatura_precision", lambda: lambda root: "\n".join(prose))
    plain = "\n".join(prose + sections + extra)
    monkeypatch.setattr(page, "get_backend", lambda name: lambda root: plain)
    found = read_page(html)
    assert found is not None
    assert found.text == (plain if not teasers else "\n".join(prose))


def test_a_fuller_extraction_adds_prose_not_prompts() -> None:
    # The plain extraction of a paywalled story adds the paywall's prompts and links, short
    # lines: no sections of the article that favor_precision dropped, as a guide's are.
    prose = "\n".join(f"{PARAGRAPH} Step {n} of the story." for n in range(8))
    prompts = ["Subscribers only: log in now", "Save this article for later", "> Log in"]
    sections = [
        "Tools",
        f"{PARAGRAPH} Section 1.",
        "Materials",
        f"{PARAGRAPH} Section 2.",
        f"{PARAGRAPH} Section 3.",
    ]
    assert not page._adds_prose(prose, "\n".join([prose, *prompts, PARAGRAPH]), 6)
    assert page._adds_prose(prose, "\n".join([prose, *sections]), 6)
    assert not page._adds_prose(prose, prose, 6)  # nothing added


def _declared_listing(noun: str, summaries: list[str], paragraphs: list[str]) -> str:
    """A page that declares an article: ``paragraphs`` above a grid of entries, each a
    heading with a link (``noun`` and its number) and one of the ``summaries``."""
    entries = "".join(
        f"<article class=entry><h3><a href=/{noun.lower()}{n}>{noun} {n}</a></h3>"
        f"<div>{line}</div></article>"
        for n, line in enumerate(summaries)
    )
    text = "".join(f"<p>{line}</p>" for line in paragraphs)
    head = f'<title>Harbour {noun.lower()}s</title><meta property="og:type" content="article">'
    return _page(f"<main><div>{text}</div><section>{entries}</section></main>", head)


@pytest.mark.parametrize("paragraphs", [1, 8])
def test_a_declared_article_whose_extraction_is_the_listings_introduction_is_a_listing(
    monkeypatch: pytest.MonkeyPatch, paragraphs: int
) -> None:
    # A recipe category declares an article; favor_precision keeps its introduction, in none
    # of its eight entries: the page is a listing and the main block keeps the entries. A
    # story of eight paragraphs above the same entries is no introduction.
    summaries = [f"{PARAGRAPH} Summary {n} of the recipe." for n in range(8)]
    intro = [f"{PARAGRAPH} Part {n} of the page." for n in range(paragraphs)]
    html = _declared_listing("Recipe", summaries, intro)
    precise = "\n".join(intro)
    monkeypatch.setattr(page, "trafilatura_precision", lambda: lambda root: precise)
    monkeypatch.setattr(page, "get_backend", lambda name: lambda root: precise)
    found = read_page(html)
    assert found is not None
    if paragraphs == 1:
        assert found.extractor == "main-block"
        assert [line for line in summaries if line in found.text] == summaries
    else:
        assert (found.text, found.extractor) == (precise, "trafilatura")


@pytest.mark.parametrize("listing", [True, False])
def test_a_declared_article_whose_extraction_is_a_few_entries_of_a_listing_is_a_listing(
    monkeypatch: pytest.MonkeyPatch, listing: bool
) -> None:
    # A listing that declares itself an article: favor_precision keeps three of its eight
    # entries (each a heading with a link and a summary); the page is extracted as pages that
    # declare nothing, and the main block keeps them all. A story beside a grid of related
    # entries keeps its precise extraction: its lines are in none of them, and it is longer
    # than a listing's introduction (listing_intro_words).
    summaries = [f"{PARAGRAPH} Summary {n} of the guide." for n in range(8)]
    story = [f"{PARAGRAPH} Part {n} of the story." for n in range(2 if listing else 8)]
    html = _declared_listing("Guide", summaries, story)
    precise = "\n".join(summaries[:3] if listing else story)
    monkeypatch.setattr(page, "trafilatura_precision", lambda: lambda root: precise)
    monkeypatch.setattr(page, "get_backend", lambda name: lambda root: precise)
    found = read_page(html)
    assert found is not None and found.metadata.page_type == "article"
    if listing:
        assert found.extractor == "main-block"
        assert [line for line in summaries if line in found.text] == summaries
    else:
        assert (found.text, found.extractor) == (precise, "trafilatura")


def test_a_given_page_type_replaces_the_evidence(monkeypatch: pytest.MonkeyPatch) -> None:
    items = "".join(f"<li><a href=/{n}>Guide {n}</a> {PARAGRAPH}</li>" for n in range(6))
    html = _page(
        f"<nav><a>Home</a></nav><ul>{items}</ul>", '<meta property="og:type" content="article">'
    )
    found = read_page(html, url="https://shop.example/products/guides")
    assert found is not None
    assert (found.metadata.page_type, found.metadata.page_type_source) == ("article", "og:type")
    monkeypatch.setattr(page, "get_backend", lambda name: lambda root: PARAGRAPH)
    given = read_page(html, page_type="product")  # a product page keeps its extraction
    assert given is not None and given.text == PARAGRAPH and given.extractor == "trafilatura"
    assert (given.metadata.page_type, given.metadata.page_type_source) == ("product", "given")
    with pytest.raises(InputError, match="unknown page type 'shop'"):
        cleaner.clean(html, page_type="shop")


@pytest.mark.parametrize("declared", ["Product", "Article"])
def test_a_product_pages_customer_reviews_go_and_their_ratings_stay(declared: str) -> None:
    # A product's list of customer reviews (prose, in <div>s) is not its description; the
    # box that sums up the ratings is, and so are the press's. On a page of another type
    # "reviews" names no residue.
    about = [f"{PARAGRAPH} The kettle is part {n} of the harbour range." for n in range(8)]
    rating = "Rated 4.6 out of 5 from 132 reviews"
    reviews = [
        f"I bought this kettle for the boat {n} years ago and it still boils a litre in three"
        " minutes without a drip, even in a swell, which is more than I can say for the last one."
        for n in range(3)
    ]
    listed = "".join(f"<div class=review><div class=review-body>{r}</div></div>" for r in reviews)
    # The press's blurbs ("editorialReviews") are part of the description.
    blurbs = [
        f"{PARAGRAPH} A kettle that every harbour galley needs, wrote critic {n}." for n in range(2)
    ]
    press = "".join(f"<p>{line}</p>" for line in blurbs)
    ld = json.dumps({"@type": declared, "name": "Harbour kettle", "headline": "Harbour kettle"})
    body = "".join(f"<p>{line}</p>" for line in about)
    html = _page(
        f"<main><h1>Harbour kettle</h1>{body}<div id=editorialReviews>{press}</div>"
        f"<div class=reviews-summary><p>{rating}</p></div>"
        f"<section class=product-reviews>{listed}</section></main>",
        f'<title>Harbour kettle</title><script type="application/ld+json">{ld}</script>',
    )
    doc = Cleaner.default().clean(html)
    removed = [(r.rule, r.text) for r in doc.removed if r.text in reviews]
    if declared == "Product":
        assert [line for line in doc.text.splitlines() if line] == [*about, *blurbs, rating]
        assert removed == [("markup.reviews", review) for review in reviews]
    else:  # the extractor may leave them out, but no markup rule drops them
        assert "markup.reviews" not in {rule for rule, _ in removed}


def test_a_product_page_gets_the_description_its_markup_hides() -> None:
    # The description is in a closed tab the extractor skips (here: only in JSON-LD, with
    # markup and an entity in the string); a short one, or one the text holds, is not added.
    told = "It boils a litre in three minutes, keeps it warm for an hour and pours without drips."
    description = f"<p>A kettle of brushed steel &amp; oak.</p> <p>{told}</p>"
    specs = "".join(f"<tr><td>Spec {n}</td><td>{n} units</td></tr>" for n in range(8))
    body = f"<main><h1>Harbour kettle</h1><p>{PARAGRAPH}</p><table>{specs}</table></main>"

    def product(text: str) -> str:
        ld = json.dumps({"@type": "Product", "name": "Harbour kettle", "description": text})
        return _page(body, f'<script type="application/ld+json">{ld}</script>')

    found = read_page(product(description))
    assert found is not None and found.metadata.page_type == "product"
    assert found.text.splitlines()[0] == f"A kettle of brushed steel & oak. {told}"
    for held in ("A short description.", PARAGRAPH):
        kept = read_page(product(held))
        assert kept is not None and not kept.text.startswith(held)


def _long_page(article_body: str | None = None) -> str:
    paragraphs = "".join(f"<p>{PARAGRAPH} Paragraph {n} of the story.</p>" for n in range(20))
    head = "<title>Harbour plan wins council backing</title>"
    if article_body is not None:
        ld = json.dumps({"@type": "NewsArticle", "articleBody": article_body})
        head += f'<script type="application/ld+json">{ld}</script>'
    return _page(f"<article>{paragraphs}</article>", head)


def test_recall_fallback_replaces_a_truncated_extraction() -> None:
    pytest.importorskip("readability")
    root, _ = parse_page(_long_page())
    assert root is not None
    opening = f"{PARAGRAPH} Paragraph 0 of the story."
    body, name = page._recall_fallback(root, opening, read_metadata(root))
    assert name == "readability"
    assert body.count(PARAGRAPH) == 20


def test_recall_fallback_without_readability_uses_trafilatura_recall(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "readability", None)
    backends.get_backend.cache_clear()
    try:
        root, _ = parse_page(_long_page())
        assert root is not None
        opening = f"{PARAGRAPH} Paragraph 0 of the story."
        body, name = page._recall_fallback(root, opening, read_metadata(root))
    finally:
        backends.get_backend.cache_clear()
    assert name == "trafilatura-recall"
    assert body.count(PARAGRAPH) == 20


def test_recall_fallback_trusts_a_complete_extraction() -> None:
    root, _ = parse_page(_long_page(article_body=f"{PARAGRAPH} Paragraph 0 of the story."))
    assert root is not None
    opening = f"{PARAGRAPH} Paragraph 0 of the story."
    found = read_metadata(root)
    assert page._recall_fallback(root, opening, found) == (opening, "trafilatura")


def test_recall_fallback_keeps_a_short_article_beside_longer_other_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The longer candidate is another part of the page (teasers), not the rest of the story.
    root, _ = parse_page(_long_page())
    assert root is not None
    story_text = f"{PARAGRAPH} {PARAGRAPH} {PARAGRAPH}"
    opening = f"Harbour plan wins council backing\n{story_text}\n- The vote was 31 to 4."
    teasers = "\n".join(
        f"Teaser {n}: ferry fares, parking rules and a new bridge." for n in range(40)
    )
    notice = "This copy is for your personal, non-commercial use only."
    monkeypatch.setattr(page, "recall_backends", lambda: [("readability", lambda _: teasers)])
    found = read_metadata(root)
    assert page._recall_fallback(root, opening, found) == (opening, "trafilatura")
    # ... but a default extraction too short to be an article's opening is replaced
    assert page._recall_fallback(root, notice, found) == (teasers, "readability")
    # ... as is one that the longer candidate holds, spaced and listed its own way
    story = f"Harbour plan wins council backing {story_text}\nThe vote was 31 to 4.\n{teasers}"
    monkeypatch.setattr(page, "recall_backends", lambda: [("readability", lambda _: story)])
    assert page._recall_fallback(root, opening, found) == (story, "readability")


def test_declared_language_wins_only_over_an_unsure_detection() -> None:
    german = '<html lang="de-AT"><head><title>x</title></head><body><p>OK</p></body></html>'
    assert cleaner.clean(german, input="html").metadata.language == "de"
    english = _page(f"<p>{PARAGRAPH} {PARAGRAPH}</p>").replace("<html>", '<html lang="fr">')
    doc = cleaner.clean(english)
    assert doc.metadata.language == "en" and doc.metadata.language_probability is not None
    assert cleaner.clean(german, input="html", language="it").metadata.language == "it"


@pytest.mark.parametrize(
    "data",
    [
        "<html></html>",
        "<html><body></body></html>",
        "<!DOCTYPE html><html><head><title>x</title>",
        "<html><body><div><p>Unclosed <b>tags <i>everywhere" * 50,
        b"<html>\x00\xff\xfe<body>\x81\x8d</body>",
        "<html>" + "<div>" * 5000 + "deep" + "</div>" * 5000 + "</html>",
    ],
)
def test_broken_pages_give_a_document(data: str | bytes) -> None:
    doc = cleaner.clean(data, input="html")
    assert isinstance(doc.text, str)


def test_empty_page_gives_an_empty_body() -> None:
    doc = cleaner.clean("<!DOCTYPE html><html><head></head><body></body></html>")
    assert doc.text == "" and doc.metadata.extractor is not None


def test_huge_page_is_extracted() -> None:
    script = "<script>var data = '" + "x" * 4_000_000 + "';</script>"
    paragraphs = "".join(f"<p>{PARAGRAPH} Number {n}.</p>" for n in range(3000))
    doc = cleaner.clean(_page(f"{script}<article>{paragraphs}</article>").encode())
    assert doc.text.startswith(PARAGRAPH) and doc.text.endswith("Number 2999.")
    assert doc.metadata.word_count == 3000 * 17


def test_text_after_an_inline_image_over_10_mb_is_kept() -> None:
    # libxml2's default parser stops at an attribute of 10 MB and drops the rest of the page.
    image = '<img src="data:image/png;base64,' + "A" * 10_500_000 + '">'
    story = "".join(f"<p>{PARAGRAPH} Number {n}.</p>" for n in range(6))
    page = _page(f"<article>{story[: len(story) // 2]}{image}{story[len(story) // 2 :]}</article>")
    doc = cleaner.clean(page)
    expected = "\n\n".join(f"{PARAGRAPH} Number {n}." for n in range(6))
    assert doc.text == expected
    assert doc.metadata.extractor == "trafilatura" and doc.metadata.repairs == []
    root, whole = parse_page(page)
    assert root is not None and whole
    assert backends.get_backend("readability")(root) == expected.replace("\n\n", "\n")


@pytest.mark.parametrize("depth", [300, 2000])
def test_text_nested_deeper_than_libxml2s_default_is_extracted(depth: int) -> None:
    deep = "<div>" * depth + f"<p>{PARAGRAPH}</p>" + "</div>" * depth
    doc = cleaner.clean(_page(f"<article>{deep}<p>{PARAGRAPH} The end.</p></article>"))
    assert doc.text == f"{PARAGRAPH}\n\n{PARAGRAPH} The end."
    assert doc.metadata.extractor == "trafilatura" and doc.metadata.repairs == []


def test_text_nested_deeper_than_a_tree_holds_is_read_without_one() -> None:
    deep = "<div>" * 3000 + f"<p>{PARAGRAPH}</p>" + "</div>" * 3000
    doc = cleaner.clean(_page(f"<p>{PARAGRAPH} First.</p>{deep}<p>{PARAGRAPH} The end.</p>"))
    assert doc.text == f"{PARAGRAPH} First.\n\n{PARAGRAPH}\n\n{PARAGRAPH} The end."
    assert doc.metadata.extractor == "visible-text" and doc.metadata.repairs == ["deep_markup"]
    assert doc.metadata.title == "Harbour plan wins council backing"  # the head is read


def test_flat_visible_text_reads_markup_as_the_tree_walk_does() -> None:
    markup = (
        "<html><head><title>Not shown</title><style>p {}</style>"
        "<body><nav><a>Home</a></nav><h1>Ferry &amp; harbour</h1>"
        "<div><span>One   line</span> and <b>more</b><br>Next</div>"
        "<script>var x = '<p>no</p>';</script><noscript>Enable it</noscript>"
        "<ul><li>First</li><li>Second</li></ul></body></html>"
    )
    expected = "Home\nFerry & harbour\nOne line and more\nNext\nFirst\nSecond"
    assert visible.flat_visible_text(markup) == expected
    root, whole = parse_page(markup)
    assert root is not None and whole and visible.visible_text(root) == expected


def test_visible_lines_are_the_lines_of_visible_text_read_as_needed() -> None:
    markup = (
        "<html><body><div id='top'><h1>Ferry<br>timetable</h1>Before<!-- a note -->after"
        "<p>Line one\n  line two</p><script>hidden</script>tail of script"
        "<span>inline</span><ul><li>First</li><li></li><li>Second</li></ul></div>"
        "tail of the block</body></html>"
    )
    root, _ = parse_page(markup)
    assert root is not None
    block = root.get_element_by_id("top")
    expected = [
        "Ferry", "timetable", "Beforeafter", "Line one", "line two",
        "tail of scriptinline", "First", "Second",
    ]  # fmt: skip
    assert list(visible.visible_lines(block)) == expected
    assert visible.visible_text(block).splitlines() == expected
    read = visible.visible_lines(root)
    assert [next(read), next(read)] == ["Ferry", "timetable"]


@settings(max_examples=60, deadline=None)
@given(st.one_of(st.text(max_size=300), st.binary(max_size=300)))
def test_arbitrary_input_as_html_raises_nothing_else(data: str | bytes) -> None:
    try:
        doc = cleaner.clean(data, input="html")
    except CleanerError:
        return
    doc.text.encode("utf-8")


# -- command line ---------------------------------------------------------------------------
def _cli(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "cleaner", *args], input=stdin, capture_output=True, check=False
    )


def test_cli_reads_a_page_from_stdin() -> None:
    fixture = FIXTURES / "html" / "02_de_latin1_freibad"
    result = _cli("--format", "json", "--no-removed", stdin=(fixture / "input.html").read_bytes())
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["text"] == (fixture / "expected.txt").read_text("utf-8").removesuffix("\n")
    assert out["metadata"]["encoding"] == "cp1252"


def test_cli_input_text_keeps_markup_as_text_and_bad_backend_is_a_usage_error() -> None:
    html = _page(f"<p>{PARAGRAPH}</p>").encode()
    assert _cli("--input", "text", stdin=html).stdout.decode().startswith("<!DOCTYPE html>")
    result = _cli("--backend", "nope", stdin=html)
    assert result.returncode == 2 and b"--backend" in result.stderr
