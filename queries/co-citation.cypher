// name: co-citation
// answers: Pairs of documents cited together by the same notice, with how many notices cite both; with a symbol, what is cited together with that document.
// param: symbol | symbol | none | 128/NQ-CP | only pairs that include this document (fast on any corpus)
// param: min_notices | integer | 1 | 2 | only pairs cited together by at least this many notices
// param: limit | integer | 50 | 20 | how many pairs
// columns: first, second, notices
// Without a symbol every pair is counted: the work grows with the square of the citations per notice.
MATCH (a:Document {canonical: $symbol})
WITH a
MATCH (a)<-[:CITES]-(n:Document {status: 'corpus'})-[:CITES]->(b:Document)
WHERE b <> a
WITH a, b, count(DISTINCT n) AS notices
WHERE notices >= $min_notices
RETURN coalesce(a.label, a.uid) AS first, coalesce(b.label, b.uid) AS second, notices
ORDER BY notices DESC, second
LIMIT $limit
UNION ALL
WITH $symbol AS anchor
WHERE anchor IS NULL
MATCH (a:Document)<-[:CITES]-(n:Document {status: 'corpus'})-[:CITES]->(b:Document)
WHERE a.uid < b.uid
WITH a, b, count(DISTINCT n) AS notices
WHERE notices >= $min_notices
RETURN coalesce(a.label, a.uid) AS first, coalesce(b.label, b.uid) AS second, notices
ORDER BY notices DESC, first, second
LIMIT $limit
