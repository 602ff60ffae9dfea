-- newsgraph schema, version 6: contested claims across the articles of a story.
-- A denial (or confirmation) whose article holds no document it could answer is linked to the
-- most specific document statement (the longest speaker phrase, then the smallest id) of
-- another article of the same story, by another speaker. A view: it follows the stories as they
-- grow and does not depend on the order articles arrive in.
CREATE VIEW story_disputes AS
SELECT
    s.id AS statement_id,
    s.article_id,
    CASE WHEN list_contains(s.flags, 'denial') THEN 'disputes' ELSE 'supports' END AS link,
    first(t.id ORDER BY length(coalesce(t.speaker, '')) DESC, t.id) AS target_id
FROM statements s
JOIN articles a ON a.id = s.article_id
JOIN articles b ON b.story = a.story AND b.id <> a.id
JOIN statements t ON t.article_id = b.id AND t.kind = 'document'
    AND t.speaker_actor_id IS DISTINCT FROM s.speaker_actor_id
WHERE s.disputes IS NULL AND s.supports IS NULL
    AND (list_contains(s.flags, 'denial') OR list_contains(s.flags, 'confirmation'))
GROUP BY ALL;
