// name: issuers
// answers: Who issued what: each issuing body with its level and province, how many documents it issued (in the corpus and known from citations), and ten of them.
// param: province | province | none | Điện Biên | only bodies of this province
// param: level | level | none | central | central, provincial or district
// columns: issuer, level, province, documents, in_corpus, documents_issued
// sort: level, province, issuer
// The counts are kept on each body by the build (graphbuild/summaries.py).
MATCH (o:Organization)
WHERE o.documents > 0 AND ($province IS NULL OR o.province = $province) AND ($level IS NULL OR o.level = $level)
RETURN o.name AS issuer, o.level AS level, o.province AS province, o.documents AS documents, o.in_corpus AS in_corpus,
       o.issued AS documents_issued
