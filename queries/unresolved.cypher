// name: unresolved
// answers: Cited documents known only from citations and missing from the reference table, with how often and from where they are cited: the analyst's to-do list.
// param: level | level | none | central | central, provincial or district
// columns: document, status, type, level, province, date, notices, provinces, as_written
// The counts and spellings are kept on each document by the build. The count is read through
// coalesce so that Neo4j starts from the status index (a few rows), not from every cited document.
MATCH (d:Document)
WHERE d.status IN ['cited', 'unresolved'] AND coalesce(d.cited_by, 0) > 0 AND NOT coalesce(d.in_reference, false)
  AND ($level IS NULL OR d.level = $level)
RETURN coalesce(d.label, d.uid) AS document, d.status AS status, d.type AS type, d.level AS level,
       d.province AS province, d.date AS date, d.cited_by AS notices, d.citing_provinces AS provinces, d.spellings AS as_written
ORDER BY notices DESC, provinces DESC, document
