"""Properties over generated input: idempotence, nothing invented or reordered, no crash."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, CleanerError

BODY_WORDS = ["the", "council", "said", "on", "Monday", "that", "harbour", "plan", "would"]
# Lines of the kinds the filters judge, so that generated documents exercise the chain.
LINE_KINDS = st.one_of(
    st.sampled_from(
        [
            "Advertisement",
            "Latest",
            "Read more",
            "03:34",
            "Sign up to our free newsletters",
            "Please select at least one mailing list.",
            "Follow us on: Facebook, Twitter",
            "By Jane Doe",
            "Published: 13 Sep 2023, 3:51 PM",
            "Wednesday, July 3, 2024",
            "World News",
            "4",
            "Additional reporting by Reuters",
            "A photo of the harbour at dawn. Photo: Jane Doe/Agency",
            "",
            "\u00a0",
        ]
    ),
    st.lists(
        st.sampled_from(BODY_WORDS),
        min_size=1,
        max_size=25,
    ).map(lambda words: " ".join(words).capitalize() + "."),
    st.lists(
        st.sampled_from(["Harbour", "Plan", "Council", "Vote", "Mayor", "City", "Port", "Workers"]),
        min_size=1,
        max_size=12,
    ).map(" ".join),
    st.text(max_size=80),
)
DOCUMENTS = st.lists(LINE_KINDS, max_size=40).map("\n".join)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(DOCUMENTS)
def test_cleaning_is_idempotent(text: str) -> None:
    cleaner = Cleaner.default()
    once = cleaner.clean(text, language="en").text
    assert cleaner.clean(once, language="en").text == once


@FAST
@given(DOCUMENTS)
def test_output_is_an_ordered_selection_of_repaired_lines(text: str) -> None:
    doc = Cleaner.default().clean(text, language="en")
    kept = doc.text.split("\n\n") if doc.text else []
    repaired = iter(doc.lines)
    assert all(any(line == candidate for candidate in repaired) for line in kept)
    removed = {r.line - 1 for r in doc.removed}
    assert len(kept) + len(removed) == sum(1 for line in doc.lines if line)


@FAST
@given(st.one_of(st.text(), st.binary()))
def test_arbitrary_input_gives_a_document(data: str | bytes) -> None:
    try:
        doc = Cleaner.default().clean(data)
    except CleanerError:
        return
    assert isinstance(doc.text, str)
    doc.text.encode("utf-8")
