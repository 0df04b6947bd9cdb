// name: unresolved
// answers: Cited documents known only from citations and missing from the reference table, with how often and from where they are cited: the analyst's to-do list.
// param: level | level | none | central | central, provincial or district
// columns: document, status, type, level, province, date, notices, provinces, as_written
MATCH (d:Document)
WHERE d.status IN ['cited', 'unresolved'] AND NOT coalesce(d.in_reference, false) AND ($level IS NULL OR d.level = $level)
MATCH (n:Document {status: 'corpus'})-[c:CITES]->(d)
RETURN coalesce(d.label, d.uid) AS document, d.status AS status, d.type AS type, d.level AS level,
       d.province AS province, d.date AS date, count(DISTINCT n) AS notices, count(DISTINCT n.province) AS provinces,
       collect(DISTINCT c.as_written)[0..3] AS as_written
ORDER BY notices DESC, provinces DESC, document
