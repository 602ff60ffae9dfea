-- newsgraph schema, version 2: how mentions resolve to actors, and what is known of people.
ALTER TABLE mentions ADD COLUMN role VARCHAR;
ALTER TABLE mentions ADD COLUMN sector VARCHAR;
ALTER TABLE mentions ADD COLUMN refers_to VARCHAR;   -- id of the antecedent mention
ALTER TABLE actors ADD COLUMN parent VARCHAR;
ALTER TABLE actors ADD COLUMN affiliations VARCHAR[];
ALTER TABLE actors ADD COLUMN role VARCHAR;
ALTER TABLE actors ADD COLUMN gender VARCHAR;
CREATE INDEX mentions_actor ON mentions (actor_id);
