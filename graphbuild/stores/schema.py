"""The graph's schema as both stores keep it: each label's key (a unique constraint and an index)
and the properties the query library filters on (an index each)."""

from __future__ import annotations

# Labels and the property that identifies their nodes: an index and a unique constraint each.
KEYS = {"Document": "uid", "Organization": "uid", "Person": "uid", "Province": "uid", "MergedProvince": "uid", "Source": "path", "BuildState": "key", "Summary": "key"}
# Properties the query library filters on.
INDEXED = {"Document": ("canonical", "status", "province", "level", "cited_by", "cited_rank", "warned", "conflicts"), "Province": ("name",)}
