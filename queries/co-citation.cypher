// name: co-citation
// answers: Pairs of documents cited together by the same notice, with how many notices cite both; with a symbol, what is cited together with that document.
// param: symbol | symbol | none | 128/NQ-CP | only pairs that include this document
// param: min_notices | integer | 1 | 2 | only pairs cited together by at least this many notices
// param: limit | integer | 50 | 20 | how many pairs
// columns: first, second, notices
// Three branches, of which one runs: with a symbol, from that document; without, from the
// pairs the build keeps (the 1,000 most co-cited, in this question's order: exact for any
// limit up to 1,000); for a larger limit, every pair is counted, which grows with the square
// of the citations per notice.
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
MATCH (s:Summary {key: 'co-citation'})
WHERE $symbol IS NULL AND $limit <= s.top AND size(s.counts) > 0
UNWIND range(0, size(s.counts) - 1) AS i
WITH s.firsts[i] AS first, s.seconds[i] AS second, s.counts[i] AS notices
WHERE notices >= $min_notices
RETURN first, second, notices
ORDER BY notices DESC, first, second
LIMIT $limit
UNION ALL
WITH $symbol AS anchor, $limit AS wanted
WHERE anchor IS NULL AND wanted > 1000
MATCH (a:Document)<-[:CITES]-(n:Document {status: 'corpus'})-[:CITES]->(b:Document)
WHERE a.uid < b.uid
WITH a, b, count(DISTINCT n) AS notices
WHERE notices >= $min_notices
RETURN coalesce(a.label, a.uid) AS first, coalesce(b.label, b.uid) AS second, notices
ORDER BY notices DESC, first, second
LIMIT $limit
