-- newsgraph schema, version 4: events with their evidence and the statement they sit in.
ALTER TABLE events ADD COLUMN goldstein DOUBLE;
ALTER TABLE events ADD COLUMN source_text VARCHAR;
ALTER TABLE events ADD COLUMN target_text VARCHAR;
ALTER TABLE events ADD COLUMN statement VARCHAR;      -- id of the statement the event sits inside
ALTER TABLE events ADD COLUMN sentence_start INTEGER;
ALTER TABLE events ADD COLUMN sentence_end INTEGER;
CREATE INDEX events_type ON events (plover_type);
