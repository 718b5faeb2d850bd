"""Walk an ``evaluate()`` result: every ``{"value", "ci95"}`` entry with its path of keys."""


def metric_entries(node, path=()):
    """Yield ``(path, entry)`` for every dict holding ``value`` and ``ci95`` inside ``node``."""
    if isinstance(node, dict):
        if {"value", "ci95"} <= set(node):
            yield path, node
            return
        for key, child in node.items():
            yield from metric_entries(child, (*path, key))
