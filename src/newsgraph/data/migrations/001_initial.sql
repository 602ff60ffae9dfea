-- newsgraph schema, version 1: every table the pipeline writes, created now even where
-- later stages fill them. Record ids are deterministic: "<article id>:<kind><index>".

CREATE TABLE articles (
    id               VARCHAR PRIMARY KEY,   -- hash of the normalised clean text
    uri              VARCHAR NOT NULL,
    headline         VARCHAR,
    publisher        VARCHAR,
    published        DATE,
    dateline         VARCHAR,
    byline           VARCHAR,
    language         VARCHAR,
    encoding         VARCHAR,
    text             VARCHAR NOT NULL,      -- every character offset refers to this text
    word_count       INTEGER NOT NULL,
    story            VARCHAR,
    previous_version VARCHAR,               -- the earlier article with the same uri, if any
    cleaning         JSON,                  -- what cleaning removed, and by which rule
    run_id           BIGINT,
    ingested_at      TIMESTAMP NOT NULL
);
CREATE INDEX articles_uri ON articles (uri);

CREATE TABLE actors (
    id        VARCHAR PRIMARY KEY,
    name      VARCHAR NOT NULL,
    kind      VARCHAR,
    country   VARCHAR,
    sector    VARCHAR,
    aliases   VARCHAR[],
    wikidata  VARCHAR
);

CREATE TABLE mentions (
    id          VARCHAR PRIMARY KEY,
    article_id  VARCHAR NOT NULL,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    text        VARCHAR NOT NULL,
    label       VARCHAR,
    method      VARCHAR NOT NULL,
    actor_id    VARCHAR,
    rule        VARCHAR,
    confidence  DOUBLE
);
CREATE INDEX mentions_article ON mentions (article_id);

CREATE TABLE statements (
    id                VARCHAR PRIMARY KEY,
    article_id        VARCHAR NOT NULL,
    start_char        INTEGER NOT NULL,
    end_char          INTEGER NOT NULL,
    content           VARCHAR NOT NULL,
    direct            BOOLEAN NOT NULL,
    cue               VARCHAR,
    speaker           VARCHAR,
    speaker_actor_id  VARCHAR,
    speaker_role      VARCHAR,
    anonymous         BOOLEAN NOT NULL,
    medium            VARCHAR,
    rule              VARCHAR,
    confidence        DOUBLE
);
CREATE INDEX statements_article ON statements (article_id);

CREATE TABLE events (
    id                VARCHAR PRIMARY KEY,
    article_id        VARCHAR NOT NULL,
    start_char        INTEGER NOT NULL,
    end_char          INTEGER NOT NULL,
    trigger           VARCHAR NOT NULL,
    plover_type       VARCHAR NOT NULL,
    mode              VARCHAR,
    cameo             VARCHAR,
    quad_class        INTEGER,
    source_actor_ids  VARCHAR[],
    target_actor_ids  VARCHAR[],
    status            VARCHAR NOT NULL,
    event_date        DATE,
    place             VARCHAR,
    rule              VARCHAR,
    confidence        DOUBLE
);
CREATE INDEX events_article ON events (article_id);

CREATE TABLE source_links (
    id           VARCHAR PRIMARY KEY,
    article_id   VARCHAR NOT NULL,
    record_kind  VARCHAR NOT NULL,   -- statement or event
    record_id    VARCHAR NOT NULL,
    hop          INTEGER NOT NULL,   -- 0 = the publisher, then each cited source in turn
    reporter     VARCHAR NOT NULL,
    cited        VARCHAR NOT NULL,
    cue          VARCHAR
);
CREATE INDEX source_links_article ON source_links (article_id);

CREATE SEQUENCE ingest_run_ids START 1;

CREATE TABLE ingest_runs (
    id          BIGINT PRIMARY KEY,
    command     VARCHAR NOT NULL,
    started_at  TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    added       INTEGER,
    unchanged   INTEGER,
    versions    INTEGER,
    failed      INTEGER
);

CREATE TABLE ingest_errors (
    run_id  BIGINT NOT NULL,
    uri     VARCHAR NOT NULL,
    code    VARCHAR NOT NULL,
    reason  VARCHAR NOT NULL,
    recorded_at TIMESTAMP NOT NULL
);
