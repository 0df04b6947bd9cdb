// name: issuers
// answers: Who issued what: each issuing body with its level and province, how many documents it issued (in the corpus and known from citations), and up to ten of them.
// param: province | province | none | Điện Biên | only bodies of this province
// param: level | level | none | central | central, provincial or district
// columns: issuer, level, province, documents, in_corpus, documents_issued
// sort: level, province, issuer
MATCH (o:Organization)
WHERE ($province IS NULL OR o.province = $province) AND ($level IS NULL OR o.level = $level)
WITH o
MATCH (d:Document)-[:ISSUED_BY]->(o)
WITH o, count(d) AS documents, sum(CASE WHEN d.status = 'corpus' THEN 1 ELSE 0 END) AS in_corpus,
     collect(coalesce(d.label, d.uid)) AS issued
RETURN o.name AS issuer, o.level AS level, o.province AS province, documents, toInteger(in_corpus) AS in_corpus,
       issued[0..10] AS documents_issued
