-- newsgraph schema, version 3: statements with their spans, speakers and links; richer source links.
ALTER TABLE statements ADD COLUMN kind VARCHAR;
ALTER TABLE statements ADD COLUMN content_spans JSON;
ALTER TABLE statements ADD COLUMN cue_start INTEGER;
ALTER TABLE statements ADD COLUMN cue_end INTEGER;
ALTER TABLE statements ADD COLUMN speaker_start INTEGER;
ALTER TABLE statements ADD COLUMN speaker_end INTEGER;
ALTER TABLE statements ADD COLUMN speaker_mention VARCHAR;
ALTER TABLE statements ADD COLUMN speaker_country VARCHAR;
ALTER TABLE statements ADD COLUMN speaker_sector VARCHAR;
ALTER TABLE statements ADD COLUMN medium_text VARCHAR;
ALTER TABLE statements ADD COLUMN via VARCHAR;
ALTER TABLE statements ADD COLUMN negated BOOLEAN;
ALTER TABLE statements ADD COLUMN disputes VARCHAR;
ALTER TABLE statements ADD COLUMN supports VARCHAR;
ALTER TABLE statements ADD COLUMN flags VARCHAR[];
ALTER TABLE source_links ADD COLUMN reporter_actor_id VARCHAR;
ALTER TABLE source_links ADD COLUMN cited_actor_id VARCHAR;
CREATE INDEX statements_speaker ON statements (speaker_actor_id);
