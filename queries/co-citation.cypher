// name: co-citation
// answers: Pairs of documents cited together by the same notice, with how many notices cite both.
// param: min_notices | integer | 1 | 2 | only pairs cited together by at least this many notices
// param: limit | integer | 50 | 20 | how many pairs
// columns: first, second, notices
MATCH (a:Document)<-[:CITES]-(n:Document {status: 'corpus'})-[:CITES]->(b:Document)
WHERE a.uid < b.uid
WITH a, b, count(DISTINCT n) AS notices
WHERE notices >= $min_notices
RETURN coalesce(a.label, a.uid) AS first, coalesce(b.label, b.uid) AS second, notices
ORDER BY notices DESC, first, second
LIMIT $limit
