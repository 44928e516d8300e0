"""The figures datasets/README.md shows are the default run's: its tables are read from the
Markdown and compared with the command line's output.

- "Counts of the generated register": units, vacant and rate in 2025, units and vacant in
  2024, opened and closed, per kern, outside every kern and in total -- against the internal
  run's kern_indicators.csv, vacancy_change.csv and vacancy_total.csv, and against the
  published run wherever it publishes the value;
- the SBI sections in 2025 per kern: against n_sbi_* of kern_indicators.csv;
- the sentence after the table (newly vacant, re-occupied, vacant in both, vacant without a
  vacant_since date).
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from conftest import REPO

CARD = REPO / "datasets" / "README.md"
OUTSIDE = {"outside every kern": "buitengebied", "outside": "buitengebied", "**total**": "total"}


def markdown_table(after_heading_or_line: str) -> pd.DataFrame:
    """The first Markdown table after the line that starts with `after_heading_or_line`."""
    lines = CARD.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(after_heading_or_line))
    first = next(i for i in range(start, len(lines)) if lines[i].startswith("|"))
    rows = []
    for line in lines[first:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    header, body = rows[0], [r for r in rows[2:]]
    return pd.DataFrame(body, columns=header)


def kern_code(label: str) -> str:
    """'Ankeveen (ANK)' -> ANK; 'ANK' -> ANK; outside / total rows by name."""
    if label in OUTSIDE:
        return OUTSIDE[label]
    match = re.search(r"\(([A-Z]{3})\)$", label)
    return match.group(1) if match else label


def number(text: str) -> int:
    return int(text.strip("*").replace(",", ""))


def read(out, name):
    return pd.read_csv(out / name, dtype={"kern_code": str}, keep_default_na=False, na_values=[""])


@pytest.fixture(scope="module")
def counts():
    table = markdown_table("## Counts of the generated register")
    table.index = table["kern"].map(kern_code)
    return table


def engine_counts(out) -> pd.DataFrame:
    """The card's columns from a run's output, by kern code (and 'total')."""
    kern = read(out, "kern_indicators.csv").set_index("kern_code")
    change = read(out, "vacancy_change.csv").set_index("kern_code")
    total = read(out, "vacancy_total.csv").iloc[0]
    frame = pd.DataFrame({
        "units 2025": kern["n_units_with_status"], "vacant 2025": kern["n_vacant"],
        "rate 2025": kern["vacancy_rate_units"], "units 2024": change["n_units_t0"],
        "vacant 2024": change["n_vacant_t0"], "opened": change["opened"], "closed": change["closed"],
    })
    # The change table has no total row: the kern rows' sum (empty when one is withheld).
    frame.loc["total"] = [total["n_units_with_status"], total["n_vacant"], total["vacancy_rate_units"],
                          *(change[c].sum(skipna=False) for c in ["n_units_t0", "n_vacant_t0", "opened", "closed"])]
    return frame


def compare(card: pd.DataFrame, engine: pd.DataFrame, *, published_only: bool) -> list[str]:
    differences = []
    for code, row in card.iterrows():
        for column in ["units 2025", "vacant 2025", "units 2024", "vacant 2024", "opened", "closed"]:
            value = engine.loc[code, column]
            if published_only and pd.isna(value):
                continue
            if value != number(row[column]):
                differences.append(f"{code} {column}: card {row[column]}, run {value}")
        rate = engine.loc[code, "rate 2025"]
        shown = row["rate 2025"].strip("*")
        if published_only and pd.isna(rate):
            continue
        # The card shows "–" for a kern without vacancy that is not worth a rate (outside).
        expected = "–" if code == "buitengebied" and rate == 0 else f"{100 * rate:.1f}%"
        if shown != expected:
            differences.append(f"{code} rate 2025: card {shown}, run {expected}")
    return differences


def test_card_counts_equal_the_internal_run(counts, default_runs):
    engine = engine_counts(default_runs["internal"])
    assert list(counts.index) == [*engine.index[:-1], "total"]
    assert compare(counts, engine, published_only=False) == []


def test_card_counts_equal_the_published_run_where_published(counts, default_runs):
    engine = engine_counts(default_runs["published"])
    assert compare(counts, engine, published_only=True) == []
    # What the published run withholds: Breukeleveen and buitengebied (docs/disclosure.md).
    assert set(engine.index[engine["vacant 2025"].isna()]) == {"BRV", "buitengebied"}


def test_card_sectors_equal_the_run(default_runs):
    table = markdown_table("SBI sections in 2025")
    kern = read(default_runs["internal"], "kern_indicators.csv").set_index("kern_code")
    sections = [c for c in table.columns if c != "kern"]
    assert sections == list("ACFGHIJKLMNPQRS")
    for _, row in table.iterrows():
        code = kern_code(row["kern"])
        for section in sections:
            assert kern.loc[code, f"n_sbi_{section}"] == number(row[section]), (code, section)
    # The card leaves out sections without any establishment: they are 0 in the run.
    others = [c for c in kern.columns if c.startswith("n_sbi_") and c[len("n_sbi_"):] not in sections]
    assert (kern[others] == 0).all().all()


def test_card_sentence_equals_the_run(default_runs):
    text = " ".join(CARD.read_text(encoding="utf-8").split())
    match = re.search(r"there are (\d+) newly vacant units, (\d+) re-occupied units and (\d+) units vacant in "
                      r"both\. Of the (\d+) vacant units in 2025, (\d+) have no `vacant_since`", text)
    assert match, "the sentence after the counts table changed: update this test"
    newly, re_occupied, both, vacant, unknown = map(int, match.groups())
    change = read(default_runs["internal"], "vacancy_change.csv")
    total = read(default_runs["internal"], "vacancy_total.csv").iloc[0]
    assert (change["newly_vacant"].sum(), change["re_occupied"].sum(), change["still_vacant"].sum()) == (
        newly, re_occupied, both)
    assert (total["n_vacant"], total["n_duration_unknown"]) == (vacant, unknown)
