"""Interactive citation maps (pyvis, vis-network) and the flow layout shared with pictures."""

from viz.maps import generate_map, write_map

__all__ = ["generate_map", "write_map"]
