"""The store's schema as numbered migrations; ``PRAGMA user_version`` says which have run.

Each migration is a list of statements run in one IMMEDIATE transaction. Never edit a
migration that has shipped: add the next one.
"""

from __future__ import annotations

APPLICATION_ID = 0x436F6D44  # "ComD": marks a file as a Communiqué Desk store

MIGRATIONS: list[list[str]] = [
    # 1: releases, their originals and earlier versions, the codebook, highlights, search.
    [
        """CREATE TABLE releases (
            id INTEGER PRIMARY KEY,
            identity TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            date TEXT,
            source TEXT,
            url TEXT,
            language TEXT,
            body_markdown TEXT NOT NULL,
            text TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            origin_file TEXT,
            imported_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            highlight_count INTEGER NOT NULL DEFAULT 0
        )""",
        "CREATE INDEX releases_highlight_count ON releases(highlight_count, date)",
        "CREATE INDEX releases_date ON releases(date DESC, id DESC)",
        "CREATE INDEX releases_source ON releases(source, date DESC)",
        "CREATE INDEX releases_title ON releases(title COLLATE NOCASE)",
        """CREATE TABLE originals (
            release_id INTEGER PRIMARY KEY REFERENCES releases(id) ON DELETE CASCADE,
            format TEXT NOT NULL,
            raw TEXT NOT NULL,
            origin_file TEXT
        )""",
        """CREATE TABLE release_versions (
            id INTEGER PRIMARY KEY,
            release_id INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
            title TEXT NOT NULL,
            date TEXT,
            body_markdown TEXT NOT NULL,
            text TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            origin_file TEXT,
            imported_at TEXT NOT NULL,
            replaced_at TEXT NOT NULL
        )""",
        "CREATE INDEX release_versions_release ON release_versions(release_id, id)",
        """CREATE TABLE tags (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
            colour TEXT NOT NULL DEFAULT '#f5c518',
            parent_id INTEGER REFERENCES tags(id) ON DELETE SET NULL,
            description TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX tags_parent ON tags(parent_id)",
        """CREATE TABLE highlights (
            id INTEGER PRIMARY KEY,
            release_id INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            quote TEXT NOT NULL,
            prefix TEXT NOT NULL DEFAULT '',
            suffix TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            orphaned INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK (start >= 0 AND "end" > start)
        )""",
        "CREATE INDEX highlights_release ON highlights(release_id, start)",
        """CREATE TABLE highlight_tags (
            highlight_id INTEGER NOT NULL REFERENCES highlights(id) ON DELETE CASCADE,
            tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
            PRIMARY KEY (highlight_id, tag_id)
        ) WITHOUT ROWID""",
        "CREATE INDEX highlight_tags_tag ON highlight_tags(tag_id, highlight_id)",
        # releases.highlight_count counts anchored highlights, kept by triggers so that the
        # list can sort and filter on it at a million releases without counting.
        """CREATE TRIGGER highlights_count_insert AFTER INSERT ON highlights
        WHEN new.orphaned = 0 BEGIN
            UPDATE releases SET highlight_count = highlight_count + 1 WHERE id = new.release_id;
        END""",
        """CREATE TRIGGER highlights_count_delete AFTER DELETE ON highlights
        WHEN old.orphaned = 0 BEGIN
            UPDATE releases SET highlight_count = highlight_count - 1 WHERE id = old.release_id;
        END""",
        """CREATE TRIGGER highlights_count_orphaned AFTER UPDATE OF orphaned ON highlights
        WHEN new.orphaned != old.orphaned BEGIN
            UPDATE releases SET highlight_count = highlight_count
                + CASE WHEN new.orphaned THEN -1 ELSE 1 END
            WHERE id = new.release_id;
        END""",
        # Full-text search over title and canonical text, kept in step by triggers.
        """CREATE VIRTUAL TABLE releases_fts USING fts5(
            title, text, content='releases', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        )""",
        """CREATE TRIGGER releases_fts_insert AFTER INSERT ON releases BEGIN
            INSERT INTO releases_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
        END""",
        """CREATE TRIGGER releases_fts_delete AFTER DELETE ON releases BEGIN
            INSERT INTO releases_fts(releases_fts, rowid, title, text)
            VALUES ('delete', old.id, old.title, old.text);
        END""",
        """CREATE TRIGGER releases_fts_update AFTER UPDATE OF title, text ON releases BEGIN
            INSERT INTO releases_fts(releases_fts, rowid, title, text)
            VALUES ('delete', old.id, old.title, old.text);
            INSERT INTO releases_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
        END""",
        # One row per tagged excerpt, for people who open the file in Datasette.
        """CREATE VIEW excerpts AS
            SELECT highlights.id AS highlight_id, tags.name AS tag, highlights.quote,
                   highlights.note, releases.title AS release_title, releases.date,
                   releases.source, releases.url, releases.id AS release_id,
                   highlights.start, highlights."end"
            FROM highlights
            JOIN highlight_tags ON highlight_tags.highlight_id = highlights.id
            JOIN tags ON tags.id = highlight_tags.tag_id
            JOIN releases ON releases.id = highlights.release_id
            WHERE highlights.orphaned = 0""",
    ],
    # 2: indexes for the release list's sorts that read a whole million-row table without
    # them. An index serves an ORDER BY read forwards or backwards, so a sort whose second
    # key keeps its direction (newest first) while the first key flips needs one index per
    # direction (the old source index is not case-insensitive and puts no-source last in
    # neither direction).
    [
        "CREATE INDEX releases_highlight_count_asc ON releases(highlight_count, date DESC)",
        """CREATE INDEX releases_source_sort_asc
            ON releases(source IS NULL, source COLLATE NOCASE, date DESC)""",
        """CREATE INDEX releases_source_sort_desc
            ON releases(source IS NULL, source COLLATE NOCASE DESC, date DESC)""",
    ],
    # 3: the few orphaned highlights, indexed, so that a tag's count of anchored highlights
    # reads only the tag's own index entries instead of looking up every highlight it
    # carries, for the codebook's counts at start-up and after every highlight saved.
    ["CREATE INDEX highlights_orphaned ON highlights(id) WHERE orphaned = 1"],
    # 4: the number of releases, kept by triggers: the unfiltered list shows it at start-up,
    # and count(*) reads a whole index.
    [
        """CREATE TABLE store_counts (
            name TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        ) WITHOUT ROWID""",
        "INSERT INTO store_counts(name, value) SELECT 'releases', count(*) FROM releases",
        """CREATE TRIGGER releases_count_insert AFTER INSERT ON releases BEGIN
            UPDATE store_counts SET value = value + 1 WHERE name = 'releases';
        END""",
        """CREATE TRIGGER releases_count_delete AFTER DELETE ON releases BEGIN
            UPDATE store_counts SET value = value - 1 WHERE name = 'releases';
        END""",
    ],
    # 5: counts the filters need at a million releases, kept by triggers: releases per
    # source (the source list grouped every release), the number of excerpts, releases per
    # topic (the tag filter looked up every highlight carrying the topic), and the releases
    # that have excerpts in reading order (the excerpts view sorted all of them for its
    # first page).
    [
        """CREATE TABLE source_counts (
            source TEXT PRIMARY KEY,
            releases INTEGER NOT NULL
        ) WITHOUT ROWID""",
        """INSERT INTO source_counts(source, releases)
            SELECT source, count(*) FROM releases WHERE source IS NOT NULL GROUP BY source""",
        """CREATE TRIGGER source_counts_insert AFTER INSERT ON releases
        WHEN new.source IS NOT NULL BEGIN
            INSERT INTO source_counts(source, releases) VALUES (new.source, 1)
            ON CONFLICT(source) DO UPDATE SET releases = releases + 1;
        END""",
        """CREATE TRIGGER source_counts_delete AFTER DELETE ON releases
        WHEN old.source IS NOT NULL BEGIN
            UPDATE source_counts SET releases = releases - 1 WHERE source = old.source;
            DELETE FROM source_counts WHERE source = old.source AND releases = 0;
        END""",
        """CREATE TRIGGER source_counts_update AFTER UPDATE OF source ON releases
        WHEN old.source IS NOT new.source BEGIN
            UPDATE source_counts SET releases = releases - 1 WHERE source = old.source;
            DELETE FROM source_counts WHERE source = old.source AND releases = 0;
            INSERT INTO source_counts(source, releases) SELECT new.source, 1
            WHERE new.source IS NOT NULL
            ON CONFLICT(source) DO UPDATE SET releases = releases + 1;
        END""",
        # The number of excerpts (anchored highlights), beside the number of releases.
        """INSERT INTO store_counts(name, value)
            SELECT 'excerpts', count(*) FROM highlights WHERE orphaned = 0""",
        """CREATE TRIGGER excerpts_count_insert AFTER INSERT ON highlights
        WHEN new.orphaned = 0 BEGIN
            UPDATE store_counts SET value = value + 1 WHERE name = 'excerpts';
        END""",
        """CREATE TRIGGER excerpts_count_delete AFTER DELETE ON highlights
        WHEN old.orphaned = 0 BEGIN
            UPDATE store_counts SET value = value - 1 WHERE name = 'excerpts';
        END""",
        """CREATE TRIGGER excerpts_count_orphaned AFTER UPDATE OF orphaned ON highlights
        WHEN new.orphaned != old.orphaned BEGIN
            UPDATE store_counts SET value = value
                + CASE WHEN new.orphaned THEN -1 ELSE 1 END
            WHERE name = 'excerpts';
        END""",
        # One row per topic used in a release: how many of its anchored highlights carry it.
        # Keyed like highlight_tags: a release's topics together (the list walking its order
        # tests each release), and an index for a topic's releases (counting them).
        """CREATE TABLE release_tags (
            release_id INTEGER NOT NULL,
            tag_id INTEGER NOT NULL,
            excerpts INTEGER NOT NULL,
            PRIMARY KEY (release_id, tag_id)
        ) WITHOUT ROWID""",
        "CREATE INDEX release_tags_tag ON release_tags(tag_id, release_id)",
        """INSERT INTO release_tags(release_id, tag_id, excerpts)
            SELECT h.release_id, ht.tag_id, count(*) FROM highlight_tags ht
            JOIN highlights h ON h.id = ht.highlight_id WHERE h.orphaned = 0
            GROUP BY h.release_id, ht.tag_id""",
        """CREATE TRIGGER release_tags_tagged AFTER INSERT ON highlight_tags BEGIN
            INSERT INTO release_tags(tag_id, release_id, excerpts)
            SELECT new.tag_id, release_id, 1 FROM highlights
            WHERE id = new.highlight_id AND orphaned = 0
            ON CONFLICT(release_id, tag_id) DO UPDATE SET excerpts = excerpts + 1;
        END""",
        # A highlight or a tag deleted with its links (by cascade) is gone before its links
        # are: their own triggers count those at once, this one a tag taken off alone.
        """CREATE TRIGGER release_tags_tag_deleted BEFORE DELETE ON tags BEGIN
            DELETE FROM release_tags WHERE tag_id = old.id;
        END""",
        """CREATE TRIGGER release_tags_untagged AFTER DELETE ON highlight_tags
        WHEN EXISTS (SELECT 1 FROM tags WHERE id = old.tag_id) BEGIN
            UPDATE release_tags SET excerpts = excerpts - 1 WHERE tag_id = old.tag_id
            AND release_id = (SELECT release_id FROM highlights
                              WHERE id = old.highlight_id AND orphaned = 0);
            DELETE FROM release_tags WHERE tag_id = old.tag_id AND excerpts = 0
            AND release_id = (SELECT release_id FROM highlights WHERE id = old.highlight_id);
        END""",
        """CREATE TRIGGER release_tags_retagged AFTER UPDATE ON highlight_tags BEGIN
            UPDATE release_tags SET excerpts = excerpts - 1 WHERE tag_id = old.tag_id
            AND release_id = (SELECT release_id FROM highlights
                              WHERE id = old.highlight_id AND orphaned = 0);
            DELETE FROM release_tags WHERE tag_id = old.tag_id AND excerpts = 0
            AND release_id = (SELECT release_id FROM highlights WHERE id = old.highlight_id);
            INSERT INTO release_tags(tag_id, release_id, excerpts)
            SELECT new.tag_id, release_id, 1 FROM highlights
            WHERE id = new.highlight_id AND orphaned = 0
            ON CONFLICT(release_id, tag_id) DO UPDATE SET excerpts = excerpts + 1;
        END""",
        """CREATE TRIGGER release_tags_highlight_deleted BEFORE DELETE ON highlights
        WHEN old.orphaned = 0 BEGIN
            UPDATE release_tags SET excerpts = excerpts - 1 WHERE release_id = old.release_id
            AND tag_id IN (SELECT tag_id FROM highlight_tags WHERE highlight_id = old.id);
            DELETE FROM release_tags WHERE release_id = old.release_id AND excerpts = 0
            AND tag_id IN (SELECT tag_id FROM highlight_tags WHERE highlight_id = old.id);
        END""",
        # Orphaned or anchored again (or, by hand, moved to another release).
        """CREATE TRIGGER release_tags_highlight_moved AFTER UPDATE OF orphaned, release_id
        ON highlights WHEN old.orphaned != new.orphaned OR old.release_id != new.release_id
        BEGIN
            UPDATE release_tags SET excerpts = excerpts - 1
            WHERE old.orphaned = 0 AND release_id = old.release_id
            AND tag_id IN (SELECT tag_id FROM highlight_tags WHERE highlight_id = old.id);
            DELETE FROM release_tags WHERE release_id = old.release_id AND excerpts = 0
            AND tag_id IN (SELECT tag_id FROM highlight_tags WHERE highlight_id = old.id);
            INSERT INTO release_tags(tag_id, release_id, excerpts)
            SELECT tag_id, new.release_id, 1 FROM highlight_tags
            WHERE new.orphaned = 0 AND highlight_id = new.id
            ON CONFLICT(release_id, tag_id) DO UPDATE SET excerpts = excerpts + 1;
        END""",
        # The releases that have excerpts, in the excerpts' reading order (undated last):
        # the first page of excerpts walks it instead of sorting every excerpt.
        """CREATE INDEX releases_excerpt_order ON releases(date IS NULL, date, id)
            WHERE highlight_count > 0""",
    ],
    # 6: the search index again, with prefix indexes for words of one to three characters.
    # The window searches as the analyst types, the last word as a prefix ("the" finds
    # "these"); without them FTS5 merges the index entries of every word with that prefix
    # on each query and cannot look up one release cheaply, so the list could not take the
    # newest matches first. The index grows about 2.7 times; the rebuild reads every
    # release once.
    [
        "DROP TABLE releases_fts",
        """CREATE VIRTUAL TABLE releases_fts USING fts5(
            title, text, content='releases', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2', prefix='1 2 3'
        )""",
        "INSERT INTO releases_fts(releases_fts) VALUES ('rebuild')",
    ],
    # 7: each topic's anchored highlights, kept from release_tags by triggers: the codebook
    # shows them at start-up and after every highlight saved, and counting them through the
    # tags' index was the part of the first paint that grew with the store.
    [
        """CREATE TABLE tag_counts (
            tag_id INTEGER PRIMARY KEY REFERENCES tags(id) ON DELETE CASCADE,
            excerpts INTEGER NOT NULL
        )""",
        """INSERT INTO tag_counts(tag_id, excerpts)
            SELECT tag_id, sum(excerpts) FROM release_tags GROUP BY tag_id""",
        """CREATE TRIGGER tag_counts_added AFTER INSERT ON release_tags BEGIN
            INSERT INTO tag_counts(tag_id, excerpts) VALUES (new.tag_id, new.excerpts)
            ON CONFLICT(tag_id) DO UPDATE SET excerpts = excerpts + new.excerpts;
        END""",
        """CREATE TRIGGER tag_counts_changed AFTER UPDATE ON release_tags BEGIN
            UPDATE tag_counts SET excerpts = excerpts - old.excerpts WHERE tag_id = old.tag_id;
            INSERT INTO tag_counts(tag_id, excerpts) VALUES (new.tag_id, new.excerpts)
            ON CONFLICT(tag_id) DO UPDATE SET excerpts = excerpts + new.excerpts;
        END""",
        """CREATE TRIGGER tag_counts_removed AFTER DELETE ON release_tags BEGIN
            UPDATE tag_counts SET excerpts = excerpts - old.excerpts WHERE tag_id = old.tag_id;
        END""",
    ],
    # 8: who issued a release and who spoke, its countries, and where each value came from.
    # An issuer is an organisation with its names (in languages, and the other names it is
    # known by, kept as lookup keys) and web domains; the known ones are seeded from
    # resources/issuers.toml, the analyst's own and their merges live here. A release keeps
    # the issuer name its input gave (``issuer_given``) so that an issuer can be split again
    # by the names it was found under. ``*_origin`` says where a value came from: "source"
    # (the input's metadata), "text" (found in the text), "detected", or "analyst" (set by
    # hand, kept through re-imports and re-cleaning). The derived values of releases
    # already held are filled by the step after this one (store.attribution_upgrade).
    [
        """CREATE TABLE issuers (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
            country TEXT,
            kind TEXT,
            known_key TEXT UNIQUE,
            created_at TEXT NOT NULL
        )""",
        """CREATE TABLE issuer_names (
            key TEXT PRIMARY KEY,
            issuer_id INTEGER NOT NULL REFERENCES issuers(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            language TEXT
        ) WITHOUT ROWID""",
        "CREATE INDEX issuer_names_issuer ON issuer_names(issuer_id)",
        """CREATE TABLE issuer_domains (
            domain TEXT PRIMARY KEY,
            issuer_id INTEGER NOT NULL REFERENCES issuers(id) ON DELETE CASCADE
        ) WITHOUT ROWID""",
        "CREATE INDEX issuer_domains_issuer ON issuer_domains(issuer_id)",
        "ALTER TABLE releases ADD COLUMN issuer_id INTEGER REFERENCES issuers(id) "
        "ON DELETE SET NULL",
        "ALTER TABLE releases ADD COLUMN issuer_given TEXT",
        "ALTER TABLE releases ADD COLUMN speaker TEXT",
        "ALTER TABLE releases ADD COLUMN date_origin TEXT",
        "ALTER TABLE releases ADD COLUMN issuer_origin TEXT",
        "ALTER TABLE releases ADD COLUMN speaker_origin TEXT",
        "ALTER TABLE releases ADD COLUMN language_origin TEXT",
        "UPDATE releases SET date_origin = 'source' WHERE date IS NOT NULL",
        "UPDATE releases SET language_origin = 'source' WHERE language IS NOT NULL",
        "CREATE INDEX releases_issuer ON releases(issuer_id, date DESC)",
        "CREATE INDEX releases_language ON releases(language, date DESC)",
        """CREATE TABLE release_countries (
            release_id INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
            country TEXT NOT NULL,
            PRIMARY KEY (release_id, country)
        ) WITHOUT ROWID""",
        "CREATE INDEX release_countries_country ON release_countries(country, release_id)",
        # What the store notes of work it has done or still has to do (not counts):
        # how many known issuers it has seeded, and, for releases held before this version,
        # the id below which their issuer, speaker, language and countries have been found
        # again from their originals (newest first).
        """CREATE TABLE store_notes (
            name TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        ) WITHOUT ROWID""",
        """INSERT INTO store_notes(name, value)
            SELECT 'attribution_pending', max(id) FROM releases WHERE id IS NOT NULL
            HAVING count(*) > 0""",
    ],
    # 9: where the same wording appears in other releases (store.fingerprints, store.reuse):
    # each release's winnowed shingle hashes, keyed by hash so that the releases sharing a
    # passage are found by looking up a release's own few hundred fingerprints. A release's
    # rows go when it is deleted or its text changes (the saving code writes the new ones);
    # releases held before this version are fingerprinted by the step after the migrations
    # (store.fingerprint_upgrade), newest first from the id noted here.
    [
        """CREATE TABLE release_fingerprints (
            hash INTEGER NOT NULL,
            release_id INTEGER NOT NULL,
            PRIMARY KEY (hash, release_id)
        ) WITHOUT ROWID""",
        "CREATE INDEX release_fingerprints_release ON release_fingerprints(release_id)",
        """CREATE TRIGGER release_fingerprints_deleted AFTER DELETE ON releases BEGIN
            DELETE FROM release_fingerprints WHERE release_id = old.id;
        END""",
        """CREATE TRIGGER release_fingerprints_rewritten AFTER UPDATE OF text ON releases
        WHEN old.text IS NOT new.text BEGIN
            DELETE FROM release_fingerprints WHERE release_id = old.id;
        END""",
        """INSERT INTO store_notes(name, value)
            SELECT 'fingerprints_pending', max(id) FROM releases WHERE id IS NOT NULL
            HAVING count(*) > 0""",
    ],
    # 10: following feeds, sitemaps, listing pages and folders (store.subscriptions,
    # store.fetch): each subscription with its rule, schedule, the validators of its last
    # answer (ETag, Last-Modified), its last outcome in words and a claim lease, so that two
    # processes never fetch it at once; which releases each one brought; the pages a sitemap
    # or listing has already given and the files a folder has already given; and which
    # releases are still unread. Nothing to backfill: no release held before is unread.
    [
        """CREATE TABLE subscriptions (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('feed', 'sitemap', 'listing', 'folder')),
            url TEXT NOT NULL UNIQUE,
            issuer_id INTEGER REFERENCES issuers(id) ON DELETE SET NULL,
            language TEXT,
            every INTEGER NOT NULL DEFAULT 3600 CHECK (every > 0),
            selector TEXT,
            pattern TEXT,
            paused INTEGER NOT NULL DEFAULT 0,
            starred INTEGER NOT NULL DEFAULT 0,
            etag TEXT,
            last_modified TEXT,
            last_fetch TEXT,
            next_fetch TEXT,
            status TEXT CHECK (status IN ('ok', 'not-modified', 'error')),
            error TEXT,
            failures INTEGER NOT NULL DEFAULT 0,
            claimed_by TEXT,
            claimed_until TEXT,
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX subscriptions_due ON subscriptions(paused, next_fetch)",
        """CREATE TABLE subscription_releases (
            subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
            release_id INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
            first_seen TEXT NOT NULL,
            PRIMARY KEY (subscription_id, release_id)
        ) WITHOUT ROWID""",
        "CREATE INDEX subscription_releases_release ON subscription_releases(release_id)",
        """CREATE TABLE subscription_pages (
            subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
            url TEXT NOT NULL,
            lastmod TEXT,
            fetched_at TEXT NOT NULL,
            PRIMARY KEY (subscription_id, url)
        ) WITHOUT ROWID""",
        """CREATE TABLE subscription_files (
            subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
            path TEXT NOT NULL,
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            content_hash TEXT NOT NULL,
            PRIMARY KEY (subscription_id, path)
        ) WITHOUT ROWID""",
        """CREATE TABLE unread_releases (
            release_id INTEGER PRIMARY KEY REFERENCES releases(id) ON DELETE CASCADE,
            since TEXT NOT NULL
        )""",
    ],
]

SCHEMA_VERSION = len(MIGRATIONS)

# What each migration does, in the analyst's words: the step an upgrade shows while it runs.
MIGRATION_STEPS: list[str] = [
    "Creating the store",
    "Indexing the release list's sort orders",
    "Indexing the highlights that lost their place",
    "Counting the releases",
    "Counting releases per source and topic, and the excerpts",
    "Rebuilding the search index",
    "Counting each topic's highlights",
    "Making room for issuers, speakers and countries",
    "Making room for where else a release's wording appears",
    "Making room for subscriptions and unread releases",
]
