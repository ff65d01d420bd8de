"""The release list's one row per statement: which version stands for a statement, and
what a row shows of its statement (its group, its versions' languages).

A statement's row is its first version (lowest id) among those that pass the list's search
and language filter: a search finds a statement through any of its versions and shows the
version it found; a statement none of whose versions pass is not listed. A release in no
group is its own statement.
"""

from __future__ import annotations

# The summary's columns of the release ``r``: its group and its statement's languages.
STATEMENT_COLUMNS = (
    "(SELECT group_id FROM statement_members WHERE release_id = r.id), "
    "(SELECT group_concat(language, ' ') FROM (SELECT v.language FROM statement_members s "
    "JOIN statement_members o ON o.group_id = s.group_id JOIN releases v ON v.id = o.release_id "
    "WHERE s.release_id = r.id AND v.language IS NOT NULL ORDER BY v.language))"
)


def statement_conditions(searches: bool, languages: tuple[str, ...]) -> tuple[str, list[object]]:
    """The condition keeping only the release that stands for its statement, and its
    parameters; a search's expression is a ``None`` parameter (store.releases fills it)."""
    tests, params = [], []
    if searches:
        tests.append("o.release_id IN (SELECT rowid FROM releases_fts WHERE releases_fts MATCH ?)")
        params.append(None)
    if languages:
        marks = ", ".join("?" * len(languages))
        tests.append(f"(SELECT language FROM releases WHERE id = o.release_id) IN ({marks})")
        params.extend(language.lower() for language in languages)
    also = "".join(f" AND {test}" for test in tests)
    condition = (
        "NOT EXISTS (SELECT 1 FROM statement_members s JOIN statement_members o "
        "ON o.group_id = s.group_id AND o.release_id < s.release_id "
        f"WHERE s.release_id = r.id{also})"
    )
    return condition, params


# How many releases fewer the statements are than the releases: each group stands for one of
# its members (a release is in one group at most, a group has two members at least).
VERSIONS_BEYOND_THE_FIRST = "SELECT count(*) - count(DISTINCT group_id) FROM statement_members"
