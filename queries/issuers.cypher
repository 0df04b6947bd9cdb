// name: issuers
// answers: Who issued what: each issuing body with its level and province, how many documents it issued (in the corpus and known from citations), and some of their symbols.
// param: province | province | none | Điện Biên | only bodies of this province
// param: level | level | none | central | central, provincial or district
// columns: issuer, level, province, documents, in_corpus, documents_issued
// sort: level, province, issuer
MATCH (d:Document)-[:ISSUED_BY]->(o:Organization)
WHERE ($province IS NULL OR o.province = $province) AND ($level IS NULL OR o.level = $level)
RETURN o.name AS issuer, o.level AS level, o.province AS province, count(DISTINCT d) AS documents,
       count(DISTINCT CASE WHEN d.status = 'corpus' THEN d.uid END) AS in_corpus,
       collect(DISTINCT coalesce(d.label, d.uid))[0..10] AS documents_issued
