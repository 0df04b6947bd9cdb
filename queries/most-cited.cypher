// name: most-cited
// answers: Documents ranked by how many notices cite them, and from how many provinces, filterable by level, type and period.
// param: level | level | none | central | central, provincial or district
// param: type | doctype | none | Nghị quyết | the cited document's type (Nghị quyết, Chỉ thị, QĐ …)
// param: from | date | none | 2021-07-01 | citing notices on or after this date
// param: to | date | none | 2021-12-31 | citing notices on or before this date
// param: limit | integer | 20 | 10 | how many documents
// columns: document, document_uid, type, level, date, issuer, notices, provinces, mentions
// Over the whole period the counts kept on each document by the build are read (for a period they
// are counted, in the last branch). Each branch runs only when its WITH … WHERE guard holds:
// - a level given: the documents of that level, through the index on level;
// - no level nor type, at most 1,000 rows: the documents the build ranked (``cited_rank``, kept in
//   this order by graphbuild/summaries.py), through the index on it;
// - otherwise every cited document.
WITH $level AS level
WHERE level IS NOT NULL AND $from IS NULL AND $to IS NULL
MATCH (d:Document)
WHERE d.level = level AND d.cited_by > 0 AND ($type IS NULL OR d.type = $type)
RETURN coalesce(d.label, d.uid) AS document, d.uid AS document_uid, d.type AS type, d.level AS level, d.date AS date, d.issuer AS issuer,
       d.cited_by AS notices, d.citing_provinces AS provinces, d.mentions_total AS mentions
ORDER BY notices DESC, provinces DESC, mentions DESC, document, document_uid
LIMIT $limit
UNION ALL
WITH $limit AS top
WHERE $level IS NULL AND $type IS NULL AND $from IS NULL AND $to IS NULL AND top <= 1000
MATCH (d:Document)
WHERE d.cited_rank <= top
RETURN coalesce(d.label, d.uid) AS document, d.uid AS document_uid, d.type AS type, d.level AS level, d.date AS date, d.issuer AS issuer,
       d.cited_by AS notices, d.citing_provinces AS provinces, d.mentions_total AS mentions
ORDER BY notices DESC, provinces DESC, mentions DESC, document, document_uid
LIMIT $limit
UNION ALL
WITH $limit AS top
WHERE $level IS NULL AND ($type IS NOT NULL OR top > 1000) AND $from IS NULL AND $to IS NULL
MATCH (d:Document)
WHERE d.cited_by > 0 AND ($type IS NULL OR d.type = $type)
RETURN coalesce(d.label, d.uid) AS document, d.uid AS document_uid, d.type AS type, d.level AS level, d.date AS date, d.issuer AS issuer,
       d.cited_by AS notices, d.citing_provinces AS provinces, d.mentions_total AS mentions
ORDER BY notices DESC, provinces DESC, mentions DESC, document, document_uid
LIMIT $limit
UNION ALL
WITH $from AS from_date, $to AS to_date
WHERE from_date IS NOT NULL OR to_date IS NOT NULL
MATCH (n:Document {status: 'corpus'})-[c:CITES]->(d:Document)
WHERE ($level IS NULL OR d.level = $level) AND ($type IS NULL OR d.type = $type)
  AND ($from IS NULL OR coalesce(n.date, n.meeting_date) >= $from) AND ($to IS NULL OR coalesce(n.date, n.meeting_date) <= $to)
RETURN coalesce(d.label, d.uid) AS document, d.uid AS document_uid, d.type AS type, d.level AS level, d.date AS date, d.issuer AS issuer,
       count(DISTINCT n) AS notices, count(DISTINCT n.province) AS provinces, toInteger(sum(c.mentions)) AS mentions
ORDER BY notices DESC, provinces DESC, mentions DESC, document, document_uid
LIMIT $limit
