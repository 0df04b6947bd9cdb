// name: policy-flow
// answers: The citation paths from a central document down to the provincial and district documents that cite it, directly or through other documents, up to a depth.
// param: symbol | symbol | required | 128/NQ-CP | the central document's number and symbol, in any spelling
// param: depth | integer | 3 | 2 | the longest chain of citations to follow (1 to 6)
// columns: depth, chain, notice, notice_uid, notice_level, province, date, lag_days
// sort: depth, date, province
// One branch per chain length: variable-length bounds cannot be parameters, and each branch
// runs only when $depth reaches it, so a shallow question never explores deep chains. Each
// starts from the cited document (WITH d), which the index finds at once; direct citations
// need no path.
MATCH (d:Document {canonical: $symbol})
WITH d
MATCH (n:Document)-[:CITES]->(d)
WHERE n.level IN ['provincial', 'district']
RETURN 1 AS depth, [coalesce(d.label, d.uid), coalesce(n.label, n.uid)] AS chain, n.label AS notice, n.uid AS notice_uid, n.level AS notice_level,
       n.province AS province, coalesce(n.date, n.meeting_date) AS date, n.day - d.day AS lag_days
UNION ALL
WITH $depth AS depth WHERE depth >= 2
MATCH (d:Document {canonical: $symbol})
WITH d
MATCH path = (n:Document)-[:CITES*2]->(d)
WHERE n.level IN ['provincial', 'district']
RETURN length(path) AS depth, reverse([x IN nodes(path) | coalesce(x.label, x.uid)]) AS chain, n.label AS notice, n.uid AS notice_uid, n.level AS notice_level,
       n.province AS province, coalesce(n.date, n.meeting_date) AS date, n.day - d.day AS lag_days
UNION ALL
WITH $depth AS depth WHERE depth >= 3
MATCH (d:Document {canonical: $symbol})
WITH d
MATCH path = (n:Document)-[:CITES*3]->(d)
WHERE n.level IN ['provincial', 'district']
RETURN length(path) AS depth, reverse([x IN nodes(path) | coalesce(x.label, x.uid)]) AS chain, n.label AS notice, n.uid AS notice_uid, n.level AS notice_level,
       n.province AS province, coalesce(n.date, n.meeting_date) AS date, n.day - d.day AS lag_days
UNION ALL
WITH $depth AS depth WHERE depth >= 4
MATCH (d:Document {canonical: $symbol})
WITH d
MATCH path = (n:Document)-[:CITES*4]->(d)
WHERE n.level IN ['provincial', 'district']
RETURN length(path) AS depth, reverse([x IN nodes(path) | coalesce(x.label, x.uid)]) AS chain, n.label AS notice, n.uid AS notice_uid, n.level AS notice_level,
       n.province AS province, coalesce(n.date, n.meeting_date) AS date, n.day - d.day AS lag_days
UNION ALL
WITH $depth AS depth WHERE depth >= 5
MATCH (d:Document {canonical: $symbol})
WITH d
MATCH path = (n:Document)-[:CITES*5]->(d)
WHERE n.level IN ['provincial', 'district']
RETURN length(path) AS depth, reverse([x IN nodes(path) | coalesce(x.label, x.uid)]) AS chain, n.label AS notice, n.uid AS notice_uid, n.level AS notice_level,
       n.province AS province, coalesce(n.date, n.meeting_date) AS date, n.day - d.day AS lag_days
UNION ALL
WITH $depth AS depth WHERE depth >= 6
MATCH (d:Document {canonical: $symbol})
WITH d
MATCH path = (n:Document)-[:CITES*6]->(d)
WHERE n.level IN ['provincial', 'district']
RETURN length(path) AS depth, reverse([x IN nodes(path) | coalesce(x.label, x.uid)]) AS chain, n.label AS notice, n.uid AS notice_uid, n.level AS notice_level,
       n.province AS province, coalesce(n.date, n.meeting_date) AS date, n.day - d.day AS lag_days
