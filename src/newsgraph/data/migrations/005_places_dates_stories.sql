-- newsgraph schema, version 5: language, places, resolved dates, stories and merged events.

-- Articles: how sure the language is, why extraction was skipped, the place of the dateline.
ALTER TABLE articles ADD COLUMN language_confidence DOUBLE;
ALTER TABLE articles ADD COLUMN skipped VARCHAR;          -- why extraction did not run (e.g. language)
ALTER TABLE articles ADD COLUMN place_name VARCHAR;
ALTER TABLE articles ADD COLUMN place_country VARCHAR;    -- ISO 3166 alpha-2, as GeoNames gives it
ALTER TABLE articles ADD COLUMN place_geonameid BIGINT;
ALTER TABLE articles ADD COLUMN place_lat DOUBLE;
ALTER TABLE articles ADD COLUMN place_lon DOUBLE;
ALTER TABLE articles ADD COLUMN place_confidence DOUBLE;
CREATE INDEX articles_story ON articles (story);

-- Every place named in an article, resolved against the gazetteer.
CREATE TABLE places (
    id          VARCHAR PRIMARY KEY,
    article_id  VARCHAR NOT NULL,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    text        VARCHAR NOT NULL,
    name        VARCHAR NOT NULL,
    feature     VARCHAR NOT NULL,   -- city or country
    country     VARCHAR,            -- ISO 3166 alpha-2
    country3    VARCHAR,            -- ISO 3166 alpha-3
    geonameid   BIGINT,
    lat         DOUBLE,
    lon         DOUBLE,
    population  BIGINT,
    in_dateline BOOLEAN NOT NULL,
    confidence  DOUBLE
);
CREATE INDEX places_article ON places (article_id);

-- Events: the date's evidence and precision, and the place of the action.
ALTER TABLE events ADD COLUMN date_text VARCHAR;
ALTER TABLE events ADD COLUMN date_precision VARCHAR;    -- day, month, year, or publication (fallback)
ALTER TABLE events ADD COLUMN place_feature VARCHAR;     -- city or country
ALTER TABLE events ADD COLUMN place_country VARCHAR;     -- ISO alpha-2
ALTER TABLE events ADD COLUMN place_geonameid BIGINT;
ALTER TABLE events ADD COLUMN place_lat DOUBLE;
ALTER TABLE events ADD COLUMN place_lon DOUBLE;
ALTER TABLE events ADD COLUMN place_source VARCHAR;      -- sentence or dateline
ALTER TABLE events ADD COLUMN place_confidence DOUBLE;

-- The near-duplicate index's state: one MinHash signature per article. The LSH index is
-- rebuilt from it when an ingest opens the database, so it is written in the same
-- transaction as the article and survives a crash with it.
CREATE TABLE article_signatures (
    article_id  VARCHAR PRIMARY KEY,
    signature   UINTEGER[] NOT NULL
);

-- One event across the articles of a story: same story, source, type, target and day.
-- A view, so that it never disagrees with the events it counts and does not depend on order.
CREATE VIEW merged_events AS
SELECT
    coalesce(a.story, a.id) AS story,
    e.plover_type,
    e.source_actor_ids,
    e.target_actor_ids,
    coalesce(e.event_date, a.published) AS day,
    min(e.id) AS id,
    list(e.id ORDER BY e.id) AS event_ids,
    count(*) AS num_mentions,
    count(DISTINCT coalesce(a.publisher, a.uri)) AS num_sources,
    count(DISTINCT e.article_id) AS num_articles
FROM events e JOIN articles a ON a.id = e.article_id
GROUP BY ALL;

-- Each event with the merged event it belongs to and that event's counts.
CREATE VIEW event_merges AS
SELECT unnest(event_ids) AS event_id, id AS merged_id, story, num_mentions, num_sources, num_articles
FROM merged_events;
