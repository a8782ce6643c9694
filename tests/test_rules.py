"""Rules files: merging a user's file over the defaults, and clear errors for bad ones."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import lxml.html
import pytest

from cleaner import Cleaner, RulesError, load_rules
from cleaner.html.metadata import read_metadata
from cleaner.rule_files import read_toml, rules_dir
from cleaner.shape import fold_case
from tests.conftest import write_rules

ARTICLE = (
    "Reklame\n\n"
    "The council approved the new budget on Monday after a long debate.\n\n"
    "Advertisement\n\n"
    "The mayor said the vote was a turning point for the city and its people.\n"
)


def test_default_rules_load_and_name_every_filter() -> None:
    rules = load_rules()
    names = [spec.name for spec in rules.chain]
    assert names[0] == "residue"
    assert {"title", "duplicates", "trim"} <= set(names)
    assert rules.vocabulary.category("ad_label").lines


def test_user_file_adds_vocabulary(tmp_path: Path) -> None:
    path = write_rules(tmp_path, '[vocabulary.ad_label]\nlines = ["Reklame"]\n')
    doc = Cleaner.from_rules(path).clean(ARTICLE)
    assert [(r.rule, r.text) for r in doc.removed] == [
        ("residue.ad_label", "Reklame"),
        ("residue.ad_label", "Advertisement"),
    ]


def test_user_file_switches_a_filter_off(tmp_path: Path) -> None:
    path = write_rules(tmp_path, "[filters.residue]\nenabled = false\n")
    doc = Cleaner.from_rules(path).clean(ARTICLE)
    assert "Advertisement" in doc.text.split("\n\n")


def test_user_file_changes_an_option_and_the_order(tmp_path: Path) -> None:
    path = write_rules(
        tmp_path,
        '[chain]\norder = ["residue"]\n[filters.residue]\ncategories = ["caption"]\n',
    )
    cleaner = Cleaner.from_rules(path)
    assert [f.name for f in cleaner.filters] == ["residue"]
    assert "Advertisement" in cleaner.clean(ARTICLE).text


def test_user_vocabulary_file_next_to_the_rules(tmp_path: Path) -> None:
    write_rules(tmp_path, '[ad_label]\nsource = "ours"\nlines = ["Reklame"]\n', "nl.toml")
    path = write_rules(tmp_path, '[settings]\nvocabularies = ["en", "nl.toml"]\n')
    doc = Cleaner.from_rules(path).clean(ARTICLE)
    assert "Reklame" not in doc.text and "Advertisement" not in doc.text


@pytest.mark.parametrize(
    ("content", "key", "problem"),
    [
        ("[settings\n", "", "not valid TOML"),
        ("[nonsense]\n", "nonsense", "unknown key"),
        ("[settings]\nmin_body_words = 'eight'\n", "settings.min_body_words", "must be an integer"),
        ("[settings]\nmin_body_words = 0\n", "settings.min_body_words", "at least 1"),
        ("[repair]\nmojibake = 1\n", "repair.mojibake", "true or false"),
        ("[repair]\nspelling = true\n", "repair.spelling", "unknown key"),
        ('[chain]\norder = ["nothing"]\n', "chain.order", "no [filters.nothing]"),
        (
            '[filters.x]\nkind = "magic"\n[chain]\norder = ["x"]\n',
            "filters.x.kind",
            "unknown filter kind",
        ),
        ("[filters.trim]\nhead_max = 3\n", "filters.trim.head_max", "unknown key"),
        ("[filters.trim]\ntail_max_words = -1\n", "filters.trim.tail_max_words", "negative"),
        (
            "[filters.video]\nduration_pattern = '(('\n",
            "filters.video.duration_pattern",
            "bad regular expression",
        ),
        (
            "[vocabulary.ad_label]\npatterns = ['[a-']\n",
            "vocabulary.ad_label.patterns",
            "bad regular expression",
        ),
        (
            "[vocabulary.ad_label]\nlines = 'Reklame'\n",
            "vocabulary.ad_label.lines",
            "list of strings",
        ),
        ("[vocabulary.months]\nmaart = 13\n", "vocabulary.months.maart", "month number"),
        (
            "[vocabulary.date_prefix]\nlines = ['Gepost']\nday_first = 'yes'\n",
            "vocabulary.date_prefix.day_first",
            "true or false",
        ),
        (
            '[settings]\nvocabularies = ["../../etc/passwd"]\n',
            "settings.vocabularies",
            "not a vocabulary name",
        ),
        ('[settings]\nvocabularies = ["xx"]\n', "settings.vocabularies", "no shipped vocabulary"),
        ("[filters.trim]\non_extracted = 1\n", "filters.trim.on_extracted", "true or false"),
        ("[filters.page]\nstopwords = 'en'\n", "filters.page.stopwords", "a list of strings"),
        ("[filters.title]\nmin_words = 2.5\n", "filters.title.min_words", "an integer"),
        (
            '[filters.extra]\nkind = "dateline"\nmax_words = 3\n[chain]\norder = ["extra"]\n',
            "filters.extra.max_words",
            "unknown key",
        ),
        (
            "[vocabulary.date_words]\nbefore = ['kello']\n",
            "vocabulary.date_words.before",
            "unknown key",
        ),
        (
            "[vocabulary.date_words]\nunit_dates = ['年月日']\n",
            "vocabulary.date_words.unit_dates",
            "three units",
        ),
        (
            "[vocabulary.name_words]\njoiners = 'og'\n",
            "vocabulary.name_words.joiners",
            "list of strings",
        ),
        ("[html.nonsense]\nx = 1\n", "html.nonsense", "unknown key"),
        ("[html.markup]\nmax_text_share = 'high'\n", "html.markup.max_text_share", "a number"),
        ("[html.markup.words]\nad = 'ads'\n", "html.markup.words.ad", "a list of strings"),
        (
            "[html.extraction]\nmain_block_shares = ['half']\n",
            "html.extraction.main_block_shares",
            "a list of numbers",
        ),
        ("[page_types]\ntypes = 'forum'\n", "page_types.types", "a list of strings"),
        ("[page_types.schema]\nforum = 3\n", "page_types.schema.forum", "a list of strings"),
        (
            '[filters.page]\nstopwords = ["../xx.txt"]\n',
            "filters.page.stopwords",
            "in the rules file's folder or below",
        ),
        (
            "[vocabulary.add_label]\nlines = ['Sponsored']\n",
            "vocabulary.add_label",
            "no filter of the chain reads category 'add_label'",
        ),
    ],
)
def test_bad_rules_file_names_file_key_and_problem(
    tmp_path: Path, content: str, key: str, problem: str
) -> None:
    path = write_rules(tmp_path, content)
    with pytest.raises(RulesError) as raised:
        Cleaner.from_rules(path)
    error = raised.value
    assert error.source == str(path)
    assert error.key == key
    assert problem in error.problem
    assert str(path) in str(error)


def test_missing_rules_file() -> None:
    with pytest.raises(RulesError, match="no such file"):
        load_rules("/nonexistent/rules.toml")


def test_cleaner_pickles_and_cleans_the_same(default_cleaner: Cleaner) -> None:
    copy = pickle.loads(pickle.dumps(default_cleaner))
    assert copy.clean(ARTICLE).as_dict() == default_cleaner.clean(ARTICLE).as_dict()


def test_shipped_vocabularies_agree_on_every_month_name() -> None:
    # Vocabularies are merged in order, so a month name two languages read differently would
    # silently take the last file's number.
    seen: dict[str, tuple[int, str]] = {}
    for path in sorted((rules_dir() / "vocab").glob("*.toml")):
        for name, number in read_toml(path).get("months", {}).items():
            key = fold_case(name)
            first = seen.setdefault(key, (number, path.stem))
            assert first[0] == number, f"{name!r}: {first[1]} says {first[0]}, {path.stem} {number}"
    assert seen["mar"][0] == 3  # the files were read


PAGE = (
    "<html><head><title>Club news</title></head><body><article><h1>Club news</h1>"
    "<p>The club met on Monday evening and chose a new board for the coming season, "
    "after a long and friendly debate about the budget and the plans for the hall.</p>"
    "<div class='zzpromo'>Get the club mug today for only five euros at the bar.</div>"
    "<p>The new board takes over in May and will report to the members in the autumn, "
    "when the accounts of the year are closed and the hall has been painted.</p>"
    "</article></body></html>"
)


def test_user_file_overrides_html_and_page_type_rules(tmp_path: Path) -> None:
    """[html.*] and [page_types] of a rules file merge over rules/html.toml and
    rules/page_types.toml: a new class word of residue markup, a new URL word of a type."""
    url = "https://club.example/board/42"
    shipped = Cleaner.default().clean(PAGE, url=url)
    assert shipped.metadata.page_type_source == "default"
    assert "club mug" in shipped.text
    path = write_rules(
        tmp_path,
        '[html.markup.words]\nad = ["zzpromo"]\n[page_types.url]\nforum = ["board"]\n',
    )
    doc = Cleaner.from_rules(path).clean(PAGE, url=url)
    assert (doc.metadata.page_type, doc.metadata.page_type_source) == ("forum", "url")
    assert "club mug" not in doc.text
    assert any(r.rule == "markup.ad" and "club mug" in r.text for r in doc.removed)


def test_user_file_names_its_own_stop_word_list(tmp_path: Path) -> None:
    (tmp_path / "stopwords").mkdir()
    (tmp_path / "stopwords" / "xx.txt").write_text("# Source: test\nblo\nbli\n", "utf-8")
    path = write_rules(tmp_path, '[filters.page]\nstopwords = ["en", "stopwords/xx.txt"]\n')
    page = next(f for f in Cleaner.from_rules(path).filters if f.name == "page")
    stopwords = page.whole_page.stopwords  # type: ignore[attr-defined]
    assert stopwords.languages == ("en", "xx")
    assert stopwords.is_stop_word("blo", "xx")


def test_each_filter_gets_one_typed_options_object() -> None:
    """Options are stated once, in rules/default.toml, and checked into the kind's Options
    dataclass: lists become tuples, every field is set."""
    page = next(spec for spec in load_rules().chain if spec.name == "page")
    assert type(page.options).__name__ == "WholePageOptions"
    assert page.options.stopwords[:3] == ("en", "de", "fr")
    assert len(page.options.stopwords) == 20
    with pytest.raises(dataclasses.FrozenInstanceError):
        page.options.stopwords = ("en",)


def test_a_new_filter_of_a_kind_starts_from_the_shipped_options(tmp_path: Path) -> None:
    path = write_rules(
        tmp_path,
        '[filters.trim_again]\nkind = "trim"\nhead_max_words = 3\n'
        '[chain]\norder = ["trim", "trim_again"]\n',
    )
    trim, again = load_rules(path).chain
    assert again.options == dataclasses.replace(trim.options, head_max_words=3)


def test_user_file_adds_date_and_name_words(tmp_path: Path) -> None:
    """Words dates and bylines are written with are vocabulary data ([date_words],
    [name_words]), so a rules file can add a language's."""
    text = "By Anna og Peter\n\n12 March 2024 kello 14:05\n\n" + ARTICLE
    shipped = Cleaner.default().clean(text, language="en").metadata
    assert shipped.author is None and shipped.date is None
    path = write_rules(
        tmp_path,
        "[vocabulary.name_words]\njoiners = ['og']\n"
        "[vocabulary.date_words]\nbefore_time = ['kello']\n",
    )
    found = Cleaner.from_rules(path).clean(text, language="en").metadata
    assert (found.author, found.date) == ("Anna og Peter", "2024-03-12T14:05")


def test_date_notes_are_stated_once(tmp_path: Path) -> None:
    """The notes a date line may end with are the date filter's ``note_categories``,
    which the byline filter's date lines follow too."""
    text = "March 12, 2024 • 4 min read by admin\n\n" + ARTICLE
    shipped = Cleaner.default().clean(text, language="en").metadata
    assert (shipped.author, shipped.date) == ("admin", "2024-03-12")
    path = write_rules(tmp_path, "[filters.dates]\nnote_categories = []\n")
    found = Cleaner.from_rules(path).clean(text, language="en").metadata
    assert (found.author, found.date) == (None, None)


def test_page_header_reads_the_filters_categories(tmp_path: Path) -> None:
    """A page's header is read with the byline and date filters' label categories, named
    in the rules only."""
    page = (
        "<html><body><article><h1>Harbour plan passes</h1><p>Scribbled Jane Doe</p>"
        "<p>Updated 12 March 2024</p><p>The council met on Monday to vote on the harbour"
        " plan, which passed easily.</p></article></body></html>"
    )
    shipped = read_metadata(lxml.html.fromstring(page), load_rules().vocabulary)
    assert (shipped.author, shipped.date) == (None, "2024-03-12")
    path = write_rules(
        tmp_path,
        '[filters.bylines]\nprefix_category = "scribbled"\n'
        '[vocabulary.scribbled]\nlines = ["Scribbled"]\n',
    )
    found = read_metadata(lxml.html.fromstring(page), load_rules(path).vocabulary)
    assert (found.author, found.date) == ("Jane Doe", "2024-03-12")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[filters.residue]\nkind = "vocabulary"\n', "'vocabulary' is the old name of filter kind"),
        ('[filters.page]\nkind = "page"\n', "'page' is the old name of filter kind 'whole_page'"),
        (
            "[filters.trim]\non_pages = false\n",
            "'on_pages' is the old name of option 'on_extracted'",
        ),
    ],
)
def test_old_names_are_read_with_a_warning(tmp_path: Path, content: str, message: str) -> None:
    """Renamed kinds ("vocabulary" is "residue", "page" is "whole_page") and options
    ("on_pages" is "on_extracted") of a user's file still work, with a FutureWarning."""
    path = write_rules(tmp_path, content)
    with pytest.warns(FutureWarning, match=message):
        rules = load_rules(path)
    assert rules.chain == load_rules().chain
